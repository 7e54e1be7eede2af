import type { Pod } from 'kubernetes-types/core/v1';
import type { Stored } from '../api/types';
import type { Clock } from '../sim/clock';
import type { ClusterEvent } from './events';
import { podUpdateEvents, UnschedulableTimeout } from './events';
import type { Framework } from './framework';
import { Heap } from './heap';
import { Nominator } from './nominator';
import { type PodInfo, refreshPodInfo } from './podinfo';

/** Queue timings (scheduling_queue.go defaults). */
export const DEFAULT_POD_INITIAL_BACKOFF_MS = 1_000;
export const DEFAULT_POD_MAX_BACKOFF_MS = 10_000;
export const DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_MS = 5 * 60_000;
/** How often the backoff queue and the unschedulable pool are looked at. */
export const BACKOFF_FLUSH_PERIOD_MS = 1_000;
export const UNSCHEDULABLE_FLUSH_PERIOD_MS = 30_000;

export type Where = 'active' | 'backoff' | 'unschedulable' | 'gated' | 'inflight' | 'gone';

/** A pod waiting to be scheduled, with its queue bookkeeping (framework.QueuedPodInfo). */
export interface QueuedPod {
  info: PodInfo;
  /** When the pod was last added to the queue (ms); backoff and ordering count from here. */
  timestamp: number;
  initialAttemptTimestamp?: number;
  attempts: number;
  /** Plugins that rejected it in its last attempt. */
  unschedulablePlugins: Set<string>;
  where: Where;
  /** Insertion order, to keep equal priorities first-come first-served. */
  seq: number;
  /** Bumped whenever the pod enters a heap, so stale heap entries can be told apart. */
  token: number;
}

interface HeapEntry {
  qp: QueuedPod;
  token: number;
}

interface InFlightEvent {
  event: ClusterEvent;
  oldObj: unknown;
  newObj: unknown;
}

export interface QueueOptions {
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  maxInUnschedulableMs?: number;
}

/** Plain data for a snapshot. */
export interface QueueState {
  seq: number;
  pods: {
    key: string;
    uid: string;
    timestamp: number;
    initialAttemptTimestamp?: number;
    attempts: number;
    unschedulablePlugins: string[];
    where: Exclude<Where, 'inflight' | 'gone'>;
    seq: number;
  }[];
  backoffTimer?: number;
  flushTimer?: number;
}

const TIMER_TARGET = 'scheduler-queue';

/**
 * The scheduling queue (PriorityQueue): activeQ ordered by priority then time, a backoff queue
 * for pods that just failed (1 s doubling to 10 s), and a pool of unschedulable pods that wait
 * for a cluster event that might help them, or for 5 minutes. Timers are data on the sim clock.
 */
export class SchedulingQueue {
  private readonly pods = new Map<string, QueuedPod>();
  /** The unschedulable pool, kept apart so events need not walk every queued pod. */
  private readonly pool = new Set<QueuedPod>();
  private readonly active = new Heap<HeapEntry>((a, b) => lessActive(a.qp, b.qp));
  private readonly backoff = new Heap<HeapEntry>((a, b) => {
    const ta = this.backoffExpiry(a.qp);
    const tb = this.backoffExpiry(b.qp);
    return ta < tb || (ta === tb && a.qp.seq < b.qp.seq);
  });
  private seq = 0;
  private inFlight?: { uid: string; events: InFlightEvent[] };
  private backoffTimer?: number;
  private flushTimer?: number;
  private readonly initialBackoff: number;
  private readonly maxBackoff: number;
  private readonly maxInUnschedulable: number;
  readonly nominator = new Nominator();

  constructor(
    private readonly clock: Clock,
    private readonly framework: Framework,
    /** Called whenever a pod becomes ready to pop. */
    private readonly onActive: () => void,
    opts: QueueOptions = {},
  ) {
    this.initialBackoff = opts.initialBackoffMs ?? DEFAULT_POD_INITIAL_BACKOFF_MS;
    this.maxBackoff = opts.maxBackoffMs ?? DEFAULT_POD_MAX_BACKOFF_MS;
    this.maxInUnschedulable = opts.maxInUnschedulableMs ?? DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_MS;
    clock.handle(TIMER_TARGET, (t) => {
      if (t.event === 'flushBackoff') {
        if (this.backoffTimer === t.id) this.backoffTimer = undefined;
        this.flushBackoffCompleted();
      } else if (t.event === 'flushUnschedulable') {
        if (this.flushTimer === t.id) this.flushTimer = undefined;
        this.flushUnschedulableLeftover();
      }
    });
  }

  // ---- pods arriving and changing ----

  /** A new unscheduled pod (or one seen again after a restore). */
  add(pod: Stored<Pod>): void {
    const key = keyOf(pod);
    const existing = this.pods.get(key);
    if (existing && existing.info.uid === pod.metadata.uid) {
      this.update(existing.info.pod, pod);
      return;
    }
    if (existing) this.delete(existing.info.pod);
    const qp: QueuedPod = {
      info: refreshPodInfo(undefined, pod),
      timestamp: this.clock.now(),
      attempts: 0,
      unschedulablePlugins: new Set(),
      where: 'active',
      seq: this.seq++,
      token: 0,
    };
    this.pods.set(key, qp);
    this.updateNominated(qp.info);
    this.moveToActive(qp);
  }

  update(old: Stored<Pod>, pod: Stored<Pod>): void {
    const qp = this.pods.get(keyOf(pod));
    if (!qp || qp.info.uid !== pod.metadata.uid) {
      this.add(pod);
      return;
    }
    qp.info = refreshPodInfo(qp.info, pod);
    this.updateNominated(qp.info);
    const events = podUpdateEvents(old, pod);
    if (qp.where === 'inflight') {
      // Remember it: the update may help if this attempt fails.
      for (const e of events) this.inFlight?.events.push({ event: e, oldObj: old, newObj: pod });
      return;
    }
    if (qp.where === 'gated') {
      if (!gated(pod)) this.moveToActive(qp);
      return;
    }
    if (qp.where !== 'unschedulable') return;
    for (const e of events) {
      if (this.framework.worthRequeuing(qp.info, qp.unschedulablePlugins, e, old, pod)) {
        this.requeue(qp);
        return;
      }
    }
  }

  /** The pod was deleted, or it got a node. */
  delete(pod: Pod): void {
    const key = keyOf(pod);
    const qp = this.pods.get(key);
    if (!qp || (pod.metadata?.uid && qp.info.uid !== pod.metadata.uid)) return;
    this.pods.delete(key);
    this.deleteNominated(qp.info.uid);
    this.setWhere(qp, 'gone');
    if (this.inFlight?.uid === qp.info.uid) this.inFlight = undefined;
  }

  has(key: string): boolean {
    return this.pods.has(key);
  }

  get(key: string): QueuedPod | undefined {
    return this.pods.get(key);
  }

  // ---- the scheduling loop ----

  /** The next pod to schedule, or undefined when activeQ is empty. */
  pop(): QueuedPod | undefined {
    for (;;) {
      const e = this.active.pop();
      if (!e) return undefined;
      if (e.token !== e.qp.token || e.qp.where !== 'active' || this.pods.get(keyOf(e.qp.info.pod)) !== e.qp) continue;
      const qp = e.qp;
      this.setWhere(qp, 'inflight');
      qp.attempts++;
      if (qp.attempts === 1) qp.initialAttemptTimestamp = this.clock.now();
      this.inFlight = { uid: qp.info.uid, events: [] };
      return qp;
    }
  }

  activeLength(): number {
    let n = 0;
    for (const qp of this.pods.values()) if (qp.where === 'active') n++;
    return n;
  }

  /** The attempt succeeded (the pod is bound or being bound): it leaves the queue. */
  done(qp: QueuedPod): void {
    if (this.inFlight?.uid === qp.info.uid) this.inFlight = undefined;
    const key = keyOf(qp.info.pod);
    if (this.pods.get(key) === qp) {
      this.pods.delete(key);
      this.setWhere(qp, 'gone');
    }
  }

  /**
   * The attempt failed (AddUnschedulableIfNotPresent): back to the unschedulable pool, unless
   * something that happened meanwhile may already have fixed it.
   */
  addUnschedulable(qp: QueuedPod, plugins: ReadonlySet<string>, latest?: Stored<Pod>): void {
    const key = keyOf(qp.info.pod);
    const events = this.inFlight?.uid === qp.info.uid ? this.inFlight.events : [];
    if (this.inFlight?.uid === qp.info.uid) this.inFlight = undefined;
    if (this.pods.get(key) !== qp) return; // deleted or bound meanwhile
    if (latest) qp.info = refreshPodInfo(qp.info, latest);
    qp.timestamp = this.clock.now();
    qp.unschedulablePlugins = new Set(plugins);
    let requeue = plugins.size === 0;
    for (const e of events) {
      if (requeue) break;
      requeue = this.framework.worthRequeuing(qp.info, qp.unschedulablePlugins, e.event, e.oldObj, e.newObj);
    }
    if (requeue) this.requeue(qp);
    else this.toUnschedulable(qp);
  }

  /** A pod whose binding cycle failed after it left the queue: back in, after its backoff. */
  requeueFailed(pod: Stored<Pod>, attempts: number): void {
    const key = keyOf(pod);
    if (this.pods.has(key)) return;
    const qp: QueuedPod = {
      info: refreshPodInfo(undefined, pod),
      timestamp: this.clock.now(),
      attempts,
      unschedulablePlugins: new Set(),
      where: 'gone',
      seq: this.seq++,
      token: 0,
    };
    this.pods.set(key, qp);
    this.updateNominated(qp.info);
    this.requeue(qp);
  }

  /** Tell the queue about a cluster event (MoveAllToActiveOrBackoffQueue). */
  onEvent(event: ClusterEvent, oldObj: unknown, newObj: unknown): void {
    if (this.inFlight) this.inFlight.events.push({ event, oldObj, newObj });
    if (!this.pool.size) return;
    for (const qp of [...this.pool]) {
      if (this.framework.worthRequeuing(qp.info, qp.unschedulablePlugins, event, oldObj, newObj)) this.requeue(qp);
    }
  }

  // ---- nominated pods (the nominator) ----

  hasNominations(): boolean {
    return this.nominator.hasNominations();
  }

  /** Pods nominated to a node by an earlier preemption. */
  nominatedPodsFor(node: string): readonly PodInfo[] {
    return this.nominator.nominatedPodsFor(node);
  }

  /** Record or clear a nomination (AddNominatedPod / DeleteNominatedPodIfExists). */
  setNominated(info: PodInfo, node: string | undefined): void {
    this.nominator.set(info, node);
  }

  // ---- snapshot ----

  snapshot(): QueueState {
    return {
      seq: this.seq,
      pods: [...this.pods.entries()].map(([key, qp]) => ({
        key,
        uid: qp.info.uid,
        timestamp: qp.timestamp,
        initialAttemptTimestamp: qp.initialAttemptTimestamp,
        attempts: qp.attempts,
        unschedulablePlugins: [...qp.unschedulablePlugins],
        // An attempt is never in progress when a snapshot is taken; treat one as active.
        where: qp.where === 'inflight' || qp.where === 'gone' ? 'active' : qp.where,
        seq: qp.seq,
      })),
      backoffTimer: this.backoffTimer,
      flushTimer: this.flushTimer,
    };
  }

  /** Rebuild from a snapshot; `lookup` finds the current pod object by key. */
  restore(state: QueueState, lookup: (key: string) => Stored<Pod> | undefined): void {
    this.pods.clear();
    this.pool.clear();
    this.active.clear();
    this.backoff.clear();
    this.nominator.clear();
    this.inFlight = undefined;
    this.seq = state.seq;
    this.backoffTimer = state.backoffTimer;
    this.flushTimer = state.flushTimer;
    for (const s of state.pods) {
      const pod = lookup(s.key);
      if (!pod || pod.metadata.uid !== s.uid || pod.spec?.nodeName) continue;
      const qp: QueuedPod = {
        info: refreshPodInfo(undefined, pod),
        timestamp: s.timestamp,
        initialAttemptTimestamp: s.initialAttemptTimestamp,
        attempts: s.attempts,
        unschedulablePlugins: new Set(s.unschedulablePlugins),
        where: s.where,
        seq: s.seq,
        token: 0,
      };
      this.pods.set(s.key, qp);
      this.updateNominated(qp.info);
      if (qp.where === 'unschedulable') this.pool.add(qp);
      if (qp.where === 'active') this.active.push({ qp, token: qp.token });
      else if (qp.where === 'backoff') this.backoff.push({ qp, token: qp.token });
    }
  }

  /** For tests and `explain`: where each pod is. */
  placement(key: string): Where | undefined {
    return this.pods.get(key)?.where;
  }

  // ---- internals ----

  private backoffDuration(qp: QueuedPod): number {
    if (qp.attempts === 0) return 0;
    let d = this.initialBackoff;
    for (let i = 1; i < qp.attempts; i++) {
      if (d > this.maxBackoff - d) return this.maxBackoff;
      d += d;
    }
    return d;
  }

  backoffExpiry(qp: QueuedPod): number {
    return qp.timestamp + this.backoffDuration(qp);
  }

  private isBackingOff(qp: QueuedPod): boolean {
    return this.backoffExpiry(qp) > this.clock.now();
  }

  /** requeuePodViaQueueingHint for a hint of Queue: backoffQ while backing off, else activeQ. */
  private requeue(qp: QueuedPod): void {
    if (this.isBackingOff(qp)) {
      this.setWhere(qp, 'backoff');
      this.backoff.push({ qp, token: qp.token });
      this.armBackoffTimer();
    } else {
      this.moveToActive(qp);
    }
  }

  private moveToActive(qp: QueuedPod): void {
    // PreEnqueue (SchedulingGates): a gated pod waits outside the queue until its gates are gone.
    if (gated(qp.info.pod)) {
      this.setWhere(qp, 'gated');
      return;
    }
    this.setWhere(qp, 'active');
    this.active.push({ qp, token: qp.token });
    this.onActive();
  }

  private toUnschedulable(qp: QueuedPod): void {
    this.setWhere(qp, 'unschedulable');
    this.armFlushTimer();
  }

  private setWhere(qp: QueuedPod, where: Where): void {
    if (qp.where === 'unschedulable') this.pool.delete(qp);
    qp.where = where;
    qp.token++;
    if (where === 'unschedulable') this.pool.add(qp);
  }

  private flushBackoffCompleted(): void {
    const now = this.clock.now();
    for (;;) {
      const e = this.backoff.peek();
      if (!e) break;
      if (e.token !== e.qp.token || e.qp.where !== 'backoff') {
        this.backoff.pop();
        continue;
      }
      if (this.backoffExpiry(e.qp) > now) break;
      this.backoff.pop();
      this.moveToActive(e.qp);
    }
    this.armBackoffTimer();
  }

  private flushUnschedulableLeftover(): void {
    const now = this.clock.now();
    const due: QueuedPod[] = [];
    for (const qp of this.pool) if (now - qp.timestamp > this.maxInUnschedulable) due.push(qp);
    for (const qp of due) {
      if (this.framework.worthRequeuing(qp.info, qp.unschedulablePlugins, UnschedulableTimeout, undefined, undefined)) this.requeue(qp);
    }
    this.armFlushTimer();
  }

  /** The backoff queue is looked at every second; wake at the first tick after the earliest expiry. */
  private armBackoffTimer(): void {
    let earliest: number | undefined;
    for (const e of this.backoff.values()) {
      if (e.token !== e.qp.token || e.qp.where !== 'backoff') continue;
      const t = this.backoffExpiry(e.qp);
      if (earliest === undefined || t < earliest) earliest = t;
    }
    if (earliest === undefined) {
      this.clock.cancel(this.backoffTimer);
      this.backoffTimer = undefined;
      return;
    }
    const tick = Math.ceil(earliest / BACKOFF_FLUSH_PERIOD_MS) * BACKOFF_FLUSH_PERIOD_MS;
    const due = Math.max(tick, this.clock.now());
    const current = this.clock.dueOf(this.backoffTimer);
    if (current !== undefined && current <= due) return;
    this.clock.cancel(this.backoffTimer);
    this.backoffTimer = this.clock.at(due, TIMER_TARGET, 'flushBackoff');
  }

  /** The pool is swept every 30 s; a pod leaves once it has waited more than 5 minutes. */
  private armFlushTimer(): void {
    let earliest: number | undefined;
    for (const qp of this.pool) if (earliest === undefined || qp.timestamp < earliest) earliest = qp.timestamp;
    if (earliest === undefined) {
      this.clock.cancel(this.flushTimer);
      this.flushTimer = undefined;
      return;
    }
    const limit = earliest + this.maxInUnschedulable;
    const tick = (Math.floor(limit / UNSCHEDULABLE_FLUSH_PERIOD_MS) + 1) * UNSCHEDULABLE_FLUSH_PERIOD_MS;
    const due = Math.max(tick, this.clock.now());
    const current = this.clock.dueOf(this.flushTimer);
    if (current !== undefined && current <= due) return;
    this.clock.cancel(this.flushTimer);
    this.flushTimer = this.clock.at(due, TIMER_TARGET, 'flushUnschedulable');
  }

  private updateNominated(info: PodInfo): void {
    this.nominator.update(info);
  }

  private deleteNominated(uid: string): void {
    this.nominator.delete(uid);
  }
}

function keyOf(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

function gated(pod: Pod): boolean {
  return (pod.spec?.schedulingGates ?? []).length > 0;
}

/** PrioritySort: higher priority first, then the pod that has waited longer. */
function lessActive(a: QueuedPod, b: QueuedPod): boolean {
  if (a.info.priority !== b.info.priority) return a.info.priority > b.info.priority;
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp;
  return a.seq < b.seq;
}
