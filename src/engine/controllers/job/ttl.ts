import type { Job } from 'kubernetes-types/batch/v1';
import { isStatusError } from '../../api/status';
import type { Stored } from '../../api/types';
import { Controller, type ControllerContext } from '../controller';
import { type Informer, keyOf, splitKey } from '../informer';
import { finishedCondition } from './conditions';

/**
 * The TTL-after-finished controller: a finished Job with ttlSecondsAfterFinished is deleted
 * (foreground, so its pods go first) that many seconds after its Complete or Failed condition.
 */
export class TTLAfterFinishedController extends Controller {
  private readonly jobs: Informer<Job>;

  constructor(ctx: ControllerContext) {
    super('ttl-after-finished', ctx);
    this.jobs = ctx.informers.for<Job>('batch/jobs');
    const enqueue = (j: Stored<Job>) => {
      if (!j.metadata.deletionTimestamp && needsCleanup(j)) this.queue.add(keyOf(j));
    };
    this.jobs.addHandlers({ add: enqueue, update: enqueue });
  }

  reconcile(key: string): number | undefined {
    const [ns, name] = splitKey(key);
    const job = this.jobs.get(ns, name);
    if (!job || job.metadata.deletionTimestamp || !needsCleanup(job)) return;
    const finishedAt = Date.parse(finishedCondition(job)?.lastTransitionTime ?? '');
    if (Number.isNaN(finishedAt)) return;
    const left = finishedAt + (job.spec?.ttlSecondsAfterFinished ?? 0) * 1000 - this.ctx.clock.now();
    if (left > 0) return left;
    try {
      this.api.delete('batch/jobs', ns, name, { propagationPolicy: 'Foreground', preconditions: { uid: job.metadata.uid } });
    } catch (e) {
      if (!isStatusError(e, 'NotFound') && !isStatusError(e, 'Conflict')) throw e;
    }
    return undefined;
  }
}

function needsCleanup(job: Job): boolean {
  return job.spec?.ttlSecondsAfterFinished != null && !!finishedCondition(job);
}
