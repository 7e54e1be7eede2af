import type { TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { describe, expect, it } from 'vitest';
import { Framework } from '../framework';
import { staticListers } from '../listers';
import { buildCache, info, makeNode, makePod, nodeOf, state } from '../testing';
import { ErrReasonConstraintsNotMatch, ErrReasonNodeLabelNotMatch, podTopologySpread } from './pod-topology-spread';

const zone = 'topology.kubernetes.io/zone';
const host = 'kubernetes.io/hostname';
const spread = (key: string, maxSkew: number, extra: Partial<TopologySpreadConstraint> = {}): TopologySpreadConstraint => ({
  maxSkew,
  topologyKey: key,
  whenUnsatisfiable: 'DoNotSchedule',
  labelSelector: { matchExpressions: [{ key: 'foo', operator: 'Exists' }] },
  ...extra,
});

/** node-a, node-b in zone1; node-x, node-y in zone2. */
function fourNodes() {
  return [
    makeNode('node-a', { labels: { [zone]: 'zone1' } }),
    makeNode('node-b', { labels: { [zone]: 'zone1' } }),
    makeNode('node-x', { labels: { [zone]: 'zone2' } }),
    makeNode('node-y', { labels: { [zone]: 'zone2' } }),
  ];
}

const on = (node: string, n: number, labels: Record<string, string> = { foo: '' }, extra = {}) =>
  Array.from({ length: n }, (_, i) => makePod(`p-${node}-${i}`, { node, labels, ...extra }));

describe('PodTopologySpread filter', () => {
  const cases: {
    name: string;
    constraints: TopologySpreadConstraint[];
    podLabels?: Record<string, string>;
    nodeSelector?: Record<string, string>;
    existing: ReturnType<typeof on>;
    nodes?: ReturnType<typeof fourNodes>;
    want: Record<string, string | undefined>;
  }[] = [
    {
      name: 'no existing pods',
      constraints: [spread(zone, 1)],
      existing: [],
      want: { 'node-a': undefined, 'node-b': undefined, 'node-x': undefined, 'node-y': undefined },
    },
    {
      name: 'zone1 has 2 matching pods, zone2 none: only zone2 fits',
      constraints: [spread(zone, 1)],
      existing: [...on('node-a', 1), ...on('node-b', 1)],
      want: { 'node-a': ErrReasonConstraintsNotMatch, 'node-b': ErrReasonConstraintsNotMatch, 'node-x': undefined, 'node-y': undefined },
    },
    {
      name: 'an incoming pod that does not match itself adds nothing',
      constraints: [spread(zone, 1)],
      podLabels: { bar: '' },
      existing: [...on('node-a', 1)],
      want: { 'node-a': undefined, 'node-b': undefined, 'node-x': undefined, 'node-y': undefined },
    },
    {
      name: 'pods in another namespace do not count',
      constraints: [spread(zone, 1)],
      existing: [...on('node-a', 2, { foo: '' }, { namespace: 'other' })],
      want: { 'node-a': undefined, 'node-b': undefined, 'node-x': undefined, 'node-y': undefined },
    },
    {
      name: 'terminating pods do not count',
      constraints: [spread(zone, 1)],
      existing: [...on('node-a', 2, { foo: '' }, { deleting: true })],
      want: { 'node-a': undefined, 'node-b': undefined, 'node-x': undefined, 'node-y': undefined },
    },
    {
      name: 'hostname spreading with maxSkew 1',
      constraints: [spread(host, 1)],
      existing: [...on('node-a', 1), ...on('node-b', 1), ...on('node-x', 1)],
      want: { 'node-a': ErrReasonConstraintsNotMatch, 'node-b': ErrReasonConstraintsNotMatch, 'node-x': ErrReasonConstraintsNotMatch, 'node-y': undefined },
    },
    {
      name: 'two constraints must both hold',
      constraints: [spread(zone, 1), spread(host, 1)],
      existing: [...on('node-a', 2), ...on('node-x', 1)],
      want: { 'node-a': ErrReasonConstraintsNotMatch, 'node-b': ErrReasonConstraintsNotMatch, 'node-x': ErrReasonConstraintsNotMatch, 'node-y': undefined },
    },
    {
      name: 'a node without the topology label is rejected as unresolvable',
      constraints: [spread(zone, 1)],
      nodes: [...fourNodes().slice(0, 3), makeNode('node-y')],
      existing: [],
      want: { 'node-a': undefined, 'node-b': undefined, 'node-x': undefined, 'node-y': ErrReasonNodeLabelNotMatch },
    },
    {
      name: 'minDomains above the number of domains makes the global minimum 0',
      constraints: [spread(zone, 1, { minDomains: 3 })],
      existing: [...on('node-a', 1), ...on('node-x', 1)],
      want: { 'node-a': ErrReasonConstraintsNotMatch, 'node-b': ErrReasonConstraintsNotMatch, 'node-x': ErrReasonConstraintsNotMatch, 'node-y': ErrReasonConstraintsNotMatch },
    },
    {
      name: 'nodeAffinityPolicy Honor: domains the pod cannot use do not count',
      constraints: [spread(zone, 1)],
      nodeSelector: { [zone]: 'zone1' },
      existing: [...on('node-a', 1)],
      // zone2 is excluded, so zone1 is the minimum itself: 1 + 1 − 1 ≤ 1
      want: { 'node-a': undefined, 'node-b': undefined },
    },
    {
      name: 'nodeAffinityPolicy Ignore: they do',
      constraints: [spread(zone, 1, { nodeAffinityPolicy: 'Ignore' })],
      nodeSelector: { [zone]: 'zone1' },
      existing: [...on('node-a', 1)],
      want: { 'node-a': ErrReasonConstraintsNotMatch, 'node-b': ErrReasonConstraintsNotMatch },
    },
    {
      name: 'matchLabelKeys narrow the selector to pods with the same value',
      constraints: [spread(zone, 1, { matchLabelKeys: ['rev'] })],
      podLabels: { foo: '', rev: '2' },
      existing: [...on('node-a', 3, { foo: '', rev: '1' })],
      want: { 'node-a': undefined, 'node-x': undefined },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const cache = buildCache(c.nodes ?? fourNodes(), c.existing);
      const pod = info(
        makePod('incoming', { labels: c.podLabels ?? { foo: '' }, spec: { topologySpreadConstraints: c.constraints, nodeSelector: c.nodeSelector } }),
      );
      const st = state();
      expect(podTopologySpread.preFilter?.(st, pod, cache)).toBeUndefined();
      for (const [node, want] of Object.entries(c.want)) {
        const s = podTopologySpread.filter?.(st, pod, nodeOf(cache, node), cache);
        expect({ node, reason: s?.reasons[0] }).toEqual({ node, reason: want });
      }
    });
  }

  it('skips pods without hard constraints', () => {
    const cache = buildCache(fourNodes());
    expect(podTopologySpread.preFilter?.(state(), info(makePod('p')), cache)?.status?.code).toBe('Skip');
  });

  it('AddPod and RemovePod adjust the counts (for preemption)', () => {
    const existing = on('node-a', 1);
    const cache = buildCache(fourNodes(), existing);
    const pod = info(makePod('incoming', { labels: { foo: '' }, spec: { topologySpreadConstraints: [spread(zone, 1)] } }));
    const st = state();
    podTopologySpread.preFilter?.(st, pod, cache);
    expect(podTopologySpread.filter?.(st, pod, nodeOf(cache, 'node-a'), cache)?.reasons).toEqual([ErrReasonConstraintsNotMatch]);
    const copy = st.clone();
    podTopologySpread.removePod?.(copy, pod, info(existing[0]), nodeOf(cache, 'node-a'), cache);
    expect(podTopologySpread.filter?.(copy, pod, nodeOf(cache, 'node-a'), cache)).toBeUndefined();
    // The original state is untouched.
    expect(podTopologySpread.filter?.(st, pod, nodeOf(cache, 'node-a'), cache)?.reasons).toEqual([ErrReasonConstraintsNotMatch]);
  });
});

describe('PodTopologySpread score', () => {
  function scores(nodes: ReturnType<typeof fourNodes>, existing: ReturnType<typeof on>, pod: ReturnType<typeof makePod>, listers = staticListers()) {
    const cache = buildCache(nodes, existing, listers);
    const fw = new Framework([podTopologySpread], { PodTopologySpread: 1 });
    const st = state();
    const pi = info(pod);
    const feasible = nodes.map((n) => nodeOf(cache, n.metadata.name));
    fw.runPreScore(st, pi, feasible, cache);
    const t = fw.runScore(st, pi, feasible, cache);
    return Object.fromEntries(t.nodes.map((n, i) => [n.name, t.totals[i]]));
  }
  const soft = (key: string, maxSkew: number) => spread(key, maxSkew, { whenUnsatisfiable: 'ScheduleAnyway' });

  it('one hostname constraint: fewer matching pods score higher', () => {
    // raw: a = round(2·ln 6) = 4, b = round(ln 6) = 2, c = d = 0; normalised 100·(max + min − s)/max.
    const nodes = ['node-a', 'node-b', 'node-c', 'node-d'].map((n) => makeNode(n));
    const got = scores(nodes, [...on('node-a', 2), ...on('node-b', 1)], makePod('p', { labels: { foo: '' }, spec: { topologySpreadConstraints: [soft(host, 1)] } }));
    expect(got).toEqual({ 'node-a': 0, 'node-b': 50, 'node-c': 100, 'node-d': 100 });
  });

  it('one zone constraint counts pods across the zone', () => {
    // zone weight ln(2+2); zone1 has 3 → round(3·1.386) = 4, zone2 has 1 → 1.
    const got = scores(fourNodes(), [...on('node-a', 2), ...on('node-b', 1), ...on('node-x', 1)], makePod('p', { labels: { foo: '' }, spec: { topologySpreadConstraints: [soft(zone, 1)] } }));
    expect(got).toEqual({ 'node-a': 25, 'node-b': 25, 'node-x': 100, 'node-y': 100 });
  });

  it('explicit constraints ignore nodes without the topology label', () => {
    const nodes = [...fourNodes().slice(0, 3), makeNode('node-y')];
    const got = scores(nodes, [...on('node-a', 1)], makePod('p', { labels: { foo: '' }, spec: { topologySpreadConstraints: [soft(zone, 1)] } }));
    expect(got['node-y']).toBe(0);
    expect(got['node-x']).toBe(100);
  });

  it('system defaults spread the pods of a ReplicaSet over hosts and zones', () => {
    const rs: ReplicaSet = { metadata: { name: 'web-1', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } }, template: {} } };
    const owner = { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'rs', controller: true }] };
    const existing = on('node-a', 2, { app: 'web' });
    const pod = makePod('p', { labels: { app: 'web' } });
    pod.metadata = { ...pod.metadata, ...owner };
    const got = scores(fourNodes(), existing, pod, staticListers({ replicaSets: [rs] }));
    // hostname: a = 2·ln6 + 2, others 2; zone: zone1 = 2·ln4 + 4, zone2 = 4.
    const a = Math.round(2 * Math.log(6) + 2 + 2 * Math.log(4) + 4);
    const b = Math.round(2 + 2 * Math.log(4) + 4);
    const x = Math.round(2 + 4);
    const norm = (s: number) => Math.trunc((100 * (a + x - s)) / a);
    expect(got).toEqual({ 'node-a': norm(a), 'node-b': norm(b), 'node-x': norm(x), 'node-y': norm(x) });
    expect(got['node-x']).toBe(100);
  });

  it('a bare pod without owners or Services gets no default spreading', () => {
    const cache = buildCache(fourNodes());
    expect(podTopologySpread.preScore?.(state(), info(makePod('p', { labels: { app: 'web' } })), cache.nodeInfos(), cache)?.code).toBe('Skip');
  });
});
