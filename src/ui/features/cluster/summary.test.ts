import type { Node, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { nodeRoles, nodeStatus, podReady, podStatus } from './summary';

describe('cluster summary cells', () => {
  it('node status and roles as kubectl prints them', () => {
    const node: Node = { metadata: { name: 'cp', labels: { 'node-role.kubernetes.io/control-plane': '' } }, spec: { unschedulable: true }, status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } };
    expect(nodeStatus(node)).toBe('NotReady,SchedulingDisabled');
    expect(nodeRoles(node)).toBe('control-plane');
    expect(nodeRoles({ metadata: { name: 'w' } })).toBe('<none>');
  });
  it('pod status prefers waiting reasons and Terminating', () => {
    const pod: Pod = { spec: { containers: [{ name: 'a' }, { name: 'b' }] }, status: { phase: 'Pending', containerStatuses: [{ name: 'a', ready: true, restartCount: 0, image: '', imageID: '', state: { running: {} } }, { name: 'b', ready: false, restartCount: 0, image: '', imageID: '', state: { waiting: { reason: 'ImagePullBackOff' } } }] } };
    expect(podStatus(pod)).toBe('ImagePullBackOff');
    expect(podReady(pod)).toBe('1/2');
    expect(podStatus({ metadata: { deletionTimestamp: 'x' }, status: { phase: 'Running' } })).toBe('Terminating');
  });
});
