import { describe, expect, it } from 'vitest';
import { NodeInfo, NodeNumbers } from './nodeinfo';
import { newPodInfo } from './podinfo';
import { buildCache, makeNode, makePod } from './testing';

const numbers = (n: NodeInfo | undefined) =>
  n && { cpu: [n.allocCPU, n.reqCPU], memory: [n.allocMemory, n.reqMemory], pods: [n.allocPods, n.numPods], taints: n.numTaints, cordoned: n.unschedulable };

describe('NodeInfo hot numbers', () => {
  it('follow the node and its pods', () => {
    const info = new NodeInfo('n1');
    info.setNode(makeNode('n1', { cpu: '2', memory: '4Gi', unschedulable: true, taints: [{ key: 'k', effect: 'NoSchedule' }] }));
    const pod = newPodInfo(makePod('p', { node: 'n1', cpu: '500m', memory: '1Gi' }));
    info.addPod(pod);
    expect(numbers(info)).toEqual({ cpu: [2000, 500], memory: [4 * 2 ** 30, 2 ** 30], pods: [110, 1], taints: 1, cordoned: true });
    info.removePod(pod.uid);
    expect(numbers(info)).toEqual({ cpu: [2000, 0], memory: [4 * 2 ** 30, 0], pods: [110, 0], taints: 1, cordoned: true });
  });

  it('in a shared table: a copy for a what-if changes only itself, and the table grows without losing rows', () => {
    const table = new NodeNumbers(1);
    const a = new NodeInfo('a', 0, table);
    a.setNode(makeNode('a'));
    const copy = a.clone();
    copy.addPod(newPodInfo(makePod('p', { node: 'a', cpu: '1' })));
    expect([a.reqCPU, copy.reqCPU]).toEqual([0, 1000]);
    const nodes = Array.from({ length: 40 }, (_, i) => {
      const n = new NodeInfo(`n${i}`, i + 1, table);
      n.setNode(makeNode(`n${i}`, { cpu: String(i + 1) }));
      return n;
    });
    expect(a.allocCPU).toBe(2000);
    expect(nodes.map((n) => n.allocCPU)).toEqual(nodes.map((_, i) => (i + 1) * 1000));
  });

  it('a slot given again to another node starts from nothing', () => {
    const cache = buildCache([makeNode('old', { cpu: '8', unschedulable: true }), makeNode('keep')]);
    cache.addPod(makePod('p', { node: 'keep', cpu: '250m' }));
    cache.removeNode('old');
    cache.addNode(makeNode('new'));
    expect(numbers(cache.nodeInfo('new'))).toEqual({ cpu: [2000, 0], memory: [4 * 2 ** 30, 0], pods: [110, 0], taints: 0, cordoned: false });
    expect(cache.nodeInfo('keep')?.reqCPU).toBe(250);
  });
});
