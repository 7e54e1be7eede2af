/**
 * One writer per sandbox across tabs. The writer holds a Web Lock named after the sandbox for as
 * long as it writes; other tabs on the same sandbox follow read-only, reloading what the writer
 * saved (it says so on a BroadcastChannel), until one asks to take over: the writer then saves,
 * lets go of the lock and follows in turn. A follower also waits in line for the lock, so when
 * the writing tab closes (or was this very tab before a reload) it becomes the writer by itself.
 */

/** What a tab hears from the others about a sandbox. */
export type LockMessage = { type: 'saved'; id: string } | { type: 'take-over'; id: string };

/** The parts of `navigator.locks` and BroadcastChannel used here (injected: tests run without them). */
export interface LockPlatform {
  /** Hold the lock `name` while `hold` runs; with `ifAvailable`, `hold` gets null when another holds it. */
  request(name: string, opts: { ifAvailable?: boolean }, hold: (lock: unknown) => Promise<void>): Promise<void>;
  /** Whether some tab holds the lock `name`. */
  held(name: string): Promise<boolean>;
  post(message: LockMessage): void;
  listen(handler: (message: LockMessage) => void): void;
}

export const lockName = (id: string) => `kube-sandbox/${id}`;

export class WriterLock {
  private release?: () => void;
  private id?: string;
  /** A follower's place in line for the lock: settles once this tab writes (and onWriting ran). */
  private promoted?: Promise<void>;
  /** Called when another tab asks for the sandbox this tab writes. */
  onTakeOver: () => Promise<void> = async () => undefined;
  /** Called when a following tab becomes the writer (taken over, or the writer went away). */
  onWriting: () => Promise<void> = async () => undefined;
  /** Called when the writer of the sandbox this tab follows saved it. */
  onSaved: () => void = () => undefined;

  constructor(private readonly platform: LockPlatform) {
    platform.listen((m) => {
      if (m.id !== this.id) return;
      if (m.type === 'saved' && !this.release) this.onSaved();
      if (m.type === 'take-over' && this.release) void this.handOver();
    });
  }

  get writing(): boolean {
    return this.release !== undefined;
  }

  /** Become the writer of `id` if no other tab is; false: follow it. */
  async acquire(id: string): Promise<boolean> {
    this.id = id;
    if (await this.hold(id, true)) return true;
    this.wait(id);
    return false;
  }

  /** Ask the writing tab to hand over, and wait until this tab writes. */
  async takeOver(): Promise<void> {
    const id = this.id;
    if (id === undefined || this.release) return;
    this.platform.post({ type: 'take-over', id });
    await this.promoted;
  }

  /** Stop writing (the tab goes away): the next tab in line becomes the writer. */
  close(): void {
    const release = this.release;
    this.release = undefined;
    release?.();
  }

  /** Tell the following tabs there is a newer save to load. */
  saved(): void {
    if (this.id !== undefined && this.release) this.platform.post({ type: 'saved', id: this.id });
  }

  /** Whether a tab (this one included) writes the sandbox `id`. */
  isWritten(id: string): Promise<boolean> {
    return this.platform.held(lockName(id));
  }

  private async handOver(): Promise<void> {
    await this.onTakeOver();
    this.close();
    if (this.id !== undefined) this.wait(this.id);
  }

  /** Queue for the lock; once it is granted, this tab writes. */
  private wait(id: string): void {
    this.promoted = this.hold(id, false).then(() => this.onWriting());
  }

  private hold(id: string, ifAvailable: boolean): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.platform
        .request(lockName(id), { ifAvailable }, (lock) => {
          if (!lock) {
            resolve(false);
            return Promise.resolve();
          }
          resolve(true);
          // Held until handed over (or the tab closes, which frees it for the others).
          return new Promise<void>((r) => {
            this.release = r;
          });
        })
        .catch(reject);
    });
  }
}

/** The browser's Web Locks and a BroadcastChannel; none of it when the browser lacks them. */
export function browserLocks(): LockPlatform | undefined {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks || typeof BroadcastChannel === 'undefined') return undefined;
  const channel = new BroadcastChannel('kube-sandbox/locks');
  return {
    request: (name, opts, hold) => locks.request(name, { ifAvailable: opts.ifAvailable ?? false }, hold),
    async held(name) {
      const state = await locks.query();
      return (state.held ?? []).some((l) => l.name === name);
    },
    post: (m) => channel.postMessage(m),
    listen: (handler) => {
      channel.onmessage = (e: MessageEvent<LockMessage>) => handler(e.data);
    },
  };
}

/** Locks shared by WriterLocks in one process: for tests, where each WriterLock is a tab. */
export function memoryLocks(): () => LockPlatform {
  const holders = new Map<string, Promise<void>>();
  const queues = new Map<string, (() => void)[]>();
  const tabs: ((m: LockMessage) => void)[] = [];
  return () => {
    let mine: ((m: LockMessage) => void) | undefined;
    return {
      async request(name, opts, hold) {
        if (holders.has(name)) {
          if (opts.ifAvailable) return hold(null);
          await new Promise<void>((r) => {
            const q = queues.get(name) ?? [];
            q.push(r);
            queues.set(name, q);
          });
        }
        const held = hold({ name });
        holders.set(name, held);
        await held;
        holders.delete(name);
        queues.get(name)?.shift()?.();
      },
      held: async (name) => holders.has(name),
      post: (m) => {
        for (const t of tabs) if (t !== mine) t(m);
      },
      listen: (handler) => {
        mine = handler;
        tabs.push(handler);
      },
    };
  };
}
