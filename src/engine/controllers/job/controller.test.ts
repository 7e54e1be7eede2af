import type { Job } from 'kubernetes-types/batch/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { beforeEach, describe, expect, test } from 'vitest';
import type { Stored } from '../../api/types';
import { Harness } from '../controllerutil/testing';
import { JobController } from './controller';
import { TTLAfterFinishedController } from './ttl';

function job(name: string, spec: Partial<NonNullable<Job['spec']>> = {}): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: {
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'w', image: 'busybox', command: ['sh', '-c', 'sleep 30'] }] } },
      ...spec,
    },
  };
}

describe('Job controller', () => {
  let h: Harness;
  let jc: JobController;
  const get = (name = 'work') => h.api.get<Job>('batch/jobs', 'default', name);
  const live = () => h.pods().filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  beforeEach(() => {
    h = new Harness();
    jc = h.add(new JobController(h.ctx));
    h.add(new TTLAfterFinishedController(h.ctx));
  });

  test('runs parallelism pods until completions succeed, then Complete after SuccessCriteriaMet', () => {
    h.create('batch/jobs', job('work', { completions: 5, parallelism: 2 }));
    h.settle();
    let pods = h.pods();
    expect(pods).toHaveLength(2);
    expect(pods[0].metadata.name).toMatch(/^work-[a-z0-9]{5}$/);
    expect(pods[0].metadata.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
    expect(pods[0].metadata.labels).toMatchObject({ 'job-name': 'work', 'batch.kubernetes.io/job-name': 'work' });
    expect(get().status).toMatchObject({ active: 2, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    expect(get().status?.startTime).toBeDefined();
    for (let round = 0; round < 10 && live().length; round++) {
      for (const p of live()) h.run(p);
      h.advance(1000);
      for (const p of live()) h.finish(p, 0);
      h.advance(1000);
    }
    const status = get().status;
    expect(status?.succeeded).toBe(5);
    expect(status?.active).toBeUndefined();
    expect(status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
      ['Complete', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
    ]);
    expect(status?.completionTime).toBeDefined();
    pods = h.pods();
    expect(pods).toHaveLength(5);
    expect(pods.every((p) => !p.metadata.finalizers)).toBe(true);
    expect(h.eventMessages('Completed')).toEqual(['Job completed']);
    expect(h.eventMessages('SuccessfulCreate')).toHaveLength(5);
    const rv = h.rv();
    jc.reconcile('default/work');
    h.settle();
    expect(h.rv()).toBe(rv);
  });

  test('failed pods are replaced after 10 s, 20 s …; past backoffLimit the Job fails', () => {
    h.create('batch/jobs', job('work', { backoffLimit: 2 }));
    h.settle();
    const failOne = () => {
      const p = live()[0] as Stored<Pod>;
      h.run(p);
      h.finish(p, 1);
    };
    failOne();
    h.advance(1000);
    expect(get().status?.failed).toBe(1);
    expect(live()).toHaveLength(0);
    h.advance(8000);
    expect(live()).toHaveLength(0);
    h.advance(2000);
    expect(live()).toHaveLength(1); // 10 s after the failure
    failOne();
    h.advance(15_000);
    expect(live()).toHaveLength(0);
    h.advance(6000);
    expect(live()).toHaveLength(1); // 20 s after the second
    failOne();
    h.advance(1000);
    const status = get().status;
    expect(status?.failed).toBe(3);
    expect(status?.conditions?.map((c) => [c.type, c.reason])).toEqual([
      ['FailureTarget', 'BackoffLimitExceeded'],
      ['Failed', 'BackoffLimitExceeded'],
    ]);
    expect(h.eventMessages('BackoffLimitExceeded')).toEqual(['Job has reached the specified backoff limit']);
  });

  test('activeDeadlineSeconds: running pods are stopped and the Job fails with DeadlineExceeded', () => {
    h.create('batch/jobs', job('work', { activeDeadlineSeconds: 30 }));
    h.settle();
    h.run(h.pods()[0]);
    h.advance(29_000);
    expect(get().status?.conditions).toBeUndefined();
    h.advance(1000);
    expect(get().status?.conditions?.[0]).toMatchObject({ type: 'FailureTarget', reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' });
    h.converge();
    h.advance(1000);
    expect(get().status?.conditions?.map((c) => c.type)).toEqual(['FailureTarget', 'Failed']);
    expect(get().status?.failed).toBe(1);
  });

  test('Indexed: one pod per index with the annotation, label, hostname and env', () => {
    h.create('batch/jobs', job('idx', { completions: 3, parallelism: 3, completionMode: 'Indexed' }));
    h.settle();
    const pods = h.pods().sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    expect(pods.map((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index']).sort()).toEqual(['0', '1', '2']);
    const p0 = pods.find((p) => p.metadata.labels?.['batch.kubernetes.io/job-completion-index'] === '0') as Stored<Pod>;
    expect(p0.metadata.name).toMatch(/^idx-0-[a-z0-9]{5}$/);
    expect(p0.spec?.hostname).toBe('idx-0');
    expect(p0.spec?.containers[0].env).toContainEqual({
      name: 'JOB_COMPLETION_INDEX',
      valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } },
    });
    h.run(p0);
    h.finish(p0, 0);
    h.advance(1000);
    expect(h.api.get<Job>('batch/jobs', 'default', 'idx').status?.completedIndexes).toBe('0');
  });

  test('suspend deletes the pods and sets Suspended; resume starts again', () => {
    h.create('batch/jobs', job('work', { parallelism: 2, completions: 4 }));
    h.settle();
    const j = get();
    h.api.update('batch/jobs', 'default', { ...j, spec: { ...j.spec, suspend: true } } as Job);
    h.converge();
    expect(live()).toHaveLength(0);
    expect(get().status?.conditions?.[0]).toMatchObject({ type: 'Suspended', status: 'True', reason: 'JobSuspended' });
    const j2 = get();
    h.api.update('batch/jobs', 'default', { ...j2, spec: { ...j2.spec, suspend: false } } as Job);
    h.settle();
    expect(live()).toHaveLength(2);
    expect(get().status?.conditions?.[0]).toMatchObject({ type: 'Suspended', status: 'False', reason: 'JobResumed' });
    expect(h.eventMessages('Resumed')).toEqual(['Job resumed']);
  });

  test('ttlSecondsAfterFinished deletes the finished Job', () => {
    h.create('batch/jobs', job('work', { ttlSecondsAfterFinished: 60 }));
    h.settle();
    const p = h.pods()[0];
    h.run(p);
    h.finish(p, 0);
    h.advance(1000);
    expect(get().status?.conditions?.some((c) => c.type === 'Complete')).toBe(true);
    h.advance(58_000);
    expect(h.api.find('batch/jobs', 'default', 'work')).toBeDefined();
    h.advance(2000);
    const left = h.api.find<Job>('batch/jobs', 'default', 'work');
    expect(!left || left.metadata.deletionTimestamp).toBeTruthy();
  });

  test('a FailJob rule of the pod failure policy fails the Job at once', () => {
    h.create('batch/jobs', job('work', {
      backoffLimit: 6,
      podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { containerName: 'w', operator: 'In', values: [42] } }] },
    }));
    h.settle();
    const p = h.pods()[0];
    h.run(p);
    h.finish(p, 42);
    h.advance(1000);
    const conds = get().status?.conditions ?? [];
    expect(conds.map((c) => [c.type, c.reason])).toEqual([
      ['FailureTarget', 'PodFailurePolicy'],
      ['Failed', 'PodFailurePolicy'],
    ]);
    expect(conds[0].message).toBe(`Container w for pod default/${p.metadata.name} failed with exit code 42 matching FailJob rule at index 0`);
  });
  describe('backoffLimitPerIndex', () => {
    const ofIndex = (ix: number) => live().filter((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'] === String(ix));
    const fail = (ix: number, code = 1) => {
      const p = ofIndex(ix)[0] as Stored<Pod>;
      h.run(p);
      h.finish(p, code);
      return p;
    };
    const succeed = (ix: number) => {
      const p = ofIndex(ix)[0] as Stored<Pod>;
      h.run(p);
      h.finish(p, 0);
    };

    test('each index retries with its own failure count and back-off; an index past its limit fails, the others go on', () => {
      h.create('batch/jobs', job('work', { completions: 3, parallelism: 3, completionMode: 'Indexed', backoffLimitPerIndex: 1 }));
      h.settle();
      expect(ofIndex(1)[0].metadata.annotations?.['batch.kubernetes.io/job-index-failure-count']).toBe('0');
      fail(1);
      h.advance(1000);
      expect(ofIndex(1)).toHaveLength(0);
      h.advance(8000);
      expect(ofIndex(1)).toHaveLength(0);
      h.advance(2000);
      // 10 s after the failure, the index's second attempt carries its count.
      expect(ofIndex(1)).toHaveLength(1);
      expect(ofIndex(1)[0].metadata.annotations?.['batch.kubernetes.io/job-index-failure-count']).toBe('1');
      expect(ofIndex(0)).toHaveLength(1);
      fail(1);
      h.advance(1000);
      expect(get().status?.failedIndexes).toBe('1');
      expect(get().status?.failed).toBe(2);
      h.advance(60_000);
      expect(ofIndex(1)).toHaveLength(0);
      succeed(0);
      h.advance(1000);
      expect(get().status?.conditions).toBeUndefined();
      succeed(2);
      h.advance(1000);
      const status = get().status;
      expect(status?.completedIndexes).toBe('0,2');
      expect(status?.failedIndexes).toBe('1');
      expect(status?.conditions?.map((c) => [c.type, c.reason, c.message])).toEqual([
        ['FailureTarget', 'FailedIndexes', 'Job has failed indexes'],
        ['Failed', 'FailedIndexes', 'Job has failed indexes'],
      ]);
      expect(h.eventMessages('FailedIndexes')).toEqual(['Job has failed indexes']);
      const rv = h.rv();
      jc.reconcile('default/work');
      h.settle();
      expect(h.rv()).toBe(rv);
    });

    test('more failed indexes than maxFailedIndexes fail the Job at once; FailIndex fails an index on the first failure', () => {
      h.create(
        'batch/jobs',
        job('work', {
          completions: 4,
          parallelism: 4,
          completionMode: 'Indexed',
          backoffLimitPerIndex: 3,
          maxFailedIndexes: 1,
          podFailurePolicy: { rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [42] } }] },
        }),
      );
      h.settle();
      fail(0, 42);
      h.advance(1000);
      expect(get().status?.failedIndexes).toBe('0');
      expect(get().status?.conditions).toBeUndefined();
      fail(3, 42);
      h.advance(1000);
      h.converge();
      h.advance(1000);
      const status = get().status;
      expect(status?.failedIndexes).toBe('0,3');
      expect(status?.conditions?.map((c) => [c.type, c.reason, c.message])).toEqual([
        ['FailureTarget', 'MaxFailedIndexesExceeded', 'Job has exceeded the specified maximal number of failed indexes'],
        ['Failed', 'MaxFailedIndexesExceeded', 'Job has exceeded the specified maximal number of failed indexes'],
      ]);
      expect(live()).toHaveLength(0);
    });
  });
});
