import { describe, expect, it } from 'vitest';
import { selectorFromSet } from '../api/labels';
import { newPodInfo } from './podinfo';
import { buildCache, makeNode, makePod } from './testing';

const zone = (z: string) => ({ 'topology.kubernetes.io/zone': z });

describe('SchedulerCache', () => {
  it('lists nodes round-robin across zones', () => {
    const cache = buildCache([
      makeNode('a1', { labels: zone('a') }),
      makeNode('a2', { labels: zone('a') }),
      makeNode('b1', { labels: zone('b') }),
      makeNode('a3', { labels: zone('a') }),
      makeNode('c1', { labels: zone('c') }),
      makeNode('b2', { labels: zone('b') }),
    ]);
    expect(cache.nodeInfos().map((n) => n.name)).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3']);
  });

  it('keeps totals and selector counts as pods come, change and go', () => {
    const cache = buildCache([makeNode('n1'), makeNode('n2')]);
    const web = selectorFromSet({ app: 'web' });
    const count = (node: string) => {
      const n = cache.nodeInfo(node);
      return n ? cache.podCounts('default', web).get(n) : undefined;
    };
    expect(count('n1')).toBeUndefined();
    const p1 = makePod('p1', { node: 'n1', labels: { app: 'web' }, cpu: '500m' });
    cache.addPod(p1);
    expect(count('n1')).toEqual({ all: 1, live: 1 });
    expect(cache.nodeInfo('n1')?.reqCPU).toBe(500);
    // Relabelled: no longer counted.
    const relabelled = { ...p1, metadata: { ...p1.metadata, labels: { app: 'db' } } };
    cache.updatePod(p1, relabelled);
    expect(count('n1')).toBeUndefined();
    // Terminating: counted among all, not among live.
    const back = { ...relabelled, metadata: { ...relabelled.metadata, labels: { app: 'web' }, deletionTimestamp: '2025-01-06T09:00:00Z' } };
    cache.updatePod(relabelled, back);
    expect(count('n1')).toEqual({ all: 1, live: 0 });
    cache.removePod(p1.metadata.uid);
    expect(count('n1')).toBeUndefined();
    expect(cache.nodeInfo('n1')?.reqCPU).toBe(0);
    expect(cache.nodeInfo('n1')?.podCount).toBe(0);
  });

  it('sums live matching pods per zone, following pods, terminations, relabelled and deleted nodes', () => {
    const ZONE = 'topology.kubernetes.io/zone';
    const cache = buildCache([makeNode('a1', { labels: zone('a') }), makeNode('a2', { labels: zone('a') }), makeNode('b1', { labels: zone('b') }), makeNode('x')]);
    const web = selectorFromSet({ app: 'web' });
    const sums = () => Object.fromEntries(cache.podCountsByDomain('default', web, ZONE));
    const pods = ['a1', 'a2', 'b1', 'x'].map((node, i) => makePod(`p${i}`, { node, labels: { app: 'web' } }));
    cache.addPod(pods[0]);
    expect(sums()).toEqual({ a: 1 });
    for (const p of pods.slice(1)) cache.addPod(p);
    cache.addPod(makePod('db', { node: 'a1', labels: { app: 'db' } }));
    // A node without the label counts under ''.
    expect(sums()).toEqual({ a: 2, b: 1, '': 1 });
    const terminating = { ...pods[1], metadata: { ...pods[1].metadata, deletionTimestamp: '2025-01-06T09:00:00Z' } };
    cache.updatePod(pods[1], terminating);
    expect(sums()).toEqual({ a: 1, b: 1, '': 1 });
    const moved = makeNode('b1', { labels: zone('c') });
    cache.updateNode(makeNode('b1', { labels: zone('b') }), moved);
    expect(sums()).toEqual({ a: 1, c: 1, '': 1 });
    // A deleted node's pods stay in the cache but count in no domain.
    cache.removeNode('a1');
    expect(sums()).toEqual({ c: 1, '': 1 });
    cache.removePod(pods[3].metadata.uid);
    expect(sums()).toEqual({ c: 1 });
  });

  it('keeps live counts by node slot equal to the per-node counts, and reuses the slot of a node gone', () => {
    const cache = buildCache([makeNode('n1'), makeNode('n2')]);
    const web = selectorFromSet({ app: 'web' });
    const bySlot = (name: string) => {
      const n = cache.nodeInfo(name);
      return n ? (cache.podLiveCountsBySlot('default', web)[n.slot] ?? 0) : undefined;
    };
    const a = makePod('a', { node: 'n1', labels: { app: 'web' } });
    cache.addPod(a);
    cache.addPod(makePod('b', { node: 'n1', labels: { app: 'web' } }));
    const c = makePod('c', { node: 'n2', labels: { app: 'db' } });
    cache.addPod(c);
    expect([bySlot('n1'), bySlot('n2')]).toEqual([2, 0]);
    cache.updatePod(a, { ...a, metadata: { ...a.metadata, deletionTimestamp: '2025-01-06T09:00:00Z' } });
    expect(bySlot('n1')).toBe(1);
    const slot = cache.nodeInfo('n2')?.slot;
    cache.removePod(c.metadata.uid);
    cache.removeNode('n2');
    cache.addNode(makeNode('n3'));
    // The new node takes the free slot, with nothing counted on it.
    expect(cache.nodeInfo('n3')?.slot).toBe(slot);
    expect(bySlot('n3')).toBe(0);
    cache.addPod(makePod('d', { node: 'n3', labels: { app: 'web' } }));
    expect(bySlot('n3')).toBe(1);
    expect(cache.podCounts('default', web).get(cache.nodeInfo('n3') as never)?.live).toBe(1);
  });

  it('keeps counting pods of a deleted node until they go, without listing the node', () => {
    const cache = buildCache([makeNode('n1'), makeNode('n2')], [makePod('p', { node: 'n1', cpu: '1' })]);
    cache.removeNode('n1');
    expect(cache.nodeInfos().map((n) => n.name)).toEqual(['n2']);
    expect(cache.nodeInfo('n1')).toBeUndefined();
    cache.addNode(makeNode('n1'));
    expect(cache.nodeInfo('n1')?.reqCPU).toBe(1000);
  });

  it('assumes a pod before its binding and forgets it if the binding fails', () => {
    const cache = buildCache([makeNode('n1')]);
    const p = makePod('p', { cpu: '1' });
    cache.assume(newPodInfo(p), 'n1');
    expect(cache.nodeInfo('n1')?.reqCPU).toBe(1000);
    cache.forget(p.metadata.uid);
    expect(cache.nodeInfo('n1')?.reqCPU).toBe(0);
  });

  it('knows the values a node label takes', () => {
    const cache = buildCache([makeNode('a', { labels: zone('x') }), makeNode('b', { labels: zone('y') }), makeNode('c')]);
    const v = cache.labelValues('topology.kubernetes.io/zone');
    expect([...v.values].sort()).toEqual(['x', 'y']);
    expect(v.missing).toBe(true);
  });
});
