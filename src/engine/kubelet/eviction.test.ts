import type { Node, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { kubeletHarness } from './testing';

const hog: Pod = {
  metadata: { name: 'hog' },
  spec: {
    containers: [{ name: 'hog', image: 'polinux/stress', command: ['stress'], args: ['--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'] }],
  },
};

const guaranteed: Pod = {
  metadata: { name: 'steady' },
  spec: {
    containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '100m', memory: '64Mi' } } }],
  },
};

function cluster() {
  const h = kubeletHarness();
  h.machine('worker-1');
  h.advance(3000);
  h.run(hog, 'worker-1');
  h.run(guaranteed, 'worker-1');
  h.advance(20_000);
  const condition = (type: string) => h.api.get<Node>('nodes', '', 'worker-1').status?.conditions?.find((c) => c.type === type);
  const nodeEvents = () => h.events('worker-1', '').filter((e) => e.startsWith('EvictionThresholdMet'));
  return { ...h, condition, nodeEvents };
}

describe('eviction manager', () => {
  it('evicts the pod using more memory than it requested first, with the kubelet message, and stops there', () => {
    const h = cluster();
    expect(h.pod('hog')?.status?.phase).toBe('Running');
    expect(h.condition('MemoryPressure')?.status).toBe('False');
    h.fleet.setPressure('worker-1', 'memory', true);
    h.advance(11_000);
    expect(h.condition('MemoryPressure')).toMatchObject({ status: 'True', reason: 'KubeletHasInsufficientMemory' });
    expect(h.nodeEvents()[0]).toBe('EvictionThresholdMet: Attempting to reclaim memory');
    const evicted = h.events('hog').find((e) => e.startsWith('Evicted'));
    expect(evicted).toMatch(
      /^Evicted: The node was low on resource: memory\. Threshold quantity: 100Mi, available: 52Mi\. Container hog was using \d+(Ki|Mi), request is 0, has larger consumption of memory\. $/,
    );
    h.advance(3000);
    const p = h.pod('hog');
    expect(p?.status).toMatchObject({ phase: 'Failed', reason: 'Evicted' });
    expect(p?.status?.message).toBe(evicted?.slice('Evicted: '.length));
    expect(p?.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'TerminationByKubelet' });
    expect(h.events('hog')).toContain('Killing: Stopping container hog');
    // The hog's memory is back: the signal recovered and the Guaranteed pod stays.
    h.advance(60_000);
    expect(h.pod('steady')?.status?.phase).toBe('Running');
    expect(h.pod('hog')).toBeDefined();
    // The condition is held for evictionPressureTransitionPeriod after the signal recovered.
    expect(h.condition('MemoryPressure')?.status).toBe('True');
    h.advance(5 * 60_000);
    expect(h.condition('MemoryPressure')).toMatchObject({ status: 'False', reason: 'KubeletHasSufficientMemory' });
  });

  it('keeps evicting, one pod per pass, while the consumer outweighs what pods free; never a critical pod', () => {
    const h = cluster();
    h.fleet.addStaticPod('worker-1', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'agent', namespace: 'kube-system' }, spec: { containers: [{ name: 'a', image: 'nginx' }] } });
    h.advance(10_000);
    const images = () => Object.keys(h.fleet.machineState('worker-1')?.images ?? {}).length;
    const before = images();
    h.fleet.setPressure('worker-1', 'disk', true);
    h.advance(10_500);
    // Image garbage collection ran first (the pause image and images in use stay).
    expect(images()).toBeLessThan(before);
    expect(Object.values(h.fleet.machineState('worker-1')?.images ?? {}).some((i) => i.names.some((n) => n.includes('pause')))).toBe(true);
    const failed = () => ['hog', 'steady'].filter((n) => h.pod(n)?.status?.reason === 'Evicted');
    expect(h.condition('DiskPressure')?.status).toBe('True');
    expect(failed()).toHaveLength(1);
    h.advance(10_500);
    expect(failed()).toHaveLength(2);
    expect(h.events('hog').find((e) => e.startsWith('Evicted'))).toMatch(/^Evicted: The node was low on resource: ephemeral-storage\. Threshold quantity: \d+(Ki)?, available: /);
    h.advance(60_000);
    expect(h.pod('agent-worker-1', 'kube-system')?.status?.phase).toBe('Running');
    expect(h.fleet.podRuntime('kube-system', 'agent-worker-1')?.evicted).toBeUndefined();
  });

  it('ranks pods over their memory requests first, then lower priority, then most usage above requests', async () => {
    const { rank } = await import('./eviction');
    const c = (key: string, usage: number, requests: number, priority = 0) =>
      ({ rt: { key } as never, usage, requests, priority, containers: [] }) as Parameters<typeof rank>[0][number];
    const order = rank([c('guaranteed', 50, 64), c('burstable', 90, 64), c('besteffort', 10, 0), c('besteffort-high', 500, 0, 1000)], 'memory');
    expect(order.map((x) => x.rt.key)).toEqual(['burstable', 'besteffort', 'besteffort-high', 'guaranteed']);
  });

  it('survives a snapshot of the fleet state with the fault on', () => {
    const h = cluster();
    h.fleet.setPressure('worker-1', 'memory', true);
    const saved = h.fleet.snapshotState();
    h.fleet.restoreState(saved);
    h.advance(11_000);
    expect(h.pod('hog')?.status?.phase === 'Failed' || h.events('hog').some((e) => e.startsWith('Evicted'))).toBe(true);
  });

  it('refuses new BestEffort pods at admission while the node has memory pressure; others get in', () => {
    const h = cluster();
    h.fleet.setPressure('worker-1', 'memory', true);
    h.advance(11_000);
    h.run({ metadata: { name: 'late' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }, 'worker-1');
    h.run({ metadata: { name: 'burst' }, spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { memory: '16Mi' } } }] } }, 'worker-1');
    h.advance(5000);
    expect(h.pod('late')?.status).toMatchObject({
      phase: 'Failed',
      reason: 'Evicted',
      message: 'Pod was rejected: The node had condition: [MemoryPressure]. ',
      qosClass: 'BestEffort',
    });
    expect(h.events('late')).toEqual(['Evicted: The node had condition: [MemoryPressure]. ']);
    expect(h.pod('burst')?.status?.phase).toBe('Running');
  });

  it('under PID pressure evicts the lowest priority first and reports pids in the message', () => {
    const h = cluster();
    h.run({ metadata: { name: 'important' }, spec: { priority: 1000, containers: [{ name: 'c', image: 'nginx' }] } }, 'worker-1');
    h.advance(10_000);
    h.fleet.setPressure('worker-1', 'pid', true);
    h.advance(10_500);
    expect(h.condition('PIDPressure')).toMatchObject({ status: 'True', reason: 'KubeletHasInsufficientPID' });
    expect(h.nodeEvents()).toContain('EvictionThresholdMet: Attempting to reclaim pids');
    const first = ['hog', 'steady', 'important'].find((n) => h.events(n).some((e) => e.startsWith('Evicted')));
    expect(first).not.toBe('important');
    expect(h.events(first as string).find((e) => e.startsWith('Evicted'))).toMatch(
      /^Evicted: The node was low on resource: pids\. Threshold quantity: 419430, available: \d+\. $/,
    );
  });
});
