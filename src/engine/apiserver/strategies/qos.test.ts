import type { Container, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { qosClass } from './qos';

// Cases after pkg/apis/core/v1/helper/qos/qos_test.go (TestComputePodQOS).

type R = Record<string, string>;
const c = (requests?: R, limits?: R): Container => ({ name: 'c', image: 'i', resources: { requests, limits } });
const pod = (containers: Container[], initContainers?: Container[]): Pod => ({ spec: { containers, initContainers } });
const cpuMem = (cpu: string, memory: string): R => ({ cpu, memory });

describe('qosClass', () => {
  it.each([
    ['no resources at all', pod([c()]), 'BestEffort'],
    ['two containers without resources', pod([c(), c()]), 'BestEffort'],
    ['only an extended resource', pod([c({ 'nvidia.com/gpu': '1' }, { 'nvidia.com/gpu': '1' })]), 'BestEffort'],
    ['zero requests', pod([c({ cpu: '0' })]), 'BestEffort'],
    ['requests equal limits for cpu and memory', pod([c(cpuMem('100m', '100Mi'), cpuMem('100m', '100Mi'))]), 'Guaranteed'],
    [
      'two guaranteed containers',
      pod([c(cpuMem('100m', '100Mi'), cpuMem('100m', '100Mi')), c(cpuMem('1', '1Gi'), cpuMem('1', '1Gi'))]),
      'Guaranteed',
    ],
    ['equal values written differently', pod([c(cpuMem('1', '1Gi'), cpuMem('1000m', '1024Mi'))]), 'Guaranteed'],
    ['limits only on cpu', pod([c({ cpu: '100m' }, { cpu: '100m' })]), 'Burstable'],
    ['requests below limits', pod([c(cpuMem('100m', '100Mi'), cpuMem('200m', '200Mi'))]), 'Burstable'],
    ['requests only', pod([c(cpuMem('100m', '100Mi'))]), 'Burstable'],
    ['one guaranteed and one best-effort container', pod([c(cpuMem('100m', '100Mi'), cpuMem('100m', '100Mi')), c()]), 'Burstable'],
    ['a best-effort init container', pod([c(cpuMem('100m', '100Mi'), cpuMem('100m', '100Mi'))], [c()]), 'Burstable'],
    ['a burstable init container', pod([c()], [c({ cpu: '100m' })]), 'Burstable'],
  ])('%s → %s', (_, p, want) => {
    expect(qosClass(p)).toBe(want);
  });
});
