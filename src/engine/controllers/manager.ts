import { StatusError } from '../api/status';
import type { Controller } from './controller';
import type { WorkQueueState } from './workqueue';

export interface ControllerState {
  queue: WorkQueueState;
  state?: unknown;
}

/** Safety net: a controller pair that keeps re-queueing each other is a bug, not a hang. */
const MAX_ROUNDS = 100_000;

/**
 * Runs controllers on the simulated clock. `settle()` processes queued keys, controller by
 * controller in registration order, until every queue is empty: at one instant of simulated
 * time the cluster converges as far as it can before the clock moves on.
 */
export class ControllerManager {
  private readonly controllers: Controller[] = [];
  /** Reconcile failures other than API errors: bugs. Kept for tests and `sim status`. */
  readonly failures: { controller: string; key: string; error: string }[] = [];

  add<C extends Controller>(c: C): C {
    this.controllers.push(c);
    return c;
  }

  get(name: string): Controller | undefined {
    return this.controllers.find((c) => c.name === name);
  }

  all(): readonly Controller[] {
    return this.controllers;
  }

  /** Process until quiet; returns how many keys were reconciled. */
  settle(): number {
    let total = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      let worked = 0;
      // Indexed loops: this runs after every timer, and iterator objects here added up.
      const controllers = this.controllers;
      for (let i = 0; i < controllers.length; i++) {
        const c = controllers[i];
        const keys = c.queue.drain();
        for (let k = 0; k < keys.length; k++) {
          worked++;
          this.run(c, keys[k]);
        }
      }
      if (!worked) return total;
      total += worked;
    }
    throw new Error(`controllers did not settle after ${MAX_ROUNDS} rounds`);
  }

  pending(): number {
    return this.controllers.reduce((n, c) => n + c.queue.length(), 0);
  }

  snapshot(): Record<string, ControllerState> {
    return Object.fromEntries(
      this.controllers.map((c) => [c.name, { queue: c.queue.snapshot(), state: c.snapshotState?.() }]),
    );
  }

  restore(state: Record<string, ControllerState>): void {
    for (const c of this.controllers) {
      const s = state[c.name];
      if (!s) continue;
      c.queue.restore(s.queue);
      if (s.state !== undefined) c.restoreState?.(s.state);
    }
  }

  private run(c: Controller, key: string): void {
    try {
      const after = c.reconcile(key);
      c.queue.forget(key);
      if (typeof after === 'number') c.queue.addAfter(key, after);
    } catch (e) {
      if (!(e instanceof StatusError)) {
        this.failures.push({ controller: c.name, key, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
        if (this.failures.length > 100) this.failures.shift();
      }
      c.queue.addRateLimited(key);
    }
  }
}
