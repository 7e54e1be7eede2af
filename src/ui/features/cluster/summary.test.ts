import type { Node, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { nodeRoles, nodeStatus, podReady, podRestarts, podStatus } from './summary';

const cs = (name: string, state: object, extra: object = {}) => ({ name, ready: false, restartCount: 0, image: '', imageID: '', state, ...extra });

describe('cluster summary cells', () => {
  it('node status and roles as kubectl prints them', () => {
    const node: Node = { metadata: { name: 'cp', labels: { 'node-role.kubernetes.io/control-plane': '' } }, spec: { unschedulable: true }, status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } };
    expect(nodeStatus(node)).toBe('NotReady,SchedulingDisabled');
    expect(nodeRoles(node)).toBe('control-plane');
    expect(nodeRoles({ metadata: { name: 'w' } })).toBe('<none>');
  });
  it('pod status prefers waiting reasons and Terminating', () => {
    const pod: Pod = { spec: { containers: [{ name: 'a' }, { name: 'b' }] }, status: { phase: 'Pending', containerStatuses: [cs('a', { running: {} }, { ready: true }), cs('b', { waiting: { reason: 'ImagePullBackOff' } })] } };
    expect(podStatus(pod)).toBe('ImagePullBackOff');
    expect(podReady(pod)).toBe('1/2');
    expect(podStatus({ metadata: { deletionTimestamp: 'x' }, status: { phase: 'Running' } })).toBe('Terminating');
  });
  it('init containers, completed pods, restarts and exit codes', () => {
    const init: Pod = { spec: { initContainers: [{ name: 'i' }], containers: [{ name: 'a' }] }, status: { phase: 'Pending', initContainerStatuses: [cs('i', { waiting: { reason: 'PodInitializing' } })] } };
    expect(podStatus(init)).toBe('Init:0/1');
    const done: Pod = { spec: { containers: [{ name: 'a' }] }, status: { phase: 'Succeeded', containerStatuses: [cs('a', { terminated: { exitCode: 0, reason: 'Completed' } })] } };
    expect(podStatus(done)).toBe('Completed');
    const crashed: Pod = { spec: { containers: [{ name: 'a' }] }, status: { phase: 'Running', containerStatuses: [cs('a', { terminated: { exitCode: 137 } }, { restartCount: 4 })] } };
    expect(podStatus(crashed)).toBe('ExitCode:137');
    expect(podRestarts(crashed)).toBe(4);
    expect(podStatus({ status: { phase: 'Failed', reason: 'Evicted' } })).toBe('Evicted');
    expect(podStatus({})).toBe('Pending');
  });
});
