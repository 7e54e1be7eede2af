import type { Node, PersistentVolumeClaim, Pod, PodCondition } from 'kubernetes-types/core/v1';
import { isStatusError } from '../api/status';
import { clone, type KObject, type Stored } from '../api/types';
import { Controller, type ControllerContext } from '../controllers/controller';
import type { Informer } from '../controllers/informer';
import type { RandomStream } from '../sim/random';
import { SchedulerCache } from './cache';
import type { CycleState } from './cyclestate';
import {
  capNodes,
  type DecisionRecord,
  DecisionLog,
  histogram,
  type NodeVerdict,
  rejectedVerdicts,
  scoredVerdicts,
  statusVerdict,
} from './decisions';
import { Action, type ClusterEvent, nodeUpdateEvents, podUpdateEvents, UpdateAny } from './events';
import { addPluginStatus, type Diagnosis, ErrNoNodesAvailable, fitErrorMessage, newDiagnosis, truncateMessage } from './fiterror';
import { Framework, type ScoreTable } from './framework';
import { informerListers } from './listers';
import { DEFAULT_SCHEDULER_NAME } from './names';
import type { NodeInfo } from './nodeinfo';
import { type PodInfo, refreshPodInfo } from './podinfo';
import { preempt, type PreemptionOutcome } from './preemption';
import { type QueuedPod, type QueueOptions, type QueueState, SchedulingQueue } from './queue';
import { AnnSelectedNode, isDelayBinding, podClaims } from './plugins/volume-binding';
import { isRejected, isSuccess, message, type Status, unresolvable } from './status';

const SOURCE = { component: DEFAULT_SCHEDULER_NAME };
const WORK_KEY = 'schedule';
const TIMER_TARGET = 'scheduler-binding';
/** VolumeBindingArgs.BindTimeoutSeconds default. */
export const BIND_TIMEOUT_MS = 600_000;
/** Below this many nodes every node is examined (minFeasibleNodesToFind). */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

export interface SchedulerOptions extends QueueOptions {
  framework?: Framework;
  /** 0 (the default) lets the scheduler pick a share that shrinks as the cluster grows. */
  percentageOfNodesToScore?: number;
}

interface WaitingPod {
  key: string;
  uid: string;
  node: string;
  attempts: number;
  timer: number;
}

type FailureReason = 'Unschedulable' | 'SchedulerError';

interface RecordInput {
  result: DecisionRecord['result'];
  numAllNodes: number;
  evaluated: number;
  diagnosis?: Diagnosis;
  preemption?: PreemptionOutcome;
}

interface SchedulerState {
  queue: QueueState;
  nextStartNodeIndex: number;
  decisions: DecisionRecord[];
  waiting: WaitingPod[];
}

type Outcome =
  | { kind: 'scheduled'; node: string; evaluated: number; feasible: number; scores?: ScoreTable; diagnosis: Diagnosis }
  | { kind: 'unfit'; diagnosis: Diagnosis; evaluated: number }
  | { kind: 'error'; message: string; noNodes?: boolean };

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

function terminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

function responsible(pod: Pod): boolean {
  return (pod.spec?.schedulerName ?? DEFAULT_SCHEDULER_NAME) === DEFAULT_SCHEDULER_NAME;
}

function keyOf(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

const ev = (resource: ClusterEvent['resource'], action: number, label: string): ClusterEvent => ({ resource, action, label });
const AssignedPodAdd = ev('Pod', Action.Add, 'AssignedPodAdd');
const AssignedPodDelete = ev('Pod', Action.Delete, 'AssignedPodDelete');
const NodeAdd = ev('Node', Action.Add, 'NodeAdd');

/**
 * kube-scheduler: watches unscheduled pods, picks a node for each through the plugin framework
 * (filter, score, preemption) and binds it. It is one controller whose single work item means
 * "drain the active queue"; the queue itself wakes it when pods become ready.
 */
export class Scheduler extends Controller {
  readonly cache: SchedulerCache;
  readonly schedulingQueue: SchedulingQueue;
  readonly framework: Framework;
  readonly decisions = new DecisionLog();
  private nextStartNodeIndex = 0;
  private readonly percentageOfNodesToScore: number;
  private readonly rand: RandomStream;
  private readonly pods: Informer<Pod & KObject>;
  private readonly waiting = new Map<string, WaitingPod>();

  constructor(ctx: ControllerContext, opts: SchedulerOptions = {}) {
    super(DEFAULT_SCHEDULER_NAME, ctx);
    this.framework = opts.framework ?? new Framework();
    this.percentageOfNodesToScore = opts.percentageOfNodesToScore ?? 0;
    this.rand = ctx.random.stream('scheduler');
    this.cache = new SchedulerCache(informerListers(ctx.informers));
    this.schedulingQueue = new SchedulingQueue(ctx.clock, this.framework, () => this.queue.add(WORK_KEY), opts);
    ctx.clock.handle(TIMER_TARGET, (t) => this.onBindTimeout(t.data as string, t.id));

    this.pods = ctx.informers.for<Pod & KObject>('pods');
    const nodes = ctx.informers.for<Node & KObject>('nodes');
    nodes.addHandlers({
      add: (n) => this.onNodeAdd(n),
      update: (n, old) => this.onNodeUpdate(old, n),
      delete: (n) => this.cache.removeNode(n.metadata.name),
    });
    this.pods.addHandlers({
      add: (p) => this.onPodAdd(p),
      update: (p, old) => this.onPodUpdate(old, p),
      delete: (p) => this.onPodDelete(p),
    });
    const watchOther = (resource: string, kind: ClusterEvent['resource']) =>
      ctx.informers.for(resource).addHandlers({
        add: (o) => this.schedulingQueue.onEvent(ev(kind, Action.Add, `${kind}Add`), undefined, o),
        update: (o, old) => {
          this.schedulingQueue.onEvent(ev(kind, UpdateAny, `${kind}Update`), old, o);
          if (kind === 'PersistentVolumeClaim') this.recheckWaiting();
        },
        delete: (o) => this.schedulingQueue.onEvent(ev(kind, Action.Delete, `${kind}Delete`), o, undefined),
      });
    watchOther('persistentvolumeclaims', 'PersistentVolumeClaim');
    watchOther('persistentvolumes', 'PersistentVolume');
    watchOther('storage.k8s.io/storageclasses', 'StorageClass');
    this.resync();
  }

  /** Why a pod is Pending, or why it went where it did: the last attempt's record. */
  explain(namespace: string, name: string): DecisionRecord | undefined {
    return this.decisions.get(`${namespace}/${name}`);
  }

  reconcile(key: string): void {
    if (key !== WORK_KEY) return;
    for (let qp = this.schedulingQueue.pop(); qp; qp = this.schedulingQueue.pop()) this.scheduleOne(qp);
  }

  override snapshotState(): SchedulerState {
    return {
      queue: this.schedulingQueue.snapshot(),
      nextStartNodeIndex: this.nextStartNodeIndex,
      decisions: this.decisions.snapshot(),
      waiting: [...this.waiting.values()].map((w) => ({ ...w })),
    };
  }

  override restoreState(state: unknown): void {
    const s = state as SchedulerState;
    this.resync(false);
    this.schedulingQueue.restore(s.queue, (key) => {
      const [ns, name] = key.split('/');
      return this.pods.get(ns, name);
    });
    this.nextStartNodeIndex = s.nextStartNodeIndex;
    this.decisions.restore(s.decisions);
    this.waiting.clear();
    for (const w of s.waiting) {
      const [ns, name] = w.key.split('/');
      const pod = this.pods.get(ns, name);
      if (!pod || pod.metadata.uid !== w.uid || pod.spec?.nodeName) continue;
      this.waiting.set(w.key, { ...w });
      this.cache.assume(refreshPodInfo(undefined, pod), w.node);
    }
  }

  // ---- informer events ----

  /** Rebuild the cache (and, unless restoring a queue, the queue) from the informers. */
  private resync(fillQueue = true): void {
    this.cache.clear();
    for (const n of this.ctx.informers.for<Node & KObject>('nodes').list()) this.cache.addNode(n);
    for (const p of this.pods.list()) {
      if (p.spec?.nodeName) {
        if (!terminal(p)) this.cache.addPod(p);
      } else if (fillQueue && responsible(p) && !terminal(p)) this.schedulingQueue.add(p);
    }
  }

  private onNodeAdd(n: Stored<Node & KObject>): void {
    this.cache.addNode(n);
    this.schedulingQueue.onEvent(NodeAdd, undefined, n);
  }

  private onNodeUpdate(old: Stored<Node & KObject>, n: Stored<Node & KObject>): void {
    this.cache.updateNode(old, n);
    for (const e of nodeUpdateEvents(old, n)) this.schedulingQueue.onEvent(e, old, n);
  }

  private onPodAdd(p: Stored<Pod & KObject>): void {
    if (p.spec?.nodeName) {
      if (terminal(p)) return;
      this.cache.addPod(p);
      this.schedulingQueue.onEvent(AssignedPodAdd, undefined, p);
    } else if (responsible(p) && !terminal(p)) {
      this.schedulingQueue.add(p);
    }
  }

  private onPodUpdate(old: Stored<Pod & KObject>, p: Stored<Pod & KObject>): void {
    if (p.spec?.nodeName) {
      if (!old.spec?.nodeName) {
        this.schedulingQueue.delete(old);
        this.dropWaiting(keyOf(p));
      }
      if (terminal(p)) {
        // The scheduler's pod informer leaves finished pods out: to it, they were deleted.
        if (this.cache.has(p.metadata.uid)) {
          this.cache.removePod(p.metadata.uid);
          this.schedulingQueue.onEvent(AssignedPodDelete, old, undefined);
        }
        return;
      }
      if (this.cache.has(p.metadata.uid) && old.spec?.nodeName) {
        this.cache.updatePod(old, p);
        for (const e of podUpdateEvents(old, p)) if (e.action !== Action.UpdateOther) this.schedulingQueue.onEvent(e, old, p);
      } else {
        this.cache.addPod(p);
        this.schedulingQueue.onEvent(AssignedPodAdd, undefined, p);
      }
      return;
    }
    if (!responsible(p)) return;
    if (terminal(p)) this.schedulingQueue.delete(p);
    else this.schedulingQueue.update(old, p);
  }

  private onPodDelete(p: Stored<Pod & KObject>): void {
    const key = keyOf(p);
    if (p.spec?.nodeName) {
      if (this.cache.has(p.metadata.uid)) {
        this.cache.removePod(p.metadata.uid);
        this.schedulingQueue.onEvent(AssignedPodDelete, p, undefined);
      }
    } else {
      this.schedulingQueue.delete(p);
      this.dropWaiting(key);
      if (this.cache.nodeOf(p.metadata.uid) !== undefined) this.cache.forget(p.metadata.uid);
    }
    this.decisions.drop(key);
  }

  // ---- one scheduling cycle ----

  private scheduleOne(qp: QueuedPod): void {
    const [ns, name] = keyOf(qp.info.pod).split('/');
    const pod = this.pods.get(ns, name);
    if (!pod || pod.metadata.uid !== qp.info.uid || pod.spec?.nodeName) {
      this.schedulingQueue.done(qp);
      return;
    }
    if (pod.metadata.deletionTimestamp) {
      this.ctx.events.event(pod, 'Warning', 'FailedScheduling', `skip schedule deleting pod: ${ns}/${name}`, SOURCE);
      this.schedulingQueue.done(qp);
      return;
    }
    const info = refreshPodInfo(qp.info, pod);
    qp.info = info;
    const state = this.framework.newCycleState();
    const outcome = this.schedulePod(state, info);
    if (outcome.kind === 'scheduled') {
      this.bindingCycle(qp, info, outcome.node, outcome);
      return;
    }
    if (outcome.kind === 'error') {
      // No nodes at all is "unschedulable" too; anything else is an error of the scheduler.
      this.handleFailure(qp, outcome.noNodes ? 'Unschedulable' : 'SchedulerError', outcome.message, new Set(), '', {
        result: outcome.noNodes ? 'Unschedulable' : 'Error',
        numAllNodes: 0,
        evaluated: 0,
      });
      return;
    }
    const d = outcome.diagnosis;
    const post = preempt({
      framework: this.framework,
      view: this.cache,
      state,
      pod: info,
      diagnosis: d,
      nominatedPodsFor: (n) => this.schedulingQueue.nominatedPodsFor(n),
      random: this.rand,
      now: this.ctx.clock.now(),
    });
    d.postFilterMsg = isSuccess(post.status) ? '' : message(post.status);
    if (post.candidate) this.evictVictims(info, post);
    const numAllNodes = this.cache.nodeInfos().length;
    const msg = fitErrorMessage(numAllNodes, d);
    this.handleFailure(qp, 'Unschedulable', msg, d.unschedulablePlugins, post.nominatedNode, {
      result: 'Unschedulable',
      numAllNodes,
      evaluated: outcome.evaluated,
      diagnosis: d,
      preemption: post,
    });
  }

  private schedulePod(state: CycleState, pod: PodInfo): Outcome {
    const all = this.cache.nodeInfos();
    if (!all.length) return { kind: 'error', message: ErrNoNodesAvailable, noNodes: true };
    const d = newDiagnosis();
    const pre = this.framework.runPreFilter(state, pod, this.cache);
    for (const p of pre.pluginsWithNodes) d.unschedulablePlugins.add(p);
    if (pre.status && !isSuccess(pre.status)) {
      if (!isRejected(pre.status)) return { kind: 'error', message: message(pre.status) };
      d.absentStatus = pre.status;
      d.preFilterMsg = message(pre.status);
      addPluginStatus(d, pre.status);
      return { kind: 'unfit', diagnosis: d, evaluated: 0 };
    }
    // A pod that preempted earlier tries its nominated node first: it is likely the only fit.
    const nnn = pod.pod.status?.nominatedNodeName;
    if (nnn) {
      const n = this.cache.nodeInfo(nnn);
      if (n) {
        const s = this.framework.runFilterWithNominatedPods(state, pod, n, this.cache, this.schedulingQueue.nominatedPodsFor(nnn));
        if (isSuccess(s)) return { kind: 'scheduled', node: nnn, evaluated: 1, feasible: 1, diagnosis: d };
        if (s && !isRejected(s)) return { kind: 'error', message: message(s) };
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
    const toFind = numFeasibleNodesToFind(nodes.length, this.percentageOfNodesToScore);
    for (let i = 0; i < nodes.length && feasible.length < toFind; i++) {
      const node = nodes[(this.nextStartNodeIndex + i) % nodes.length];
      const s = this.framework.runFilterWithNominatedPods(state, pod, node, this.cache, this.schedulingQueue.nominatedPodsFor(node.name));
      if (isSuccess(s)) {
        feasible.push(node);
        // The nominated node may have been rejected above with another pod in mind.
        if (node.name === nnn) d.nodeToStatus.delete(nnn);
      } else if (s && !isRejected(s)) {
        return { kind: 'error', message: message(s) };
      } else if (s) {
        d.nodeToStatus.set(node.name, s);
        addPluginStatus(d, s);
      }
    }
    const processed = feasible.length + d.nodeToStatus.size;
    this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % all.length;
    if (!feasible.length) return { kind: 'unfit', diagnosis: d, evaluated: processed };
    if (feasible.length === 1) return { kind: 'scheduled', node: feasible[0].name, evaluated: processed, feasible: 1, diagnosis: d };
    const pre2 = this.framework.runPreScore(state, pod, feasible, this.cache);
    if (pre2 && !isSuccess(pre2)) return { kind: 'error', message: message(pre2) };
    const scores = this.framework.runScore(state, pod, feasible, this.cache);
    return { kind: 'scheduled', node: this.selectHost(scores), evaluated: processed, feasible: feasible.length, scores, diagnosis: d };
  }

  /** The highest total wins; ties are broken at random, uniformly, as upstream does. */
  private selectHost(t: ScoreTable): string {
    let best = Number.NEGATIVE_INFINITY;
    let ties = 0;
    for (const total of t.totals) {
      if (total > best) {
        best = total;
        ties = 1;
      } else if (total === best) ties++;
    }
    // One draw picks uniformly among the ties: the same odds as reservoir sampling, fewer draws.
    let k = ties > 1 ? this.rand.int(ties) : 0;
    for (let i = 0; i < t.totals.length; i++) {
      if (t.totals[i] !== best) continue;
      if (k === 0) return t.nodes[i].name;
      k--;
    }
    return t.nodes[0].name;
  }

  // ---- binding ----

  private bindingCycle(qp: QueuedPod, info: PodInfo, node: string, outcome: Extract<Outcome, { kind: 'scheduled' }>): void {
    const key = info.key;
    this.recordScheduled(qp, info, node, outcome);
    const pending = this.claimsToBind(info.pod);
    if (pending.length) {
      // PreBind (VolumeBinding): tell the provisioner where the pod goes, then wait for the claims.
      for (const pvc of pending) this.selectNode(pvc, node);
      if (!this.claimsBound(info.pod)) {
        this.schedulingQueue.done(qp);
        this.cache.assume(info, node);
        const timer = this.ctx.clock.after(BIND_TIMEOUT_MS, TIMER_TARGET, 'timeout', key);
        this.waiting.set(key, { key, uid: info.uid, node, attempts: qp.attempts, timer });
        this.recordWaiting(key);
        return;
      }
    }
    this.bind(info.pod, node, qp);
  }

  private bind(pod: Stored<Pod>, node: string, qp?: QueuedPod, attempts = qp?.attempts ?? 1): void {
    const ns = pod.metadata.namespace ?? '';
    const name = pod.metadata.name;
    // Assume first (as the scheduler cache does): the binding's watch event then finds the pod
    // counted already and reuses what was parsed of it.
    if (this.cache.nodeOf(pod.metadata.uid) !== node) this.cache.assume(qp?.info ?? refreshPodInfo(undefined, pod), node);
    try {
      this.api.bind(ns, name, node);
    } catch (e) {
      if (!isStatusError(e)) throw e;
      this.cache.forget(pod.metadata.uid);
      const msg = `running Bind plugin "DefaultBinder": ${e.message}`;
      if (qp) this.handleFailure(qp, 'SchedulerError', msg, new Set(), '', { result: 'Error', numAllNodes: this.cache.nodeInfos().length, evaluated: 0 });
      else this.readd(pod, attempts, msg);
      return;
    }
    if (qp) this.schedulingQueue.done(qp);
    this.ctx.events.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${name} to ${node}`, SOURCE);
  }

  /** WaitForFirstConsumer claims of the pod that are not bound yet. */
  private claimsToBind(pod: Pod): Stored<PersistentVolumeClaim>[] {
    const out: Stored<PersistentVolumeClaim>[] = [];
    const ns = pod.metadata?.namespace ?? '';
    for (const c of podClaims(pod)) {
      const pvc = this.ctx.informers.for<PersistentVolumeClaim & KObject>('persistentvolumeclaims').get(ns, c.name);
      if (pvc && !pvc.spec?.volumeName && isDelayBinding(pvc, this.cache)) out.push(pvc);
    }
    return out;
  }

  private claimsBound(pod: Pod): boolean {
    const ns = pod.metadata?.namespace ?? '';
    const pvcs = this.ctx.informers.for<PersistentVolumeClaim & KObject>('persistentvolumeclaims');
    return podClaims(pod).every((c) => {
      const pvc = pvcs.get(ns, c.name);
      return !!pvc?.spec?.volumeName && pvc.status?.phase === 'Bound';
    });
  }

  private selectNode(pvc: Stored<PersistentVolumeClaim>, node: string): void {
    if (pvc.metadata.annotations?.[AnnSelectedNode] === node) return;
    const next = clone(pvc);
    next.metadata.annotations = { ...next.metadata.annotations, [AnnSelectedNode]: node };
    try {
      this.api.update('persistentvolumeclaims', pvc.metadata.namespace ?? '', next);
    } catch (e) {
      if (!isStatusError(e)) throw e;
    }
  }

  /** A claim changed: pods waiting in PreBind may now have all their volumes. */
  private recheckWaiting(): void {
    for (const w of [...this.waiting.values()]) {
      const [ns, name] = w.key.split('/');
      const pod = this.pods.get(ns, name);
      if (!pod || pod.metadata.uid !== w.uid) {
        this.dropWaiting(w.key);
        continue;
      }
      if (!this.claimsBound(pod)) continue;
      this.dropWaiting(w.key);
      this.bind(pod, w.node, undefined, w.attempts);
    }
  }

  private onBindTimeout(key: string, id: number): void {
    const w = this.waiting.get(key);
    if (!w || w.timer !== id) return;
    this.dropWaiting(key);
    this.cache.forget(w.uid);
    const [ns, name] = key.split('/');
    const pod = this.pods.get(ns, name);
    if (pod && !pod.spec?.nodeName) this.readd(pod, w.attempts, 'running PreBind plugin "VolumeBinding": binding volumes: context deadline exceeded');
  }

  private dropWaiting(key: string): void {
    const w = this.waiting.get(key);
    if (!w) return;
    this.ctx.clock.cancel(w.timer);
    this.waiting.delete(key);
  }

  /** A binding cycle failed after the pod left the queue: report it and queue the pod again. */
  private readd(pod: Stored<Pod>, attempts: number, msg: string): void {
    this.schedulingQueue.requeueFailed(pod, attempts);
    this.report(pod, attempts, 'SchedulerError', msg, '', { result: 'Error', numAllNodes: this.cache.nodeInfos().length, evaluated: 0 });
  }

  // ---- preemption side effects ----

  private evictVictims(preemptor: PodInfo, post: PreemptionOutcome): void {
    const c = post.candidate;
    if (!c) return;
    for (const v of c.victims) {
      const victim = this.pods.get(v.namespace, v.name);
      if (!victim || victim.metadata.uid !== v.uid || victim.metadata.deletionTimestamp) continue;
      try {
        this.setCondition(victim, {
          type: 'DisruptionTarget',
          status: 'True',
          reason: 'PreemptionByScheduler',
          message: `${preemptor.pod.spec?.schedulerName ?? DEFAULT_SCHEDULER_NAME}: preempting to accommodate a higher priority pod`,
        });
        this.api.delete('pods', v.namespace, v.name);
      } catch (e) {
        if (!isStatusError(e)) throw e;
        continue;
      }
      this.ctx.events.event(victim, 'Normal', 'Preempted', `Preempted by pod ${preemptor.uid} on node ${c.node}`, SOURCE);
    }
    // Lower-priority pods nominated to this node may no longer fit there: clear their nomination.
    for (const p of post.lowerNominated ?? []) {
      const cur = this.pods.get(p.namespace, p.name);
      this.schedulingQueue.setNominated(p, undefined);
      if (!cur?.status?.nominatedNodeName) continue;
      const { nominatedNodeName: _dropped, ...status } = cur.status;
      const next = { ...clone(cur), status };
      try {
        this.api.updateStatus('pods', p.namespace, next);
      } catch (e) {
        if (!isStatusError(e)) throw e;
      }
    }
  }

  // ---- failures ----

  private handleFailure(qp: QueuedPod, reason: FailureReason, msg: string, plugins: ReadonlySet<string>, nominatedNode: string | undefined, rec: RecordInput): void {
    const [ns, name] = keyOf(qp.info.pod).split('/');
    const latest = this.pods.get(ns, name);
    const live = latest && latest.metadata.uid === qp.info.uid && !latest.spec?.nodeName ? latest : undefined;
    if (live) this.schedulingQueue.addUnschedulable(qp, plugins, live);
    else this.schedulingQueue.done(qp);
    if (nominatedNode !== undefined) this.schedulingQueue.setNominated(qp.info, nominatedNode || undefined);
    this.report(live ?? qp.info.pod, qp.attempts, reason, msg, nominatedNode, rec, !!live);
  }

  /** The FailedScheduling event, the PodScheduled=False condition and the decision record. */
  private report(pod: Stored<Pod>, attempts: number, reason: FailureReason, msg: string, nominatedNode: string | undefined, rec: RecordInput, live = true): void {
    this.recordFailure(pod, attempts, msg, rec);
    this.ctx.events.event(pod, 'Warning', 'FailedScheduling', truncateMessage(msg), SOURCE);
    if (live) this.setCondition(pod, { type: 'PodScheduled', status: 'False', reason, message: msg }, nominatedNode);
  }

  /**
   * podutil.UpdatePodCondition plus the nomination: write only when something changed; the
   * transition time moves only when the status does.
   */
  private setCondition(pod: Stored<Pod>, cond: PodCondition, nominatedNode?: string): void {
    const now = this.ctx.clock.timestamp();
    const conditions = [...(pod.status?.conditions ?? [])];
    const i = conditions.findIndex((c) => c.type === cond.type);
    const old = i >= 0 ? conditions[i] : undefined;
    const next: PodCondition = {
      type: cond.type,
      status: cond.status,
      lastProbeTime: null as unknown as undefined,
      lastTransitionTime: old && old.status === cond.status ? old.lastTransitionTime : now,
      reason: cond.reason,
      message: cond.message,
    };
    const changed =
      !old || old.status !== next.status || old.reason !== next.reason || old.message !== next.message || old.lastTransitionTime !== next.lastTransitionTime;
    const nnnChanged = nominatedNode !== undefined && (pod.status?.nominatedNodeName ?? '') !== nominatedNode;
    if (!changed && !nnnChanged) return;
    if (i >= 0) conditions[i] = next;
    else conditions.push(next);
    const { nominatedNodeName: previous, ...rest } = pod.status ?? {};
    const nnn = nnnChanged ? nominatedNode : previous;
    const updated = { ...clone(pod), status: { ...clone(rest), conditions, ...(nnn ? { nominatedNodeName: nnn } : {}) } };
    try {
      this.api.updateStatus('pods', pod.metadata.namespace ?? '', updated);
    } catch (e) {
      if (!isStatusError(e)) throw e;
    }
  }

  // ---- decision records ----

  private recordScheduled(qp: QueuedPod, info: PodInfo, node: string, o: Extract<Outcome, { kind: 'scheduled' }>): void {
    const rejected = rejectedVerdicts(o.diagnosis);
    const scored: NodeVerdict[] = o.scores ? scoredVerdicts(o.scores, node) : [{ node, selected: true }];
    const { nodes, omitted } = capNodes([...scored, ...rejected]);
    this.decisions.record({
      pod: info.key,
      uid: info.uid,
      time: this.ctx.clock.timestamp(),
      attempt: qp.attempts,
      result: 'Scheduled',
      node,
      numAllNodes: this.cache.nodeInfos().length,
      evaluatedNodes: o.evaluated,
      feasibleNodes: o.feasible,
      reasons: histogram(o.diagnosis.nodeToStatus.size, { ...o.diagnosis, absentStatus: undefined }),
      nodes,
      omittedNodes: omitted,
    });
  }

  private recordWaiting(key: string): void {
    const r = this.decisions.get(key);
    if (r) this.decisions.record({ ...r, result: 'WaitingForVolumes' });
  }

  private recordFailure(pod: Stored<Pod>, attempts: number, msg: string, rec: RecordInput): void {
    const d = rec.diagnosis;
    const { nodes, omitted } = capNodes(d ? rejectedVerdicts(d) : []);
    const post = rec.preemption;
    const preemptionNodes = post?.nodeStatuses ? capNodes([...post.nodeStatuses].map(([n, s]) => statusVerdict(n, s as Status))).nodes : undefined;
    this.decisions.record({
      pod: keyOf(pod),
      uid: pod.metadata.uid,
      time: this.ctx.clock.timestamp(),
      attempt: attempts,
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
            nodes: preemptionNodes,
          }
        : undefined,
    });
  }
}
