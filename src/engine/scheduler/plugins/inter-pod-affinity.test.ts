import type { Affinity, Namespace, PodAffinityTerm } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Framework } from '../framework';
import { staticListers } from '../listers';
import { buildCache, info, makeNode, makePod, nodeOf, state } from '../testing';
import {
  ErrReasonAffinityRulesNotMatch,
  ErrReasonAntiAffinityRulesNotMatch,
  ErrReasonExistingAntiAffinityRulesNotMatch,
  interPodAffinity,
} from './inter-pod-affinity';

const region = 'region';
const term = (key: string, values: string[], topologyKey: string, extra: Partial<PodAffinityTerm> = {}): PodAffinityTerm => ({
  labelSelector: { matchExpressions: [{ key, operator: 'In', values }] },
  topologyKey,
  ...extra,
});
const affinity = (...t: PodAffinityTerm[]): Affinity => ({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: t } });
const anti = (...t: PodAffinityTerm[]): Affinity => ({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: t } });

/** node1, node2 in region r1; node3 in r2. */
const nodes = () => [
  makeNode('node1', { labels: { region: 'r1', zone: 'z11' } }),
  makeNode('node2', { labels: { region: 'r1', zone: 'z12' } }),
  makeNode('node3', { labels: { region: 'r2', zone: 'z21' } }),
];

describe('InterPodAffinity filter', () => {
  const cases: {
    name: string;
    pod: { labels?: Record<string, string>; affinity?: Affinity; namespace?: string };
    existing: { node: string; labels?: Record<string, string>; affinity?: Affinity; namespace?: string }[];
    want: Record<string, string | undefined>;
    namespaces?: Namespace[];
  }[] = [
    { name: 'no affinity, no existing pods', pod: {}, existing: [], want: { node1: undefined } },
    {
      name: 'affinity (In) satisfied by an existing pod in the region',
      pod: { affinity: affinity(term('service', ['securityscan', 'value2'], region)) },
      existing: [{ node: 'node1', labels: { service: 'securityscan' } }],
      want: { node1: undefined, node2: undefined, node3: ErrReasonAffinityRulesNotMatch },
    },
    {
      name: 'affinity whose selector matches no pod (and not the pod itself)',
      pod: { labels: { foo: 'bar' }, affinity: affinity(term('service', ['antivirusscan', 'value2'], region)) },
      existing: [{ node: 'node1', labels: { service: 'securityscan' } }],
      want: { node1: ErrReasonAffinityRulesNotMatch, node3: ErrReasonAffinityRulesNotMatch },
    },
    {
      name: 'the first pod of a group with affinity to itself can go anywhere',
      pod: { labels: { service: 'securityscan' }, affinity: affinity(term('service', ['securityscan'], region)) },
      existing: [],
      want: { node1: undefined, node3: undefined },
    },
    {
      name: 'affinity in another namespace needs the namespace listed',
      pod: { affinity: affinity(term('service', ['securityscan'], region)) },
      existing: [{ node: 'node1', labels: { service: 'securityscan' }, namespace: 'other' }],
      want: { node1: ErrReasonAffinityRulesNotMatch },
    },
    {
      name: 'affinity with a namespaceSelector',
      pod: { affinity: affinity(term('service', ['securityscan'], region, { namespaceSelector: { matchLabels: { team: 'sec' } } })) },
      existing: [{ node: 'node1', labels: { service: 'securityscan' }, namespace: 'other' }],
      namespaces: [{ metadata: { name: 'other', labels: { team: 'sec' } } }, { metadata: { name: 'default', labels: {} } }],
      want: { node1: undefined, node3: ErrReasonAffinityRulesNotMatch },
    },
    {
      name: 'anti-affinity by hostname against an existing pod',
      pod: { affinity: anti(term('service', ['securityscan'], 'kubernetes.io/hostname')) },
      existing: [{ node: 'node1', labels: { service: 'securityscan' } }],
      want: { node1: ErrReasonAntiAffinityRulesNotMatch, node2: undefined },
    },
    {
      name: 'anti-affinity by region',
      pod: { affinity: anti(term('service', ['securityscan'], region)) },
      existing: [{ node: 'node1', labels: { service: 'securityscan' } }],
      want: { node1: ErrReasonAntiAffinityRulesNotMatch, node2: ErrReasonAntiAffinityRulesNotMatch, node3: undefined },
    },
    {
      name: "an existing pod's anti-affinity keeps the pod out of its zone",
      pod: { labels: { security: 'S1' } },
      existing: [{ node: 'node1', labels: { app: 'db' }, affinity: anti(term('security', ['S1'], 'zone')) }],
      want: { node1: ErrReasonExistingAntiAffinityRulesNotMatch, node2: undefined, node3: undefined },
    },
    {
      name: 'affinity and anti-affinity together',
      pod: { affinity: { ...affinity(term('service', ['securityscan'], region)), ...anti(term('service', ['securityscan'], 'kubernetes.io/hostname')) } },
      existing: [{ node: 'node1', labels: { service: 'securityscan' } }],
      want: { node1: ErrReasonAntiAffinityRulesNotMatch, node2: undefined, node3: ErrReasonAffinityRulesNotMatch },
    },
    {
      name: 'a node without the topology key fails affinity',
      pod: { affinity: affinity(term('service', ['securityscan'], 'rack')) },
      existing: [{ node: 'node1', labels: { service: 'securityscan' } }],
      want: { node1: ErrReasonAffinityRulesNotMatch },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const existing = c.existing.map((e, i) => makePod(`e${i}`, { node: e.node, labels: e.labels, namespace: e.namespace, spec: { affinity: e.affinity } }));
      const cache = buildCache(nodes(), existing, staticListers({ namespaces: c.namespaces }));
      const pod = info(makePod('p', { labels: c.pod.labels, namespace: c.pod.namespace, spec: { affinity: c.pod.affinity } }));
      const st = state();
      const pre = interPodAffinity.preFilter?.(st, pod, cache);
      for (const [node, want] of Object.entries(c.want)) {
        const s = pre?.status?.code === 'Skip' ? undefined : interPodAffinity.filter?.(st, pod, nodeOf(cache, node), cache);
        expect({ node, reason: s?.reasons[0] }).toEqual({ node, reason: want });
        if (want === ErrReasonAffinityRulesNotMatch) expect(s?.code).toBe('UnschedulableAndUnresolvable');
        else if (want) expect(s?.code).toBe('Unschedulable');
      }
    });
  }
});

describe('InterPodAffinity score', () => {
  const preferred = (weight: number, t: PodAffinityTerm) => [{ weight, podAffinityTerm: t }];
  const cases: {
    name: string;
    pod: { labels?: Record<string, string>; affinity?: Affinity };
    existing: { node: string; labels?: Record<string, string>; affinity?: Affinity }[];
    want: number[];
  }[] = [
    {
      name: 'preferred affinity to pods in a region',
      pod: { affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: preferred(5, term('security', ['S1'], region)) } } },
      existing: [{ node: 'node1', labels: { security: 'S1' } }],
      want: [100, 100, 0],
    },
    {
      name: 'preferred anti-affinity to pods in a region',
      pod: { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: preferred(5, term('security', ['S1'], region)) } } },
      existing: [{ node: 'node1', labels: { security: 'S1' } }],
      want: [0, 0, 100],
    },
    {
      name: 'more matching pods, higher score',
      pod: { affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: preferred(5, term('security', ['S1'], 'zone')) } } },
      existing: [
        { node: 'node1', labels: { security: 'S1' } },
        { node: 'node2', labels: { security: 'S1' } },
        { node: 'node2', labels: { security: 'S1' } },
      ],
      want: [50, 100, 0],
    },
    {
      name: "an existing pod's required affinity that the pod matches counts with weight 1",
      pod: { labels: { security: 'S1' } },
      existing: [{ node: 'node3', labels: { app: 'x' }, affinity: affinity(term('security', ['S1'], region)) }],
      want: [0, 0, 100],
    },
    {
      name: "an existing pod's preferred anti-affinity pushes the pod away",
      pod: { labels: { security: 'S1' } },
      existing: [{ node: 'node1', affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: preferred(10, term('security', ['S1'], 'zone')) } } }],
      want: [0, 100, 100],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const existing = c.existing.map((e, i) => makePod(`e${i}`, { node: e.node, labels: e.labels, spec: { affinity: e.affinity } }));
      const cache = buildCache(nodes(), existing);
      const fw = new Framework([interPodAffinity], { InterPodAffinity: 1 });
      const pod = info(makePod('p', { labels: c.pod.labels, spec: { affinity: c.pod.affinity } }));
      const st = state();
      const feasible = cache.nodeInfos();
      fw.runPreScore(st, pod, feasible, cache);
      const t = fw.runScore(st, pod, feasible, cache);
      const got = Object.fromEntries(t.nodes.map((n, i) => [n.name, t.totals[i]]));
      expect([got.node1, got.node2, got.node3]).toEqual(c.want);
    });
  }

  it('skips scoring when nothing has affinity', () => {
    const cache = buildCache(nodes(), [makePod('e', { node: 'node1' })]);
    expect(interPodAffinity.preScore?.(state(), info(makePod('p')), cache.nodeInfos(), cache)?.code).toBe('Skip');
  });
});
