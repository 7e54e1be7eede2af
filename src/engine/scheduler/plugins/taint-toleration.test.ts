import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Framework } from '../framework';
import { buildCache, info, makeNode, makePod, nodeOf, state } from '../testing';
import { taintToleration } from './taint-toleration';

describe('TaintToleration filter', () => {
  const cases: { name: string; tolerations?: Toleration[]; taints: Taint[]; want?: string }[] = [
    {
      name: 'a pod without tolerations cannot go to a node with taints',
      taints: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
      want: 'node(s) had untolerated taint {dedicated: user1}',
    },
    {
      name: 'a pod tolerating the dedicated taint can',
      tolerations: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
      taints: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
    },
    {
      name: 'a toleration for another value does not tolerate it',
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }],
      taints: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
      want: 'node(s) had untolerated taint {dedicated: user1}',
    },
    {
      name: 'operator Exists tolerates any value',
      tolerations: [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
      taints: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
    },
    {
      name: 'every taint tolerated',
      tolerations: [
        { key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' },
        { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
      ],
      taints: [
        { key: 'dedicated', value: 'user2', effect: 'NoSchedule' },
        { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      ],
    },
    {
      name: 'key and value match but a different (non-empty) effect does not tolerate',
      tolerations: [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }],
      taints: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
      want: 'node(s) had untolerated taint {foo: bar}',
    },
    {
      name: 'an empty effect tolerates every effect',
      tolerations: [{ key: 'foo', operator: 'Equal', value: 'bar' }],
      taints: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
    },
    {
      name: 'PreferNoSchedule taints never filter',
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }],
      taints: [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }],
    },
    { name: 'no tolerations, only a PreferNoSchedule taint', taints: [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }] },
    {
      name: 'the control-plane taint has an empty value',
      taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
      want: 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
    },
    {
      name: 'NoExecute taints filter as well',
      taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }],
      want: 'node(s) had untolerated taint {node.kubernetes.io/unreachable: }',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const cache = buildCache([makeNode('n1', { taints: c.taints })]);
      const s = taintToleration.filter?.(state(), info(makePod('p', { spec: { tolerations: c.tolerations } })), nodeOf(cache, 'n1'), cache);
      if (!c.want) expect(s).toBeUndefined();
      else expect(s).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: [c.want] });
    });
  }
});

describe('TaintToleration score', () => {
  const prefer = (key: string, value: string): Taint => ({ key, value, effect: 'PreferNoSchedule' });
  const cases: { name: string; tolerations?: Toleration[]; nodes: Taint[][]; want: number[] }[] = [
    {
      name: 'a node whose taints the pod tolerates scores higher',
      tolerations: [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }],
      nodes: [[prefer('foo', 'bar')], [prefer('foo', 'blah')]],
      want: [100, 0],
    },
    {
      name: 'nodes whose taints are all tolerated score the same, however many',
      tolerations: [
        { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'PreferNoSchedule' },
        { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'PreferNoSchedule' },
      ],
      nodes: [[], [prefer('cpu-type', 'arm64')], [prefer('cpu-type', 'arm64'), prefer('disk-type', 'ssd')]],
      want: [100, 100, 100],
    },
    {
      name: 'the more untolerated taints, the lower the score',
      tolerations: [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }],
      nodes: [[], [prefer('cpu-type', 'arm64')], [prefer('cpu-type', 'arm64'), prefer('disk-type', 'ssd')]],
      want: [100, 50, 0],
    },
    {
      name: 'only PreferNoSchedule taints and tolerations count',
      tolerations: [
        { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'NoSchedule' },
        { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'NoSchedule' },
      ],
      nodes: [[], [{ key: 'cpu-type', value: 'arm64', effect: 'NoSchedule' }], [prefer('cpu-type', 'arm64'), prefer('disk-type', 'ssd')]],
      want: [100, 100, 0],
    },
    { name: 'no taints, no tolerations', nodes: [[], [prefer('cpu-type', 'arm64')]], want: [100, 0] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const nodes = c.nodes.map((t, i) => makeNode(`n${i}`, { taints: t }));
      const cache = buildCache(nodes);
      const fw = new Framework([taintToleration], { TaintToleration: 1 });
      const pod = info(makePod('p', { spec: { tolerations: c.tolerations } }));
      const st = state();
      fw.runPreScore(st, pod, cache.nodeInfos(), cache);
      const scores = fw.runScore(st, pod, nodes.map((n) => nodeOf(cache, n.metadata.name)), cache);
      expect([...scores.totals]).toEqual(c.want);
    });
  }
});
