/**
 * Simulated time as a discrete-event queue. Timers are data, not closures: a timer names the
 * component that handles it (`target`) and what happened (`event`), so the whole queue can be
 * saved in a snapshot and restored into a fresh engine.
 */
export interface Timer {
  id: number;
  due: number;
  target: string;
  event: string;
  data?: unknown;
}

export type TimerHandler = (timer: Timer) => void;

export interface ClockState {
  now: number;
  nextId: number;
  timers: Timer[];
}

export class Clock {
  private nowMs: number;
  /** The last second timestamp() formatted, and its text. */
  private stampSecond = Number.NaN;
  private stamp = '';
  private nextId = 1;
  /** Binary min-heap ordered by (due, id), so timers due at once run in the order they were set. */
  private heap: Timer[] = [];
  private readonly live = new Map<number, Timer>();
  private readonly handlers = new Map<string, TimerHandler>();

  constructor(startMs: number) {
    this.nowMs = startMs;
  }

  /** Milliseconds since the Unix epoch, in simulated time. */
  now(): number {
    return this.nowMs;
  }

  /** RFC 3339 at second precision, as Kubernetes writes metav1.Time. */
  timestamp(ms = this.nowMs): string {
    const second = Math.floor(ms / 1000);
    // Thousands of objects are stamped within one simulated second: format it once.
    if (second !== this.stampSecond) {
      this.stampSecond = second;
      this.stamp = `${new Date(second * 1000).toISOString().slice(0, 19)}Z`;
    }
    return this.stamp;
  }


  /** Route timers for `target` to `handler`. */
  handle(target: string, handler: TimerHandler): void {
    this.handlers.set(target, handler);
  }

  at(due: number, target: string, event: string, data?: unknown): number {
    const timer: Timer = { id: this.nextId++, due: Math.max(due, this.nowMs), target, event, data };
    this.push(timer);
    this.live.set(timer.id, timer);
    return timer.id;
  }

  after(delayMs: number, target: string, event: string, data?: unknown): number {
    return this.at(this.nowMs + delayMs, target, event, data);
  }

  cancel(id: number | undefined): void {
    if (id !== undefined) this.live.delete(id);
  }

  isPending(id: number | undefined): boolean {
    return id !== undefined && this.live.has(id);
  }

  /** When a pending timer is due, or undefined when it ran or was cancelled. */
  dueOf(id: number | undefined): number | undefined {
    return id === undefined ? undefined : this.live.get(id)?.due;
  }

  /** When the next live timer is due, or undefined when none is pending. */
  nextDue(): number | undefined {
    this.dropCancelled();
    return this.heap[0]?.due;
  }

  pendingCount(): number {
    return this.live.size;
  }

  /**
   * Run the next timer if it is due at or before `limit`: time moves to its due time first.
   * Returns false when nothing is due by then.
   */
  runNext(limit: number): boolean {
    this.dropCancelled();
    const top = this.heap[0];
    if (!top || top.due > limit) return false;
    this.pop();
    this.live.delete(top.id);
    if (top.due > this.nowMs) this.nowMs = top.due;
    const handler = this.handlers.get(top.target);
    if (!handler) throw new Error(`no handler for timer target "${top.target}" (event ${top.event})`);
    handler(top);
    return true;
  }

  /** Move time forward to `ms` without running anything (callers run due timers first). */
  moveTo(ms: number): void {
    if (ms > this.nowMs) this.nowMs = ms;
  }

  snapshot(): ClockState {
    this.dropCancelled();
    const timers = this.heap
      .filter((t) => this.live.has(t.id))
      .sort((a, b) => a.due - b.due || a.id - b.id)
      .map((t) => structuredClone(t));
    return { now: this.nowMs, nextId: this.nextId, timers };
  }

  restore(state: ClockState): void {
    this.nowMs = state.now;
    this.nextId = state.nextId;
    this.heap = [];
    this.live.clear();
    for (const t of state.timers) {
      const copy = structuredClone(t);
      this.push(copy);
      this.live.set(copy.id, copy);
    }
  }

  private dropCancelled(): void {
    while (this.heap.length && !this.live.has(this.heap[0].id)) this.pop();
  }

  private less(a: Timer, b: Timer): boolean {
    return a.due < b.due || (a.due === b.due && a.id < b.id);
  }

  private push(t: Timer): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  private pop(): Timer | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l], h[m])) m = l;
        if (r < h.length && this.less(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parse a Go duration (`500ms`, `30s`, `1m30s`, `1h`) into milliseconds. Throws on bad input. */
export function parseDuration(text: string): number {
  const s = text.trim();
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let pos = 0;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    sign = s[0] === '-' ? -1 : 1;
    pos = 1;
  }
  if (pos >= s.length) throw new Error(`time: invalid duration "${text}"`);
  while (pos < s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) throw new Error(`time: invalid duration "${text}"`);
    total += Number(m[1]) * UNITS[m[2]];
    pos = re.lastIndex;
  }
  return sign * total;
}
