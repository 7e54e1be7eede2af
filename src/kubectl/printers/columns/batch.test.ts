import { describe, expect, it } from 'vitest';
import { cronJobColumns, jobColumns } from './batch';
import { ago, cells, DAY, MIN, SOON } from './testutil';

// Expected cells from upstream printers_test.go (TestPrintJob, TestPrintJobList,
// TestPrintCronJob, TestPrintCronJobList); v1.32 has the STATUS and TIMEZONE columns.

const TEN_YEARS = ago(10 * 365 * DAY);
const twoContainers = {
  spec: {
    containers: [
      { name: 'fake-job-container1', image: 'fake-job-image1' },
      { name: 'fake-job-container2', image: 'fake-job-image2' },
    ],
  },
};
const condition = (type: string) => ({ conditions: [{ type, status: 'True' }] });

const jobs: [string, object, string[]][] = [
  [
    'running with completions',
    {
      metadata: { name: 'job1', creationTimestamp: SOON },
      spec: { completions: 2, template: twoContainers, selector: { matchLabels: { 'job-label': 'job-lable-value' } } },
      status: { succeeded: 1 },
    },
    ['job1', 'Running', '1/2', '', '0s'],
  ],
  [
    'ten years old',
    { metadata: { name: 'job2', creationTimestamp: ago(3653 * DAY) }, spec: {}, status: {} },
    ['job2', 'Running', '0/1', '', '10y'],
  ],
  [
    'finished: duration from start to completion',
    {
      metadata: { name: 'job3', creationTimestamp: TEN_YEARS },
      spec: {},
      status: { startTime: ago(-MIN), completionTime: ago(-31 * MIN) },
    },
    ['job3', 'Running', '0/1', '30m', '10y'],
  ],
  [
    'still running: duration until now',
    { metadata: { name: 'job4', creationTimestamp: TEN_YEARS }, spec: {}, status: { startTime: ago(20 * MIN) } },
    ['job4', 'Running', '0/1', '20m', '10y'],
  ],
  [
    'complete',
    { metadata: { name: 'job5', creationTimestamp: SOON }, spec: {}, status: condition('Complete') },
    ['job5', 'Complete', '0/1', '', '0s'],
  ],
  [
    'failed',
    { metadata: { name: 'job6', creationTimestamp: SOON }, spec: {}, status: condition('Failed') },
    ['job6', 'Failed', '0/1', '', '0s'],
  ],
  [
    'suspended',
    { metadata: { name: 'job7', creationTimestamp: SOON }, spec: {}, status: condition('Suspended') },
    ['job7', 'Suspended', '0/1', '', '0s'],
  ],
  [
    'failure target',
    { metadata: { name: 'job8', creationTimestamp: SOON }, spec: {}, status: condition('FailureTarget') },
    ['job8', 'FailureTarget', '0/1', '', '0s'],
  ],
  [
    'being deleted',
    { metadata: { name: 'job9', creationTimestamp: SOON, deletionTimestamp: SOON }, spec: {} },
    ['job9', 'Terminating', '0/1', '', '0s'],
  ],
  [
    'list item with a start time',
    {
      metadata: { name: 'job2', creationTimestamp: SOON },
      spec: { completions: 2, template: twoContainers },
      status: { succeeded: 2, startTime: ago(20 * MIN) },
    },
    ['job2', 'Running', '2/2', '20m', '0s'],
  ],
];

describe('job columns', () => {
  it.each(jobs)('%s', (_name, job, expected) => {
    expect(cells(jobColumns, job)).toEqual(expected);
  });
  it('adds containers, images and the selector with -o wide', () => {
    const job = {
      metadata: { name: 'job1', creationTimestamp: SOON },
      spec: { completions: 2, template: twoContainers, selector: { matchLabels: { 'job-label': 'job-label-value' } } },
      status: { succeeded: 1 },
    };
    expect(cells(jobColumns, job, { wide: true })).toEqual([
      'job1',
      'Running',
      '1/2',
      '',
      '0s',
      'fake-job-container1,fake-job-container2',
      'fake-job-image1,fake-job-image2',
      'job-label=job-label-value',
    ]);
  });
});

const cronJob = (extra: object = {}) => ({
  metadata: { name: 'cronjob1', creationTimestamp: SOON },
  spec: {
    schedule: '0/5 * * * ?',
    suspend: false,
    jobTemplate: { spec: { completions: 2, template: twoContainers, selector: { matchLabels: { a: 'b' } } } },
    ...extra,
  },
  status: { lastScheduleTime: SOON },
});

describe('cron job columns', () => {
  it('prints <none> for an unset time zone', () => {
    expect(cells(cronJobColumns, cronJob())).toEqual(['cronjob1', '0/5 * * * ?', '<none>', 'False', '0', '0s', '0s']);
  });
  it('prints the time zone', () => {
    expect(cells(cronJobColumns, cronJob({ timeZone: 'LOCAL' }))).toEqual([
      'cronjob1',
      '0/5 * * * ?',
      'LOCAL',
      'False',
      '0',
      '0s',
      '0s',
    ]);
  });
  it('adds the job template containers, images and selector with -o wide', () => {
    expect(cells(cronJobColumns, cronJob(), { wide: true })).toEqual([
      'cronjob1',
      '0/5 * * * ?',
      '<none>',
      'False',
      '0',
      '0s',
      '0s',
      'fake-job-container1,fake-job-container2',
      'fake-job-image1,fake-job-image2',
      'a=b',
    ]);
  });
  it('prints the last schedule and age', () => {
    const cj = {
      metadata: { name: 'cronjob2', creationTimestamp: ago(5 * MIN) },
      spec: { schedule: '0/5 * * * ?', suspend: false },
      status: { lastScheduleTime: ago(30_000) },
    };
    expect(cells(cronJobColumns, cj)).toEqual(['cronjob2', '0/5 * * * ?', '<none>', 'False', '0', '30s', '5m']);
  });
  it('prints <none> when never scheduled', () => {
    const cj = {
      metadata: { name: 'cronjob3', creationTimestamp: ago(5 * MIN) },
      spec: { schedule: '0/5 * * * ?', suspend: false },
      status: {},
    };
    expect(cells(cronJobColumns, cj)).toEqual(['cronjob3', '0/5 * * * ?', '<none>', 'False', '0', '<none>', '5m']);
  });
});
