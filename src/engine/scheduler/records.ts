import type { CycleOutcome } from './cycle';
import { capNodes, compactScores, histogram, rejectedVerdicts, type StoredDecision, statusVerdict } from './decisions';
import type { Diagnosis } from './fiterror';
import type { PreemptionOutcome } from './preemption';
import { isSuccess, message } from './status';

/** What a failure record is made from. */
export interface FailureInput {
  result: StoredDecision['result'];
  numAllNodes: number;
  evaluated: number;
  diagnosis?: Diagnosis;
  preemption?: PreemptionOutcome;
}

interface Who {
  key: string;
  uid: string;
  time: string;
  attempt: number;
}

/** The record of a pod placed on a node: the best-scoring nodes and any nodes rejected on the way. */
export function scheduledRecord(who: Who, numAllNodes: number, o: Extract<CycleOutcome, { kind: 'scheduled' }>): StoredDecision {
  const { nodes, omitted } = capNodes(rejectedVerdicts(o.diagnosis));
  return {
    pod: who.key,
    uid: who.uid,
    time: who.time,
    attempt: who.attempt,
    result: 'Scheduled',
    node: o.node,
    numAllNodes,
    evaluatedNodes: o.evaluated,
    feasibleNodes: o.feasible,
    reasons: histogram(o.diagnosis.nodeToStatus.size, { ...o.diagnosis, absentStatus: undefined }),
    nodes: o.scores ? nodes : [{ node: o.node, selected: true }, ...nodes],
    scored: o.scores ? compactScores(o.scores, o.chosen ?? 0) : undefined,
    omittedNodes: omitted,
  };
}

/** The record of a failed attempt: the message, every node's rejection, what preemption found. */
export function failureRecord(who: Who, msg: string, rec: FailureInput): StoredDecision {
  const d = rec.diagnosis;
  const { nodes, omitted } = capNodes(d ? rejectedVerdicts(d) : []);
  const post = rec.preemption;
  return {
    pod: who.key,
    uid: who.uid,
    time: who.time,
    attempt: who.attempt,
    result: rec.result,
    message: msg,
    numAllNodes: rec.numAllNodes,
    evaluatedNodes: rec.evaluated,
    feasibleNodes: 0,
    preFilter: d?.preFilterMsg ? { plugin: d.absentStatus?.plugin, message: d.preFilterMsg } : undefined,
    reasons: d ? histogram(rec.numAllNodes, d) : [],
    nodes,
    omittedNodes: omitted,
    preemption: post
      ? {
          message: isSuccess(post.status) ? undefined : message(post.status),
          node: post.candidate?.node,
          victims: post.candidate?.victims.map((v) => v.key),
          nodes: post.nodeStatuses ? capNodes([...post.nodeStatuses].map(([n, s]) => statusVerdict(n, s))).nodes : undefined,
        }
      : undefined,
  };
}
