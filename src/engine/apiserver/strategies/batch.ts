import type { CronJob, Job, JobSpec } from 'kubernetes-types/batch/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { isDNS1123Label } from '../../api/names';
import type { FieldError } from '../../api/status';
import type { Strategy } from '../strategy';
import {
  isCreate,
  selectorValue,
  semanticEqual,
  validateImmutable,
  validateLabelSelector,
  validateNonnegative,
  validateQualifiedName,
  ensureField,
} from './common';
import { CronParseError, isKnownTimeZone, parseCronSchedule } from './cron';
import { child, fe, index, key, sortedMap } from './errors';
import { goish } from './goish';
import { asDecodeError, defaultPodTemplateSpec } from './podspec-defaults';
import { validatePodTemplateSpec } from './podspec-validation';
import { asSelector } from './workload';

/**
 * batch/v1: Jobs (selector generation on create, the defaults of SetDefaults_Job, an
 * immutable template) and CronJobs (schedule and time zone checks).
 */

export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const LEGACY_JOB_NAME_LABEL = 'job-name';
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';

const MAX_INT32 = 2147483647;

function defaultJobSpec(spec: JobSpec): void {
  if (spec.completions == null && spec.parallelism == null) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex != null ? MAX_INT32 : 6;
  spec.completionMode ||= 'NonIndexed';
  spec.suspend ??= false;
  for (const rule of spec.podFailurePolicy?.rules ?? []) for (const p of rule.onPodConditions ?? []) p.status ||= 'True';
  spec.podReplacementPolicy ||= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  spec.manualSelector ??= false;
  defaultPodTemplateSpec(spec.template);
}

/**
 * SetDefaults_Job gives a label-less Job its template's labels. The server re-applies defaults
 * when it reads an object back, so the labels generated on create end up there too.
 */
function labelsFromTemplate(job: Job): void {
  const t = job.spec?.template?.metadata?.labels;
  const meta = ensureField(job, 'metadata', {} as ObjectMeta);
  if (t && !Object.keys(meta.labels ?? {}).length) meta.labels = { ...t };
}

/** The job strategy's generateSelector: label the template and select on the uid. */
function generateSelector(job: Job): void {
  const meta = job.metadata ?? {};
  const spec = job.spec as JobSpec;
  const tmeta = ensureField(spec.template, 'metadata', {});
  const labels = ensureField(tmeta, 'labels', {});
  for (const k of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) if (!(k in labels)) labels[k] = meta.name ?? '';
  for (const k of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL]) if (!(k in labels)) labels[k] = meta.uid ?? '';
  const selector = ensureField(spec, 'selector', {});
  const match = ensureField(selector, 'matchLabels', {});
  if (!(CONTROLLER_UID_LABEL in match)) match[CONTROLLER_UID_LABEL] = meta.uid ?? '';
}

/** ValidateHasLabel. */
function validateHasLabel(labels: Record<string, string> | undefined, path: string, k: string, want: string): FieldError[] {
  if (!labels || !(k in labels)) return [fe.required(key(child(path, 'labels'), k), `must be '${want}'`)];
  if (labels[k] !== want) return [fe.invalid(key(child(path, 'labels'), k), sortedMap(labels), `must be '${want}'`)];
  return [];
}

/** validateGeneratedSelector. */
function validateGeneratedSelector(job: Job, requirePrefixed: boolean): FieldError[] {
  const spec = job.spec;
  if (spec?.manualSelector || !spec?.selector) return [];
  const meta = job.metadata ?? {};
  const uid = meta.uid ?? '';
  const name = meta.name ?? '';
  const errs: FieldError[] = [];
  if (!uid) errs.push(fe.required('metadata.uid'));
  const labels = spec.template?.metadata?.labels;
  const tp = 'spec.template.metadata';
  errs.push(...validateHasLabel(labels, tp, LEGACY_CONTROLLER_UID_LABEL, uid));
  errs.push(...validateHasLabel(labels, tp, LEGACY_JOB_NAME_LABEL, name));
  const expected: Record<string, string> = {
    [LEGACY_CONTROLLER_UID_LABEL]: uid,
    [LEGACY_JOB_NAME_LABEL]: name,
  };
  if (requirePrefixed) {
    errs.push(...validateHasLabel(labels, tp, CONTROLLER_UID_LABEL, uid));
    errs.push(...validateHasLabel(labels, tp, JOB_NAME_LABEL, name));
    expected[CONTROLLER_UID_LABEL] = uid;
    expected[JOB_NAME_LABEL] = name;
  }
  const selector = asSelector(spec.selector);
  if (selector && !selector.matches(expected)) {
    errs.push(fe.invalid('spec.selector', selectorValue(spec.selector), '`selector` not auto-generated'));
  }
  return errs;
}

/** validateJobSpec: everything but the selector. */
function validateJobSpecBody(spec: JobSpec | undefined, path: string): FieldError[] {
  const s = spec ?? ({} as JobSpec);
  const errs: FieldError[] = [];
  for (const f of [
    'parallelism',
    'completions',
    'activeDeadlineSeconds',
    'backoffLimit',
    'ttlSecondsAfterFinished',
    'backoffLimitPerIndex',
  ] as const) {
    errs.push(...validateNonnegative(s[f], child(path, f)));
  }
  if (s.maxFailedIndexes != null) {
    errs.push(...validateNonnegative(s.maxFailedIndexes, child(path, 'maxFailedIndexes')));
    if (s.backoffLimitPerIndex == null) errs.push(fe.required(child(path, 'backoffLimitPerIndex'), 'when maxFailedIndexes is specified'));
  }
  if (s.managedBy != null && s.managedBy.length > 63) errs.push(fe.tooLong(child(path, 'managedBy'), 63));
  const mode = s.completionMode;
  if (mode != null) {
    if (mode !== 'NonIndexed' && mode !== 'Indexed')
      errs.push(fe.notSupported(child(path, 'completionMode'), mode, ['NonIndexed', 'Indexed']));
    if (mode === 'Indexed') {
      if (s.completions == null) errs.push(fe.required(child(path, 'completions'), 'when completion mode is Indexed'));
      if (s.parallelism != null && s.parallelism > 100000) {
        errs.push(
          fe.invalid(child(path, 'parallelism'), s.parallelism, 'must be less than or equal to 100000 when completion mode is Indexed'),
        );
      }
      if (s.completions != null && s.maxFailedIndexes != null && s.maxFailedIndexes > s.completions) {
        errs.push(fe.invalid(child(path, 'maxFailedIndexes'), s.maxFailedIndexes, 'must be less than or equal to completions'));
      }
    }
  }
  if (mode == null || mode === 'NonIndexed') {
    if (s.backoffLimitPerIndex != null)
      errs.push(fe.invalid(child(path, 'backoffLimitPerIndex'), s.backoffLimitPerIndex, 'requires indexed completion mode'));
    if (s.maxFailedIndexes != null)
      errs.push(fe.invalid(child(path, 'maxFailedIndexes'), s.maxFailedIndexes, 'requires indexed completion mode'));
  }
  const pfp = s.podFailurePolicy;
  if (pfp) {
    const rp = child(path, 'podFailurePolicy', 'rules');
    if (pfp.rules.length > 20) errs.push(fe.tooMany(rp, pfp.rules.length, 20));
    pfp.rules.forEach((rule, i) => {
      const p = index(rp, i);
      const actions = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
      if (!rule.action) errs.push(fe.required(child(p, 'action'), `valid values: ["${actions.join('" "')}"]`));
      else if (rule.action === 'FailIndex' && s.backoffLimitPerIndex == null) {
        errs.push(fe.invalid(child(p, 'action'), rule.action, 'requires the backoffLimitPerIndex to be set'));
      } else if (!actions.includes(rule.action)) errs.push(fe.notSupported(child(p, 'action'), rule.action, actions));
      (rule.onPodConditions ?? []).forEach((c, j) => {
        errs.push(...validateQualifiedName(c.type, child(index(child(p, 'onPodConditions'), j), 'type')));
      });
      if (rule.onExitCodes && rule.onPodConditions?.length) {
        errs.push({
          type: 'FieldValueInvalid',
          field: p,
          detail: 'Invalid value: specifying both OnExitCodes and OnPodConditions is not supported',
        });
      }
      if (!rule.onExitCodes && !rule.onPodConditions?.length) {
        errs.push({
          type: 'FieldValueInvalid',
          field: p,
          detail: 'Invalid value: specifying one of OnExitCodes and OnPodConditions is required',
        });
      }
    });
  }
  if (s.successPolicy && (s.completionMode ?? 'NonIndexed') !== 'Indexed') {
    errs.push(fe.invalid(child(path, 'successPolicy'), s.successPolicy, 'requires indexed completion mode'));
  }
  const rpp = s.podReplacementPolicy;
  if (rpp != null) {
    if (pfp && rpp !== 'Failed') errs.push(fe.notSupported(child(path, 'podReplacementPolicy'), rpp, ['Failed']));
    else if (!pfp && rpp !== 'Failed' && rpp !== 'TerminatingOrFailed') {
      errs.push(fe.notSupported(child(path, 'podReplacementPolicy'), rpp, ['Failed', 'TerminatingOrFailed']));
    }
  }
  const tp = child(path, 'template');
  errs.push(...validatePodTemplateSpec(s.template, tp));
  const restart = s.template?.spec?.restartPolicy ?? '';
  const rpPath = child(tp, 'spec', 'restartPolicy');
  // Pod defaulting turns a missing restartPolicy into Always, so both mean "not set".
  if (restart === 'Always' || restart === '') errs.push(fe.required(rpPath, 'valid values: "OnFailure", "Never"'));
  else if (restart !== 'OnFailure' && restart !== 'Never') errs.push(fe.notSupported(rpPath, restart, ['OnFailure', 'Never']));
  else if (pfp && restart !== 'Never')
    errs.push(fe.invalid(rpPath, restart, 'only "Never" is supported when podFailurePolicy is specified'));
  return errs;
}

/** ValidateJobSpec. */
function validateJobSpec(spec: JobSpec | undefined, path: string): FieldError[] {
  const errs = validateJobSpecBody(spec, path);
  if (!spec?.selector) errs.push(fe.required(child(path, 'selector')));
  else errs.push(...validateLabelSelector(spec.selector, child(path, 'selector')));
  const selector = asSelector(spec?.selector);
  if (selector && !selector.matches(spec?.template?.metadata?.labels ?? {})) {
    errs.push(
      fe.invalid(
        child(path, 'template', 'metadata', 'labels'),
        sortedMap(spec?.template?.metadata?.labels),
        '`selector` does not match template `labels`',
      ),
    );
  }
  return errs;
}

function validateJob(job: Job, requirePrefixed: boolean): FieldError[] {
  const errs = validateGeneratedSelector(job, requirePrefixed);
  errs.push(...validateJobSpec(job.spec, 'spec'));
  const spec = job.spec;
  if (spec?.completionMode === 'Indexed' && (spec.completions ?? 0) > 0) {
    const host = `${job.metadata?.name}-${(spec.completions ?? 0) - 1}`;
    if (isDNS1123Label(host).length) {
      errs.push(fe.invalid('metadata.name', job.metadata?.name ?? '', `will not able to create pod with invalid DNS label: ${host}`));
    }
  }
  return errs;
}

/** Scheduling directives of a suspended Job that never started may change. */
function templateForComparison(job: Job, old: Job): [unknown, unknown] {
  const t = job.spec?.template;
  const o = old.spec?.template;
  if (!(old.spec?.suspend && !old.status?.startTime)) return [t, o];
  const pick = (x: typeof t) => {
    const copy = structuredClone(x ?? {}) as Record<string, unknown> & {
      spec?: Record<string, unknown>;
      metadata?: Record<string, unknown>;
    };
    if (copy.spec) {
      for (const f of ['nodeSelector', 'tolerations', 'schedulingGates']) delete copy.spec[f];
      const aff = copy.spec.affinity as Record<string, unknown> | undefined;
      if (aff) {
        delete aff.nodeAffinity;
        if (!Object.keys(aff).length) delete copy.spec.affinity;
      }
    }
    if (copy.metadata) {
      delete copy.metadata.labels;
      delete copy.metadata.annotations;
    }
    return copy;
  };
  return [pick(t), pick(o)];
}

export const jobStrategy: Strategy<Job> = {
  generation: true,
  statusSubresource: true,
  defaults(job) {
    asDecodeError(job, () => {
      defaultJobSpec(ensureField(job, 'spec', {} as JobSpec));
      labelsFromTemplate(job);
    });
  },
  prepareForCreate(job) {
    if (job.spec && !job.spec.manualSelector) generateSelector(job);
    (job as { status?: unknown }).status = {};
    labelsFromTemplate(job);
  },
  validate(job) {
    // On update, jobs created before the prefixed labels existed are let off (not the case here).
    return validateJob(job, true);
  },
  validateUpdate(job, old) {
    const spec = job.spec;
    const o = old.spec;
    const errs: FieldError[] = [];
    const indexed = spec?.completionMode === 'Indexed';
    if (!indexed) errs.push(...validateImmutable(spec?.completions ?? null, o?.completions ?? null, 'spec.completions'));
    else if (!semanticEqual(spec?.completions, o?.completions) && spec?.completions != null && spec.completions !== spec.parallelism) {
      errs.push(fe.invalid('spec.completions', spec.completions, 'can only be modified in tandem with spec.parallelism'));
    }
    errs.push(...validateImmutable(spec?.selector, o?.selector, 'spec.selector', selectorValue(spec?.selector)));
    const [t, ot] = templateForComparison(job, old);
    if (!semanticEqual(t, ot)) errs.push(fe.invalid('spec.template', goish('core.PodTemplateSpec', spec?.template), 'field is immutable'));
    errs.push(...validateImmutable(spec?.completionMode ?? null, o?.completionMode ?? null, 'spec.completionMode'));
    errs.push(
      ...validateImmutable(
        spec?.podFailurePolicy,
        o?.podFailurePolicy,
        'spec.podFailurePolicy',
        goish('&batch.PodFailurePolicy', spec?.podFailurePolicy),
      ),
    );
    errs.push(...validateImmutable(spec?.backoffLimitPerIndex ?? null, o?.backoffLimitPerIndex ?? null, 'spec.backoffLimitPerIndex'));
    errs.push(...validateImmutable(spec?.managedBy ?? null, o?.managedBy ?? null, 'spec.managedBy'));
    errs.push(
      ...validateImmutable(spec?.successPolicy, o?.successPolicy, 'spec.successPolicy', goish('&batch.SuccessPolicy', spec?.successPolicy)),
    );
    return errs;
  },
  validateStatusUpdate(job, old) {
    const s = job.status ?? {};
    const errs: FieldError[] = [];
    for (const f of ['active', 'succeeded', 'failed', 'ready', 'terminating'] as const)
      errs.push(...validateNonnegative(s[f], child('status', f)));
    if ((s.failed ?? 0) < (old.status?.failed ?? 0))
      errs.push(fe.invalid('status.failed', s.failed ?? 0, 'cannot decrease the failed counter'));
    const isIndexed = job.spec?.completionMode === 'Indexed';
    if ((!isIndexed || job.spec?.completions !== job.spec?.parallelism) && (s.succeeded ?? 0) < (old.status?.succeeded ?? 0)) {
      errs.push(fe.invalid('status.succeeded', s.succeeded ?? 0, 'cannot decrease the succeeded counter'));
    }
    return errs;
  },
  fieldValues(job) {
    return { 'status.successful': String(job.status?.succeeded ?? 0) };
  },
};

// ---------------------------------------------------------------------------------------------
// CronJob

const TZ_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

/** validateTimeZone. */
export function validateTimeZone(tz: string | undefined, path: string): FieldError[] {
  if (tz == null) return [];
  if (tz === '') return [fe.invalid(path, tz, 'timeZone must be nil or non-empty string')];
  for (const part of tz.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !TZ_PART.test(part)) {
      return [fe.invalid(path, tz, `unknown time zone ${tz}`)];
    }
  }
  const errs: FieldError[] = [];
  if (tz.toLowerCase() === 'local') {
    errs.push(fe.invalid(path, tz, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
  }
  if (!isKnownTimeZone(tz) && tz !== 'Local') errs.push(fe.invalid(path, tz, `unknown time zone ${tz}`));
  return errs;
}

/** validateScheduleFormat. */
function validateSchedule(schedule: string, allowTZ: boolean, timeZone: string | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  try {
    parseCronSchedule(schedule);
  } catch (e) {
    if (!(e instanceof CronParseError)) throw e;
    errs.push(fe.invalid(path, schedule, e.message));
  }
  if (allowTZ && schedule.includes('TZ') && timeZone != null) {
    errs.push(fe.invalid(path, schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  } else if (!allowTZ && schedule.includes('TZ')) {
    errs.push(fe.invalid(path, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  return errs;
}

/** validateCronJobSpec; `old` is undefined on create. */
function validateCronJobSpec(cj: CronJob, old: CronJob | undefined): FieldError[] {
  const spec = cj.spec;
  const path = 'spec';
  const errs: FieldError[] = [];
  if (!spec?.schedule) errs.push(fe.required(child(path, 'schedule')));
  else errs.push(...validateSchedule(spec.schedule, !!old?.spec?.schedule.includes('TZ'), spec.timeZone, child(path, 'schedule')));
  errs.push(...validateNonnegative(spec?.startingDeadlineSeconds, child(path, 'startingDeadlineSeconds')));
  if (!old || old.spec?.timeZone !== spec?.timeZone) errs.push(...validateTimeZone(spec?.timeZone, child(path, 'timeZone')));
  const cp = spec?.concurrencyPolicy ?? '';
  if (cp === '') errs.push(fe.required(child(path, 'concurrencyPolicy')));
  else if (!['Allow', 'Forbid', 'Replace'].includes(cp))
    errs.push(fe.notSupported(child(path, 'concurrencyPolicy'), cp, ['Allow', 'Forbid', 'Replace']));
  const jp = child(path, 'jobTemplate', 'spec');
  const js = spec?.jobTemplate?.spec;
  errs.push(...validateJobSpecBody(js, jp));
  if (js?.selector) errs.push(fe.invalid(child(jp, 'selector'), selectorValue(js.selector), '`selector` will be auto-generated'));
  if (js?.manualSelector) errs.push(fe.notSupported(child(jp, 'manualSelector'), true, ['nil', 'false']));
  errs.push(...validateNonnegative(spec?.successfulJobsHistoryLimit, child(path, 'successfulJobsHistoryLimit')));
  errs.push(...validateNonnegative(spec?.failedJobsHistoryLimit, child(path, 'failedJobsHistoryLimit')));
  return errs;
}

export const cronJobStrategy: Strategy<CronJob> = {
  generation: true,
  statusSubresource: true,
  defaults(cj) {
    asDecodeError(cj, () => {
      const spec = ensureField(cj, 'spec', {} as NonNullable<CronJob['spec']>);
      spec.concurrencyPolicy ||= 'Allow';
      spec.suspend ??= false;
      spec.successfulJobsHistoryLimit ??= 3;
      spec.failedJobsHistoryLimit ??= 1;
      const jt = ensureField(spec, 'jobTemplate', {});
      jt.metadata ??= {};
      if (jt.metadata.creationTimestamp === undefined) (jt.metadata as { creationTimestamp: unknown }).creationTimestamp = null;
      if (jt.spec) defaultPodTemplateSpec(jt.spec.template);
    });
  },
  prepareForCreate(cj) {
    (cj as { status?: unknown }).status = {};
  },
  validate(cj) {
    // On update the schedule and time zone are judged against the old object in validateUpdate.
    if (!isCreate(cj)) {
      return validateCronJobSpec(cj, cj).filter((e) => e.field !== 'spec.schedule' || !e.detail.includes('TZ'));
    }
    const errs = validateCronJobSpec(cj, undefined);
    const name = cj.metadata?.name ?? '';
    // The controller appends an 11-character suffix to the Job names it creates.
    if (name.length > 52) errs.push(fe.invalid('metadata.name', name, 'must be no more than 52 characters'));
    return errs;
  },
  validateUpdate(cj, old) {
    const errs: FieldError[] = [];
    const schedule = cj.spec?.schedule;
    if (schedule) {
      const allowTZ = !!old.spec?.schedule?.includes('TZ');
      errs.push(...validateSchedule(schedule, allowTZ, cj.spec?.timeZone, 'spec.schedule').filter((e) => e.detail.includes('TZ')));
    }
    if (old.spec?.timeZone !== cj.spec?.timeZone) errs.push(...validateTimeZone(cj.spec?.timeZone, 'spec.timeZone'));
    return errs;
  },
};
