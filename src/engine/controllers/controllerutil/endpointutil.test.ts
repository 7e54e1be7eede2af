import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { endpointsMayChange } from './endpointutil';

const pod: Pod = {
  metadata: { name: 'web-1', namespace: 'default', labels: { app: 'web' } },
  spec: { nodeName: 'worker', containers: [{ name: 'c', image: 'nginx' }] },
  status: {
    phase: 'Running',
    podIP: '10.244.1.5',
    conditions: [
      { type: 'Ready', status: 'False' },
      { type: 'ContainersReady', status: 'False' },
    ],
    containerStatuses: [{ name: 'c', image: 'nginx', imageID: '', ready: false, restartCount: 0 }],
  },
};

const withStatus = (status: Partial<NonNullable<Pod['status']>>): Pod => ({ ...pod, status: { ...pod.status, ...status } });

describe('endpointsMayChange', () => {
  it('ignores what endpoints do not show: restarts, other conditions', () => {
    expect(endpointsMayChange(withStatus({ containerStatuses: [{ name: 'c', image: 'nginx', imageID: '', ready: false, restartCount: 3 }] }), pod)).toBe(false);
    expect(endpointsMayChange(withStatus({ conditions: [{ type: 'Ready', status: 'False' }, { type: 'ContainersReady', status: 'True' }] }), pod)).toBe(false);
    expect(endpointsMayChange({ ...pod, metadata: { ...pod.metadata, labels: { app: 'web' } } }, pod)).toBe(false);
  });

  it('sees readiness, address, labels, deletion and placement', () => {
    expect(endpointsMayChange(withStatus({ conditions: [{ type: 'Ready', status: 'True' }] }), pod)).toBe(true);
    expect(endpointsMayChange(withStatus({ podIP: '10.244.1.6' }), pod)).toBe(true);
    expect(endpointsMayChange(withStatus({ phase: 'Succeeded' }), pod)).toBe(true);
    expect(endpointsMayChange({ ...pod, metadata: { ...pod.metadata, labels: { app: 'web', tier: 'x' } } }, pod)).toBe(true);
    expect(endpointsMayChange({ ...pod, metadata: { ...pod.metadata, labels: {} } }, pod)).toBe(true);
    expect(endpointsMayChange({ ...pod, metadata: { ...pod.metadata, deletionTimestamp: '2025-01-06T09:00:00Z' } }, pod)).toBe(true);
    expect(endpointsMayChange({ ...pod, spec: { ...pod.spec, containers: pod.spec?.containers ?? [], hostname: 'web-1' } }, pod)).toBe(true);
  });
});
