import type { ApiServer } from '../apiserver/apiserver';
import type { EventRecorder } from '../apiserver/events';
import type { Clock } from '../sim/clock';
import type { Random } from '../sim/random';
import type { InformerFactory } from './informer';
import { WorkQueue } from './workqueue';

/** What every controller is handed by the manager. */
export interface ControllerContext {
  api: ApiServer;
  clock: Clock;
  random: Random;
  informers: InformerFactory;
  events: EventRecorder;
}

/**
 * A level-triggered controller: informer handlers only enqueue keys; `reconcile(key)` reads the
 * current state from the caches, compares desired with actual and writes through the API.
 * It must be idempotent: a second reconcile of a settled key writes nothing.
 */
export abstract class Controller {
  readonly queue: WorkQueue;

  constructor(
    readonly name: string,
    protected readonly ctx: ControllerContext,
  ) {
    this.queue = new WorkQueue(name, ctx.clock);
  }

  /**
   * Bring `key` to its desired state. Return a delay in ms to look again later (e.g. a deadline),
   * or nothing. A thrown StatusError (a Conflict, say) requeues the key with backoff.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: controllers that never requeue declare `: void`, which must stay assignable.
  abstract reconcile(key: string): number | undefined | void;

  /** State beyond the work queue that a snapshot must hold (e.g. a kubelet's running containers). */
  snapshotState?(): unknown;
  restoreState?(state: unknown): void;

  protected get api(): ApiServer {
    return this.ctx.api;
  }
}
