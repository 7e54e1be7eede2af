import type { Clock } from '../sim/clock';

export interface WorkQueueState {
  queued: string[];
  failures: Record<string, number>;
  /** Keys waiting for a delayed add, with the timer ids holding them (kept in the clock's state). */
  delayed: Record<string, number>;
}

/** Per-item exponential backoff as client-go's default controller rate limiter: 5 ms doubling to 1000 s. */
const BASE_DELAY_MS = 5;
const MAX_DELAY_MS = 1_000_000;
const NOTHING: readonly string[] = Object.freeze([]);

/**
 * A work queue of object keys: a key queued twice is processed once; delayed and rate-limited
 * re-adds ride on the simulated clock. Its state is part of a snapshot.
 */
export class WorkQueue {
  private queue: string[] = [];
  private readonly queued = new Set<string>();
  private failures = new Map<string, number>();
  private delayed = new Map<string, number>();

  constructor(
    readonly name: string,
    private readonly clock: Clock,
  ) {
    clock.handle(this.target, (t) => {
      const key = t.data as string;
      if (this.delayed.get(key) === t.id) this.delayed.delete(key);
      this.add(key);
    });
  }

  private get target(): string {
    return `queue:${this.name}`;
  }

  add(key: string): void {
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.queue.push(key);
  }

  /** Add after `ms` of simulated time; an earlier pending delay for the same key wins. */
  addAfter(key: string, ms: number): void {
    if (ms <= 0) {
      this.add(key);
      return;
    }
    const existing = this.delayed.get(key);
    const due = this.clock.now() + ms;
    const existingDue = this.clock.dueOf(existing);
    if (existingDue !== undefined) {
      if (existingDue <= due) return;
      this.clock.cancel(existing);
    }
    this.delayed.set(key, this.clock.at(due, this.target, 'add', key));
  }

  addRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    this.addAfter(key, Math.min(BASE_DELAY_MS * 2 ** n, MAX_DELAY_MS));
  }

  /** Reset a key's backoff after it was processed successfully. */
  forget(key: string): void {
    this.failures.delete(key);
  }

  /** Take every key queued now, in order; keys added while they run queue for the next round. */
  drain(): readonly string[] {
    // Most controllers have nothing queued at most instants: no new array for them.
    if (!this.queue.length) return NOTHING;
    const keys = this.queue;
    this.queue = [];
    this.queued.clear();
    return keys;
  }

  length(): number {
    return this.queue.length;
  }

  snapshot(): WorkQueueState {
    return {
      queued: [...this.queue],
      failures: Object.fromEntries(this.failures),
      delayed: Object.fromEntries(this.delayed),
    };
  }

  restore(state: WorkQueueState): void {
    this.queue = [...state.queued];
    this.queued.clear();
    for (const k of this.queue) this.queued.add(k);
    this.failures = new Map(Object.entries(state.failures));
    this.delayed = new Map(Object.entries(state.delayed));
  }
}
