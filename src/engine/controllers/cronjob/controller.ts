import type { CronJob, CronJobStatus, Job } from 'kubernetes-types/batch/v1';
import type { ObjectReference } from 'kubernetes-types/core/v1';
import { isStatusError, StatusError } from '../../api/status';
import { clone, type Stored } from '../../api/types';
import { CronParseError, type CronSchedule, isKnownTimeZone, parseCronSchedule } from '../../apiserver/strategies/cron';
import { Controller, type ControllerContext } from '../controller';
import { type Informer, keyOf, splitKey } from '../informer';
import { addOwnerIndexes, ownedBy } from '../controllerutil/indexes';
import { controllerRef, getControllerOf } from '../controllerutil/ownerref';
import { deepEqual } from '../controllerutil/status';
import { finishedCondition } from '../job/conditions';
import { jobName, mostRecentScheduleTime, nextScheduleDelay, scheduleText } from './schedule';

const COMPONENT = 'cronjob-controller';
const CRONJOB_KIND = { apiVersion: 'batch/v1', kind: 'CronJob' };
const SCHEDULED_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

/**
 * The CronJob controller: at each schedule time (in spec.timeZone) it creates the Job
 * `<cronjob>-<minutes since the epoch>`, honouring concurrencyPolicy, startingDeadlineSeconds
 * and suspend; it tracks active Jobs, records lastScheduleTime / lastSuccessfulTime, and keeps
 * successfulJobsHistoryLimit / failedJobsHistoryLimit finished Jobs.
 */
export class CronJobController extends Controller {
  private readonly cronjobs: Informer<CronJob>;
  private readonly jobs: Informer<Job>;

  constructor(ctx: ControllerContext) {
    super('cronjob', ctx);
    this.cronjobs = ctx.informers.for<CronJob>('batch/cronjobs');
    this.jobs = addOwnerIndexes(ctx.informers.for<Job>('batch/jobs'));
    this.cronjobs.addHandlers({
      add: (cj) => this.queue.add(keyOf(cj)),
      update: (cj) => this.queue.add(keyOf(cj)),
    });
    const jobChanged = (j: Stored<Job>) => {
      const ref = getControllerOf(j);
      if (ref?.kind !== 'CronJob') return;
      const cj = this.cronjobs.get(j.metadata.namespace ?? '', ref.name);
      if (cj && cj.metadata.uid === ref.uid) this.queue.add(keyOf(cj));
    };
    this.jobs.addHandlers({ add: jobChanged, update: jobChanged, delete: jobChanged });
  }

  private event(cj: CronJob, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.event(cj, type, reason, message, { component: COMPONENT });
  }

  reconcile(key: string): number | undefined {
    const [ns, name] = splitKey(key);
    const cj = this.cronjobs.get(ns, name);
    if (!cj) return;
    const jobs = ownedBy(this.jobs, cj.metadata.uid).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    const status: CronJobStatus = clone(cj.status ?? {});
    const copy = { ...cj, status } as Stored<CronJob>;
    let update = this.cleanupFinishedJobs(copy, jobs);
    let requeue: number | undefined;
    let failure: unknown;
    try {
      const r = this.syncCronJob(copy, jobs);
      requeue = r.requeue;
      if (r.update) update = true;
    } catch (e) {
      failure = e;
    }
    if (update) this.writeStatus(cj, copy.status as CronJobStatus);
    if (failure !== undefined) throw failure;
    return requeue;
  }

  private writeStatus(cj: Stored<CronJob>, status: CronJobStatus): void {
    const s = { ...status };
    if (!s.active?.length) delete s.active;
    const fresh = this.cronjobs.get(cj.metadata.namespace ?? '', cj.metadata.name) ?? cj;
    if (deepEqual(fresh.status ?? {}, s)) return;
    this.api.updateStatus<CronJob>('batch/cronjobs', cj.metadata.namespace ?? '', { ...fresh, status: s } as CronJob);
  }

  private removeFromActive(cj: Stored<CronJob>, uid: string): void {
    const status = cj.status as CronJobStatus;
    status.active = (status.active ?? []).filter((r) => r.uid !== uid);
  }

  /** deleteJob: the Job goes (its pods with it, in the background) and leaves the active list. */
  private deleteJob(cj: Stored<CronJob>, job: Stored<Job>): boolean {
    try {
      this.api.delete('batch/jobs', job.metadata.namespace ?? '', job.metadata.name, { propagationPolicy: 'Background' });
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      if (e.reason !== 'NotFound') {
        this.event(cj, 'Warning', 'FailedDelete', `Deleted job: ${e.message}`);
        return false;
      }
    }
    this.removeFromActive(cj, job.metadata.uid);
    this.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name}`);
    return true;
  }

  /** cleanupFinishedJobs: keep the newest successful / failed Jobs up to the history limits. */
  private cleanupFinishedJobs(cj: Stored<CronJob>, jobs: Stored<Job>[]): boolean {
    const successLimit = cj.spec?.successfulJobsHistoryLimit;
    const failedLimit = cj.spec?.failedJobsHistoryLimit;
    if (successLimit == null && failedLimit == null) return false;
    const done: Stored<Job>[] = [];
    const failed: Stored<Job>[] = [];
    for (const j of jobs) {
      const c = finishedCondition(j);
      if (c?.type === 'Complete') done.push(j);
      else if (c?.type === 'Failed') failed.push(j);
    }
    let update = false;
    if (successLimit != null && this.removeOldest(cj, done, successLimit)) update = true;
    if (failedLimit != null && this.removeOldest(cj, failed, failedLimit)) update = true;
    return update;
  }

  private removeOldest(cj: Stored<CronJob>, jobs: Stored<Job>[], keep: number): boolean {
    const n = jobs.length - keep;
    if (n <= 0) return false;
    // byJobStartTime: jobs without a start time last, then by start time, then by name.
    jobs.sort((a, b) => {
      const sa = a.status?.startTime;
      const sb = b.status?.startTime;
      if (!sa && sb) return 1;
      if (sa && !sb) return -1;
      if (sa && sb && sa !== sb) return sa < sb ? -1 : 1;
      return a.metadata.name < b.metadata.name ? -1 : 1;
    });
    let update = false;
    for (const j of jobs.slice(0, n)) if (this.deleteJob(cj, j)) update = true;
    return update;
  }

  private syncCronJob(cj: Stored<CronJob>, jobs: Stored<Job>[]): { requeue?: number; update: boolean } {
    const now = this.ctx.clock.now();
    const status = cj.status as CronJobStatus;
    let update = false;
    const children = new Set<string>();
    for (const j of jobs) {
      children.add(j.metadata.uid);
      const found = (status.active ?? []).some((r) => r.uid === j.metadata.uid);
      const finished = finishedCondition(j);
      if (!found && !finished) {
        this.event(cj, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${j.metadata.name}`);
      } else if (found && finished) {
        this.removeFromActive(cj, j.metadata.uid);
        this.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, status: ${finished.type}`);
        update = true;
      } else if (finished?.type === 'Complete' && j.status?.completionTime) {
        const t = j.status.completionTime;
        if (!status.lastSuccessfulTime || Date.parse(t) > Date.parse(status.lastSuccessfulTime)) {
          status.lastSuccessfulTime = t;
          update = true;
        }
      }
    }
    for (const ref of [...(status.active ?? [])]) {
      if (children.has(ref.uid ?? '')) continue;
      if (!this.api.find('batch/jobs', ref.namespace ?? '', ref.name ?? '')) {
        this.event(cj, 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`);
        this.removeFromActive(cj, ref.uid ?? '');
        update = true;
      }
    }
    if (cj.metadata.deletionTimestamp) return { update };
    const tz = cj.spec?.timeZone;
    if (tz && !isKnownTimeZone(tz)) {
      this.event(cj, 'Warning', 'UnknownTimeZone', `invalid timeZone: "${tz}": unknown time zone ${tz}`);
      return { update };
    }
    if (cj.spec?.suspend) return { update };
    const text = scheduleText(cj);
    if (/TZ/.test(cj.spec?.schedule ?? '')) {
      this.event(
        cj,
        'Warning',
        'UnsupportedSchedule',
        `CRON_TZ or TZ used in schedule "${cj.spec?.schedule}" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`,
      );
    }
    let sched: CronSchedule;
    try {
      sched = parseCronSchedule(text);
    } catch (e) {
      if (!(e instanceof CronParseError)) throw e;
      this.event(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: "${cj.spec?.schedule}" : ${e.message}`);
      return { update };
    }
    const recent = mostRecentScheduleTime(cj, now, sched, true);
    if (recent.error) {
      this.event(cj, 'Warning', 'InvalidSchedule', `invalid schedule: ${cj.spec?.schedule} : ${recent.error}`);
      return { update };
    }
    const next = () => nextScheduleDelay(cj, now, sched);
    const scheduled = recent.mostRecent;
    if (scheduled === undefined || scheduled > now) return { requeue: next(), update };
    if (recent.tooMany) {
      this.event(cj, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
    }
    const deadline = cj.spec?.startingDeadlineSeconds;
    if (deadline != null && scheduled + deadline * 1000 < now) {
      this.event(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
      return { requeue: next(), update };
    }
    const name = jobName(cj, scheduled);
    const lastScheduled = status.lastScheduleTime ? Date.parse(status.lastScheduleTime) : Number.NaN;
    if ((status.active ?? []).some((r) => r.name === name) || lastScheduled === scheduled) {
      return { requeue: next(), update };
    }
    const policy = cj.spec?.concurrencyPolicy ?? 'Allow';
    if (policy === 'Forbid' && (status.active ?? []).length > 0) {
      this.event(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return { requeue: next(), update };
    }
    if (policy === 'Replace') {
      for (const ref of [...(status.active ?? [])]) {
        const job = this.api.find<Job>('batch/jobs', ref.namespace ?? '', ref.name ?? '');
        if (!job) {
          this.event(cj, 'Warning', 'FailedGet', `Get job: jobs.batch "${ref.name}" not found`);
          return { update };
        }
        if (!this.deleteJob(cj, job)) return { update };
        update = true;
      }
    }
    const template = cj.spec?.jobTemplate;
    const job: Job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name,
        labels: { ...(template?.metadata?.labels ?? {}) },
        annotations: { ...(template?.metadata?.annotations ?? {}), [SCHEDULED_ANNOTATION]: rfc3339In(scheduled, tz) },
        ownerReferences: [controllerRef(cj, CRONJOB_KIND)],
      },
      spec: clone(template?.spec ?? { template: {} }),
    };
    let created: Stored<Job>;
    try {
      created = this.api.create<Job>('batch/jobs', cj.metadata.namespace ?? '', job);
      this.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${created.metadata.name}`);
    } catch (e) {
      if (isStatusError(e, 'AlreadyExists')) {
        const existing = this.api.get<Job>('batch/jobs', cj.metadata.namespace ?? '', name);
        if (getControllerOf(existing)?.uid !== cj.metadata.uid) return { update };
        if ((status.active ?? []).some((r) => r.uid === existing.metadata.uid)) return { update };
        created = existing;
      } else {
        if (e instanceof StatusError && !/because it is being terminated/.test(e.message)) {
          this.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${e.message}`);
        }
        throw e;
      }
    }
    const ref: ObjectReference = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      name: created.metadata.name,
      namespace: created.metadata.namespace,
      resourceVersion: created.metadata.resourceVersion,
      uid: created.metadata.uid,
    };
    status.active = [...(status.active ?? []), ref];
    status.lastScheduleTime = this.ctx.clock.timestamp(scheduled);
    return { requeue: nextScheduleDelay(cj, now, sched), update: true };
  }
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** Go's time.RFC1123Z in UTC: `Mon, 02 Jan 2006 15:04:05 +0000`. */
function rfc1123z(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** The scheduled time in RFC 3339, in the CronJob's time zone (UTC when unset). */
function rfc3339In(ms: number, tz: string | undefined): string {
  if (!tz || tz === 'UTC' || tz === 'Etc/UTC') return `${new Date(ms).toISOString().slice(0, 19)}Z`;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const offsetMin = Math.round((local - Math.floor(ms / 1000) * 1000) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const base = new Date(local).toISOString().slice(0, 19);
  return offsetMin === 0 ? `${base}Z` : `${base}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
