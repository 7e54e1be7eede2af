import { message, type Status } from './status';

/** Why a pod fits nowhere (framework.Diagnosis). */
export interface Diagnosis {
  /** Each examined node's rejection. */
  readonly nodeToStatus: Map<string, Status>;
  /** The rejection of every node not in the map (a PreFilter verdict, or nodes a PreFilter result left out). */
  absentStatus?: Status;
  /** Plugins that rejected the pod somewhere: the queue asks only them whether an event helps. */
  readonly unschedulablePlugins: Set<string>;
  preFilterMsg: string;
  postFilterMsg: string;
}

export function newDiagnosis(): Diagnosis {
  return { nodeToStatus: new Map(), unschedulablePlugins: new Set(), preFilterMsg: '', postFilterMsg: '' };
}

export function addPluginStatus(d: Diagnosis, s: Status): void {
  if (s.plugin && (s.code === 'Unschedulable' || s.code === 'UnschedulableAndUnresolvable')) d.unschedulablePlugins.add(s.plugin);
}

/** `0/%v nodes are available` (NoNodeAvailableMsg). */
export function noNodeAvailableMsg(numAllNodes: number): string {
  return `0/${numAllNodes} nodes are available`;
}

/** The message when the cluster has no nodes (ErrNoNodesAvailable). */
export const ErrNoNodesAvailable = 'no nodes available to schedule pods';

/** Go's sort.Strings: byte-wise, so "10 …" sorts before "2 …". */
function goCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Count each reason over the nodes: every reason of every node's status counts once for that
 * node, and nodes without an entry take the absent status's reasons.
 */
export function reasonHistogram(numAllNodes: number, d: Pick<Diagnosis, 'nodeToStatus' | 'absentStatus'>): Map<string, number> {
  const reasons = new Map<string, number>();
  for (const s of d.nodeToStatus.values()) for (const r of s.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
  const absent = numAllNodes - d.nodeToStatus.size;
  if (absent > 0 && d.absentStatus) {
    for (const r of d.absentStatus.reasons) reasons.set(r, (reasons.get(r) ?? 0) + absent);
  }
  return reasons;
}

/**
 * FitError.Error(): `0/N nodes are available: <PreFilter message>.` or the sorted reason
 * histogram, then the PostFilter (preemption) message, which brings its own full stop.
 */
export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  let msg = `${noNodeAvailableMsg(numAllNodes)}:`;
  if (d.preFilterMsg) {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const entries = [...reasonHistogram(numAllNodes, d)].map(([r, n]) => `${n} ${r}`).sort(goCompare);
    if (entries.length) msg += ` ${entries.join(', ')}.`;
  }
  if (d.postFilterMsg) msg += ` ${d.postFilterMsg}`;
  return msg;
}

/** Event notes are limited to 1024 bytes; longer ones end in " ..." (truncateMessage). */
export function truncateMessage(msg: string): string {
  const max = 1024;
  if (msg.length <= max) return msg;
  return `${msg.slice(0, max - 4)} ...`;
}

export { message };
