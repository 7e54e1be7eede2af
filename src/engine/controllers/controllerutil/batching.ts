import type { WorkQueue } from '../workqueue';

/** Below this many children an owner is re-synced on every child event, as upstream does. */
const THRESHOLD = 250;
/** The longest a child event waits for its owner's re-sync. */
const MAX_DELAY_MS = 2000;

/**
 * Gathers child events for owners with many children. A real controller syncing 30,000 pods
 * takes long enough that the pod events arriving meanwhile fold into its next sync; simulated
 * time costs nothing, so without this every pod event would be a full O(n) sync of its owner
 * (O(n²) overall). The delay grows with the owner's size (a 3,000-pod ReplicaSet waits 150 ms, one of 40,000 or more two seconds)
 * and is zero for the small sets a learner watches, so what they see is unchanged.
 */
export class ChildEventBatcher {
  private readonly sizes = new Map<string, number>();

  constructor(private readonly queue: WorkQueue) {}

  /** Remember how many children `key` had at its last sync. */
  noteSize(key: string, children: number): void {
    if (children >= THRESHOLD) this.sizes.set(key, children);
    else this.sizes.delete(key);
  }

  forget(key: string): void {
    this.sizes.delete(key);
  }

  /** A child of `key` changed. */
  enqueue(key: string): void {
    const n = this.sizes.get(key);
    if (n === undefined) this.queue.add(key);
    else this.queue.addAfter(key, Math.min(MAX_DELAY_MS, Math.round(n / 20)));
  }
}
