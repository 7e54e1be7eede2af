import type { Job } from 'kubernetes-types/batch/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { POD_FAILURE_BACKOFF_MS, MAX_POD_FAILURE_BACKOFF_MS, finishedTime } from './backoff';
import { isPodFailed, matchPodFailurePolicy } from './failurepolicy';
import { completionIndex, IndexSet } from './indexed';

/**
 * Backoff limit per index (Indexed Jobs, on by default since v1.29): each index has its own
 * failure count, carried from pod to pod in annotations; an index whose pods failed more than
 * backoffLimitPerIndex times (or hit a FailIndex rule) is failed for good and listed in
 * status.failedIndexes; each index waits out its own failure back-off.
 */
export const INDEX_FAILURE_COUNT = 'batch.kubernetes.io/job-index-failure-count';
export const INDEX_IGNORED_FAILURE_COUNT = 'batch.kubernetes.io/job-index-ignored-failure-count';

export const hasBackoffLimitPerIndex = (job: Job) => job.spec?.completionMode === 'Indexed' && job.spec?.backoffLimitPerIndex != null;

function count(pod: Pod, key: string): number {
  const v = pod.metadata?.annotations?.[key];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : 0;
}

/** getIndexFailureCount: failures of the index before this pod. */
export const indexFailureCount = (pod: Pod) => count(pod, INDEX_FAILURE_COUNT);

/** isIndexFailed: a FailIndex rule matched, or a counted failure that used up the index's limit. */
export function isIndexFailed(job: Job, pod: Pod): boolean {
  if (!isPodFailed(pod, job)) return false;
  let counted = true;
  if (job.spec?.podFailurePolicy) {
    const m = matchPodFailurePolicy(job.spec.podFailurePolicy, pod);
    if (m.action === 'FailIndex') return true;
    counted = m.countFailed;
  }
  return counted && indexFailureCount(pod) >= (job.spec?.backoffLimitPerIndex ?? 0);
}

/** calculateFailedIndexes: the recorded failed indexes plus those the pods now show. */
export function calculateFailedIndexes(job: Job, pods: readonly Pod[]): IndexSet {
  const completions = job.spec?.completions ?? 0;
  const prev = IndexSet.parse(job.status?.failedIndexes, completions);
  const fresh: number[] = [];
  for (const p of pods) {
    if (!isIndexFailed(job, p)) continue;
    const ix = completionIndex(p);
    if (ix >= 0 && ix < completions) fresh.push(ix);
  }
  return prev.with(fresh);
}

/** The most recently finished failed pod of each index (getNewestFailedPodsPerIndex). */
export function lastFailedPods(job: Job, pods: readonly Pod[]): Map<number, Pod> {
  const out = new Map<number, Pod>();
  for (const p of pods) {
    if (!isPodFailed(p, job)) continue;
    const ix = completionIndex(p);
    if (ix < 0) continue;
    const prev = out.get(ix);
    if (!prev || finishedTime(p) > finishedTime(prev) || (finishedTime(p) === finishedTime(prev) && indexFailureCount(p) > indexFailureCount(prev))) out.set(ix, p);
  }
  return out;
}

/** getNewIndexFailureCounts: the counts a replacement for this failed pod's index starts with. */
export function nextFailureCounts(job: Job, lastFailed: Pod | undefined): { failures: number; ignored: number } {
  if (!lastFailed) return { failures: 0, ignored: 0 };
  const failures = indexFailureCount(lastFailed);
  const ignored = count(lastFailed, INDEX_IGNORED_FAILURE_COUNT);
  if (job.spec?.podFailurePolicy && !matchPodFailurePolicy(job.spec.podFailurePolicy, lastFailed).countFailed) return { failures, ignored: ignored + 1 };
  return { failures: failures + 1, ignored };
}

/** getRemainingTimePerIndex: 10 s doubling per failure of the index (ignored ones too), capped. */
export function remainingIndexBackoff(lastFailed: Pod | undefined, now: number): number {
  if (!lastFailed) return 0;
  const failures = indexFailureCount(lastFailed) + count(lastFailed, INDEX_IGNORED_FAILURE_COUNT) + 1;
  let delay = POD_FAILURE_BACKOFF_MS;
  for (let i = 1; i < failures && delay < MAX_POD_FAILURE_BACKOFF_MS; i++) delay = Math.min(delay * 2, MAX_POD_FAILURE_BACKOFF_MS);
  const elapsed = now - finishedTime(lastFailed);
  return delay < elapsed ? 0 : delay - elapsed;
}
