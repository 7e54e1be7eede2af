interface Slot<V> {
  value: V;
  /** When the entry was last set or touched: the queue entry with this stamp is its live one. */
  stamp: number;
}

/**
 * A map that keeps its `limit` most recently used entries, evicting the least recently used.
 *
 * A JavaScript Map alone can do this (delete and re-set to move an entry last, delete
 * `keys().next()` to evict), but a Map that evicts from its front keeps the deleted slots there
 * until it next grows, and every eviction walks past them: thousands of entries deep, that is
 * microseconds per insert. Here the use order lives in a queue of (key, stamp) pairs read from a
 * moving head; a pair whose stamp is no longer its key's is stale and skipped.
 */
export class LruMap<K, V> {
  private readonly map = new Map<K, Slot<V>>();
  private keys: K[] = [];
  private stamps: number[] = [];
  private head = 0;
  private clock = 0;

  constructor(readonly limit: number) {}

  get size(): number {
    return this.map.size;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  /** The value, without changing how recently it was used. */
  peek(key: K): V | undefined {
    return this.map.get(key)?.value;
  }

  /** The value, which becomes the most recently used. */
  get(key: K): V | undefined {
    const slot = this.map.get(key);
    if (!slot) return undefined;
    slot.stamp = this.enqueue(key);
    this.tidy();
    return slot.value;
  }

  /** Set a value (the most recently used now), evicting the least recently used past the limit. */
  set(key: K, value: V): void {
    const stamp = this.enqueue(key);
    const slot = this.map.get(key);
    if (slot) {
      slot.value = value;
      slot.stamp = stamp;
    } else this.map.set(key, { value, stamp });
    while (this.map.size > this.limit) this.evictOldest();
    this.tidy();
  }

  delete(key: K): boolean {
    return this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
    this.keys = [];
    this.stamps = [];
    this.head = 0;
  }

  /** Entries from the least to the most recently used. */
  entries(): [K, V][] {
    return [...this.map].sort((a, b) => a[1].stamp - b[1].stamp).map(([k, s]) => [k, s.value]);
  }

  private enqueue(key: K): number {
    const stamp = ++this.clock;
    this.keys.push(key);
    this.stamps.push(stamp);
    return stamp;
  }

  /** Every live entry has its pair in the queue at or after the head, so this always evicts one. */
  private evictOldest(): void {
    while (this.head < this.keys.length) {
      const key = this.keys[this.head];
      const stamp = this.stamps[this.head];
      this.head++;
      if (this.map.get(key)?.stamp === stamp) {
        this.map.delete(key);
        return;
      }
    }
  }

  /** Drop what the head has passed, and rebuild the queue when hits have left it mostly stale. */
  private tidy(): void {
    if (this.keys.length - this.head > 2 * this.limit + 1024) this.compact();
    else if (this.head > 1024 && this.head * 2 > this.keys.length) {
      this.keys = this.keys.slice(this.head);
      this.stamps = this.stamps.slice(this.head);
      this.head = 0;
    }
  }

  private compact(): void {
    const live = [...this.map].sort((a, b) => a[1].stamp - b[1].stamp);
    this.keys = live.map(([k]) => k);
    this.stamps = live.map(([, s]) => s.stamp);
    this.head = 0;
  }
}
