import type { Pod } from 'kubernetes-types/core/v1';
import { timeMs } from '../controllerutil/podutil';

/** The first delay before a failed pod is replaced. */
export const POD_FAILURE_BACKOFF_MS = 10_000;
/**
 * The longest one. The Job docs say the back-off is "capped at six minutes"; the v1.32 job
 * controller's source has `MaxJobPodFailureBackOff = 10 * time.Minute` and that is what a
 * cluster does, so this follows the source (for the Job-wide and the per-index back-off alike).
 */
export const MAX_POD_FAILURE_BACKOFF_MS = 10 * 60_000;

export interface BackoffRecord {
  failuresAfterLastSuccess: number;
  lastFailureTime: number | null;
}

/** getFinishedTime: when the pod's containers ended (or it stopped being ready, or was deleted). */
export function finishedTime(pod: Pod): number {
  let max = 0;
  for (const s of [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])]) {
    const t = timeMs(s.state?.terminated?.finishedAt);
    if (t > max) max = t;
  }
  if (max) return max;
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'False');
  if (ready?.lastTransitionTime) return timeMs(ready.lastTransitionTime);
  if (pod.metadata?.deletionTimestamp) return timeMs(pod.metadata.deletionTimestamp);
  return timeMs(pod.metadata?.creationTimestamp);
}

/**
 * newBackoffRecord: failures since the last success. New successes reset it, unless failures
 * came after the latest success.
 */
export function nextBackoffRecord(old: BackoffRecord | undefined, succeeded: readonly Pod[], failed: readonly Pod[]): BackoffRecord {
  const rec: BackoffRecord = old ? { ...old } : { failuresAfterLastSuccess: 0, lastFailureTime: null };
  const s = succeeded.map(finishedTime).sort((a, b) => a - b);
  const f = failed.map(finishedTime).sort((a, b) => a - b);
  if (s.length === 0) {
    if (f.length === 0) return rec;
    rec.failuresAfterLastSuccess += f.length;
    rec.lastFailureTime = f[f.length - 1];
    return rec;
  }
  rec.failuresAfterLastSuccess = 0;
  rec.lastFailureTime = null;
  const lastSuccess = s[s.length - 1];
  for (let i = f.length - 1; i >= 0; i--) {
    if (f[i] <= lastSuccess) break;
    if (rec.lastFailureTime === null) rec.lastFailureTime = f[i];
    rec.failuresAfterLastSuccess++;
  }
  return rec;
}

/** How long until a replacement may be created: 10 s doubling per failure, capped. */
export function remainingBackoff(rec: BackoffRecord, now: number): number {
  if (rec.failuresAfterLastSuccess === 0 || rec.lastFailureTime === null) return 0;
  let delay = POD_FAILURE_BACKOFF_MS;
  for (let i = 1; i < rec.failuresAfterLastSuccess; i++) {
    delay *= 2;
    if (delay >= MAX_POD_FAILURE_BACKOFF_MS) {
      delay = MAX_POD_FAILURE_BACKOFF_MS;
      break;
    }
  }
  const elapsed = now - rec.lastFailureTime;
  return delay < elapsed ? 0 : delay - elapsed;
}
