import type { KObject } from '../api/types';
import type { CycleState } from './cyclestate';
import type { EventResource } from './events';
import type { NodeInfo } from './nodeinfo';
import type { PodInfo } from './podinfo';
import type { Result, Status } from './status';
import type { ClusterView } from './view';

/** What PreFilter may return besides a status: the only nodes worth filtering (framework.PreFilterResult). */
export interface PreFilterResult {
  status?: Status;
  nodeNames?: ReadonlySet<string>;
}


/** Whether the node whose row starts at `row` of `numbers` certainly passes a filter. */
export type QuickPass = (numbers: Float64Array, row: number) => boolean;

/** The quick check of a filter no node fails for this pod. */
export const ALWAYS_PASSES: QuickPass = () => true;

/**
 * A queueing hint: given a cluster event's old and new object (either may be undefined for an
 * add or a delete), could the pod that this plugin rejected now fit? Returning false keeps the
 * pod where it is (QueueSkip).
 */
export type QueueingHint = (pod: PodInfo, oldObj: KObject | undefined, newObj: KObject | undefined) => boolean;

export interface EventRegistration {
  readonly resource: EventResource;
  /** A bit set of {@link Action} values. */
  readonly actions: number;
  readonly hint?: QueueingHint;
}

/**
 * A scheduler plugin (framework plugins): a name and the extension points it implements. All
 * methods are pure functions of their arguments; what a plugin computes at PreFilter or
 * PreScore it keeps in the cycle state under its own name.
 */
export interface Plugin {
  readonly name: string;
  preFilter?(state: CycleState, pod: PodInfo, view: ClusterView): PreFilterResult | undefined;
  /** PreFilterExtensions.AddPod: the node now also runs `added` (a nominated pod, a reprieved victim). */
  addPod?(state: CycleState, pod: PodInfo, added: PodInfo, node: NodeInfo, view: ClusterView): void;
  /** PreFilterExtensions.RemovePod: `removed` no longer runs on the node (a preemption victim). */
  removePod?(state: CycleState, pod: PodInfo, removed: PodInfo, node: NodeInfo, view: ClusterView): void;
  filter?(state: CycleState, pod: PodInfo, node: NodeInfo, view: ClusterView): Result;
  /**
   * A check that a node certainly passes Filter, from the node's hot numbers alone (see
   * nodeinfo's Hot); when it says no, Filter runs as usual. Undefined when this pod needs Filter
   * itself on every node. At 5,000 nodes most nodes pass, and reading their rows rather than
   * their objects is what keeps a cycle out of cache misses.
   */
  quickFilter?(state: CycleState, pod: PodInfo): QuickPass | undefined;
  preScore?(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], view: ClusterView): Result;
  /**
   * Raw scores of the feasible nodes, written to `out[i]` for `nodes[i]`. Whole lists rather
   * than one node at a time, into a buffer the framework reuses: in a large cluster a pod is
   * scored against hundreds of nodes, and per-call overhead and garbage would dominate.
   */
  score?(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], view: ClusterView, out: Float64Array): void;
  /** Rewrite `scores` (one per node of `nodes`, same order) in place to 0..100. */
  normalizeScore?(state: CycleState, pod: PodInfo, scores: Float64Array, nodes: readonly NodeInfo[], view: ClusterView): void;
  /** Events that may make a pod rejected by this plugin schedulable (EnqueueExtensions). */
  readonly events?: readonly EventRegistration[];
}

/** DefaultNormalizeScore: scale to 0..max by the highest score; `reverse` turns high into low. */
export function defaultNormalizeScore(max: number, reverse: boolean, scores: Float64Array | number[]): void {
  let highest = 0;
  for (const s of scores) if (s > highest) highest = s;
  if (highest === 0) {
    if (reverse) scores.fill(max);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    const v = Math.trunc((max * scores[i]) / highest);
    scores[i] = reverse ? max - v : v;
  }
}
