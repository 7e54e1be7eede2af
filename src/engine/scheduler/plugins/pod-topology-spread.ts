import type { Node, Pod, TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import { type Selector, selectorFromLabelSelector, selectorFromSet } from '../../api/labels';
import type { StateData } from '../cyclestate';
import { Action } from '../events';
import { LabelHostname, LabelTopologyZone, MAX_NODE_SCORE, PluginName } from '../names';
import type { NodeInfo } from '../nodeinfo';
import { RequiredNodeAffinity } from '../nodeselector';
import type { Plugin } from '../plugin';
import type { PodInfo } from '../podinfo';
import { doNotScheduleTaint, findUntoleratedTaint } from '../taints';
import { skip, unresolvable, unschedulable } from '../status';
import type { ClusterView } from '../view';

/** Module-local copies of hot constants (read in per-node loops). */
const HOSTNAME = LabelHostname;
const NONE: ArrayLike<number> = new Int32Array(0);
const MAX_SCORE = MAX_NODE_SCORE;

export const ErrReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";
export const ErrReasonNodeLabelNotMatch = `${ErrReasonConstraintsNotMatch} (missing required label)`;

/** The system default constraints (defaultingType System): soft spreading over hosts, then zones. */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = [
  { topologyKey: LabelHostname, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: LabelTopologyZone, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

export interface Constraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly selector: Selector;
  readonly minDomains: number;
  readonly nodeAffinityPolicy: string;
  readonly nodeTaintsPolicy: string;
}

type Action_ = 'DoNotSchedule' | 'ScheduleAnyway';

/** The pod's constraints of one kind, with matchLabelKeys folded into the selector. */
export function filterConstraints(constraints: readonly TopologySpreadConstraint[], podLabels: Record<string, string>, action: Action_): Constraint[] {
  const out: Constraint[] = [];
  for (const c of constraints) {
    if (c.whenUnsatisfiable !== action) continue;
    let selector = selectorFromLabelSelector(c.labelSelector);
    const keys = c.matchLabelKeys ?? [];
    const extra: Record<string, string> = {};
    for (const k of keys) if (k in podLabels) extra[k] = podLabels[k];
    if (Object.keys(extra).length) selector = selectorFromSet(extra).add(...selector.requirements);
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector,
      minDomains: c.minDomains ?? 1,
      nodeAffinityPolicy: c.nodeAffinityPolicy ?? 'Honor',
      nodeTaintsPolicy: c.nodeTaintsPolicy ?? 'Ignore',
    });
  }
  return out;
}

/** Explicit constraints, or the system defaults with the selector of the pod's owners and Services. */
export function getConstraints(pod: Pod, view: ClusterView, action: Action_): Constraint[] {
  const explicit = pod.spec?.topologySpreadConstraints ?? [];
  const labels = pod.metadata?.labels ?? {};
  if (explicit.length) return filterConstraints(explicit, labels, action);
  const defaults = filterConstraints(SYSTEM_DEFAULT_CONSTRAINTS, labels, action);
  if (!defaults.length) return [];
  const selector = view.defaultSpreadSelector(pod);
  if (selector.empty()) return [];
  return defaults.map((c) => ({ ...c, selector }));
}

function nodeHasAllKeys(labels: Readonly<Record<string, string>>, constraints: readonly Constraint[]): boolean {
  for (const c of constraints) if (!(c.topologyKey in labels)) return false;
  return true;
}

function includesNode(c: Constraint, pod: Pod, node: NodeInfo, required: RequiredNodeAffinity): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !required.matches(node)) return false;
  if (c.nodeTaintsPolicy === 'Honor' && findUntoleratedTaint(node.taints, pod.spec?.tolerations, doNotScheduleTaint)) return false;
  return true;
}

/** Matching pods on a node, not counting pods being deleted; an empty selector counts none. */
function countOnNode(view: ClusterView, namespace: string, selector: Selector, node: NodeInfo): number {
  if (selector.empty()) return 0;
  return view.podCounts(namespace, selector).get(node)?.live ?? 0;
}

// ---- Filter ----

interface FilterState extends StateData {
  constraints: Constraint[];
  /** Per constraint: topology value → matching pods. */
  counts: Map<string, number>[];
  /** Per constraint: the smallest count over its domains. */
  min: number[];
}

const FILTER_KEY = `PreFilter${PluginName.PodTopologySpread}`;

function recomputeMin(s: FilterState, i: number): void {
  let m = Number.MAX_SAFE_INTEGER;
  for (const v of s.counts[i].values()) if (v < m) m = v;
  s.min[i] = m;
}

function cloneFilterState(s: FilterState): FilterState {
  return { constraints: s.constraints, counts: s.counts.map((m) => new Map(m)), min: [...s.min], clone: s.clone };
}

function newFilterState(constraints: Constraint[]): FilterState {
  const s: FilterState = {
    constraints,
    counts: constraints.map(() => new Map()),
    min: constraints.map(() => Number.MAX_SAFE_INTEGER),
    clone() {
      return cloneFilterState(this as FilterState);
    },
  };
  return s;
}

function updateWithPod(s: FilterState, preemptor: PodInfo, pod: PodInfo, node: NodeInfo, delta: number): void {
  if (pod.namespace !== preemptor.namespace) return;
  if (!nodeHasAllKeys(node.labels, s.constraints)) return;
  const required = new RequiredNodeAffinity(preemptor.pod);
  s.constraints.forEach((c, i) => {
    if (!c.selector.matches(pod.labels)) return;
    if (!includesNode(c, preemptor.pod, node, required)) return;
    const v = node.labels[c.topologyKey];
    s.counts[i].set(v, (s.counts[i].get(v) ?? 0) + delta);
    recomputeMin(s, i);
  });
}

// ---- Score ----

interface ScoreState extends StateData {
  constraints: Constraint[];
  ignored: Set<string>;
  counts: Map<string, number>[];
  weights: number[];
}

const SCORE_KEY = `PreScore${PluginName.PodTopologySpread}`;

/** log(size + 2): counts in topologies with many domains are not watered down by those with few. */
export function topologyNormalizingWeight(size: number): number {
  return Math.log(size + 2);
}

export function scoreForCount(cnt: number, maxSkew: number, weight: number): number {
  return cnt * weight + (maxSkew - 1);
}

/**
 * PodTopologySpread: hard constraints (DoNotSchedule) reject nodes where placing the pod would
 * make a domain exceed maxSkew over the least loaded domain; soft ones (ScheduleAnyway, and the
 * system defaults for pods of Deployments, ReplicaSets, StatefulSets and Services) score nodes
 * in domains with fewer matching pods higher.
 */
export const podTopologySpread: Plugin = {
  name: PluginName.PodTopologySpread,
  preFilter(state, pod, view) {
    let constraints: Constraint[];
    try {
      constraints = getConstraints(pod.pod, view, 'DoNotSchedule');
    } catch (e) {
      return { status: { code: 'Error', reasons: [`get constraints from pod: ${(e as Error).message}`] } };
    }
    if (!constraints.length) return { status: skip() };
    const s = newFilterState(constraints);
    const required = new RequiredNodeAffinity(pod.pod);
    for (const node of view.nodeInfos()) {
      if (!nodeHasAllKeys(node.labels, constraints)) continue;
      constraints.forEach((c, i) => {
        if (!includesNode(c, pod.pod, node, required)) return;
        const v = node.label(c.topologyKey) as string;
        s.counts[i].set(v, (s.counts[i].get(v) ?? 0) + countOnNode(view, pod.namespace, c.selector, node));
      });
    }
    for (let i = 0; i < constraints.length; i++) recomputeMin(s, i);
    state.write(FILTER_KEY, s);
    return undefined;
  },
  addPod(state, pod, added, node) {
    const s = state.read<FilterState>(FILTER_KEY);
    if (s) updateWithPod(s, pod, added, node, 1);
  },
  removePod(state, pod, removed, node) {
    const s = state.read<FilterState>(FILTER_KEY);
    if (s) updateWithPod(s, pod, removed, node, -1);
  },
  filter(state, pod, node) {
    const s = state.read<FilterState>(FILTER_KEY);
    if (!s?.constraints.length) return undefined;
    for (let i = 0; i < s.constraints.length; i++) {
      const c = s.constraints[i];
      const value = node.label(c.topologyKey);
      if (value === undefined) return unresolvable(ErrReasonNodeLabelNotMatch);
      const minMatch = s.counts[i].size < c.minDomains ? 0 : s.min[i];
      const self = c.selector.matches(pod.labels) ? 1 : 0;
      const skew = (s.counts[i].get(value) ?? 0) + self - minMatch;
      if (skew > c.maxSkew) return unschedulable(ErrReasonConstraintsNotMatch);
    }
    return undefined;
  },
  preScore(state, pod, filtered, view) {
    if (!view.nodeInfos().length) return skip();
    const explicit = (pod.pod.spec?.topologySpreadConstraints ?? []).length > 0;
    let constraints: Constraint[];
    try {
      constraints = getConstraints(pod.pod, view, 'ScheduleAnyway');
    } catch (e) {
      return { code: 'Error', reasons: [`calculating preScoreState: ${(e as Error).message}`] };
    }
    if (!constraints.length) return skip();
    // Only explicit constraints require nodes to carry every topology label: with the system
    // defaults, a node without a zone label still gets hostname spreading.
    const requireAll = explicit;
    const s: ScoreState = { constraints, ignored: new Set(), counts: constraints.map(() => new Map()), weights: [] };
    const sizes = constraints.map(() => 0);
    // Domains of the feasible nodes; hostname counts are read per node at Score time.
    for (let i = 0; i < constraints.length; i++) {
      const key = constraints[i].topologyKey;
      if (key === HOSTNAME) continue;
      const domains = s.counts[i];
      // Few domains (zones) and many nodes: stop once every value in the cluster has been seen.
      const known = view.labelValues(key);
      const all = known.values.size + (known.missing && !requireAll ? 1 : 0);
      for (const node of filtered) {
        if (domains.size === all) break;
        if (requireAll && !nodeHasAllKeys(node.labels, constraints)) continue;
        const v = node.label(key) ?? '';
        if (!domains.has(v)) {
          domains.set(v, 0);
          sizes[i]++;
        }
      }
    }
    if (requireAll) for (const node of filtered) if (!nodeHasAllKeys(node.labels, constraints)) s.ignored.add(node.name);
    s.weights = constraints.map((c, i) => topologyNormalizingWeight(c.topologyKey === HOSTNAME ? filtered.length - s.ignored.size : sizes[i]));
    const required = new RequiredNodeAffinity(pod.pod);
    constraints.forEach((c, i) => {
      if (c.topologyKey === HOSTNAME || c.selector.empty()) return;
      // Every node counts (nothing narrows them): the index's per-domain sums are the answer.
      if (!requireAll && (c.nodeAffinityPolicy !== 'Honor' || required.empty) && c.nodeTaintsPolicy !== 'Honor') {
        for (const [v, count] of view.podCountsByDomain(pod.namespace, c.selector, c.topologyKey)) {
          const cur = s.counts[i].get(v);
          if (cur !== undefined) s.counts[i].set(v, cur + count);
        }
        return;
      }
      // Only nodes with matching pods add anything: walk those rather than every node.
      for (const [node, count] of view.podCounts(pod.namespace, c.selector)) {
        if (!count.live || !node.node) continue;
        if (requireAll && !nodeHasAllKeys(node.labels, constraints)) continue;
        if (!includesNode(c, pod.pod, node, required)) continue;
        const v = node.label(c.topologyKey) ?? '';
        const cur = s.counts[i].get(v);
        if (cur !== undefined) s.counts[i].set(v, cur + count.live);
      }
    });
    state.write(SCORE_KEY, s);
    return undefined;
  },
  score(state, pod, nodes, view, out) {
    const s = state.read<ScoreState>(SCORE_KEY);
    if (!s) {
      out.fill(0);
      return;
    }
    // Per-node counts for hostname constraints come straight from the index.
    const n = s.constraints.length;
    const isHost = s.constraints.map((c) => c.topologyKey === HOSTNAME);
    // Hostname counts: the selector's live counts by node slot, read straight for each scored node.
    const live = s.constraints.map((c, i) => (!isHost[i] || c.selector.empty() ? NONE : view.podLiveCountsBySlot(pod.namespace, c.selector)));
    for (let j = 0; j < nodes.length; j++) {
      const node = nodes[j];
      if (s.ignored.size && s.ignored.has(node.name)) {
        out[j] = 0;
        continue;
      }
      let score = 0;
      for (let i = 0; i < n; i++) {
        const c = s.constraints[i];
        const v = node.label(c.topologyKey);
        if (v === undefined) continue;
        const cnt = isHost[i] ? (live[i][node.slot] ?? 0) : (s.counts[i].get(v) ?? 0);
        score += cnt * s.weights[i] + (c.maxSkew - 1);
      }
      out[j] = Math.round(score);
    }
  },
  normalizeScore(state, _pod, scores, nodes) {
    const s = state.read<ScoreState>(SCORE_KEY);
    if (!s) return;
    let min = Number.MAX_SAFE_INTEGER;
    let max = 0;
    const some = s.ignored.size > 0;
    for (let i = 0; i < scores.length; i++) {
      if (some && s.ignored.has(nodes[i].name)) continue;
      if (scores[i] < min) min = scores[i];
      if (scores[i] > max) max = scores[i];
    }
    for (let i = 0; i < scores.length; i++) {
      if (some && s.ignored.has(nodes[i].name)) scores[i] = 0;
      else if (max === 0) scores[i] = MAX_SCORE;
      else scores[i] = Math.trunc((MAX_SCORE * (max + min - scores[i])) / max);
    }
  },
  events: [
    {
      resource: 'Pod',
      actions: Action.Add | Action.UpdatePodLabel | Action.Delete,
      hint: (pod, old, obj) => {
        const changed = (obj ?? old) as Pod | undefined;
        if (!changed || (changed.metadata?.namespace ?? '') !== pod.namespace) return false;
        const explicit = pod.pod.spec?.topologySpreadConstraints ?? [];
        if (!explicit.length) return false;
        const cs = filterConstraints(explicit, pod.labels, 'DoNotSchedule');
        const matches = (p: Pod | undefined) => !!p && cs.some((c) => c.selector.matches(p.metadata?.labels ?? {}));
        return matches(obj as Pod | undefined) || matches(old as Pod | undefined);
      },
    },
    {
      resource: 'Node',
      actions: Action.Add | Action.Delete | Action.UpdateNodeLabel | Action.UpdateNodeTaint,
      hint: (pod, old, obj) => {
        const keys = (pod.pod.spec?.topologySpreadConstraints ?? []).map((c) => c.topologyKey);
        const has = (n: Node | undefined) => !!n && keys.every((k) => k in (n.metadata?.labels ?? {}));
        return has(obj as Node | undefined) || has(old as Node | undefined);
      },
    },
  ],
};
