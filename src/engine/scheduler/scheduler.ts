import type { Node, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import { isStatusError } from '../api/status';
import type { KObject, Stored } from '../api/types';
import { Controller, type ControllerContext } from '../controllers/controller';
import type { Informer } from '../controllers/informer';
import type { RandomStream } from '../sim/random';
import { SchedulerCache } from './cache';
import { type CycleOutcome, findPlacement } from './cycle';
import { type DecisionRecord, DecisionLog, type StoredDecision } from './decisions';
import { Action, type ClusterEvent, nodeUpdateEvents, podUpdateEvents, UpdateAny } from './events';
import { fitErrorMessage, truncateMessage } from './fiterror';
import { Framework } from './framework';
import { informerListers } from './listers';
import { DEFAULT_SCHEDULER_NAME } from './names';
import { type PodInfo, refreshPodInfo } from './podinfo';
import { clearNominatedNodeName, updatePodCondition } from './podstatus';
import { annotateSelectedNode, claimsBound, claimsToBind } from './prebind';
import { preempt, type PreemptionOutcome } from './preemption';
import { type QueuedPod, type QueueOptions, type QueueState, SchedulingQueue } from './queue';
import { type FailureInput, failureRecord, scheduledRecord } from './records';
import { isSuccess, message } from './status';

export { numFeasibleNodesToFind } from './cycle';

const SOURCE = { component: DEFAULT_SCHEDULER_NAME };
const WORK_KEY = 'schedule';
const TIMER_TARGET = 'scheduler-binding';
/** VolumeBindingArgs.BindTimeoutSeconds default. */
export const BIND_TIMEOUT_MS = 600_000;

export interface SchedulerOptions extends QueueOptions {
  framework?: Framework;
  /** 0 (the default) lets the scheduler pick a share that shrinks as the cluster grows. */
  percentageOfNodesToScore?: number;
}

/** A pod placed on a node whose binding waits for its volumes (PreBind). */
interface WaitingPod {
  key: string;
  uid: string;
  node: string;
  attempts: number;
  timer: number;
}

type FailureReason = 'Unschedulable' | 'SchedulerError';

interface SchedulerState {
  queue: QueueState;
  nextStartNodeIndex: number;
  decisions: StoredDecision[];
  waiting: WaitingPod[];
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

function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
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
  private readonly claims: Informer<PersistentVolumeClaim & KObject>;
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
    this.claims = ctx.informers.for<PersistentVolumeClaim & KObject>('persistentvolumeclaims');
    ctx.informers.for<Node & KObject>('nodes').addHandlers({
      add: (n) => this.onNodeAdd(n),
      update: (n, old) => this.onNodeUpdate(old, n),
      // Deleting a node moves no pod: nothing that failed can fit better for it.
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
    this.resync(true);
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
    this.schedulingQueue.restore(s.queue, (key) => this.pods.get(...splitKey(key)));
    this.nextStartNodeIndex = s.nextStartNodeIndex;
    this.decisions.restore(s.decisions);
    this.waiting.clear();
    for (const w of s.waiting) {
      const pod = this.pods.get(...splitKey(w.key));
      if (!pod || pod.metadata.uid !== w.uid || pod.spec?.nodeName) continue;
      this.waiting.set(w.key, { ...w });
      this.cache.assume(refreshPodInfo(undefined, pod), w.node);
    }
  }

  // ---- informer events ----

  /** Rebuild the cache (and, unless a snapshot brings the queue, the queue) from the informers. */
  private resync(fillQueue: boolean): void {
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
    if (!p.spec?.nodeName) {
      if (!responsible(p)) return;
      if (terminal(p)) this.schedulingQueue.delete(p);
      else this.schedulingQueue.update(old, p);
      return;
    }
    if (!old.spec?.nodeName) {
      // Bound: it leaves the queue (by this scheduler, or by anyone writing spec.nodeName).
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
      // Status-only updates (most of them) concern no plugin.
      for (const e of podUpdateEvents(old, p)) if (e.action !== Action.UpdateOther) this.schedulingQueue.onEvent(e, old, p);
    } else {
      this.cache.addPod(p);
      this.schedulingQueue.onEvent(AssignedPodAdd, undefined, p);
    }
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
      this.cache.forget(p.metadata.uid);
    }
    this.decisions.drop(key);
  }

  // ---- one scheduling cycle ----

  private scheduleOne(qp: QueuedPod): void {
    const [ns, name] = splitKey(qp.info.key);
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
    const { outcome, nextStartIndex } = findPlacement(
      {
        framework: this.framework,
        view: this.cache,
        nominator: this.schedulingQueue,
        rand: this.rand,
        percentageOfNodesToScore: this.percentageOfNodesToScore,
        startIndex: this.nextStartNodeIndex,
      },
      state,
      info,
    );
    this.nextStartNodeIndex = nextStartIndex;
    if (outcome.kind === 'scheduled') {
      this.bindingCycle(qp, info, outcome);
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
    // PostFilter: preemption.
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
    this.handleFailure(qp, 'Unschedulable', fitErrorMessage(numAllNodes, d), d.unschedulablePlugins, post.nominatedNode, {
      result: 'Unschedulable',
      numAllNodes,
      evaluated: outcome.evaluated,
      diagnosis: d,
      preemption: post,
    });
  }

  // ---- binding ----

  private bindingCycle(qp: QueuedPod, info: PodInfo, outcome: Extract<CycleOutcome, { kind: 'scheduled' }>): void {
    const node = outcome.node;
    this.decisions.record(scheduledRecord(this.who(info.pod, qp.attempts), this.cache.nodeInfos().length, outcome));
    const pending = claimsToBind(info.pod, this.claims, this.cache);
    if (pending.length) {
      // PreBind (VolumeBinding): tell the provisioner where the pod goes, then wait for the claims.
      for (const pvc of pending) annotateSelectedNode(this.api, pvc, node);
      if (!claimsBound(info.pod, this.claims)) {
        this.schedulingQueue.done(qp);
        this.cache.assume(info, node);
        const timer = this.ctx.clock.after(BIND_TIMEOUT_MS, TIMER_TARGET, 'timeout', info.key);
        this.waiting.set(info.key, { key: info.key, uid: info.uid, node, attempts: qp.attempts, timer });
        const r = this.decisions.raw(info.key);
        if (r) this.decisions.record({ ...r, result: 'WaitingForVolumes' });
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
      const rec = { result: 'Error' as const, numAllNodes: this.cache.nodeInfos().length, evaluated: 0 };
      if (qp) this.handleFailure(qp, 'SchedulerError', msg, new Set(), '', rec);
      else this.readd(pod, attempts, msg);
      return;
    }
    if (qp) this.schedulingQueue.done(qp);
    this.ctx.events.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${name} to ${node}`, SOURCE);
  }

  /** A claim changed: pods waiting in PreBind may now have all their volumes. */
  private recheckWaiting(): void {
    for (const w of [...this.waiting.values()]) {
      const pod = this.pods.get(...splitKey(w.key));
      if (!pod || pod.metadata.uid !== w.uid) {
        this.dropWaiting(w.key);
        continue;
      }
      if (!claimsBound(pod, this.claims)) continue;
      this.dropWaiting(w.key);
      this.bind(pod, w.node, undefined, w.attempts);
    }
  }

  private onBindTimeout(key: string, id: number): void {
    const w = this.waiting.get(key);
    if (!w || w.timer !== id) return;
    this.dropWaiting(key);
    this.cache.forget(w.uid);
    const pod = this.pods.get(...splitKey(key));
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
      updatePodCondition(this.api, victim, {
        type: 'DisruptionTarget',
        status: 'True',
        reason: 'PreemptionByScheduler',
        message: `${preemptor.pod.spec?.schedulerName ?? DEFAULT_SCHEDULER_NAME}: preempting to accommodate a higher priority pod`,
      });
      try {
        this.api.delete('pods', v.namespace, v.name);
      } catch (e) {
        if (!isStatusError(e)) throw e;
        continue;
      }
      this.ctx.events.event(victim, 'Normal', 'Preempted', `Preempted by pod ${preemptor.uid} on node ${c.node}`, SOURCE);
    }
    // Lower-priority pods nominated to this node may no longer fit there: clear their nomination.
    for (const p of post.lowerNominated ?? []) {
      this.schedulingQueue.setNominated(p, undefined);
      const cur = this.pods.get(p.namespace, p.name);
      if (cur) clearNominatedNodeName(this.api, cur);
    }
  }

  // ---- failures ----

  /** handleSchedulingFailure: back to the queue, then the event, the condition and the record. */
  private handleFailure(
    qp: QueuedPod,
    reason: FailureReason,
    msg: string,
    plugins: ReadonlySet<string>,
    nominatedNode: string | undefined,
    rec: FailureInput,
  ): void {
    const latest = this.pods.get(...splitKey(qp.info.key));
    const live = latest && latest.metadata.uid === qp.info.uid && !latest.spec?.nodeName ? latest : undefined;
    if (live) this.schedulingQueue.addUnschedulable(qp, plugins, live);
    else this.schedulingQueue.done(qp);
    if (nominatedNode !== undefined) this.schedulingQueue.setNominated(qp.info, nominatedNode || undefined);
    this.report(live ?? qp.info.pod, qp.attempts, reason, msg, nominatedNode, rec, !!live);
  }

  private report(pod: Stored<Pod>, attempts: number, reason: FailureReason, msg: string, nominatedNode: string | undefined, rec: FailureInput, live = true): void {
    this.decisions.record(failureRecord(this.who(pod, attempts), msg, rec));
    this.ctx.events.event(pod, 'Warning', 'FailedScheduling', truncateMessage(msg), SOURCE);
    if (live) updatePodCondition(this.api, pod, { type: 'PodScheduled', status: 'False', reason, message: msg }, nominatedNode);
  }

  private who(pod: Stored<Pod>, attempt: number) {
    return { key: keyOf(pod), uid: pod.metadata.uid, time: this.ctx.clock.timestamp(), attempt };
  }
}
