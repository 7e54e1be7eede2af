import type { Job, JobCondition, JobStatus } from 'kubernetes-types/batch/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { type Selector, SelectorParseError, selectorFromLabelSelector } from '../../api/labels';
import { isStatusError, StatusError } from '../../api/status';
import { clone, type Stored } from '../../api/types';
import { Controller, type ControllerContext } from '../controller';
import { type Informer, keyOf, splitKey } from '../informer';
import { addOwnerIndexes, orphansIn, ownedBy } from '../controllerutil/indexes';
import { controllerRef, getControllerOf } from '../controllerutil/ownerref';
import { createPod, deletePod, podFromTemplate } from '../controllerutil/podcontrol';
import { isPodActive, isPodReady } from '../controllerutil/podutil';
import { comparePodsForDeletion } from '../controllerutil/ranking';
import { cachedSelector } from '../controllerutil/podfacts';
import { claim } from '../controllerutil/refmanager';
import { deepEqual } from '../controllerutil/status';
import { type BackoffRecord, nextBackoffRecord, remainingBackoff } from './backoff';
import { ensureCondition, findCondition, isJobFinished, newJobCondition } from './conditions';
import { isPodFailed, matchPodFailurePolicy, onlyReplaceFailedPods } from './failurepolicy';
import {
  calculateFailedIndexes,
  hasBackoffLimitPerIndex,
  INDEX_FAILURE_COUNT,
  INDEX_IGNORED_FAILURE_COUNT,
  lastFailedPods,
  nextFailureCounts,
  remainingIndexBackoff,
} from './perindex';
import {
  addCompletionIndexEnv,
  completionIndex,
  duplicatedIndexPods,
  firstPendingIndexes,
  generateNameWithIndex,
  IndexSet,
  isIndexed,
  withIndex,
} from './indexed';

export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
const COMPONENT = 'job-controller';
const JOB_KIND = { apiVersion: 'batch/v1', kind: 'Job' };
/** syncJobBatchPeriod: pod events are folded into one sync a second later. */
const BATCH_MS = 1000;
const MAX_UNCOUNTED = 500;
const MAX_CREATE_DELETE_PER_SYNC = 500;
const ORPHAN = 'orphanpod:';

const hasFinalizer = (p: Pod) => !!p.metadata?.finalizers?.includes(JOB_TRACKING_FINALIZER);
const suspended = (job: Job) => !!job.spec?.suspend;

/** What one sync knows and decides (upstream's syncJobCtx). */
interface SyncCtx {
  job: Stored<Job>;
  status: JobStatus;
  pods: Stored<Pod>[];
  activePods: Stored<Pod>[];
  succeeded: number;
  failed: number;
  ready: number;
  terminating: number;
  uncounted: { succeeded: Set<string>; failed: Set<string> };
  newBackoff: BackoffRecord;
  finished?: JobCondition;
  prevSucceeded?: IndexSet;
  succeededIndexes?: IndexSet;
  /** With backoffLimitPerIndex: indexes failed for good. */
  failedIndexes?: IndexSet;
}

/**
 * The Job controller: runs pods until `completions` succeed (or, without completions, until one
 * does), `parallelism` at a time, Indexed or not; replaces failed pods after a back-off (10 s
 * doubling); fails the Job past backoffLimit, activeDeadlineSeconds or a FailJob rule; suspends
 * and resumes. Finished pods are counted through `uncountedTerminatedPods` and the
 * `batch.kubernetes.io/job-tracking` finalizer, and the final Complete / Failed condition comes
 * after the interim SuccessCriteriaMet / FailureTarget, once no pod is left terminating.
 */
export class JobController extends Controller {
  private readonly jobs: Informer<Job>;
  private readonly pods: Informer<Pod>;
  private backoff = new Map<string, BackoffRecord>();

  constructor(ctx: ControllerContext) {
    super('job', ctx);
    this.jobs = ctx.informers.for<Job>('batch/jobs');
    this.pods = addOwnerIndexes(ctx.informers.for<Pod>('pods'));
    this.jobs.addHandlers({
      add: (j) => this.queue.add(keyOf(j)),
      update: (j, old) => {
        if (j.metadata.generation === old.metadata.generation) this.queue.addAfter(keyOf(j), BATCH_MS);
        else this.queue.add(keyOf(j));
        if (isJobFinished(j)) for (const p of ownedBy(this.pods, j.metadata.uid)) if (hasFinalizer(p)) this.queue.add(ORPHAN + keyOf(p));
      },
      delete: (j) => {
        this.queue.add(keyOf(j));
        for (const p of ownedBy(this.pods, j.metadata.uid)) if (hasFinalizer(p)) this.queue.add(ORPHAN + keyOf(p));
      },
    });
    this.pods.addHandlers({
      add: (p) => this.podChanged(p),
      update: (p, old) => {
        if (getControllerOf(old)?.uid !== getControllerOf(p)?.uid) this.podChanged(old);
        this.podChanged(p);
      },
      delete: (p) => this.podChanged(p),
    });
  }

  override snapshotState(): [string, BackoffRecord][] {
    return [...this.backoff];
  }

  override restoreState(state: unknown): void {
    this.backoff = new Map(state as [string, BackoffRecord][]);
  }

  private podChanged(pod: Stored<Pod>): void {
    const ns = pod.metadata.namespace ?? '';
    const ref = getControllerOf(pod);
    if (ref) {
      if (ref.kind !== 'Job') return;
      const job = this.jobs.get(ns, ref.name);
      if (job && job.metadata.uid === ref.uid) {
        this.queue.addAfter(keyOf(job), BATCH_MS);
        if (hasFinalizer(pod) && isJobFinished(job)) this.queue.add(ORPHAN + keyOf(pod));
      } else if (hasFinalizer(pod)) this.queue.add(ORPHAN + keyOf(pod));
      return;
    }
    if (hasFinalizer(pod)) this.queue.add(ORPHAN + keyOf(pod));
    if (pod.metadata.deletionTimestamp) return;
    for (const job of this.jobs.list(ns)) {
      if (selectorOf(job)?.matches(pod.metadata.labels ?? {})) this.queue.addAfter(keyOf(job), BATCH_MS);
    }
  }

  reconcile(key: string): number | undefined {
    if (key.startsWith(ORPHAN)) {
      this.syncOrphanPod(key.slice(ORPHAN.length));
      return;
    }
    const [ns, name] = splitKey(key);
    const job = this.jobs.get(ns, name);
    if (!job) {
      this.backoff.delete(key);
      return;
    }
    const managedBy = job.spec?.managedBy;
    if (managedBy && managedBy !== 'kubernetes.io/job-controller') return;
    if (isJobFinished(job)) return;
    const selector = selectorOf(job);
    if (!selector) return;
    return this.syncJob(key, job, selector);
  }

  /** An orphan pod (or one of a finished or deleted Job) keeps no tracking finalizer. */
  private syncOrphanPod(podKey: string): void {
    const [ns, name] = splitKey(podKey);
    const pod = this.pods.get(ns, name);
    if (!pod || !hasFinalizer(pod)) return;
    const ref = getControllerOf(pod);
    if (ref) {
      if (ref.kind !== 'Job' || ref.apiVersion !== 'batch/v1') return;
      const job = this.jobs.get(ns, ref.name);
      if (job && job.metadata.uid === ref.uid && !isJobFinished(job)) return;
    }
    this.removeFinalizer(pod);
  }

  private removeFinalizer(pod: Stored<Pod>): boolean {
    const next = clone(pod);
    const finalizers = (pod.metadata.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
    if (finalizers.length) next.metadata.finalizers = finalizers;
    else delete next.metadata.finalizers;
    try {
      this.api.update('pods', pod.metadata.namespace ?? '', next);
      return true;
    } catch (e) {
      if (isStatusError(e, 'NotFound')) return true;
      throw e;
    }
  }

  private syncJob(key: string, job: Stored<Job>, selector: Selector): number | undefined {
    const now = this.ctx.clock.now();
    const ts = this.ctx.clock.timestamp();
    let requeue: number | undefined;
    const pods = claim(
      { api: this.api, resource: 'pods', ownerResource: 'batch/jobs', owner: job, kind: JOB_KIND, selector },
      ownedBy(this.pods, job.metadata.uid),
      orphansIn(this.pods, job.metadata.namespace ?? ''),
    );
    const activePods = pods.filter(isPodActive);
    const status: JobStatus = clone(job.status ?? {});
    const uncountedStatus = status.uncountedTerminatedPods ?? {};
    const uncounted = { succeeded: new Set(uncountedStatus.succeeded ?? []), failed: new Set(uncountedStatus.failed ?? []) };
    const valid = (p: Stored<Pod>) => {
      if (!hasFinalizer(p) || uncounted.succeeded.has(p.metadata.uid) || uncounted.failed.has(p.metadata.uid)) return false;
      if (!isIndexed(job)) return true;
      const ix = completionIndex(p);
      return ix >= 0 && ix < (job.spec?.completions ?? 0);
    };
    const newSucceeded = pods.filter((p) => valid(p) && p.status?.phase === 'Succeeded');
    const newFailed = pods.filter((p) => valid(p) && isPodFailed(p, job));
    const nonIgnoredFailed = job.spec?.podFailurePolicy
      ? newFailed.filter((p) => matchPodFailurePolicy(job.spec?.podFailurePolicy, p).countFailed).length
      : newFailed.length;
    const c: SyncCtx = {
      job,
      status,
      pods,
      activePods,
      succeeded: (status.succeeded ?? 0) + newSucceeded.length + uncounted.succeeded.size,
      failed: (status.failed ?? 0) + nonIgnoredFailed + uncounted.failed.size,
      ready: activePods.filter(isPodReady).length,
      terminating: pods.filter((p) => p.metadata.deletionTimestamp && p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded').length,
      uncounted,
      newBackoff: nextBackoffRecord(this.backoff.get(key), newSucceeded, newFailed),
    };
    let active = activePods.length;
    if (!status.startTime && !suspended(job)) status.startTime = ts;
    if (!status.uncountedTerminatedPods) status.uncountedTerminatedPods = {};

    const successMet = findCondition(status.conditions, 'SuccessCriteriaMet');
    if (successMet?.status === 'True') c.finished = successMet;
    else {
      const target = findCondition(status.conditions, 'FailureTarget');
      if (target?.status === 'True') c.finished = newJobCondition('Failed', 'True', target.reason ?? '', target.message ?? '', ts);
      else {
        const msg = this.failJobMessage(job, pods);
        if (msg !== undefined) c.finished = newJobCondition('FailureTarget', 'True', 'PodFailurePolicy', msg, ts);
      }
    }
    if (!c.finished) {
      const backoffLimit = job.spec?.backoffLimit ?? 6;
      if (c.failed > backoffLimit || pastBackoffLimitOnFailure(job, pods)) {
        c.finished = newJobCondition('FailureTarget', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', ts);
      } else if (pastActiveDeadline(job, status, now)) {
        c.finished = newJobCondition('FailureTarget', 'True', 'DeadlineExceeded', 'Job was active longer than specified deadline', ts);
      } else if (job.spec?.activeDeadlineSeconds != null && !suspended(job) && status.startTime) {
        requeue = minDefined(requeue, job.spec.activeDeadlineSeconds * 1000 - (now - Date.parse(status.startTime)));
      }
    }
    if (isIndexed(job)) {
      const completions = job.spec?.completions ?? 0;
      c.prevSucceeded = IndexSet.parse(status.completedIndexes, completions);
      const fresh = pods
        .filter((p) => p.status?.phase === 'Succeeded' && hasFinalizer(p))
        .map(completionIndex)
        .filter((ix) => ix >= 0 && ix < completions);
      c.succeededIndexes = c.prevSucceeded.with(fresh);
      c.succeeded = c.succeededIndexes.total;
      if (hasBackoffLimitPerIndex(job)) {
        c.failedIndexes = calculateFailedIndexes(job, pods);
        const failedCount = c.failedIndexes.total;
        const max = job.spec?.maxFailedIndexes;
        if (!c.finished && max != null && failedCount > max) {
          c.finished = newJobCondition('FailureTarget', 'True', 'MaxFailedIndexesExceeded', 'Job has exceeded the specified maximal number of failed indexes', ts);
        } else if (!c.finished && failedCount > 0 && failedCount + c.succeededIndexes.total >= completions) {
          c.finished = newJobCondition('FailureTarget', 'True', 'FailedIndexes', 'Job has failed indexes', ts);
        }
      }
      if (!c.finished) {
        const met = matchSuccessPolicy(job, c.succeededIndexes);
        if (met !== undefined) c.finished = newJobCondition('SuccessCriteriaMet', 'True', 'SuccessPolicy', met, ts);
      }
    }

    let suspendChanged = false;
    let manageError: unknown;
    if (c.finished) {
      let deleted = 0;
      for (const pod of activePods) {
        try {
          deletePod(this.ctx, job, pod.metadata.namespace ?? '', pod.metadata.name, COMPONENT);
          deleted++;
        } catch (e) {
          manageError ??= e;
        }
      }
      if (deleted !== activePods.length) c.finished = undefined;
      active -= deleted;
      c.terminating += deleted;
    } else {
      if (!job.metadata.deletionTimestamp) {
        const r = this.manageJob(job, c, active, now);
        active = r.active;
        manageError = r.error;
        requeue = minDefined(requeue, r.requeue);
      }
      const completions = job.spec?.completions;
      const complete = completions == null ? c.succeeded > 0 && active === 0 : c.succeeded >= completions && active === 0;
      if (complete) {
        c.finished = newJobCondition('SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods', ts);
      } else if (!job.metadata.deletionTimestamp) {
        const conditions = status.conditions ?? [];
        if (suspended(job)) {
          const [next, changed] = ensureCondition(conditions, 'Suspended', 'True', 'JobSuspended', 'Job suspended', ts);
          if (changed) {
            status.conditions = next;
            suspendChanged = true;
            this.event(job, 'Normal', 'Suspended', 'Job suspended');
          }
        } else {
          const [next, changed] = ensureCondition(conditions, 'Suspended', 'False', 'JobResumed', 'Job resumed', ts);
          if (changed) {
            status.conditions = next;
            suspendChanged = true;
            this.event(job, 'Normal', 'Resumed', 'Job resumed');
            // activeDeadlineSeconds counts time continuously active: it starts again on resume.
            status.startTime = ts;
          }
        }
      }
    }

    const needsUpdate =
      suspendChanged || active !== (job.status?.active ?? 0) || c.ready !== job.status?.ready || c.terminating !== job.status?.terminating;
    status.active = active;
    status.ready = c.ready;
    status.terminating = c.terminating;
    this.trackStatusAndRemoveFinalizers(key, c, needsUpdate);
    if (manageError !== undefined) throw manageError;
    return requeue;
  }

  private failJobMessage(job: Job, pods: Pod[]): string | undefined {
    if (!job.spec?.podFailurePolicy) return undefined;
    for (const p of pods) {
      if (!isPodFailed(p, job)) continue;
      const m = matchPodFailurePolicy(job.spec.podFailurePolicy, p);
      if (m.failJobMessage) return m.failJobMessage;
    }
    return undefined;
  }

  /** manageJob: delete surplus active pods, or create the missing ones (after the failure back-off). */
  private manageJob(job: Stored<Job>, c: SyncCtx, activeIn: number, now: number): { active: number; error?: unknown; requeue?: number } {
    let active = activeIn;
    const parallelism = job.spec?.parallelism ?? 1;
    if (suspended(job)) {
      const removed = this.deleteJobPods(job, c, c.activePods);
      return { active: active - removed.count, error: removed.error };
    }
    let want: number;
    const completions = job.spec?.completions;
    if (completions == null) want = c.succeeded > 0 ? active : parallelism;
    else want = Math.max(0, Math.min(completions - c.succeeded, parallelism));
    const rmAtLeast = Math.max(0, active - want);
    let toDelete = this.activePodsForRemoval(job, c.activePods, rmAtLeast, now).slice(0, MAX_CREATE_DELETE_PER_SYNC);
    // Pods still running for an index that has failed are terminated.
    const failedIx = c.failedIndexes;
    if (failedIx?.total) toDelete = [...toDelete, ...c.activePods.filter((p) => failedIx.has(completionIndex(p)) && !toDelete.includes(p))];
    if (toDelete.length) {
      const removed = this.deleteJobPods(job, c, toDelete);
      return { active: active - removed.count, error: removed.error };
    }
    const terminating = onlyReplaceFailedPods(job) ? c.terminating : 0;
    let diff = want - terminating - active;
    if (diff <= 0) return { active };
    const perIndex = hasBackoffLimitPerIndex(job);
    let requeue: number | undefined;
    if (!perIndex) {
      const wait = remainingBackoff(c.newBackoff, now);
      if (wait > 0) return { active, requeue: wait };
    }
    diff = Math.min(diff, MAX_CREATE_DELETE_PER_SYNC);
    const indexes: number[] = [];
    const lastFailed = perIndex ? lastFailedPods(job, c.pods) : new Map<number, Pod>();
    if (isIndexed(job)) {
      const pending = firstPendingIndexes(c.activePods, c.succeededIndexes ?? new IndexSet(), completions ?? 0, completions ?? 0, c.failedIndexes);
      // Each index waits out its own failure back-off (getPodCreationInfoForIndependentIndexes).
      for (const ix of pending) {
        if (indexes.length >= diff) break;
        const wait = perIndex ? remainingIndexBackoff(lastFailed.get(ix), now) : 0;
        if (wait > 0) requeue = requeue === undefined ? wait : Math.min(requeue, wait);
        else indexes.push(ix);
      }
      diff = indexes.length;
      if (!diff) return { active, requeue };
    }
    const template = clone(job.spec?.template ?? {});
    if (isIndexed(job)) addCompletionIndexEnv(template);
    template.metadata = {
      ...(template.metadata ?? {}),
      finalizers: [...(template.metadata?.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER), JOB_TRACKING_FINALIZER],
    };
    const ref = controllerRef(job, JOB_KIND);
    active += diff;
    let error: unknown;
    // Slow start: batches of 1, 2, 4 …; after a batch with a failure the rest wait for the next sync.
    let created = 0;
    for (let batch = Math.min(diff, 1); created < diff; batch = Math.min(2 * batch, diff - created)) {
      let failed = 0;
      for (let i = 0; i < batch; i++) {
        const ix = indexes.length ? indexes[created + i] : -1;
        const t = ix >= 0 ? withIndex(template, job, ix) : template;
        if (perIndex && ix >= 0) {
          const counts = nextFailureCounts(job, lastFailed.get(ix));
          t.metadata = {
            ...(t.metadata ?? {}),
            annotations: {
              ...(t.metadata?.annotations ?? {}),
              [INDEX_FAILURE_COUNT]: String(counts.failures),
              ...(counts.ignored ? { [INDEX_IGNORED_FAILURE_COUNT]: String(counts.ignored) } : {}),
            },
          };
        }
        const pod = podFromTemplate(t, job, ref);
        if (ix >= 0 && pod.metadata) pod.metadata.generateName = generateNameWithIndex(job.metadata.name, ix);
        try {
          createPod(this.ctx, job, pod, COMPONENT);
        } catch (e) {
          if (!(e instanceof StatusError)) throw e;
          error ??= e;
          failed++;
        }
      }
      active -= failed;
      created += batch;
      if (failed && created < diff) {
        active -= diff - created;
        break;
      }
    }
    return { active, error, requeue };
  }

  /** activePodsForRemoval: Indexed duplicates first, then the usual deletion ranking. */
  private activePodsForRemoval(job: Job, pods: Stored<Pod>[], n: number, now: number): Stored<Pod>[] {
    if (n <= 0) return [];
    let rm: Stored<Pod>[] = [];
    let left = pods;
    if (isIndexed(job)) ({ rm, left } = duplicatedIndexPods(pods, job.spec?.completions ?? 0, now));
    if (rm.length < n) {
      const sorted = [...left].sort((a, b) => comparePodsForDeletion(a, b, 0, 0, now));
      rm = [...rm, ...sorted.slice(0, n - rm.length)];
    }
    return rm;
  }

  /** deleteJobPods: pods the Job no longer wants leave its accounting first (finalizer off), then go. */
  private deleteJobPods(job: Job, c: SyncCtx, pods: Stored<Pod>[]): { count: number; error?: unknown } {
    let count = 0;
    let error: unknown;
    for (const pod of pods) {
      try {
        if (hasFinalizer(pod)) this.removeFinalizer(pod);
        deletePod(this.ctx, job, pod.metadata.namespace ?? '', pod.metadata.name, COMPONENT);
        count++;
        c.terminating++;
        if (isPodReady(pod)) c.ready--;
      } catch (e) {
        error ??= e;
      }
    }
    return { count, error };
  }

  /**
   * trackJobStatusAndRemoveFinalizers: record finished pods in uncountedTerminatedPods, take
   * their finalizers off, move them to the succeeded / failed counters, and once nothing is
   * left uncounted or terminating, add the final condition.
   */
  private trackStatusAndRemoveFinalizers(key: string, c: SyncCtx, needsFlushIn: boolean): void {
    let needsFlush = needsFlushIn;
    const { job, status } = c;
    const uncounted = {
      succeeded: [...(status.uncountedTerminatedPods?.succeeded ?? [])],
      failed: [...(status.uncountedTerminatedPods?.failed ?? [])],
    };
    const indexed = isIndexed(job);
    const completions = job.spec?.completions ?? 0;
    const pods = indexed ? [...c.pods].sort((a, b) => completionIndex(a) - completionIndex(b)) : c.pods;
    const withFinalizer = new Set(pods.filter(hasFinalizer).map((p) => p.metadata.uid));
    if (this.cleanUncounted(status, uncounted, withFinalizer)) needsFlush = true;
    const toRemove: Stored<Pod>[] = [];
    const newIndexes: number[] = [];
    let reachedMax = false;
    const successMet = c.finished?.type === 'SuccessCriteriaMet';
    for (const pod of pods) {
      if (!hasFinalizer(pod)) continue;
      const failed = isPodFailed(pod, job);
      const removable = !!pod.metadata.deletionTimestamp || !!c.finished || pod.status?.phase === 'Succeeded' || failed;
      if (!removable) continue;
      toRemove.push(pod);
      const uid = pod.metadata.uid;
      if (pod.status?.phase === 'Succeeded' && !c.uncounted.failed.has(uid)) {
        if (indexed) {
          const ix = completionIndex(pod);
          if (ix >= 0 && ix < completions && !c.prevSucceeded?.has(ix)) newIndexes.push(ix);
        } else if (!c.uncounted.succeeded.has(uid)) {
          needsFlush = true;
          uncounted.succeeded.push(uid);
        }
      } else if (failed || (c.finished && !successMet)) {
        const ix = completionIndex(pod);
        if (!c.uncounted.failed.has(uid) && (!indexed || (ix >= 0 && ix < completions))) {
          if (!job.spec?.podFailurePolicy || matchPodFailurePolicy(job.spec.podFailurePolicy, pod).countFailed) {
            needsFlush = true;
            uncounted.failed.push(uid);
          }
        }
      }
      if (newIndexes.length + uncounted.succeeded.length + uncounted.failed.length >= MAX_UNCOUNTED) {
        reachedMax = true;
        break;
      }
    }
    if (indexed) {
      const all = (c.prevSucceeded ?? new IndexSet()).with(newIndexes);
      const text = all.toString();
      if (text !== (status.completedIndexes ?? '')) needsFlush = true;
      status.succeeded = all.total;
      status.completedIndexes = text;
      if (c.failedIndexes) {
        const failedText = c.failedIndexes.toString();
        if (status.failedIndexes !== failedText) needsFlush = true;
        status.failedIndexes = failedText;
      }
    }
    let finished = c.finished;
    const ts = this.ctx.clock.timestamp();
    if (finished?.type === 'FailureTarget') {
      status.conditions = [...(status.conditions ?? []), finished];
      needsFlush = true;
      finished = newJobCondition('Failed', 'True', finished.reason ?? '', finished.message ?? '', ts);
    }
    if (finished?.type === 'SuccessCriteriaMet') {
      if (findCondition(status.conditions, 'SuccessCriteriaMet')?.status !== 'True') {
        status.conditions = [...(status.conditions ?? []), finished];
        needsFlush = true;
      }
      finished = newJobCondition('Complete', 'True', finished.reason ?? '', finished.message ?? '', ts);
    }
    status.uncountedTerminatedPods = pack(uncounted);
    if (needsFlush) {
      this.writeStatus(job, status);
      this.backoff.set(key, c.newBackoff);
      needsFlush = false;
    }
    for (const pod of toRemove) if (this.removeFinalizer(pod)) withFinalizer.delete(pod.metadata.uid);
    if (this.cleanUncounted(status, uncounted, withFinalizer)) needsFlush = true;
    status.uncountedTerminatedPods = pack(uncounted);
    let jobFinished = false;
    if (!reachedMax && finished && uncounted.succeeded.length + uncounted.failed.length === 0 && c.terminating === 0) {
      const [next] = ensureCondition(status.conditions ?? [], finished.type, finished.status, finished.reason ?? '', finished.message ?? '', ts);
      status.conditions = next;
      if (finished.type === 'Complete') status.completionTime = finished.lastTransitionTime;
      jobFinished = true;
      needsFlush = true;
    }
    if (needsFlush) {
      this.writeStatus(job, status);
      if (jobFinished) {
        if (finished?.type === 'Complete') {
          const completions = job.spec?.completions;
          if (completions != null && (status.succeeded ?? 0) > completions) {
            this.event(job, 'Warning', 'TooManySucceededPods', 'Too many succeeded pods running after completion count reached');
          }
          this.event(job, 'Normal', 'Completed', 'Job completed');
        } else if (finished) this.event(job, 'Warning', finished.reason ?? '', finished.message ?? '');
      }
    }
  }

  /** cleanUncountedPodsWithoutFinalizers: pods whose finalizer is off move to the counters. */
  private cleanUncounted(status: JobStatus, uncounted: { succeeded: string[]; failed: string[] }, withFinalizer: Set<string>): boolean {
    let updated = false;
    const s = uncounted.succeeded.filter((u) => withFinalizer.has(u));
    if (s.length !== uncounted.succeeded.length) {
      status.succeeded = (status.succeeded ?? 0) + uncounted.succeeded.length - s.length;
      uncounted.succeeded = s;
      updated = true;
    }
    const f = uncounted.failed.filter((u) => withFinalizer.has(u));
    if (f.length !== uncounted.failed.length) {
      status.failed = (status.failed ?? 0) + uncounted.failed.length - f.length;
      uncounted.failed = f;
      updated = true;
    }
    return updated;
  }

  private writeStatus(job: Stored<Job>, status: JobStatus): void {
    const s = { ...status };
    for (const k of ['active', 'succeeded', 'failed'] as const) if (!s[k]) delete s[k];
    if (!s.completedIndexes) delete s.completedIndexes;
    const fresh = this.jobs.get(job.metadata.namespace ?? '', job.metadata.name) ?? job;
    if (deepEqual(fresh.status, s)) return;
    this.api.updateStatus<Job>('batch/jobs', job.metadata.namespace ?? '', { ...fresh, status: s } as Job);
  }

  private event(job: Job, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.event(job, type, reason, message, { component: COMPONENT });
  }
}

function pack(u: { succeeded: string[]; failed: string[] }): { succeeded?: string[]; failed?: string[] } {
  const out: { succeeded?: string[]; failed?: string[] } = {};
  if (u.succeeded.length) out.succeeded = [...u.succeeded];
  if (u.failed.length) out.failed = [...u.failed];
  return out;
}

/** With restartPolicy OnFailure, container restarts count against backoffLimit. */
function pastBackoffLimitOnFailure(job: Job, pods: Pod[]): boolean {
  if (job.spec?.template?.spec?.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const p of pods) {
    if (p.status?.phase !== 'Running' && p.status?.phase !== 'Pending') continue;
    for (const s of p.status?.initContainerStatuses ?? []) restarts += s.restartCount;
    for (const s of p.status?.containerStatuses ?? []) restarts += s.restartCount;
  }
  const limit = job.spec?.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

function pastActiveDeadline(job: Job, status: JobStatus, now: number): boolean {
  const ads = job.spec?.activeDeadlineSeconds;
  if (ads == null || !status.startTime || suspended(job)) return false;
  return now - Date.parse(status.startTime) >= ads * 1000;
}

/** successPolicy rules (Indexed Jobs): the first rule whose indexes / count are met. */
function matchSuccessPolicy(job: Job, succeeded: IndexSet): string | undefined {
  const rules = job.spec?.successPolicy?.rules ?? [];
  const completions = job.spec?.completions ?? 0;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    const wanted = rule.succeededIndexes ? IndexSet.parse(rule.succeededIndexes, completions) : undefined;
    if (wanted && wanted.total === 0) continue;
    const matching = wanted ? succeeded.values.filter((v) => wanted.has(v)).length : succeeded.total;
    const countOk = rule.succeededCount == null || matching >= rule.succeededCount;
    const indexesOk = !wanted || rule.succeededCount != null || matching === wanted.total;
    if (countOk && indexesOk && (wanted || rule.succeededCount != null)) return `Matched rules at index ${i}`;
  }
  return undefined;
}

function selectorOf(job: Job): Selector | undefined {
  try {
    return cachedSelector(['Job', job.spec?.selector], () => selectorFromLabelSelector(job.spec?.selector));
  } catch (e) {
    if (e instanceof SelectorParseError) return undefined;
    throw e;
  }
}

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}
