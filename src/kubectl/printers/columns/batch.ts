import type { CronJob, Job, JobCondition } from 'kubernetes-types/batch/v1';
import type { Container } from 'kubernetes-types/core/v1';
import { humanDuration, parseTimestamp, translateTimestampSince } from '../duration';
import { formatLabelSelector } from '../labels';
import { ageColumn, as, boolPtr, containersColumns, field, nameColumn, templateContainers } from './common';
import type { ColumnDef } from './types';

/** The status of the first condition of the type, as hasJobCondition checks it. */
function hasCondition(conditions: readonly JobCondition[] | undefined, type: string): boolean {
  const cond = (conditions ?? []).find((c) => c.type === type);
  return cond?.status === 'True';
}

export function jobStatus(job: Job): string {
  const conditions = job.status?.conditions;
  if (hasCondition(conditions, 'Complete')) return 'Complete';
  if (hasCondition(conditions, 'Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp != null) return 'Terminating';
  if (hasCondition(conditions, 'Suspended')) return 'Suspended';
  if (hasCondition(conditions, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

export function jobCompletions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  if (job.spec?.completions != null) return `${succeeded}/${job.spec.completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

export function jobDuration(job: Job, now: number): string {
  const start = parseTimestamp(job.status?.startTime);
  if (start === undefined) return '';
  const end = parseTimestamp(job.status?.completionTime);
  return humanDuration((end ?? now) - start);
}

export const jobColumns: ColumnDef[] = [
  nameColumn,
  { name: 'Status', cell: (o) => jobStatus(as<Job>(o)) },
  { name: 'Completions', cell: (o) => jobCompletions(as<Job>(o)) },
  { name: 'Duration', cell: (o, now) => jobDuration(as<Job>(o), now) },
  ageColumn,
  ...containersColumns(templateContainers),
  {
    name: 'Selector',
    wide: true,
    cell: (o) => formatLabelSelector(as<Job>(o).spec?.selector),
  },
];

const cronJobContainers = (o: unknown) =>
  field(o, 'spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers') as Container[] | undefined;

export const cronJobColumns: ColumnDef[] = [
  nameColumn,
  { name: 'Schedule', cell: (o) => as<CronJob>(o).spec?.schedule ?? '' },
  { name: 'Timezone', cell: (o) => as<CronJob>(o).spec?.timeZone ?? '<none>' },
  { name: 'Suspend', cell: (o) => boolPtr(as<CronJob>(o).spec?.suspend) },
  {
    name: 'Active',
    cell: (o) => String(as<CronJob>(o).status?.active?.length ?? 0),
  },
  {
    name: 'Last Schedule',
    cell: (o, now) => {
      const last = as<CronJob>(o).status?.lastScheduleTime;
      return last == null ? '<none>' : translateTimestampSince(last, now);
    },
  },
  ageColumn,
  ...containersColumns(cronJobContainers),
  {
    name: 'Selector',
    wide: true,
    cell: (o) => formatLabelSelector(as<CronJob>(o).spec?.jobTemplate?.spec?.selector),
  },
];
