import { LruMap } from '../api/lru';
import type { Diagnosis } from './fiterror';
import { reasonHistogram } from './fiterror';
import type { PluginScore, ScoreTable } from './framework';
import type { Status } from './status';

/** One node's part in a decision: why it was rejected, or how it scored. */
export interface NodeVerdict {
  readonly node: string;
  /** The plugin that rejected the node (absent for feasible nodes). */
  readonly plugin?: string;
  readonly reasons?: readonly string[];
  /** Whether evicting pods could help (Unschedulable) or not (UnschedulableAndUnresolvable). */
  readonly code?: string;
  readonly scores?: readonly PluginScore[];
  readonly total?: number;
  readonly selected?: boolean;
}

export interface ReasonCount {
  readonly reason: string;
  readonly count: number;
}

export interface PreemptionRecord {
  /** The PostFilter message, when preemption did not help. */
  readonly message?: string;
  readonly node?: string;
  /** `namespace/name` of the pods evicted. */
  readonly victims?: readonly string[];
  readonly nodes?: readonly NodeVerdict[];
}

/**
 * What the scheduler decided about a pod in its last attempt and why: the answer to "why is
 * it Pending?" and "why did it land there?". Plain data, so it survives a snapshot.
 */
export interface DecisionRecord {
  readonly pod: string;
  readonly uid: string;
  /** Simulated time of the attempt, RFC 3339. */
  readonly time: string;
  readonly attempt: number;
  readonly result: 'Scheduled' | 'Unschedulable' | 'Error' | 'WaitingForVolumes';
  readonly node?: string;
  /** The FailedScheduling message, exactly as the event and the PodScheduled condition carry it. */
  readonly message?: string;
  readonly numAllNodes: number;
  /** Nodes the filters looked at (fewer than all in large clusters: percentageOfNodesToScore). */
  readonly evaluatedNodes: number;
  readonly feasibleNodes: number;
  /** A PreFilter rejection stops the cycle before any node is looked at. */
  readonly preFilter?: { readonly plugin?: string; readonly message: string };
  /** The reason histogram of the failure message, highest count first. */
  readonly reasons: readonly ReasonCount[];
  /** Per node, at most {@link MAX_NODES_PER_RECORD}; rejected nodes first for a failure, best scores first for a success. */
  readonly nodes: readonly NodeVerdict[];
  readonly omittedNodes: number;
  readonly preemption?: PreemptionRecord;
}

export const MAX_NODES_PER_RECORD = 100;
/** Scored nodes kept per record: enough to compare the winner with its closest rivals. */
export const MAX_SCORED_NODES = 10;
export const MAX_RECORDS = 500;

export function rejectedVerdicts(d: Diagnosis): NodeVerdict[] {
  const out: NodeVerdict[] = [];
  for (const [node, s] of d.nodeToStatus) {
    out.push({ node, plugin: s.plugin, reasons: [...s.reasons], code: s.code });
  }
  return out;
}

/**
 * The best-scoring nodes of a decision, stored flat: a record is made for every pod scheduled,
 * so it must be cheap to build. {@link expandScores} turns it into verdicts when asked.
 */
export interface CompactScores {
  /** Best first; the chosen node first among equals. */
  readonly nodes: string[];
  readonly plugins: string[];
  readonly weights: number[];
  /** Per node, per plugin: raw then normalized. */
  readonly values: number[];
  readonly totals: number[];
  /** Index of the chosen node in `nodes` (it always scores best, so it is there). */
  readonly selected: number;
}

/** The `max` best nodes of a score table (the chosen one, `sel`, first among equals). */
export function compactScores(t: ScoreTable, sel: number, max = MAX_SCORED_NODES): CompactScores {
  // Keep the `max` best in a small sorted list: sorting every feasible node for every pod costs
  // more than the whole rest of a decision in a large cluster.
  const totals = t.totals;
  const top: number[] = [];
  for (let i = 0; i < totals.length; i++) {
    if (top.length === max) {
      const last = top[max - 1];
      if (totals[i] < totals[last] || (totals[i] === totals[last] && i !== sel)) continue;
    }
    let j = top.length < max ? top.length : max - 1;
    if (top.length < max) top.push(i);
    while (j > 0) {
      const prev = top[j - 1];
      const ahead = totals[i] > totals[prev] || (totals[i] === totals[prev] && i === sel);
      if (!ahead) break;
      top[j] = prev;
      j--;
    }
    top[j] = i;
  }
  const values: number[] = [];
  for (const i of top) for (const p of t.plugins) values.push(p.raw[i], p.normalized[i]);
  return {
    nodes: top.map((i) => t.nodes[i].name),
    plugins: t.plugins.map((p) => p.plugin),
    weights: t.plugins.map((p) => p.weight),
    values,
    totals: top.map((i) => totals[i]),
    selected: top.indexOf(sel),
  };
}

export function expandScores(c: CompactScores): NodeVerdict[] {
  const np = c.plugins.length;
  return c.nodes.map((node, k) => ({
    node,
    scores: c.plugins.map((plugin, p) => {
      const normalized = c.values[(k * np + p) * 2 + 1];
      return { plugin, raw: c.values[(k * np + p) * 2], normalized, weighted: normalized * c.weights[p] };
    }),
    total: c.totals[k],
    selected: k === c.selected,
  }));
}

export function histogram(numAllNodes: number, d: Diagnosis): ReasonCount[] {
  if (d.preFilterMsg) return [{ reason: d.preFilterMsg, count: numAllNodes }];
  return [...reasonHistogram(numAllNodes, d)]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1));
}

export function statusVerdict(node: string, s: Status): NodeVerdict {
  return { node, plugin: s.plugin, reasons: [...s.reasons], code: s.code };
}

/** Cap a verdict list to keep records small in big clusters. */
export function capNodes(nodes: NodeVerdict[]): { nodes: NodeVerdict[]; omitted: number } {
  if (nodes.length <= MAX_NODES_PER_RECORD) return { nodes, omitted: 0 };
  return { nodes: nodes.slice(0, MAX_NODES_PER_RECORD), omitted: nodes.length - MAX_NODES_PER_RECORD };
}

/** A record as the log keeps it: the scored nodes compact, expanded on read. */
export interface StoredDecision extends Omit<DecisionRecord, 'nodes'> {
  /** Rejected nodes (at most {@link MAX_NODES_PER_RECORD}). */
  readonly nodes: readonly NodeVerdict[];
  readonly scored?: CompactScores;
}

/** The last decision per pod, bounded: the oldest records go first. */
export class DecisionLog {
  private readonly records: LruMap<string, StoredDecision>;

  constructor(max = MAX_RECORDS) {
    this.records = new LruMap(max);
  }

  record(r: StoredDecision): void {
    this.records.set(r.pod, r);
  }

  get(key: string): DecisionRecord | undefined {
    const r = this.records.peek(key);
    if (!r) return undefined;
    const { scored, ...rest } = r;
    return scored ? { ...rest, nodes: [...expandScores(scored), ...r.nodes] } : rest;
  }

  /** The stored form, e.g. to mark a record as waiting for volumes. */
  raw(key: string): StoredDecision | undefined {
    return this.records.peek(key);
  }

  drop(key: string): void {
    this.records.delete(key);
  }

  get size(): number {
    return this.records.size;
  }

  snapshot(): StoredDecision[] {
    return this.records.entries().map(([, r]) => r);
  }

  restore(records: readonly StoredDecision[]): void {
    this.records.clear();
    for (const r of records) this.records.set(r.pod, r);
  }
}
