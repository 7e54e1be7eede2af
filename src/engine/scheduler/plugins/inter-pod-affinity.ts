import type { Pod } from 'kubernetes-types/core/v1';
import type { Labels } from '../../api/labels';
import {
  type AffinityTerm,
  affinityTermMatches,
  matchesAllNamespaces,
  newAffinityTerms,
  podMatchesAllAffinityTerms,
  type PodRef,
  resolveNamespaces,
  type WeightedAffinityTerm,
} from '../affinityterm';
import type { StateData } from '../cyclestate';
import { Action } from '../events';
import { MAX_NODE_SCORE, PluginName } from '../names';
import type { NodeInfo } from '../nodeinfo';
import type { Plugin } from '../plugin';
import type { PodInfo } from '../podinfo';
import { skip, unresolvable, unschedulable } from '../status';
import type { ClusterView } from '../view';

export const ErrReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules";
export const ErrReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules";
export const ErrReasonExistingAntiAffinityRulesNotMatch = "node(s) didn't satisfy existing pods anti-affinity rules";

/** Weight of an existing pod's required affinity term that the incoming pod matches (hardPodAffinityWeight). */
export const HARD_POD_AFFINITY_WEIGHT = 1;

/** topology pair (`key`, `value`) → count */
type PairCounts = Map<string, number>;

function pair(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

function bump(m: PairCounts, node: NodeInfo, key: string, delta: number): void {
  const v = node.labels[key];
  if (v === undefined) return;
  const p = pair(key, v);
  const n = (m.get(p) ?? 0) + delta;
  if (n === 0) m.delete(p);
  else m.set(p, n);
}

interface FilterState extends StateData {
  pod: PodInfo;
  affinityTerms: AffinityTerm[];
  antiAffinityTerms: AffinityTerm[];
  nsLabels: Labels | undefined;
  existingAntiAffinityCounts: PairCounts;
  affinityCounts: PairCounts;
  antiAffinityCounts: PairCounts;
}

const FILTER_KEY = `PreFilter${PluginName.InterPodAffinity}`;
const SCORE_KEY = `PreScore${PluginName.InterPodAffinity}`;

/** The namespaces a resolved term can select pods in. */
function termNamespaces(term: AffinityTerm, view: ClusterView): Iterable<string> {
  if (matchesAllNamespaces(term)) return [...view.namespaces()].map(([n]) => n);
  return term.namespaces;
}

/** Per node, how many assigned pods a (resolved) term selects; all pods, terminating ones too. */
function termCounts(term: AffinityTerm, view: ClusterView): Map<NodeInfo, number> {
  const out = new Map<NodeInfo, number>();
  for (const ns of termNamespaces(term, view)) {
    for (const [node, c] of view.podCounts(ns, term.selector)) if (node.node) out.set(node, (out.get(node) ?? 0) + c.all);
  }
  return out;
}

function resolve<T extends AffinityTerm>(terms: readonly T[], view: ClusterView): T[] {
  if (!terms.some((t) => t.namespaceSelector.selectable && !t.namespaceSelector.empty())) return [...terms];
  const namespaces = [...view.namespaces()];
  return terms.map((t) => resolveNamespaces(t, namespaces));
}

function cloneFilterState(s: FilterState): FilterState {
  return {
    ...s,
    existingAntiAffinityCounts: new Map(s.existingAntiAffinityCounts),
    affinityCounts: new Map(s.affinityCounts),
    antiAffinityCounts: new Map(s.antiAffinityCounts),
  };
}

function updateWithPod(s: FilterState, other: PodInfo, node: NodeInfo, delta: number): void {
  const incoming: PodRef = s.pod;
  for (const t of other.requiredAntiAffinityTerms) {
    if (affinityTermMatches(t, incoming, s.nsLabels)) bump(s.existingAntiAffinityCounts, node, t.topologyKey, delta);
  }
  if (podMatchesAllAffinityTerms(s.affinityTerms, other)) {
    for (const t of s.affinityTerms) bump(s.affinityCounts, node, t.topologyKey, delta);
  }
  for (const t of s.antiAffinityTerms) {
    if (affinityTermMatches(t, other, undefined)) bump(s.antiAffinityCounts, node, t.topologyKey, delta);
  }
}

function satisfyPodAffinity(s: FilterState, node: NodeInfo): boolean {
  let podsExist = true;
  for (const t of s.affinityTerms) {
    const v = node.labels[t.topologyKey];
    // All topology labels must exist on the node.
    if (v === undefined) return false;
    if ((s.affinityCounts.get(pair(t.topologyKey, v)) ?? 0) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group with affinity to itself: when no pod anywhere matches and the pod
  // matches its own terms, let it through so the group can start somewhere.
  return s.affinityCounts.size === 0 && podMatchesAllAffinityTerms(s.affinityTerms, s.pod);
}

function satisfyPodAntiAffinity(s: FilterState, node: NodeInfo): boolean {
  if (!s.antiAffinityCounts.size) return true;
  for (const t of s.antiAffinityTerms) {
    const v = node.labels[t.topologyKey];
    if (v !== undefined && (s.antiAffinityCounts.get(pair(t.topologyKey, v)) ?? 0) > 0) return false;
  }
  return true;
}

function satisfyExistingPodsAntiAffinity(s: FilterState, node: NodeInfo): boolean {
  if (!s.existingAntiAffinityCounts.size) return true;
  for (const k in node.labels) if ((s.existingAntiAffinityCounts.get(pair(k, node.labels[k])) ?? 0) > 0) return false;
  return true;
}

interface ScoreState extends StateData {
  /** topology key → value → score */
  topologyScore: Map<string, Map<string, number>>;
}

function addScore(scores: Map<string, Map<string, number>>, node: NodeInfo, key: string, delta: number): void {
  const v = node.labels[key];
  if (v === undefined) return;
  let m = scores.get(key);
  if (!m) {
    m = new Map();
    scores.set(key, m);
  }
  m.set(v, (m.get(v) ?? 0) + delta);
}

/** The existing pod's own terms, as they bear on the incoming pod (processExistingPod, second half). */
function scoreExistingPod(scores: Map<string, Map<string, number>>, existing: PodInfo, node: NodeInfo, incoming: PodRef, nsLabels: Labels | undefined): void {
  if (!Object.keys(node.labels).length) return;
  for (const t of existing.requiredAffinityTerms) {
    if (affinityTermMatches(t, incoming, nsLabels)) addScore(scores, node, t.topologyKey, HARD_POD_AFFINITY_WEIGHT);
  }
  for (const t of existing.preferredAffinityTerms) {
    if (affinityTermMatches(t, incoming, nsLabels)) addScore(scores, node, t.topologyKey, t.weight);
  }
  for (const t of existing.preferredAntiAffinityTerms) {
    if (affinityTermMatches(t, incoming, nsLabels)) addScore(scores, node, t.topologyKey, -t.weight);
  }
}

/** The incoming pod's preferred terms against every pod that matches them (processExistingPod, first half). */
function scoreIncomingTerms(scores: Map<string, Map<string, number>>, terms: readonly WeightedAffinityTerm[], sign: 1 | -1, view: ClusterView): void {
  for (const t of terms) {
    for (const [node, n] of termCounts(t, view)) {
      if (!Object.keys(node.labels).length) continue;
      addScore(scores, node, t.topologyKey, sign * t.weight * n);
    }
  }
}

/**
 * InterPodAffinity: required pod affinity and anti-affinity (the incoming pod's, and existing
 * pods' anti-affinity against it) filter nodes by topology domain; preferred terms of both
 * sides add or subtract their weights per domain.
 */
export const interPodAffinity: Plugin = {
  name: PluginName.InterPodAffinity,
  preFilter(state, pod, view) {
    const nsLabels = view.namespaceLabels(pod.namespace);
    const s: FilterState = {
      pod,
      affinityTerms: resolve(pod.requiredAffinityTerms, view),
      antiAffinityTerms: resolve(pod.requiredAntiAffinityTerms, view),
      nsLabels,
      existingAntiAffinityCounts: new Map(),
      affinityCounts: new Map(),
      antiAffinityCounts: new Map(),
      clone() {
        return cloneFilterState(this as FilterState);
      },
    };
    for (const node of view.nodesWithRequiredAntiAffinityPods()) {
      for (const existing of node.podsWithRequiredAntiAffinity.values()) {
        for (const t of existing.requiredAntiAffinityTerms) {
          if (affinityTermMatches(t, pod, nsLabels)) bump(s.existingAntiAffinityCounts, node, t.topologyKey, 1);
        }
      }
    }
    if (s.affinityTerms.length) {
      if (s.affinityTerms.length === 1) {
        const t = s.affinityTerms[0];
        for (const [node, n] of termCounts(t, view)) bump(s.affinityCounts, node, t.topologyKey, n);
      } else {
        // A pod counts only if it matches every term: check the pods on nodes the first term finds.
        for (const node of termCounts(s.affinityTerms[0], view).keys()) {
          for (const p of node.pods.values()) {
            if (podMatchesAllAffinityTerms(s.affinityTerms, p)) for (const t of s.affinityTerms) bump(s.affinityCounts, node, t.topologyKey, 1);
          }
        }
      }
    }
    for (const t of s.antiAffinityTerms) {
      for (const [node, n] of termCounts(t, view)) bump(s.antiAffinityCounts, node, t.topologyKey, n);
    }
    if (!s.existingAntiAffinityCounts.size && !s.affinityTerms.length && !s.antiAffinityTerms.length) return { status: skip() };
    state.write(FILTER_KEY, s);
    return undefined;
  },
  addPod(state, _pod, added, node) {
    const s = state.read<FilterState>(FILTER_KEY);
    if (s) updateWithPod(s, added, node, 1);
  },
  removePod(state, _pod, removed, node) {
    const s = state.read<FilterState>(FILTER_KEY);
    if (s) updateWithPod(s, removed, node, -1);
  },
  filter(state, _pod, node) {
    const s = state.read<FilterState>(FILTER_KEY);
    if (!s) return undefined;
    if (!satisfyPodAffinity(s, node)) return unresolvable(ErrReasonAffinityRulesNotMatch);
    if (!satisfyPodAntiAffinity(s, node)) return unschedulable(ErrReasonAntiAffinityRulesNotMatch);
    if (!satisfyExistingPodsAntiAffinity(s, node)) return unschedulable(ErrReasonExistingAntiAffinityRulesNotMatch);
    return undefined;
  },
  preScore(state, pod, nodes, view) {
    if (!nodes.length) return skip();
    const preferredAffinity = resolve(pod.preferredAffinityTerms, view);
    const preferredAnti = resolve(pod.preferredAntiAffinityTerms, view);
    const nsLabels = view.namespaceLabels(pod.namespace);
    const scores = new Map<string, Map<string, number>>();
    scoreIncomingTerms(scores, preferredAffinity, 1, view);
    scoreIncomingTerms(scores, preferredAnti, -1, view);
    for (const node of view.nodesWithAffinityPods()) {
      for (const existing of node.podsWithAffinity.values()) scoreExistingPod(scores, existing, node, pod, nsLabels);
    }
    if (!scores.size) return skip();
    state.write(SCORE_KEY, { topologyScore: scores } as ScoreState);
    return undefined;
  },
  score(state, _pod, nodes, _view, out) {
    const s = state.read<ScoreState>(SCORE_KEY);
    for (let i = 0; i < nodes.length; i++) {
      let score = 0;
      if (s) {
        for (const [key, values] of s.topologyScore) {
          const v = nodes[i].labels[key];
          if (v !== undefined) score += values.get(v) ?? 0;
        }
      }
      out[i] = score;
    }
  },
  normalizeScore(state, _pod, scores) {
    const s = state.read<ScoreState>(SCORE_KEY);
    if (!s?.topologyScore.size) return;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const sc of scores) {
      if (sc > max) max = sc;
      if (sc < min) min = sc;
    }
    const diff = max - min;
    for (let i = 0; i < scores.length; i++) scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[i] - min) / diff)) : 0;
  },
  events: [
    {
      resource: 'Pod',
      actions: Action.Add | Action.UpdatePodLabel | Action.Delete,
      hint: (pod, old, obj) => {
        const before = old as Pod | undefined;
        const after = obj as Pod | undefined;
        if ((after && !after.spec?.nodeName) || (before && !before.spec?.nodeName)) return false;
        const ref = (p: Pod): PodRef => ({ namespace: p.metadata?.namespace ?? '', labels: p.metadata?.labels ?? {} });
        const terms = newAffinityTerms(pod.namespace, pod.pod.spec?.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
        const anti = newAffinityTerms(pod.namespace, pod.pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
        if (before && after) {
          if (!podMatchesAllAffinityTerms(terms, ref(before)) && podMatchesAllAffinityTerms(terms, ref(after))) return true;
          return podMatchesAllAffinityTerms(anti, ref(before)) && !podMatchesAllAffinityTerms(anti, ref(after));
        }
        if (after) return podMatchesAllAffinityTerms(terms, ref(after));
        return !!before && podMatchesAllAffinityTerms(anti, ref(before));
      },
    },
    { resource: 'Node', actions: Action.Add | Action.UpdateNodeLabel },
  ],
};
