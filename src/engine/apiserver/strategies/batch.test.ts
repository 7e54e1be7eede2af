import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import { describe, expect, it } from 'vitest';
import type { AnyObject } from '../../api/types';
import { strategyFor } from './index';
import { createErrors, created, updateErrors } from './test-helpers';

// Defaults: pkg/apis/batch/v1/defaults.go and a v1.32 `kubectl get job -o yaml`; selector
// generation: pkg/registry/batch/job/strategy.go; messages: pkg/apis/batch/validation.

const UID = '863452e6-270d-420e-9b94-53a54146c223';
const job = (spec: Partial<NonNullable<Job['spec']>> = {}): Job => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'pi', namespace: 'default' },
  spec: {
    template: {
      spec: {
        containers: [{ name: 'pi', image: 'perl:5.34.0', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] }],
        restartPolicy: 'Never',
      },
    },
    backoffLimit: 4,
    ...spec,
  },
});

describe('Job', () => {
  it('gets the defaults and the generated selector a real cluster shows', () => {
    const j = created('batch/jobs', job(), UID);
    const labels = {
      'batch.kubernetes.io/controller-uid': UID,
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': UID,
      'job-name': 'pi',
    };
    expect(j.metadata?.labels).toEqual(labels);
    expect(j.spec).toMatchObject({
      backoffLimit: 4,
      completionMode: 'NonIndexed',
      completions: 1,
      manualSelector: false,
      parallelism: 1,
      podReplacementPolicy: 'TerminatingOrFailed',
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': UID } },
      suspend: false,
    });
    expect(j.spec?.template.metadata).toEqual({ creationTimestamp: null, labels });
    expect(j.status).toEqual({});
    expect(createErrors('batch/jobs', job())).toEqual([]);
  });

  it.each<[string, Partial<NonNullable<Job['spec']>>, Partial<NonNullable<Job['spec']>>]>([
    ['neither completions nor parallelism', {}, { completions: 1, parallelism: 1, backoffLimit: 6 }],
    ['only parallelism (a work queue)', { parallelism: 3 }, { parallelism: 3 }],
    ['only completions', { completions: 5 }, { completions: 5, parallelism: 1 }],
    ['a per-index backoff limit', { completionMode: 'Indexed', completions: 3, backoffLimitPerIndex: 1 }, { backoffLimit: 2147483647 }],
    [
      'a pod failure policy',
      { podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }] } },
      { podReplacementPolicy: 'Failed' },
    ],
  ])('defaults a job with %s', (_, spec, want) => {
    const j = job(spec);
    delete j.spec?.backoffLimit;
    const out = created('batch/jobs', j, UID);
    expect(out.spec).toMatchObject(want);
    if (!('completions' in want) && spec.parallelism) expect(out.spec?.completions).toBeUndefined();
  });

  it.each<[string, Partial<NonNullable<Job['spec']>>, string[]]>([
    [
      'the default restart policy',
      { template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
      ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
    ],
    [
      'restartPolicy Always',
      { template: { spec: { containers: [{ name: 'c', image: 'busybox' }], restartPolicy: 'Always' } } },
      ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
    ],
    ['a negative backoffLimit', { backoffLimit: -1 }, ['spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0']],
    [
      'Indexed without completions',
      { completionMode: 'Indexed', parallelism: 2 },
      ['spec.completions: Required value: when completion mode is Indexed'],
    ],
    [
      'an unknown completion mode',
      { completionMode: 'Sometimes' },
      ['spec.completionMode: Unsupported value: "Sometimes": supported values: "NonIndexed", "Indexed"'],
    ],
    [
      // A missing selector selects nothing, so the template cannot match it either (as upstream).
      'a manual selector that is missing',
      { manualSelector: true },
      ['spec.selector: Required value', 'spec.template.metadata.labels: Invalid value: null: `selector` does not match template `labels`'],
    ],
  ])('rejects %s', (_, spec, want) => {
    expect(createErrors('batch/jobs', job(spec))).toEqual(want);
  });

  it('keeps the template, completions and selector immutable', () => {
    const old = created('batch/jobs', job(), UID);
    const next = structuredClone(old);
    next.spec?.template.spec?.containers.push({ name: 'extra', image: 'busybox' });
    const errs = updateErrors('batch/jobs', old, next);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/^spec\.template: Invalid value: core\.PodTemplateSpec\{.*\}: field is immutable$/);
    const more = structuredClone(old);
    if (more.spec) more.spec.completions = 3;
    expect(updateErrors('batch/jobs', old, more)).toEqual(['spec.completions: Invalid value: 3: field is immutable']);
    const scaled = structuredClone(old);
    if (scaled.spec) scaled.spec.backoffLimit = 10;
    expect(updateErrors('batch/jobs', old, scaled)).toEqual([]);
  });

  it('selects on status.successful', () => {
    expect(strategyFor('batch/jobs').fieldValues?.({ status: { succeeded: 2 } } as AnyObject)).toEqual({ 'status.successful': '2' });
    expect(strategyFor('batch/jobs').fieldValues?.({ metadata: {} } as AnyObject)).toEqual({ 'status.successful': '0' });
  });
});

describe('CronJob', () => {
  const cj = (spec: Partial<NonNullable<CronJob['spec']>> = {}, name = 'hello'): CronJob => ({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace: 'default' },
    spec: {
      schedule: '* * * * *',
      jobTemplate: { spec: { template: { spec: { containers: [{ name: 'hello', image: 'busybox:1.28' }], restartPolicy: 'OnFailure' } } } },
      ...spec,
    },
  });

  it('gets the CronJob defaults, and pod defaults in the job template', () => {
    const c = created('batch/cronjobs', cj());
    expect(c.spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    expect(c.spec?.jobTemplate.metadata).toEqual({ creationTimestamp: null });
    // SetDefaults_Job is not applied to a job template.
    expect(c.spec?.jobTemplate.spec).not.toHaveProperty('backoffLimit');
    expect(c.spec?.jobTemplate.spec?.template.spec).toMatchObject({ dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler' });
    expect(createErrors('batch/cronjobs', cj())).toEqual([]);
  });

  it.each<[string, Partial<NonNullable<CronJob['spec']>>, string[]]>([
    [
      'a minute out of range',
      { schedule: '61 * * * *' },
      ['spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61'],
    ],
    [
      'a time zone in the schedule',
      { schedule: 'CRON_TZ=UTC * * * * *' },
      ['spec.schedule: Invalid value: "CRON_TZ=UTC * * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead'],
    ],
    ['no schedule', { schedule: '' }, ['spec.schedule: Required value']],
    ['an unknown time zone', { timeZone: 'Mars/Base' }, ['spec.timeZone: Invalid value: "Mars/Base": unknown time zone Mars/Base']],
    [
      'the Local time zone',
      { timeZone: 'Local' },
      ['spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'],
    ],
    ['an empty time zone', { timeZone: '' }, ['spec.timeZone: Invalid value: "": timeZone must be nil or non-empty string']],
    [
      'an unknown concurrency policy',
      { concurrencyPolicy: 'Sometimes' },
      ['spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"'],
    ],
  ])('rejects %s', (_, spec, want) => {
    expect(createErrors('batch/cronjobs', cj(spec))).toEqual(want);
  });

  it('accepts a valid time zone', () => {
    expect(createErrors('batch/cronjobs', cj({ timeZone: 'Europe/Berlin' }))).toEqual([]);
  });

  it('leaves room for the 11-character job suffix in the name', () => {
    const name = 'a'.repeat(53);
    expect(createErrors('batch/cronjobs', cj({}, name))).toEqual([
      `metadata.name: Invalid value: "${name}": must be no more than 52 characters`,
    ]);
  });

  it('lets an old TZ schedule stay on update', () => {
    const old = created('batch/cronjobs', cj());
    (old.spec as { schedule: string }).schedule = 'TZ=UTC 0 * * * *';
    expect(updateErrors('batch/cronjobs', old, cj({ schedule: 'TZ=UTC 5 * * * *' }))).toEqual([]);
    expect(updateErrors('batch/cronjobs', created('batch/cronjobs', cj()), cj({ schedule: 'TZ=UTC 5 * * * *' }))).toEqual([
      'spec.schedule: Invalid value: "TZ=UTC 5 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    ]);
  });
});
