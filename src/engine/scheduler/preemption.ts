import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { selectorFromLabelSelector } from '../api/labels';
import type { RandomStream } from '../sim/random';
import type { CycleState } from './cyclestate';
import { type Diagnosis, fitErrorMessage, newDiagnosis } from './fiterror';
import type { Framework } from './framework';
import type { NodeInfo } from './nodeinfo';
import { type PodInfo, podStartTime } from './podinfo';
import { error, isSuccess, type Status, unresolvable, unschedulable } from './status';
import type { ClusterView } from './view';

/** DefaultPreemptionArgs defaults. */
export const MIN_CANDIDATE_NODES_PERCENTAGE = 10;
export const MIN_CANDIDATE_NODES_ABSOLUTE = 100;

export const MsgNotHelpful = 'Preemption is not helpful for scheduling';
export const MsgNoVictims = 'No preemption victims found for incoming pod';
export const MsgPolicyNever = 'not eligible due to preemptionPolicy=Never.';
export const MsgTerminatingOnNominated = 'not eligible due to a terminating pod on the nominated node.';

export interface Candidate {
  readonly node: string;
  /** Most important first. */
  readonly victims: PodInfo[];
  readonly numPDBViolations: number;
}

export interface PreemptionOutcome {
  /** Success when a node was chosen; otherwise the PostFilter message, already prefixed "preemption: ". */
  readonly status: Status;
  /**
   * The nomination to record: a node name, "" to clear an old one, or undefined to leave it
   * as it is (a pod not eligible to preempt keeps its nomination).
   */
  readonly nominatedNode?: string;
  readonly candidate?: Candidate;
  /** Pods of lower priority nominated to the chosen node: their nominations are cleared. */
  readonly lowerNominated?: PodInfo[];
  /** Per node, why it was no candidate (for decision records). */
  readonly nodeStatuses?: ReadonlyMap<string, Status>;
}

export interface PreemptionContext {
  readonly framework: Framework;
  readonly view: ClusterView;
  readonly state: CycleState;
  readonly pod: PodInfo;
  readonly diagnosis: Diagnosis;
  readonly nominatedPodsFor: (node: string) => readonly PodInfo[];
  readonly random: RandomStream;
  /** Simulated now, ms: a victim without a start time counts as started now. */
  readonly now: number;
}

function statusFor(d: Diagnosis, node: string): Status {
  return d.nodeToStatus.get(node) ?? d.absentStatus ?? unresolvable();
}

/** A pod being deleted because this scheduler preempted it (DisruptionTarget, PreemptionByScheduler). */
export function terminatingByPreemption(p: PodInfo): boolean {
  if (!p.terminating) return false;
  const c = (p.pod.status?.conditions ?? []).find((x) => x.type === 'DisruptionTarget');
  return c?.status === 'True' && c.reason === 'PreemptionByScheduler';
}

/** MoreImportantPod: higher priority, then the one that started earlier. */
export function moreImportant(a: PodInfo, b: PodInfo, now: number): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  return (podStartTime(a.pod) ?? now) < (podStartTime(b.pod) ?? now);
}

export function calculateNumCandidates(numNodes: number): number {
  let n = Math.trunc((numNodes * MIN_CANDIDATE_NODES_PERCENTAGE) / 100);
  if (n < MIN_CANDIDATE_NODES_ABSOLUTE) n = MIN_CANDIDATE_NODES_ABSOLUTE;
  return Math.min(n, numNodes);
}

/** Split victims by whether evicting them would break a PodDisruptionBudget (order kept). */
export function filterPodsWithPDBViolation(pods: readonly PodInfo[], pdbs: readonly PodDisruptionBudget[]): [PodInfo[], PodInfo[]] {
  const allowed = pdbs.map((p) => p.status?.disruptionsAllowed ?? 0);
  const selectors = pdbs.map((p) => {
    try {
      return selectorFromLabelSelector(p.spec?.selector);
    } catch {
      return undefined;
    }
  });
  const violating: PodInfo[] = [];
  const ok: PodInfo[] = [];
  for (const p of pods) {
    let violated = false;
    if (Object.keys(p.labels).length) {
      pdbs.forEach((pdb, i) => {
        if ((pdb.metadata?.namespace ?? '') !== p.namespace) return;
        const sel = selectors[i];
        // A PDB with a nil or empty selector matches nothing.
        if (!sel?.selectable || sel.empty() || !sel.matches(p.labels)) return;
        // Already counted by the API server's eviction: not a violation.
        if (pdb.status?.disruptedPods?.[p.name] !== undefined) return;
        allowed[i]--;
        if (allowed[i] < 0) violated = true;
      });
    }
    (violated ? violating : ok).push(p);
  }
  return [violating, ok];
}

interface VictimsResult {
  status?: Status;
  victims: PodInfo[];
  numPDBViolations: number;
}

/** SelectVictimsOnNode: remove every lower-priority pod, then reprieve as many as still leave room. */
export function selectVictimsOnNode(ctx: PreemptionContext, node: NodeInfo, pdbs: readonly PodDisruptionBudget[]): VictimsResult {
  const { framework, view, pod } = ctx;
  const state = ctx.state.clone();
  const copy = node.clone();
  const nominated = ctx.nominatedPodsFor(node.name);
  const potential: PodInfo[] = [];
  for (const p of copy.pods.values()) if (p.priority < pod.priority) potential.push(p);
  for (const p of potential) {
    copy.removePod(p.uid);
    framework.runRemovePod(state, pod, p, copy, view);
  }
  if (!potential.length) return { status: unresolvable(MsgNoVictims), victims: [], numPDBViolations: 0 };
  const fits = framework.runFilterWithNominatedPods(state, pod, copy, view, nominated);
  if (!isSuccess(fits)) return { status: fits, victims: [], numPDBViolations: 0 };
  potential.sort((a, b) => (moreImportant(a, b, ctx.now) ? -1 : moreImportant(b, a, ctx.now) ? 1 : 0));
  const [violating, nonViolating] = filterPodsWithPDBViolation(potential, pdbs);
  const victims: PodInfo[] = [];
  const reprieve = (p: PodInfo): boolean => {
    copy.addPod(p);
    framework.runAddPod(state, pod, p, copy, view);
    const ok = isSuccess(framework.runFilterWithNominatedPods(state, pod, copy, view, nominated));
    if (!ok) {
      copy.removePod(p.uid);
      framework.runRemovePod(state, pod, p, copy, view);
      victims.push(p);
    }
    return ok;
  };
  let numPDBViolations = 0;
  for (const p of violating) if (!reprieve(p)) numPDBViolations++;
  for (const p of nonViolating) reprieve(p);
  if (violating.length && nonViolating.length) {
    victims.sort((a, b) => (moreImportant(a, b, ctx.now) ? -1 : moreImportant(b, a, ctx.now) ? 1 : 0));
  }
  return { victims, numPDBViolations };
}

/** pickOneNodeForPreemption: fewest PDB violations, lowest top victim, lowest sum, fewest victims, latest start. */
export function pickOneNodeForPreemption(candidates: readonly Candidate[], now: number): Candidate | undefined {
  if (!candidates.length) return undefined;
  const start = (p: PodInfo) => podStartTime(p.pod) ?? now;
  const scoreFuncs: ((c: Candidate) => number)[] = [
    (c) => -c.numPDBViolations,
    (c) => -c.victims[0].priority,
    // MaxInt32+1 lifts negative priorities so fewer pods always sum lower.
    (c) => -c.victims.reduce((s, v) => s + v.priority + 2147483648, 0),
    (c) => -c.victims.length,
    (c) => {
      // The earliest start among the most important victims: later is better.
      const top = c.victims[0].priority;
      let earliest = Number.POSITIVE_INFINITY;
      for (const v of c.victims) if (v.priority === top) earliest = Math.min(earliest, start(v));
      return earliest;
    },
  ];
  let all = [...candidates];
  for (const f of scoreFuncs) {
    let best = Number.NEGATIVE_INFINITY;
    let selected: Candidate[] = [];
    for (const c of all) {
      const s = f(c);
      if (s > best) {
        best = s;
        selected = [];
      }
      if (s === best) selected.push(c);
    }
    if (selected.length === 1) return selected[0];
    all = selected;
  }
  return all[0];
}

/**
 * DefaultPreemption's PostFilter (Evaluator.Preempt): find nodes where evicting lower-priority
 * pods makes room, choose one, and report which pods to evict. The caller performs the
 * evictions. Without a candidate, the outcome's message explains each node, as FitError does.
 */
export function preempt(ctx: PreemptionContext): PreemptionOutcome {
  const { pod, view, diagnosis } = ctx;
  const policy = pod.pod.spec?.preemptionPolicy;
  if (policy === 'Never') return { status: unschedulable(`preemption: ${MsgPolicyNever}`) };
  const nnn = pod.pod.status?.nominatedNodeName;
  if (nnn && statusFor(diagnosis, nnn).code !== 'UnschedulableAndUnresolvable') {
    const n = view.nodeInfo(nnn);
    if (n) {
      for (const p of n.pods.values()) {
        if (p.priority < pod.priority && terminatingByPreemption(p)) {
          return { status: unschedulable(`preemption: ${MsgTerminatingOnNominated}`) };
        }
      }
    }
  }
  const all = view.nodeInfos();
  if (!all.length) return { status: error('preemption: no nodes available') };
  // Only nodes rejected as plain Unschedulable might be helped by evicting pods.
  const potential = all.filter((n) => statusFor(diagnosis, n.name).code === 'Unschedulable');
  const nodeStatuses = new Map<string, Status>();
  const nonViolating: Candidate[] = [];
  const violating: Candidate[] = [];
  if (potential.length) {
    const pdbs = [...view.podDisruptionBudgets()];
    const offset = ctx.random.int(potential.length);
    const wanted = calculateNumCandidates(potential.length);
    for (let i = 0; i < potential.length; i++) {
      const node = potential[(offset + i) % potential.length];
      const r = selectVictimsOnNode(ctx, node, pdbs);
      if (!r.status && r.victims.length) {
        const c: Candidate = { node: node.name, victims: r.victims, numPDBViolations: r.numPDBViolations };
        (r.numPDBViolations === 0 ? nonViolating : violating).push(c);
        if (nonViolating.length > 0 && nonViolating.length + violating.length >= wanted) break;
        continue;
      }
      nodeStatuses.set(node.name, r.status ?? error(`expected at least one victim pod on node "${node.name}"`));
    }
  }
  const candidates = [...nonViolating, ...violating];
  if (!candidates.length) {
    const d = newDiagnosis();
    for (const [k, v] of nodeStatuses) d.nodeToStatus.set(k, v);
    d.absentStatus = unresolvable(MsgNotHelpful);
    return { status: unschedulable(`preemption: ${fitErrorMessage(all.length, d)}`), nominatedNode: '', nodeStatuses };
  }
  const best = candidates.length === 1 ? candidates[0] : (pickOneNodeForPreemption(candidates, ctx.now) as Candidate);
  const lowerNominated = ctx.nominatedPodsFor(best.node).filter((p) => p.priority < pod.priority);
  return { status: { code: 'Success', reasons: [] }, nominatedNode: best.node, candidate: best, lowerNominated, nodeStatuses };
}
