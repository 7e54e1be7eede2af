import type { CronJob } from 'kubernetes-types/batch/v1';
import type { CronSchedule } from '../../apiserver/strategies/cron';

/** The controller looks 100 ms after a schedule time, so a slightly early clock does not miss it. */
export const NEXT_SCHEDULE_DELTA_MS = 100;

export interface MostRecent {
  earliest: number;
  /** The latest schedule time not after now, if any was missed since `earliest`. */
  mostRecent?: number;
  /** More than 100 schedule times were missed. */
  tooMany: boolean;
  error?: string;
}

const parse = (t: string | undefined) => (t ? Date.parse(t) : Number.NaN);

/**
 * mostRecentScheduleTime: from the last schedule time (or the CronJob's creation, or the
 * starting deadline when later), the latest activation that is due, estimating how many were
 * missed from the spacing of the first two.
 */
export function mostRecentScheduleTime(cj: CronJob, now: number, sched: CronSchedule, includeStartingDeadline: boolean): MostRecent {
  let earliest = parse(cj.metadata?.creationTimestamp);
  const last = parse(cj.status?.lastScheduleTime);
  if (!Number.isNaN(last)) earliest = last;
  const deadline = cj.spec?.startingDeadlineSeconds;
  if (includeStartingDeadline && deadline != null) {
    const schedulingDeadline = now - deadline * 1000;
    if (schedulingDeadline > earliest) earliest = schedulingDeadline;
  }
  const t1 = sched.next(earliest);
  const t2 = sched.next(t1);
  if (Number.isNaN(t1) || now < t1) return { earliest, tooMany: false };
  if (Number.isNaN(t2) || now < t2) return { earliest, mostRecent: t1, tooMany: false };
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1) return { earliest, tooMany: false, error: 'time difference between two schedules is less than 1 second' };
  const elapsed = Math.floor((now - t1) / 1000);
  const missed = Math.floor(elapsed / between) + 1;
  let mostRecent: number | undefined;
  const potentialEarliest = t1 + (missed - 2) * between * 1000;
  for (let t = sched.next(potentialEarliest); !Number.isNaN(t) && t <= now; t = sched.next(t)) mostRecent = t;
  return { earliest, mostRecent, tooMany: missed > 100 };
}

/** nextScheduleTimeDuration: how long until the next activation (+100 ms). */
export function nextScheduleDelay(cj: CronJob, now: number, sched: CronSchedule): number {
  let earliest = parse(cj.metadata?.creationTimestamp);
  const last = parse(cj.status?.lastScheduleTime);
  if (!Number.isNaN(last)) earliest = last;
  const r = mostRecentScheduleTime(cj, now, sched, false);
  const from = r.error ? now : (r.mostRecent ?? earliest);
  return sched.next(from) + NEXT_SCHEDULE_DELTA_MS - now;
}

/** getJobName: `<cronjob>-<scheduled time in minutes since the epoch>`. */
export function jobName(cj: CronJob, scheduledMs: number): string {
  return `${cj.metadata?.name}-${Math.floor(scheduledMs / 60_000)}`;
}

/** The schedule with its time zone, as formatSchedule hands it to the cron parser. */
export function scheduleText(cj: CronJob): string {
  const s = cj.spec?.schedule ?? '';
  if (s.includes('TZ')) return s;
  return cj.spec?.timeZone ? `TZ=${cj.spec.timeZone} ${s}` : s;
}
