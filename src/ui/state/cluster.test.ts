import { describe, expect, it } from 'vitest';
import { applyBatch, listOf, useCluster } from './cluster';

const cm = (name: string, v = '1') => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', resourceVersion: v } });

describe('applyBatch', () => {
  it('adds, modifies and deletes by namespace/name, keeping untouched tables as they were', () => {
    const nodes = { nodes: new Map([['n1', { metadata: { name: 'n1' } }]]) };
    let objects = applyBatch(nodes, { now: 1, changes: [{ type: 'ADDED', resource: 'configmaps', object: cm('a') }, { type: 'ADDED', resource: 'configmaps', object: cm('b') }] });
    expect(objects.nodes).toBe(nodes.nodes);
    objects = applyBatch(objects, { now: 2, changes: [{ type: 'MODIFIED', resource: 'configmaps', object: cm('a', '2') }, { type: 'DELETED', resource: 'configmaps', object: cm('b') }] });
    expect(listOf(objects, 'configmaps').map((o) => [o.metadata?.name, o.metadata?.resourceVersion])).toEqual([['a', '2']]);
  });

  it('a reset batch replaces everything', () => {
    const objects = applyBatch({ pods: new Map([['x/y', cm('y')]]) }, { now: 1, reset: true, changes: [{ type: 'ADDED', resource: 'configmaps', object: cm('a') }] });
    expect(Object.keys(objects)).toEqual(['configmaps']);
  });

  it('a batch without changes keeps the same objects (views do not recompute when only time moves)', () => {
    const objects = { pods: new Map() };
    expect(applyBatch(objects, { now: 5, changes: [] })).toBe(objects);
  });
});

describe('useCluster', () => {
  it('keeps the last clock and storage status, and counts resets', () => {
    const { apply } = useCluster.getState();
    apply({ now: 1, reset: true, changes: [], clock: { now: 1, speed: 1, createdAt: 0 }, storage: { state: 'idle' } });
    apply({ now: 2, changes: [], clock: { now: 2, speed: 1, createdAt: 0 } });
    const s = useCluster.getState();
    expect([s.now, s.clock?.now, s.storage?.state, s.generation]).toEqual([2, 2, 'idle', 1]);
  });

  it('several batches applied together end where applying them one by one ends, in one update', () => {
    const batches = [
      { now: 1, reset: true, changes: [{ type: 'ADDED' as const, resource: 'configmaps', object: cm('a') }], clock: { now: 1, speed: 1, createdAt: 0 } },
      { now: 2, changes: [{ type: 'MODIFIED' as const, resource: 'configmaps', object: cm('a', '2') }] },
      { now: 3, changes: [{ type: 'ADDED' as const, resource: 'configmaps', object: cm('b') }], storage: { state: 'idle' as const } },
    ];
    for (const b of batches) useCluster.getState().apply(b);
    const oneByOne = useCluster.getState();
    let updates = 0;
    const stop = useCluster.subscribe(() => updates++);
    useCluster.getState().applyAll(batches);
    stop();
    const together = useCluster.getState();
    expect(updates).toBe(1);
    expect([together.now, together.clock, together.storage, together.generation - oneByOne.generation]).toEqual([3, oneByOne.clock, oneByOne.storage, 1]);
    expect(listOf(together.objects, 'configmaps').map((o) => [o.metadata?.name, o.metadata?.resourceVersion])).toEqual([
      ['a', '2'],
      ['b', '1'],
    ]);
  });
});
