import { CycleState } from './cyclestate';
import type { ClusterEvent } from './events';
import type { NodeInfo } from './nodeinfo';
import { ALWAYS_PASSES, type EventRegistration, type Plugin, type QuickPass } from './plugin';
import type { PodInfo } from './podinfo';
import { defaultPlugins, defaultWeights } from './plugins';
import { error, isRejected, isSuccess, type Result, type Status, unresolvable, withPlugin } from './status';
import type { ClusterView } from './view';

export interface PreFilterOutcome {
  /** A rejection (or error) from PreFilter; the whole cycle stops. */
  status?: Status;
  /** When set, only these nodes are worth filtering. */
  nodeNames?: ReadonlySet<string>;
  /** The plugins that narrowed the node set. */
  pluginsWithNodes: string[];
}

export interface PluginScore {
  readonly plugin: string;
  /** What Score returned. */
  readonly raw: number;
  /** After NormalizeScore, 0..100. */
  readonly normalized: number;
  /** normalized × weight: what adds up to the total. */
  readonly weighted: number;
}

export interface NodePluginScores {
  readonly name: string;
  readonly scores: PluginScore[];
  readonly total: number;
}

/**
 * Scores of every feasible node, column-wise (one array per plugin), so that scoring hundreds of
 * nodes for each of thousands of pods allocates a handful of arrays rather than an object per
 * node and plugin. {@link nodeScores} builds the per-node view for the few nodes a record keeps.
 */
export interface ScoreTable {
  readonly nodes: readonly NodeInfo[];
  readonly plugins: readonly { plugin: string; weight: number; raw: Float64Array; normalized: Float64Array }[];
  readonly totals: Float64Array;
}

export function nodeScores(t: ScoreTable, i: number): NodePluginScores {
  return {
    name: t.nodes[i].name,
    scores: t.plugins.map((p) => ({ plugin: p.plugin, raw: p.raw[i], normalized: p.normalized[i], weighted: p.normalized[i] * p.weight })),
    total: t.totals[i],
  };
}

/** Go's fmt of a []string: `[A B]`. */
function goList(items: readonly string[]): string {
  return `[${items.join(' ')}]`;
}

/**
 * Runs a profile's plugins at each extension point, with upstream's rules for Skip, early exits
 * and the order of reasons (frameworkImpl).
 */
export class Framework {
  private readonly weights: Map<string, number>;
  /** Score buffers, reused from cycle to cycle (totals, then raw and normalized per plugin). */
  private buffers: Float64Array[] = [];

  constructor(
    readonly plugins: readonly Plugin[] = defaultPlugins,
    weights: Readonly<Record<string, number>> = defaultWeights,
  ) {
    this.weights = new Map(Object.entries(weights));
  }

  newCycleState(): CycleState {
    return new CycleState();
  }

  runPreFilter(state: CycleState, pod: PodInfo, view: ClusterView): PreFilterOutcome {
    let names: Set<string> | undefined;
    const pluginsWithNodes: string[] = [];
    let pending: Status | undefined;
    for (const p of this.plugins) {
      if (!p.preFilter) continue;
      const r = p.preFilter(state, pod, view);
      const s = r?.status;
      if (s?.code === 'Skip') {
        state.skipFilter.add(p.name);
        continue;
      }
      if (s && !isSuccess(s)) {
        const st = withPlugin(s, p.name);
        // Unresolvable ends PreFilter at once; a plain rejection lets the others run so that
        // preemption has their state.
        if (st.code === 'UnschedulableAndUnresolvable') return { status: st, pluginsWithNodes: [] };
        if (st.code === 'Unschedulable') {
          pending = st;
          continue;
        }
        return { status: withPlugin(error(`running PreFilter plugin "${p.name}": ${s.reasons.join(', ')}`), p.name), pluginsWithNodes: [] };
      }
      if (r?.nodeNames) {
        pluginsWithNodes.push(p.name);
        names = names ? new Set([...names].filter((n) => r.nodeNames?.has(n))) : new Set(r.nodeNames);
        if (!names.size) {
          const sorted = [...pluginsWithNodes].sort();
          const msg =
            sorted.length === 1
              ? `node(s) didn't satisfy plugin ${sorted[0]}`
              : `node(s) didn't satisfy plugin(s) ${goList(sorted)} simultaneously`;
          return { status: unresolvable(msg), nodeNames: names, pluginsWithNodes };
        }
      }
    }
    return { status: pending, nodeNames: names, pluginsWithNodes };
  }

  /** The message for nodes a PreFilter result left out. */
  static absentNodesReason(pluginsWithNodes: readonly string[]): string {
    return `node(s) didn't satisfy plugin(s) ${goList([...pluginsWithNodes].sort())}`;
  }

  /** All filters in order; the first rejection wins. */
  runFilter(state: CycleState, pod: PodInfo, node: NodeInfo, view: ClusterView): Result {
    state.filterPlugins ??= this.plugins.filter((p) => p.filter && !state.skipFilter.has(p.name));
    for (const p of state.filterPlugins) {
      const s = p.filter?.(state, pod, node, view);
      if (s && !isSuccess(s)) {
        if (!isRejected(s)) return withPlugin(error(`running "${p.name}" filter plugin: ${s.reasons.join(', ')}`), p.name);
        return withPlugin(s, p.name);
      }
    }
    return undefined;
  }

  /**
   * One check that a node passes every filter this pod meets, from its hot numbers; undefined
   * unless each of those filters has a quick check for this pod.
   */
  quickFilter(state: CycleState, pod: PodInfo): QuickPass | undefined {
    state.filterPlugins ??= this.plugins.filter((p) => p.filter && !state.skipFilter.has(p.name));
    const checks: QuickPass[] = [];
    for (const p of state.filterPlugins) {
      const q = p.quickFilter?.(state, pod);
      if (!q) return undefined;
      if (q !== ALWAYS_PASSES) checks.push(q);
    }
    if (checks.length === 0) return ALWAYS_PASSES;
    if (checks.length === 1) return checks[0];
    return (numbers, row) => {
      for (const c of checks) if (!c(numbers, row)) return false;
      return true;
    };
  }

  runAddPod(state: CycleState, pod: PodInfo, added: PodInfo, node: NodeInfo, view: ClusterView): void {
    for (const p of this.plugins) if (p.addPod && p.preFilter && !state.skipFilter.has(p.name)) p.addPod(state, pod, added, node, view);
  }

  runRemovePod(state: CycleState, pod: PodInfo, removed: PodInfo, node: NodeInfo, view: ClusterView): void {
    for (const p of this.plugins) if (p.removePod && p.preFilter && !state.skipFilter.has(p.name)) p.removePod(state, pod, removed, node, view);
  }

  /**
   * RunFilterPluginsWithNominatedPods: when pods of equal or higher priority are nominated to
   * the node, the pod must fit both with them (as if they ran) and without them.
   */
  runFilterWithNominatedPods(
    state: CycleState,
    pod: PodInfo,
    node: NodeInfo,
    view: ClusterView,
    nominated: readonly PodInfo[],
  ): Result {
    if (!nominated.length) return this.runFilter(state, pod, node, view);
    const relevant = nominated.filter((n) => n.priority >= pod.priority && n.uid !== pod.uid);
    if (!relevant.length) return this.runFilter(state, pod, node, view);
    const nodeWith = node.clone();
    const stateWith = state.clone();
    for (const n of relevant) {
      nodeWith.addPod(n);
      this.runAddPod(stateWith, pod, n, nodeWith, view);
    }
    const first = this.runFilter(stateWith, pod, nodeWith, view);
    if (first && !isSuccess(first)) return first;
    return this.runFilter(state, pod, node, view);
  }

  runPreScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], view: ClusterView): Result {
    for (const p of this.plugins) {
      if (!p.preScore) continue;
      const s = p.preScore(state, pod, nodes, view);
      if (s?.code === 'Skip') {
        state.skipScore.add(p.name);
        continue;
      }
      if (s && !isSuccess(s)) return withPlugin(error(`running PreScore plugin "${p.name}": ${s.reasons.join(', ')}`), p.name);
    }
    return undefined;
  }

  /**
   * Score, normalise and weight per plugin; totals per node, in the order the nodes came. The
   * table's arrays are views into buffers reused by the next cycle: read them before then.
   */
  runScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], view: ClusterView): ScoreTable {
    const n = nodes.length;
    if (this.buffers.length === 0 || this.buffers[0].length < n) {
      const size = Math.max(n, 2 * (this.buffers[0]?.length ?? 0), 64);
      this.buffers = Array.from({ length: 2 * this.plugins.length + 1 }, () => new Float64Array(size));
    }
    const totals = this.buffers[0].subarray(0, n);
    totals.fill(0);
    const plugins: ScoreTable['plugins'][number][] = [];
    this.plugins.forEach((p, k) => {
      if (!p.score || state.skipScore.has(p.name)) return;
      const weight = this.weights.get(p.name) ?? 1;
      const raw = this.buffers[1 + 2 * k].subarray(0, n);
      p.score(state, pod, nodes, view, raw);
      let normalized = raw;
      if (p.normalizeScore) {
        normalized = this.buffers[2 + 2 * k].subarray(0, n);
        normalized.set(raw);
        p.normalizeScore(state, pod, normalized, nodes, view);
      }
      for (let i = 0; i < n; i++) totals[i] += normalized[i] * weight;
      plugins.push({ plugin: p.name, weight, raw, normalized });
    });
    return { nodes, plugins, totals };
  }

  /** Whether an event may make a pod that `plugins` rejected schedulable (isPodWorthRequeuing). */
  worthRequeuing(pod: PodInfo, plugins: ReadonlySet<string>, event: ClusterEvent, oldObj: unknown, newObj: unknown): boolean {
    if (event.resource === 'WildCard') return true;
    // Rejected by nothing in particular (an error, no nodes at all): any event may help.
    if (!plugins.size) return true;
    for (const name of plugins) {
      const p = this.plugins.find((x) => x.name === name);
      for (const reg of p?.events ?? []) {
        if (!registrationMatches(reg, event)) continue;
        if (!reg.hint || reg.hint(pod, oldObj as never, newObj as never)) return true;
      }
    }
    return false;
  }
}

function registrationMatches(reg: EventRegistration, event: ClusterEvent): boolean {
  return (reg.resource === event.resource || reg.resource === 'WildCard') && (reg.actions & event.action) !== 0;
}
