import type { Container } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { buildCache, info, makeNode, makePod, nodeOf, scoreNodes, state } from '../testing';
import { balancedAllocation, balancedScore } from './balanced-allocation';

const c = (cpu: number, mem: number): Container => ({ name: 'c', image: 'x', resources: { requests: { cpu: `${cpu}m`, memory: String(mem) } } });

describe('NodeResourcesBalancedAllocation', () => {
  const cases = [
    {
      name: 'nothing scheduled, resources requested, differently sized nodes',
      nodes: [
        ['4000m', '10000'],
        ['6000m', '10000'],
      ],
      pod: c(3000, 5000),
      existing: [] as [number, Container][],
      want: [87, 100],
    },
    {
      name: 'no resources requested, pods scheduled with resources',
      nodes: [
        ['10000m', '20000'],
        ['10000m', '20000'],
      ],
      pod: { name: 'c' } as Container,
      existing: [
        [0, c(3000, 0)],
        [1, c(3000, 5000)],
      ] as [number, Container][],
      // node 0: cpu 0.3, mem 0 → 1 - 0.15; node 1: cpu 0.3, mem 0.25 → 1 - 0.025
      want: [85, 97],
    },
    {
      name: 'requests above the capacity cap the fraction at 1',
      nodes: [['1000m', '1000']],
      pod: c(2000, 500),
      existing: [] as [number, Container][],
      want: [75],
    },
  ];
  for (const t of cases) {
    it(t.name, () => {
      const nodes = t.nodes.map(([cpu, memory], i) => makeNode(`n${i}`, { cpu, memory }));
      const pods = t.existing.map(([i, ct], j) => makePod(`e${j}`, { node: `n${i}`, containers: [ct] }));
      const cache = buildCache(nodes, pods);
      const pod = info(makePod('p', { containers: [t.pod] }));
      const st = state();
      balancedAllocation.preScore?.(st, pod, cache.nodeInfos(), cache);
      expect(scoreNodes(balancedAllocation, st, pod, nodes.map((n) => nodeOf(cache, n.metadata.name)), cache)).toEqual(t.want);
    });
  }

  it('more than two resources use the standard deviation', () => {
    expect(balancedScore([1, 2, 3], [4, 4, 4])).toBe(Math.trunc((1 - Math.sqrt(((0.25 - 0.5) ** 2 + 0 + (0.75 - 0.5) ** 2) / 3)) * 100));
  });
});
