import type { RandomStream } from '../sim/random';
import type { CycleState } from './cyclestate';
import { addPluginStatus, type Diagnosis, ErrNoNodesAvailable, newDiagnosis } from './fiterror';
import { Framework, type ScoreTable } from './framework';
import type { NodeInfo } from './nodeinfo';
import type { PodInfo } from './podinfo';
import { isRejected, isSuccess, message, unresolvable } from './status';
import type { ClusterView } from './view';

/** Below this many nodes every node is examined (minFeasibleNodesToFind). */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/** numFeasibleNodesToFind: all nodes up to 100, then an adaptive percentage (50% − 1% per 125 nodes, at least 5%). */
export function numFeasibleNodesToFind(numAllNodes: number, percentageOfNodesToScore = 0): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    percentage = Math.max(percentage, MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND);
  }
  return Math.max(Math.trunc((numAllNodes * percentage) / 100), MIN_FEASIBLE_NODES_TO_FIND);
}

/** The highest total wins; ties are broken at random, uniformly, as upstream does. */
export function selectHost(totals: Float64Array, rand: RandomStream): number {
  let best = Number.NEGATIVE_INFINITY;
  let ties = 0;
  for (const total of totals) {
    if (total > best) {
      best = total;
      ties = 1;
    } else if (total === best) ties++;
  }
  // One draw picks uniformly among the ties: the same odds as reservoir sampling, fewer draws.
  let k = ties > 1 ? rand.int(ties) : 0;
  for (let i = 0; i < totals.length; i++) {
    if (totals[i] !== best) continue;
    if (k === 0) return i;
    k--;
  }
  return 0;
}

export type CycleOutcome =
  | {
      kind: 'scheduled';
      node: string;
      /** Index of the node in the score table (absent when there was nothing to score). */
      chosen?: number;
      evaluated: number;
      feasible: number;
      scores?: ScoreTable;
      diagnosis: Diagnosis;
    }
  | { kind: 'unfit'; diagnosis: Diagnosis; evaluated: number }
  | { kind: 'error'; message: string; noNodes?: boolean };

/** Pods other pods were nominated for (the queue's nominator). */
export interface Nominator {
  hasNominations(): boolean;
  nominatedPodsFor(node: string): readonly PodInfo[];
}

export interface CycleInput {
  readonly framework: Framework;
  readonly view: ClusterView;
  readonly nominator: Nominator;
  readonly rand: RandomStream;
  readonly percentageOfNodesToScore: number;
  /** Where the previous cycle stopped in the node list (nextStartNodeIndex). */
  readonly startIndex: number;
}

/**
 * One scheduling cycle up to the choice of a node (schedulePod): PreFilter, the nominated node
 * if any, Filter over a rotating sample of nodes, then PreScore, Score and the pick. Returns
 * the outcome and where the next cycle should start looking.
 */
export function findPlacement(input: CycleInput, state: CycleState, pod: PodInfo): { outcome: CycleOutcome; nextStartIndex: number } {
  const { framework, view, nominator } = input;
  const all = view.nodeInfos();
  const done = (outcome: CycleOutcome, nextStartIndex = input.startIndex) => ({ outcome, nextStartIndex });
  if (!all.length) return done({ kind: 'error', message: ErrNoNodesAvailable, noNodes: true });
  const d = newDiagnosis();
  const pre = framework.runPreFilter(state, pod, view);
  for (const p of pre.pluginsWithNodes) d.unschedulablePlugins.add(p);
  if (pre.status && !isSuccess(pre.status)) {
    if (!isRejected(pre.status)) return done({ kind: 'error', message: message(pre.status) });
    d.absentStatus = pre.status;
    d.preFilterMsg = message(pre.status);
    addPluginStatus(d, pre.status);
    return done({ kind: 'unfit', diagnosis: d, evaluated: 0 });
  }
  // A pod that preempted earlier tries its nominated node first: it is likely the only fit.
  const nnn = pod.pod.status?.nominatedNodeName;
  if (nnn) {
    const n = view.nodeInfo(nnn);
    if (n) {
      const s = framework.runFilterWithNominatedPods(state, pod, n, view, nominator.nominatedPodsFor(nnn));
      if (isSuccess(s)) return done({ kind: 'scheduled', node: nnn, evaluated: 1, feasible: 1, diagnosis: d });
      if (s && !isRejected(s)) return done({ kind: 'error', message: message(s) });
      if (s) {
        d.nodeToStatus.set(nnn, s);
        addPluginStatus(d, s);
      }
    }
  }
  let nodes: readonly NodeInfo[] = all;
  if (pre.nodeNames) {
    nodes = all.filter((n) => pre.nodeNames?.has(n.name));
    d.absentStatus = unresolvable(Framework.absentNodesReason(pre.pluginsWithNodes));
  }
  const feasible: NodeInfo[] = [];
  const toFind = numFeasibleNodesToFind(nodes.length, input.percentageOfNodesToScore);
  const nominations = nominator.hasNominations();
  // Nodes that certainly pass are taken from their rows of numbers, without reading the node
  // objects; the rest (and every node when nominations or a narrowed list are in play) go
  // through the filters, whose statuses the diagnosis needs.
  const quick = !nominations && !nnn && nodes === all ? framework.quickFilter(state, pod) : undefined;
  const rows = quick && view.nodeRows?.();
  for (let i = 0; i < nodes.length && feasible.length < toFind; i++) {
    const at = (input.startIndex + i) % nodes.length;
    if (rows && quick(rows.numbers, rows.rows[at])) {
      feasible.push(nodes[at]);
      continue;
    }
    const node = nodes[at];
    const s = nominations
      ? framework.runFilterWithNominatedPods(state, pod, node, view, nominator.nominatedPodsFor(node.name))
      : framework.runFilter(state, pod, node, view);
    if (s === undefined || s.code === 'Success') {
      feasible.push(node);
      // The nominated node may have been rejected above with another pod in mind.
      if (node.name === nnn) d.nodeToStatus.delete(nnn);
    } else if (!isRejected(s)) {
      return done({ kind: 'error', message: message(s) });
    } else {
      d.nodeToStatus.set(node.name, s);
      addPluginStatus(d, s);
    }
  }
  // Every node gets its turn: the next pod starts where this one stopped.
  const processed = feasible.length + d.nodeToStatus.size;
  const next = (input.startIndex + processed) % all.length;
  if (!feasible.length) return done({ kind: 'unfit', diagnosis: d, evaluated: processed }, next);
  if (feasible.length === 1) return done({ kind: 'scheduled', node: feasible[0].name, evaluated: processed, feasible: 1, diagnosis: d }, next);
  const pre2 = framework.runPreScore(state, pod, feasible, view);
  if (pre2 && !isSuccess(pre2)) return done({ kind: 'error', message: message(pre2) }, next);
  const scores = framework.runScore(state, pod, feasible, view);
  const chosen = selectHost(scores.totals, input.rand);
  return done({ kind: 'scheduled', node: feasible[chosen].name, chosen, evaluated: processed, feasible: feasible.length, scores, diagnosis: d }, next);
}
