import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { pendingReason, podVisual } from './podstate';

const running = (ready: boolean, extra: Partial<Pod> = {}): Pod => ({
  spec: { nodeName: 'w1', containers: [{ name: 'a' }] },
  status: { phase: 'Running', containerStatuses: [{ name: 'a', ready, restartCount: 0, image: '', imageID: '', state: { running: {} } }] },
  ...extra,
});
const waiting = (reason: string, restarts = 0): Pod => ({
  spec: { nodeName: 'w1', containers: [{ name: 'a' }] },
  status: { phase: 'Running', containerStatuses: [{ name: 'a', ready: false, restartCount: restarts, image: '', imageID: '', state: { waiting: { reason } } }] },
});

describe('podVisual', () => {
  it('reads each state at a glance', () => {
    expect(podVisual(running(true))).toMatchObject({ tone: 'ok', icon: 'check', status: 'Running', ready: '1/1' });
    expect(podVisual(running(false))).toMatchObject({ tone: 'notready', icon: 'alert' });
    expect(podVisual(waiting('CrashLoopBackOff', 5))).toMatchObject({ tone: 'error', icon: 'crash', restarts: 5 });
    expect(podVisual(waiting('ImagePullBackOff'))).toMatchObject({ tone: 'error', icon: 'pull' });
    expect(podVisual(waiting('ErrImagePull'))).toMatchObject({ tone: 'error', icon: 'pull' });
    expect(podVisual(waiting('ContainerCreating'))).toMatchObject({ tone: 'progress', icon: 'spinner' });
    expect(podVisual(running(true, { metadata: { deletionTimestamp: 't' } }))).toMatchObject({ tone: 'terminating', status: 'Terminating' });
    expect(podVisual({ spec: { containers: [{ name: 'a' }] }, status: { phase: 'Pending' } })).toMatchObject({ tone: 'pending', icon: 'hourglass' });
    expect(podVisual({ spec: { nodeName: 'w', containers: [{ name: 'a' }] }, status: { phase: 'Pending' } })).toMatchObject({ tone: 'progress' });
    expect(podVisual({ status: { phase: 'Succeeded', containerStatuses: [{ name: 'a', ready: false, restartCount: 0, image: '', imageID: '', state: { terminated: { exitCode: 0, reason: 'Completed' } } }] } })).toMatchObject({ tone: 'done' });
    expect(podVisual({ status: { phase: 'Failed', reason: 'Evicted' } })).toMatchObject({ tone: 'error' });
  });
  it('pending reason from the PodScheduled condition', () => {
    const pod: Pod = { status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/4 nodes are available: 4 Insufficient cpu.' }] } };
    expect(pendingReason(pod)).toBe('0/4 nodes are available: 4 Insufficient cpu.');
    expect(pendingReason({})).toBeUndefined();
  });
});
