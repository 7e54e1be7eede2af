import type { Container } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { buildCache, info, makeNode, makePod, nodeOf, scoreNodes, state } from '../testing';
import { leastRequestedScore, nodeResourcesFit } from './node-resources-fit';

/** A container requesting `cpu` millicores and `mem` bytes, like upstream's makeResources helpers. */
const c = (cpu: number, mem: number, name = 'c'): Container => ({ name, image: 'x', resources: { requests: { cpu: `${cpu}m`, memory: String(mem) } } });

describe('NodeResourcesFit filter', () => {
  // Node: 10 millicores, 20 bytes, 32 pods, as upstream's TestEnoughRequests.
  const cases: {
    name: string;
    pod: Container[];
    init?: Container[];
    overhead?: Record<string, string>;
    used: [number, number];
    want: string[];
  }[] = [
    { name: 'no resources requested always fits', pod: [{ name: 'c' }], used: [10, 20], want: [] },
    { name: 'too many resources fails', pod: [c(1, 1)], used: [10, 20], want: ['Insufficient cpu', 'Insufficient memory'] },
    { name: "too many resources fails due to init container's cpu", pod: [c(1, 1)], init: [c(3, 1, 'i')], used: [8, 19], want: ['Insufficient cpu'] },
    {
      name: 'too many resources fails due to highest init container cpu',
      pod: [c(1, 1)],
      init: [c(3, 1, 'i1'), c(2, 1, 'i2')],
      used: [8, 19],
      want: ['Insufficient cpu'],
    },
    { name: "too many resources fails due to init container's memory", pod: [c(1, 1)], init: [c(1, 3, 'i')], used: [9, 19], want: ['Insufficient memory'] },
    { name: 'init container fits because it is the max, not the sum', pod: [c(1, 1)], init: [c(1, 1, 'i')], used: [9, 19], want: [] },
    { name: 'both resources fit', pod: [c(1, 1)], used: [5, 5], want: [] },
    { name: 'one resource memory fits', pod: [c(2, 1)], used: [9, 5], want: ['Insufficient cpu'] },
    { name: 'one resource cpu fits', pod: [c(1, 2)], used: [5, 19], want: ['Insufficient memory'] },
    { name: 'equal edge case', pod: [c(5, 1)], used: [5, 19], want: [] },
    { name: 'equal edge case for init container', pod: [c(4, 1)], init: [c(5, 1, 'i')], used: [5, 19], want: [] },
    { name: 'resources + pod overhead fits', pod: [c(1, 1)], overhead: { cpu: '3m', memory: '13' }, used: [5, 5], want: [] },
    { name: 'requests + overhead does not fit for memory', pod: [c(1, 1)], overhead: { cpu: '1m', memory: '15' }, used: [5, 5], want: ['Insufficient memory'] },
    {
      name: 'a sidecar adds to the containers; init containers after it count with it',
      pod: [c(2, 1)],
      init: [{ ...c(2, 1, 'side'), restartPolicy: 'Always' }, c(2, 1, 'i')],
      used: [5, 5],
      want: [],
    },
    {
      name: 'a sidecar that makes the sum too large',
      pod: [c(3, 1)],
      init: [{ ...c(3, 1, 'side'), restartPolicy: 'Always' }],
      used: [5, 5],
      want: ['Insufficient cpu'],
    },
  ];
  for (const t of cases) {
    it(t.name, () => {
      const existing = makePod('used', { node: 'n1', containers: [c(t.used[0], t.used[1])] });
      const cache = buildCache([makeNode('n1', { cpu: '10m', memory: '20', pods: 32 })], [existing]);
      const pod = info(makePod('p', { containers: t.pod, initContainers: t.init, spec: t.overhead ? { overhead: t.overhead } : {} }));
      const s = nodeResourcesFit.filter?.(state(), pod, nodeOf(cache, 'n1'), cache);
      if (!t.want.length) expect(s).toBeUndefined();
      else expect(s).toEqual({ code: 'Unschedulable', reasons: t.want });
    });
  }

  it('counts pods against allocatable pods first', () => {
    const cache = buildCache([makeNode('n1', { cpu: '10m', memory: '20', pods: 1 })], [makePod('used', { node: 'n1', containers: [c(10, 20)] })]);
    const s = nodeResourcesFit.filter?.(state(), info(makePod('p', { containers: [c(1, 1)] })), nodeOf(cache, 'n1'), cache);
    expect(s?.reasons).toEqual(['Too many pods', 'Insufficient cpu', 'Insufficient memory']);
  });

  it('extended resources: Insufficient <name>', () => {
    const cache = buildCache([makeNode('n1', { extra: { 'example.com/aaa': '1' } })]);
    const pod = info(makePod('p', { containers: [{ name: 'c', resources: { requests: { 'example.com/aaa': '2' } } }] }));
    expect(nodeResourcesFit.filter?.(state(), pod, nodeOf(cache, 'n1'), cache)?.reasons).toEqual(['Insufficient example.com/aaa']);
  });
});

describe('NodeResourcesFit score (LeastAllocated)', () => {
  const cases = [
    {
      name: 'nothing scheduled, resources requested, differently sized nodes',
      nodes: [
        ['4000m', '10000'],
        ['6000m', '10000'],
      ],
      pod: c(3000, 5000),
      existing: [] as [number, Container][],
      want: [37, 50],
    },
    {
      name: 'the pod fills half of one node, a quarter of the other',
      nodes: [
        ['2', '4Gi'],
        ['2', '4Gi'],
      ],
      pod: c(500, 1024 * 1024 * 1024),
      existing: [[0, c(500, 1024 * 1024 * 1024)]] as [number, Container][],
      want: [50, 75],
    },
    {
      name: 'containers without requests count as 100m and 200Mi',
      nodes: [['1', '1000Mi']],
      pod: { name: 'c', image: 'x' } as Container,
      existing: [] as [number, Container][],
      want: [Math.trunc((90 + 80) / 2)],
    },
  ];
  for (const t of cases) {
    it(t.name, () => {
      const nodes = t.nodes.map(([cpu, memory], i) => makeNode(`n${i}`, { cpu, memory }));
      const pods = t.existing.map(([i, ct], j) => makePod(`e${j}`, { node: `n${i}`, containers: [ct] }));
      const cache = buildCache(nodes, pods);
      const pod = info(makePod('p', { containers: [t.pod] }));
      const st = state();
      nodeResourcesFit.preScore?.(st, pod, cache.nodeInfos(), cache);
      expect(scoreNodes(nodeResourcesFit, st, pod, nodes.map((n) => nodeOf(cache, n.metadata.name)), cache)).toEqual(t.want);
    });
  }

  it('leastRequestedScore', () => {
    expect(leastRequestedScore(0, 0)).toBe(0);
    expect(leastRequestedScore(5, 4)).toBe(0);
    expect(leastRequestedScore(1, 3)).toBe(66);
  });
});
