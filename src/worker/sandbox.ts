import type { KObject } from '../engine/api/types';
import { Cluster } from '../engine/sim/cluster';
import { Session } from '../scenario/session';
import { shellWords } from '../scenario/shellwords';
import type { ClockState, CommandOutcome, ObjectChange, SandboxApi, WatchBatch } from './protocol';

/** Resources the page keeps a live cache of. */
const WATCHED = ['nodes', 'pods', 'namespaces', 'services', 'apps/deployments', 'apps/replicasets', 'apps/statefulsets', 'apps/daemonsets', 'batch/jobs', 'events'];

/** How often the clock ticks and changes are flushed to the page (at most one batch a frame). */
const TICK_MS = 50;

export interface Ticker {
  every(ms: number, fn: () => void): () => void;
  wallNow(): number;
}

/**
 * The sandbox as the worker runs it: one cluster whose simulated clock follows the wall clock at
 * a chosen speed, a kubectl session, and a stream of batched watch events for the page.
 * Kept free of worker APIs (the ticker is injected) so it is tested under Node.
 */
export class Sandbox implements SandboxApi {
  private cluster?: Cluster;
  private session?: Session;
  private speed = 1;
  private listeners: ((batch: WatchBatch) => void)[] = [];
  private pending: ObjectChange[] = [];
  private stopTicking?: () => void;
  private lastWall = 0;

  constructor(private readonly ticker: Ticker) {}

  async start(opts: { seed?: number; speed?: number } = {}): Promise<ClockState> {
    this.cluster = Cluster.create({ seed: opts.seed ?? 1 });
    this.session = new Session(this.cluster, { sleep: (ms) => this.sleep(ms) });
    this.speed = opts.speed ?? 1;
    this.cluster.store.watch('*', (e, resource) => {
      if (WATCHED.includes(resource)) this.pending.push({ type: e.type, resource, object: e.object });
    });
    this.lastWall = this.ticker.wallNow();
    this.stopTicking = this.ticker.every(TICK_MS, () => this.tick());
    return this.clock();
  }

  async run(line: string, stdin?: string): Promise<CommandOutcome> {
    const session = this.need();
    let words: string[];
    try {
      words = shellWords(line);
    } catch (e) {
      return { stdout: '', stderr: `error: ${(e as Error).message}`, exitCode: 1 };
    }
    if (!words.length) return { stdout: '', stderr: '', exitCode: 0 };
    const out = words[0] === 'sim' ? session.sim(words) : await session.kubectl(words, stdin);
    this.flush();
    return out;
  }

  async subscribe(listener: (batch: WatchBatch) => void): Promise<void> {
    const cluster = this.need().cluster;
    const changes: ObjectChange[] = [];
    for (const resource of WATCHED) {
      for (const object of cluster.store.list(resource)) changes.push({ type: 'ADDED', resource, object: object as KObject });
    }
    listener({ now: cluster.now(), reset: true, changes });
    this.listeners.push(listener);
  }

  async setSpeed(speed: number): Promise<ClockState> {
    this.speed = Math.max(0, speed);
    return this.clock();
  }

  async advance(ms: number): Promise<ClockState> {
    this.need().cluster.advance(ms);
    this.flush();
    return this.clock();
  }

  async clock(): Promise<ClockState> {
    return { now: this.need().cluster.now(), speed: this.speed };
  }

  stop(): void {
    this.stopTicking?.();
  }

  /** Commands that wait (rollout status, delete --wait) let simulated time run at least at 1×. */
  private sleep(ms: number): Promise<void> {
    this.need().cluster.advance(ms);
    this.flush();
    return Promise.resolve();
  }

  private tick(): void {
    const cluster = this.cluster;
    if (!cluster) return;
    const wall = this.ticker.wallNow();
    const elapsed = wall - this.lastWall;
    this.lastWall = wall;
    if (this.speed > 0) cluster.advance(Math.round(elapsed * this.speed));
    this.flush();
  }

  private flush(): void {
    if (!this.pending.length || !this.listeners.length) {
      if (!this.listeners.length) this.pending = [];
      return;
    }
    const batch: WatchBatch = { now: this.need().cluster.now(), changes: this.pending };
    this.pending = [];
    for (const l of this.listeners) l(batch);
  }

  private need(): Session {
    if (!this.session) throw new Error('the sandbox has not been started');
    return this.session;
  }
}
