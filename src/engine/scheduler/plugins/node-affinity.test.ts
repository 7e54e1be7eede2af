import type { Affinity, NodeSelectorTerm, PreferredSchedulingTerm } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Framework } from '../framework';
import { buildCache, info, makeNode, makePod, nodeOf, state } from '../testing';
import { ErrReasonConflict, ErrReasonPod, nodeAffinity } from './node-affinity';

const required = (...terms: NodeSelectorTerm[]): Affinity => ({
  nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } },
});

describe('NodeAffinity filter', () => {
  const cases: {
    name: string;
    nodeSelector?: Record<string, string>;
    affinity?: Affinity;
    labels?: Record<string, string>;
    node?: string;
    fits: boolean;
    prefilterNames?: string[];
  }[] = [
    { name: 'missing labels', nodeSelector: { foo: 'bar' }, fits: false },
    { name: 'same labels', nodeSelector: { foo: 'bar' }, labels: { foo: 'bar' }, fits: true },
    { name: 'node labels are a superset', nodeSelector: { foo: 'bar' }, labels: { foo: 'bar', baz: 'blah' }, fits: true },
    { name: 'node labels are a subset', nodeSelector: { foo: 'bar', baz: 'blah' }, labels: { foo: 'bar' }, fits: false },
    {
      name: 'matchExpressions In matching the node',
      affinity: required({ matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar', 'value2'] }] }),
      labels: { foo: 'bar' },
      fits: true,
    },
    {
      name: 'matchExpressions Gt matching the node',
      affinity: required({ matchExpressions: [{ key: 'kernel-version', operator: 'Gt', values: ['0204'] }] }),
      labels: { 'kernel-version': '0206' },
      fits: true,
    },
    {
      name: 'matchExpressions NotIn matching the node',
      affinity: required({ matchExpressions: [{ key: 'mem-type', operator: 'NotIn', values: ['DDR', 'DDR2'] }] }),
      labels: { 'mem-type': 'DDR3' },
      fits: true,
    },
    {
      name: 'matchExpressions Exists matching the node',
      affinity: required({ matchExpressions: [{ key: 'GPU', operator: 'Exists' }] }),
      labels: { GPU: 'NVIDIA-GRID-K1' },
      fits: true,
    },
    {
      name: "affinity that does not match the node's labels",
      affinity: required({ matchExpressions: [{ key: 'foo', operator: 'In', values: ['value1', 'value2'] }] }),
      labels: { foo: 'bar' },
      fits: false,
    },
    { name: 'an empty list of terms matches nothing', affinity: required(), labels: { foo: 'bar' }, fits: false },
    { name: 'a term with empty matchExpressions matches nothing', affinity: required({ matchExpressions: [] }), labels: { foo: 'bar' }, fits: false },
    { name: 'no affinity at all', labels: { foo: 'bar' }, fits: true },
    { name: 'affinity without node affinity', affinity: {}, labels: { foo: 'bar' }, fits: true },
    {
      name: 'ANDed expressions that match',
      affinity: required({
        matchExpressions: [
          { key: 'GPU', operator: 'Exists' },
          { key: 'GPU', operator: 'NotIn', values: ['AMD', 'INTER'] },
        ],
      }),
      labels: { GPU: 'NVIDIA-GRID-K1' },
      fits: true,
    },
    {
      name: 'ANDed expressions that do not match',
      affinity: required({
        matchExpressions: [
          { key: 'GPU', operator: 'Exists' },
          { key: 'GPU', operator: 'In', values: ['AMD', 'INTER'] },
        ],
      }),
      labels: { GPU: 'NVIDIA-GRID-K1' },
      fits: false,
    },
    {
      name: 'ORed terms, one matches',
      affinity: required(
        { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar', 'value2'] }] },
        { matchExpressions: [{ key: 'diffkey', operator: 'In', values: ['wrong', 'value2'] }] },
      ),
      labels: { foo: 'bar' },
      fits: true,
    },
    {
      name: 'nodeSelector and affinity both satisfied',
      nodeSelector: { foo: 'bar' },
      affinity: required({ matchExpressions: [{ key: 'foo', operator: 'Exists' }] }),
      labels: { foo: 'bar' },
      fits: true,
    },
    {
      name: 'affinity matches but the nodeSelector does not',
      nodeSelector: { foo: 'bar' },
      affinity: required({ matchExpressions: [{ key: 'foo', operator: 'Exists' }] }),
      labels: { foo: 'barrrrrr' },
      fits: false,
    },
    {
      name: 'an invalid value in a term makes it match nothing',
      affinity: required({ matchExpressions: [{ key: 'foo', operator: 'NotIn', values: ['invalid value: ___@#$%^'] }] }),
      labels: { foo: 'bar' },
      fits: false,
    },
    {
      name: 'matchFields In matching the node',
      affinity: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }] }),
      node: 'node1',
      fits: true,
      prefilterNames: ['node1'],
    },
    {
      name: 'matchFields In not matching the node',
      affinity: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }] }),
      node: 'node2',
      fits: false,
      prefilterNames: ['node1'],
    },
    {
      name: 'two terms: matchFields does not match but matchExpressions does',
      affinity: required(
        { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }] },
        { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] },
      ),
      labels: { foo: 'bar' },
      node: 'node2',
      fits: true,
    },
    {
      name: 'one term: matchFields does not match but matchExpressions does',
      affinity: required({
        matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }],
        matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }],
      }),
      labels: { foo: 'bar' },
      node: 'node2',
      fits: false,
      prefilterNames: ['node1'],
    },
    {
      name: 'one term: both match',
      affinity: required({
        matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }],
        matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }],
      }),
      labels: { foo: 'bar' },
      node: 'node1',
      fits: true,
      prefilterNames: ['node1'],
    },
    {
      name: 'two terms naming nodes: the union',
      affinity: required(
        { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }] },
        { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node2'] }] },
      ),
      node: 'node2',
      fits: true,
      prefilterNames: ['node1', 'node2'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const node = makeNode(c.node ?? 'node1', { labels: c.labels });
      const cache = buildCache([node]);
      const pod = info(makePod('p', { spec: { nodeSelector: c.nodeSelector, affinity: c.affinity } }));
      const st = state();
      const pre = nodeAffinity.preFilter?.(st, pod, cache);
      expect(pre?.nodeNames ? [...pre.nodeNames].sort() : undefined).toEqual(c.prefilterNames);
      const s = pre?.status?.code === 'Skip' ? undefined : nodeAffinity.filter?.(st, pod, nodeOf(cache, node.metadata.name), cache);
      if (c.fits) expect(s).toBeUndefined();
      else expect(s).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: [ErrReasonPod] });
    });
  }

  it('skips PreFilter for a pod with neither a nodeSelector nor required affinity', () => {
    const cache = buildCache([makeNode('n')]);
    expect(nodeAffinity.preFilter?.(state(), info(makePod('p')), cache)).toEqual({ status: { code: 'Skip', reasons: [] } });
  });

  it('rejects conflicting node names within one term at PreFilter', () => {
    const cache = buildCache([makeNode('node1')]);
    const pod = info(
      makePod('p', {
        spec: {
          affinity: required({
            matchFields: [
              { key: 'metadata.name', operator: 'In', values: ['node1'] },
              { key: 'metadata.name', operator: 'In', values: ['node2'] },
            ],
          }),
        },
      }),
    );
    expect(nodeAffinity.preFilter?.(state(), pod, cache)?.status).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: [ErrReasonConflict] });
  });
});

describe('NodeAffinity score', () => {
  const pref = (weight: number, ...exprs: [string, string][]): PreferredSchedulingTerm => ({
    weight,
    preference: { matchExpressions: exprs.map(([key, v]) => ({ key, operator: 'In', values: [v] })) },
  });
  const affinity1: Affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [pref(2, ['foo', 'bar'])] } };
  const affinity2: Affinity = {
    nodeAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        pref(2, ['foo', 'bar']),
        pref(4, ['key', 'value']),
        pref(5, ['foo', 'bar'], ['key', 'value'], ['az', 'az1']),
      ],
    },
  };
  const label1 = { foo: 'bar' };
  const label2 = { key: 'value' };
  const label3 = { az: 'az1' };
  const label4 = { abc: 'az11', def: 'az22' };
  const label5 = { foo: 'bar', key: 'value', az: 'az1' };
  const cases = [
    { name: 'all nodes score the same without node affinity', affinity: undefined, nodes: [label1, label2, label3], want: [0, 0, 0] },
    { name: 'no node matches the preferences', affinity: affinity1, nodes: [label4, label2, label3], want: [0, 0, 0] },
    { name: 'only one node matches', affinity: affinity1, nodes: [label1, label2, label3], want: [100, 0, 0] },
    { name: 'all match with different weights', affinity: affinity2, nodes: [label1, label5, label2], want: [18, 100, 36] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const nodes = c.nodes.map((l, i) => makeNode(`machine${i + 1}`, { labels: l }));
      const cache = buildCache(nodes);
      const fw = new Framework([nodeAffinity], { NodeAffinity: 1 });
      const pod = info(makePod('p', { spec: { affinity: c.affinity } }));
      const st = state();
      fw.runPreScore(st, pod, cache.nodeInfos(), cache);
      const scores = fw.runScore(st, pod, nodes.map((n) => nodeOf(cache, n.metadata.name)), cache);
      expect([...scores.totals]).toEqual(c.want);
    });
  }
});
