import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import { beforeEach, describe, expect, test } from 'vitest';
import { Harness } from '../controllerutil/testing';
import { JobController } from '../job/controller';
import { CronJobController } from './controller';

function cronjob(schedule: string, spec: Partial<NonNullable<CronJob['spec']>> = {}): CronJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'tick' },
    spec: {
      schedule,
      jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'tick', image: 'busybox', command: ['sh', '-c', 'echo hi'] }] } } } },
      ...spec,
    },
  };
}

describe('CronJob controller', () => {
  let h: Harness;
  let cc: CronJobController;
  const jobs = () => h.list<Job>('batch/jobs').filter((j) => !j.metadata.deletionTimestamp);
  const get = () => h.api.get<CronJob>('batch/cronjobs', 'default', 'tick');
  /** The kubelet: every job pod runs and exits 0. */
  const runPods = () => {
    for (const p of h.pods()) {
      if (p.status?.phase === 'Pending' && !p.metadata.deletionTimestamp) h.finish(h.run(p), 0);
    }
  };
  beforeEach(() => {
    h = new Harness();
    h.add(new JobController(h.ctx));
    cc = h.add(new CronJobController(h.ctx));
  });

  test('creates <cronjob>-<minutes since epoch> at each schedule time and records it', () => {
    h.create('batch/cronjobs', cronjob('*/1 * * * *'));
    h.settle();
    expect(jobs()).toHaveLength(0);
    h.advance(61_000); // the controller looks at 09:01:00.100
    const [j] = jobs();
    const minute = Math.floor(Date.UTC(2025, 0, 6, 9, 1) / 60_000);
    expect(j.metadata.name).toBe(`tick-${minute}`);
    expect(j.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'CronJob', name: 'tick', controller: true });
    expect(j.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2025-01-06T09:01:00Z');
    expect(get().status?.lastScheduleTime).toBe('2025-01-06T09:01:00Z');
    expect(get().status?.active?.map((r) => r.name)).toEqual([j.metadata.name]);
    expect(h.eventMessages('SuccessfulCreate')).toContain(`Created job ${j.metadata.name}`);
    runPods();
    h.advance(2000);
    expect(get().status?.active).toBeUndefined();
    expect(get().status?.lastSuccessfulTime).toBeDefined();
    expect(h.eventMessages('SawCompletedJob')).toEqual([`Saw completed job: ${j.metadata.name}, status: Complete`]);
    const rv = h.rv();
    cc.reconcile('default/tick');
    h.settle();
    expect(h.rv()).toBe(rv);
  });

  test('keeps successfulJobsHistoryLimit (3) finished Jobs', () => {
    h.create('batch/cronjobs', cronjob('*/1 * * * *', { successfulJobsHistoryLimit: 3 }));
    for (let i = 0; i < 5; i++) {
      h.advance(60_000);
      runPods();
      h.advance(2000);
    }
    h.advance(60_000);
    expect(jobs().length).toBeLessThanOrEqual(4);
    expect(h.eventMessages('SuccessfulDelete').length).toBeGreaterThanOrEqual(2);
  });

  test('Forbid skips a run while the last one is active; Replace replaces it', () => {
    h.create('batch/cronjobs', cronjob('*/1 * * * *', { concurrencyPolicy: 'Forbid' }));
    h.advance(61_000);
    h.advance(60_000);
    expect(jobs()).toHaveLength(1);
    expect(h.eventMessages('JobAlreadyActive')).toHaveLength(1);
    const cj = get();
    h.api.update('batch/cronjobs', 'default', { ...cj, spec: { ...cj.spec, concurrencyPolicy: 'Replace' } } as CronJob);
    h.advance(60_000);
    expect(jobs()).toHaveLength(1);
    expect(jobs()[0].metadata.name).toBe(`tick-${Math.floor(Date.UTC(2025, 0, 6, 9, 3) / 60_000)}`);
  });

  test('suspend stops new runs', () => {
    h.create('batch/cronjobs', cronjob('*/1 * * * *', { suspend: true }));
    h.advance(180_000);
    expect(jobs()).toHaveLength(0);
  });

  test('startingDeadlineSeconds: a run missed by more than the deadline is skipped', () => {
    const cj = h.create('batch/cronjobs', cronjob('0 * * * *', { startingDeadlineSeconds: 10, suspend: true }));
    h.advance(3_600_000 + 20_000); // 10:00:20, suspended through 10:00
    h.api.update('batch/cronjobs', 'default', { ...get(), spec: { ...cj.spec, suspend: false } } as CronJob);
    h.settle();
    expect(jobs()).toHaveLength(0);
  });
});
