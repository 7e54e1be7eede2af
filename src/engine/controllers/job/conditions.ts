import type { Job, JobCondition } from 'kubernetes-types/batch/v1';

export function newJobCondition(type: string, status: string, reason: string, message: string, now: string): JobCondition {
  return { type, status, lastProbeTime: now, lastTransitionTime: now, reason, message };
}

export function findCondition(list: readonly JobCondition[] | undefined, type: string): JobCondition | undefined {
  return list?.find((c) => c.type === type);
}

/** ensureJobConditionStatus: set a condition, replacing one that differs; False is not added. */
export function ensureCondition(
  list: JobCondition[],
  type: string,
  status: string,
  reason: string,
  message: string,
  now: string,
): [JobCondition[], boolean] {
  const i = list.findIndex((c) => c.type === type);
  if (i >= 0) {
    const c = list[i];
    if (c.status !== status || c.reason !== reason || c.message !== message) {
      const next = [...list];
      next[i] = newJobCondition(type, status, reason, message, now);
      return [next, true];
    }
    return [list, false];
  }
  if (status !== 'False') return [[...list, newJobCondition(type, status, reason, message, now)], true];
  return [list, false];
}

/** IsJobFinished: a Complete or Failed condition that is True. */
export function finishedCondition(job: Job): JobCondition | undefined {
  return job.status?.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

export const isJobFinished = (job: Job) => !!finishedCondition(job);
