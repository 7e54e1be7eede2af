import type { KObject } from '../engine/api/types';
import { commandAtEnd } from '../scenario/shell/complete';
import { shellWords } from '../scenario/shellwords';
import type { Engine, EngineFactory, KubectlHooks } from './engine';
import { History, refuseInPast } from './history';
import { defaultLessonHost, engineTarget, type LessonHost } from './lessons';
import { ClockWaits, Interrupted, ShellTerminal } from './live';
import { describeStorageError, isStorageBlocked, type SavedSandbox, type SnapshotStore } from './persist';
import type { ClockState, CommandOutcome, Completion, HistoryState, LessonList, LessonView, ObjectChange, RunIO, RunOutcome, SandboxApi, SandboxInfo, ShellReply, StorageStatus, WatchBatch } from './protocol';

/** Resources the page keeps a live cache of. */
export const WATCHED = [
  'nodes',
  'pods',
  'namespaces',
  'services',
  'configmaps',
  'apps/deployments',
  'apps/replicasets',
  'apps/statefulsets',
  'apps/daemonsets',
  'batch/jobs',
  'batch/cronjobs',
  'events',
];

/** How often the clock ticks and changes are flushed to the page (at most one batch a tick). */
export const TICK_MS = 50;
/** A batch that only moves the clock goes out at most this often. */
const CLOCK_ONLY_MS = 200;
/** A wall-clock pause longer than this (a sleeping laptop, a throttled tab) is not replayed at speed. */
const MAX_TICK_GAP_MS = 1000;

const SHELL_WORDS: Completion[] = ['kubectl', 'k', 'sim', 'clear', 'help', 'history'].map((value) => ({ value }));
const SIM_COMMANDS: Completion[] = ['advance', 'node-down', 'node-up', 'add-node', 'remove-node', 'probe-fail', 'crash', 'node-pressure', 'status', 'help'].map((value) => ({ value }));
const NODE_ARG = new Set(['node-down', 'node-up', 'remove-node', 'node-pressure']);

/** How long to wait before saving again after a failed save. */
const RETRY_MS = 5000;

/**
 * One change per object: an object written several times within a tick is sent once, as it is
 * now (a pod's status can change many times in one simulated second). Its first change's type
 * is kept when it was ADDED, so the page sees a new object as added.
 */
export function coalesce(changes: ObjectChange[]): ObjectChange[] {
  if (changes.length < 2) return changes;
  const byKey = new Map<string, ObjectChange>();
  for (const c of changes) {
    const key = `${c.resource}\u0000${c.object.metadata?.namespace ?? ''}\u0000${c.object.metadata?.name ?? ''}`;
    const prev = byKey.get(key);
    byKey.delete(key);
    if (prev?.type === 'ADDED' && c.type === 'DELETED') continue;
    byKey.set(key, prev?.type === 'ADDED' && c.type === 'MODIFIED' ? { ...c, type: 'ADDED' } : c);
  }
  return [...byKey.values()];
}

export interface Ticker {
  every(ms: number, fn: () => void): () => void;
  /** A monotonic wall clock in ms. */
  wallNow(): number;
}

export interface SandboxOptions {
  engine: EngineFactory;
  /** Where the sandbox is saved; none: nothing is saved. */
  store?: SnapshotStore;
  /** Save this long after the last change… */
  saveQuietMs?: number;
  /** …but no later than this after the first unsaved change, even if changes keep coming. */
  saveMaxWaitMs?: number;
  /** Wall time for `savedAt` (ms since the epoch). */
  epochNow?: () => number;
  /** The lesson catalogue and the lesson being taken; none: lessons are not offered. */
  lessons?: LessonHost;
}

/**
 * The sandbox as the worker runs it: one cluster whose simulated clock follows the wall clock at
 * a chosen speed, a kubectl session, a stream of batched watch events for the page, and an
 * autosaved copy in storage. Free of worker APIs (ticker, engine and store are injected) so it
 * is tested under Node.
 */
export class Sandbox implements SandboxApi {
  private engine?: Engine;
  private unwatch?: () => void;
  private speed = 1;
  private seed = 1;
  private listeners: ((batch: WatchBatch) => void)[] = [];
  private pending: ObjectChange[] = [];
  private stopTicking?: () => void;
  private lastWall = 0;
  private lastSentWall = -Infinity;
  private lastSentNow = Number.NaN;
  private lastSentSpeed = Number.NaN;
  private storage: StorageStatus = { state: 'idle' };
  private storageChanged = false;
  /** Wall times of the first and the last change not yet saved. */
  private dirtySince?: number;
  private dirtyLast?: number;
  private saving?: Promise<void>;
  /** After a failed save, wait before trying again (a full disk does not empty in 500 ms). */
  private retryAt = 0;
  /** A saved record that could not be restored: kept (and not overwritten) until reset. */
  private unreadable?: SavedSandbox;
  private readonly opts: Required<Omit<SandboxOptions, 'store' | 'lessons'>> & { store?: SnapshotStore; lessons?: LessonHost };
  /** The cluster changed since the lesson's check last ran; and when (wall) it last ran. */
  private lessonDirty = false;
  private lessonCheckedAt = 0;
  /** The terminal's running command: its waits follow the clock and Ctrl-C ends it. */
  private live?: { interrupted: boolean; onInterrupt?: () => void };
  private readonly waits = new ClockWaits();
  /** The shell `exec -it` opened in the terminal, while it is open. */
  private shell?: ShellTerminal;
  /** Time travel: earlier moments of the live cluster. */
  private readonly moments = new History();
  private historyChanged = false;
  /** The earlier moment shown instead of the live cluster (read-only), and the speed to go back to. */
  private past?: { engine: Engine; at: number; speed: number };

  constructor(
    private readonly ticker: Ticker,
    opts: SandboxOptions,
  ) {
    this.opts = { saveQuietMs: 500, saveMaxWaitMs: 3000, epochNow: () => Date.now(), ...opts };
    this.opts.lessons ??= defaultLessonHost();
  }

  async start(opts: { seed?: number; speed?: number; fresh?: boolean } = {}): Promise<SandboxInfo> {
    if (this.engine) return this.info(false);
    this.seed = opts.seed ?? 1;
    let restored = false;
    let loadStart = 0;
    const store = this.opts.store;
    if (!store) this.storage = { state: 'unavailable' };
    else if (opts.fresh) await this.clearStore();
    else {
      let record: SavedSandbox | undefined;
      try {
        loadStart = this.ticker.wallNow();
        record = await store.load();
      } catch (e) {
        this.storage = isStorageBlocked(e) ? { state: 'unavailable', error: describeStorageError(e) } : { state: 'restore-failed', error: describeStorageError(e) };
      }
      if (record) {
        try {
          this.attach(this.opts.engine.restore(record.engine, { sleep: (ms) => this.sleep(ms) }));
          this.speed = record.speed;
          restored = true;
          this.storage = { state: 'saved', savedAt: record.savedAt, simTime: record.simTime, speed: record.speed, loadMs: this.ticker.wallNow() - loadStart };
        } catch (e) {
          this.unreadable = record;
          this.storage = { state: 'restore-failed', error: describeStorageError(e) };
        }
      }
    }
    if (!this.engine) {
      this.attach(this.opts.engine.create({ seed: this.seed, sleep: (ms) => this.sleep(ms) }));
      this.speed = opts.speed ?? 1;
      // A new cluster is saved as soon as it settles, so a reload finds it even if nothing happens.
      this.markDirty();
    }
    await this.opts.lessons?.init();
    if (restored) this.opts.lessons?.resume(this.lessonTarget());
    this.record();
    this.lastWall = this.ticker.wallNow();
    this.stopTicking = this.ticker.every(TICK_MS, () => this.tick());
    return this.info(restored);
  }

  async run(line: string, stdin?: string): Promise<CommandOutcome> {
    const engine = this.shown();
    let words: string[];
    try {
      words = shellWords(line);
    } catch (e) {
      return { stdout: '', stderr: `error: ${(e as Error).message}`, exitCode: 1 };
    }
    if (!words.length) return { stdout: '', stderr: '', exitCode: 0 };
    const refused = this.past && refuseInPast(words, new Date(this.past.at).toISOString().replace('.000Z', 'Z'));
    if (refused) return { stdout: '', stderr: refused, exitCode: 1 };
    let out: CommandOutcome;
    try {
      const lessons = this.opts.lessons;
      // In a lesson, `sim advance` stops at the lesson's timed events so they fire on time.
      if (lessons?.active && !this.past && words.length === 3 && words[0] === 'sim' && words[1] === 'advance') {
        out = await lessons.simAdvance(words[2], (d) => engine.sim(['sim', 'advance', d]));
      }
      // The line interpreter runs pipes, variables and `$(…)`; an engine without one runs single commands.
      else if (engine.shell) out = await engine.shell(line, stdin);
      else if (words[0] === 'sim') out = engine.sim(words);
      else out = await engine.kubectl(words[0] === 'k' || words[0] === 'kubectl' ? words.slice(1) : words, stdin);
    } catch (e) {
      // A bug in the engine must not take the terminal down with it.
      out = { stdout: '', stderr: `internal error: ${e instanceof Error ? e.message : String(e)}`, exitCode: 1 };
    }
    this.flush();
    return out;
  }

  async runLive(line: string, io: RunIO, stdin?: string): Promise<RunOutcome> {
    const engine = this.need();
    if (this.live) return { stdout: '', stderr: 'error: another command is still running\n', exitCode: 1 };
    let words: string[];
    try {
      words = shellWords(line);
    } catch (e) {
      return { stdout: '', stderr: `error: ${(e as Error).message}`, exitCode: 1 };
    }
    if (!words.length) return { stdout: '', stderr: '', exitCode: 0 };
    if (words[0] === 'sim') return this.run(line, stdin);
    // The past does not move: its commands run at once, their output written as one piece.
    if (this.past) {
      const out = await this.run(line, stdin);
      // Awaited: the terminal must have the output before it hears the command ended.
      if (out.stdout) await io.output('stdout', out.stdout);
      if (out.stderr) await io.output('stderr', out.stderr);
      return out;
    }
    const live: { interrupted: boolean; onInterrupt?: () => void } = { interrupted: false };
    this.live = live;
    let opened: ShellTerminal | undefined;
    let out: RunOutcome;
    try {
      const hooks: KubectlHooks = {
        onOutput: (stream, text) => {
          if (!live.interrupted) void io.output(stream, text);
        },
        openTerminal: (session) => {
          opened?.close();
          opened = new ShellTerminal(session, words.at(-1) ?? 'sh');
        },
        // `kubectl edit` opens the page's editor and waits for its save, its cancel, or Ctrl-C (a cancel).
        openEditor: async (text, fileName) => {
          if (!io.edit) return undefined;
          const stopped = new Promise<undefined>((resolve) => {
            live.onInterrupt = () => resolve(undefined);
          });
          return Promise.race([io.edit(text, fileName), stopped]);
        },
        // Ctrl-C rejects the clock wait: a command that runs until stopped (port-forward) ends there.
        waitForInterrupt: async () => {
          try {
            for (;;) await this.sleep(3_600_000);
          } catch {
            // Interrupted.
          }
        },
      };
      out = engine.shell ? await engine.shell(line, stdin, hooks) : await engine.kubectl(words[0] === 'k' || words[0] === 'kubectl' ? words.slice(1) : words, stdin, hooks);
    } catch (e) {
      out = { stdout: '', stderr: `internal error: ${e instanceof Error ? e.message : String(e)}`, exitCode: 1 };
    } finally {
      this.live = undefined;
    }
    this.flush();
    if (live.interrupted) {
      opened?.close();
      return { stdout: '', stderr: '', exitCode: 130, interrupted: true };
    }
    if (opened) {
      this.shell?.close();
      this.shell = opened;
      out = { ...out, shell: { prompt: opened.prompt() } };
    }
    return out;
  }

  async interrupt(): Promise<void> {
    if (!this.live) return;
    this.live.interrupted = true;
    this.live.onInterrupt?.();
    this.waits.interrupt();
  }

  async shellInput(line: string): Promise<ShellReply> {
    const shell = this.shell;
    if (!shell) return { stdout: '', stderr: '', exitCode: 0, closed: true, prompt: '' };
    let reply: ShellReply;
    try {
      reply = shell.input(line);
    } catch (e) {
      reply = { stdout: '', stderr: `${e instanceof Error ? e.message : String(e)}\n`, exitCode: 1, closed: true, prompt: '' };
    }
    if (reply.closed) this.shell = undefined;
    this.flush();
    return reply;
  }

  async shellClose(): Promise<void> {
    this.shell?.close();
    this.shell = undefined;
  }

  async complete(text: string): Promise<Completion[]> {
    const engine = this.need();
    // Only the command at the end of the line is completed (after a pipe, `;`, `&&` or `$(`).
    const line = commandAtEnd(text);
    // Split as the shell does up to the cursor; an unfinished quote is not worth completing.
    let words: string[];
    try {
      words = shellWords(line);
    } catch {
      return [];
    }
    if (/\s$/.test(line) || !line) words.push('');
    const prefix = (list: Completion[], partial: string) => list.filter((c) => c.value.startsWith(partial));
    try {
      if (words.length === 1) return prefix(SHELL_WORDS, words[0]);
      if (words[0] === 'kubectl' || words[0] === 'k') return engine.completeKubectl(words.slice(1));
      if (words[0] === 'sim') {
        if (words.length === 2) return prefix(SIM_COMMANDS, words[1]);
        if (words.length === 3 && NODE_ARG.has(words[1])) return prefix(engine.machines().map((value) => ({ value })), words[2]);
      }
    } catch {
      // Completion is a convenience: never an error in the terminal.
    }
    return [];
  }

  async subscribe(listener: (batch: WatchBatch) => void): Promise<void> {
    this.need();
    listener(this.resetBatch());
    this.listeners.push(listener);
  }

  async setSpeed(speed: number): Promise<ClockState> {
    // Time stands still in the past; the speed applies when the page returns to now.
    if (this.past) {
      this.past.speed = Number.isFinite(speed) ? Math.max(0, speed) : 0;
      return this.clock();
    }
    this.speed = Number.isFinite(speed) ? Math.max(0, speed) : 0;
    this.markDirty();
    this.flush(true);
    return this.clock();
  }

  async advance(ms: number): Promise<ClockState> {
    if (this.past) return this.clock();
    // In a lesson, time passes through it so that its timed events fire on time.
    if (this.opts.lessons?.active) await this.opts.lessons.advance(Math.max(0, ms));
    else this.need().advance(Math.max(0, ms));
    this.record();
    this.waits.release(this.need().now());
    this.flush(true);
    return this.clock();
  }

  async stepToNextEvent(limitMs = 3_600_000): Promise<ClockState> {
    const engine = this.need();
    const next = engine.nextEventAt();
    const now = engine.now();
    if (this.past) return this.clock();
    engine.advance(next === undefined ? limitMs : Math.min(Math.max(0, next - now), limitMs));
    this.record();
    this.waits.release(engine.now());
    this.flush(true);
    return this.clock();
  }

  async clock(): Promise<ClockState> {
    return this.clockNow();
  }

  async history(): Promise<HistoryState> {
    return this.historyState();
  }

  async travel(at: number): Promise<HistoryState> {
    const live = this.need();
    if (this.live) await this.interrupt();
    await this.shellClose();
    // The latest moment is "now" only if it was taken now; otherwise keep one, so returning is exact.
    this.record(true);
    const moment = this.moments.at(at);
    if (!moment) return this.historyState();
    if (moment.at >= live.now() && !this.past) return this.historyState();
    const engine = this.opts.engine.restore(structuredClone(moment.snapshot), {
      sleep: () => Promise.reject(new Error('time does not pass while the cluster is shown as it was')),
    });
    this.past = { engine, at: moment.at, speed: this.past?.speed ?? this.speed };
    this.showChanged();
    return this.historyState();
  }

  async returnToNow(): Promise<HistoryState> {
    const past = this.past;
    if (!past) return this.historyState();
    this.past = undefined;
    this.speed = past.speed;
    this.lastWall = this.ticker.wallNow();
    this.showChanged();
    return this.historyState();
  }

  async branch(): Promise<HistoryState> {
    const past = this.past;
    if (!past) return this.historyState();
    this.past = undefined;
    await this.interrupt();
    await this.shellClose();
    const moment = this.moments.at(past.at);
    this.moments.truncateAfter(past.at);
    this.pending = [];
    // The moment's own snapshot again, not the view: the view's cluster may have settled further.
    this.attach(this.opts.engine.restore(structuredClone((moment ?? { snapshot: past.engine.snapshot() }).snapshot), { sleep: (ms) => this.sleep(ms) }));
    this.speed = 0;
    this.lastWall = this.ticker.wallNow();
    this.markDirty();
    this.showChanged();
    return this.historyState();
  }

  private historyState(): HistoryState {
    return { times: this.moments.times(), viewing: this.past?.at };
  }

  /** The page shows another cluster (the past, or now again): it starts over from a reset batch. */
  private showChanged(): void {
    this.historyChanged = true;
    const batch = this.resetBatch();
    for (const l of this.listeners) l(batch);
  }

  /** Keep a moment for time travel when one is due (or `force`: unless one was taken at this very time). */
  private record(force = false): void {
    const engine = this.engine;
    if (!engine || this.past) return;
    const now = engine.now();
    if (force && this.moments.times().at(-1) === now) return;
    const taken = force ? this.moments.record(now, () => engine.snapshot()) : this.moments.maybeRecord(now, () => engine.snapshot());
    if (taken) this.historyChanged = true;
  }

  async reset(opts: { seed?: number } = {}): Promise<SandboxInfo> {
    this.need();
    // A new cluster ends whatever the terminal was running in the old one, and the lesson taken in it.
    await this.interrupt();
    await this.opts.lessons?.leave();
    await this.shellClose();
    this.seed = opts.seed ?? this.seed;
    this.unreadable = undefined;
    this.pending = [];
    this.past = undefined;
    this.moments.clear();
    this.historyChanged = true;
    this.attach(this.opts.engine.create({ seed: this.seed, sleep: (ms) => this.sleep(ms) }));
    this.storage = this.opts.store ? { state: 'idle' } : { state: 'unavailable' };
    await this.clearStore();
    this.storageChanged = true;
    const batch = this.resetBatch();
    for (const l of this.listeners) l(batch);
    this.markDirty();
    return this.info(false);
  }

  async saveNow(): Promise<StorageStatus> {
    if (this.saving) await this.saving;
    if (this.dirtySince !== undefined) await this.save();
    return this.storage;
  }

  async exportSnapshot(): Promise<string> {
    const engine = this.need();
    return JSON.stringify({ format: 1, engine: engine.snapshot(), speed: this.speed, simTime: engine.now(), savedAt: this.opts.epochNow() });
  }

  async exportSaved(): Promise<string | undefined> {
    return this.unreadable ? JSON.stringify(this.unreadable) : undefined;
  }

  async listLessons(): Promise<LessonList> {
    return this.lessonHost().list();
  }

  async loadLessonPack(text: string, source: string): Promise<LessonList> {
    return this.lessonHost().loadPack(text, source);
  }

  async startLesson(id: string): Promise<LessonView> {
    const host = this.lessonHost();
    const lesson = host.find(id);
    await this.reset({ seed: lesson.seed });
    const view = await host.start(lesson, this.lessonTarget());
    this.flush(true);
    return view;
  }

  async lessonView(): Promise<LessonView | undefined> {
    return this.opts.lessons?.view();
  }

  async lessonHint(): Promise<LessonView | undefined> {
    return this.lessonHost().hint();
  }

  async lessonShowMe(): Promise<{ view?: LessonView; outcomes: CommandOutcome[] }> {
    const r = await this.lessonHost().showMe();
    this.flush(true);
    return r;
  }

  async leaveLesson(): Promise<void> {
    await this.opts.lessons?.leave();
  }

  async exportLessonProgress(): Promise<string> {
    return this.lessonHost().exportProgress();
  }

  /** Another tab writes this sandbox: keep running here but save nothing; `false`: write again. */
  setReadOnly(on: boolean): void {
    if (on) this.setStorage({ ...this.storage, state: 'read-only' });
    else if (this.storage.state === 'read-only') {
      this.setStorage({ ...this.storage, state: 'idle' });
      this.markDirty();
    }
    this.flush(true);
  }

  /** Continue from a record another tab saved: the page gets the whole cluster again. */
  adopt(record: SavedSandbox): void {
    void this.interrupt();
    void this.shellClose();
    this.attach(this.opts.engine.restore(record.engine, { sleep: (ms) => this.sleep(ms) }));
    this.speed = record.speed;
    const batch = this.resetBatch();
    for (const l of this.listeners) l(batch);
  }

  stop(): void {
    this.stopTicking?.();
    this.unwatch?.();
  }

  private attach(engine: Engine): void {
    this.unwatch?.();
    this.engine = engine;
    const watched = new Set(WATCHED);
    this.unwatch = engine.watch((type, resource, object) => {
      this.markDirty();
      this.lessonDirty = true;
      if (watched.has(resource) && this.listeners.length) this.pending.push({ type, resource, object });
    });
  }

  private info(restored: boolean): SandboxInfo {
    const e = this.need();
    return {
      clock: { now: e.now(), speed: this.speed, createdAt: e.createdAt(), nextEventAt: e.nextEventAt() },
      storage: this.storage,
      restored,
      context: e.context(),
    };
  }

  private resetBatch(): WatchBatch {
    const engine = this.shown();
    const changes: ObjectChange[] = [];
    for (const resource of WATCHED) {
      for (const object of engine.list(resource)) changes.push({ type: 'ADDED', resource, object: object as KObject });
    }
    this.pending = [];
    this.noteSent();
    return { now: engine.now(), reset: true, changes, clock: this.clockNow(), storage: this.storage, history: this.historyState() };
  }

  /**
   * Commands that wait (rollout status, delete --wait) let simulated time pass at once, except
   * the terminal's: those wait for the running clock (and Ctrl-C ends the wait).
   */
  private sleep(ms: number): Promise<void> {
    if (this.live) return this.live.interrupted ? Promise.reject(new Interrupted()) : this.waits.wait(this.need().now(), ms);
    this.need().advance(ms);
    this.flush();
    return Promise.resolve();
  }

  private tick(): void {
    const engine = this.engine;
    if (!engine) return;
    const wall = this.ticker.wallNow();
    const elapsed = Math.min(wall - this.lastWall, MAX_TICK_GAP_MS);
    this.lastWall = wall;
    if (this.speed > 0 && elapsed > 0 && !this.past) engine.advance(Math.round(elapsed * this.speed));
    this.record();
    this.waits.release(engine.now());
    this.flush();
    // The lesson's check runs after a change, and at least once a second for its timed events.
    if (this.lessonDirty || wall - this.lessonCheckedAt >= 1000) this.checkLesson(wall);
    this.maybeSave(wall);
  }

  private checkLesson(wall: number): void {
    const host = this.opts.lessons;
    if (!host?.active) return;
    this.lessonDirty = false;
    this.lessonCheckedAt = wall;
    void host.afterChange().then(
      (view) => {
        if (!view || !this.engine) return;
        const batch: WatchBatch = { now: this.engine.now(), changes: [], lesson: view };
        for (const l of this.listeners) l(batch);
      },
      () => undefined,
    );
  }

  /** The sandbox as a lesson sees it; what lesson steps change reaches the page at once. */
  private lessonTarget() {
    return engineTarget(
      () => this.need(),
      () => {
        this.waits.release(this.need().now());
        this.markDirty();
        this.flush();
      },
    );
  }

  private lessonHost(): LessonHost {
    if (!this.opts.lessons) throw new Error('lessons are not available in this sandbox');
    return this.opts.lessons;
  }

  private clockNow(): ClockState {
    const e = this.shown();
    return { now: e.now(), speed: this.past ? 0 : this.speed, createdAt: this.need().createdAt(), nextEventAt: e.nextEventAt() };
  }

  private noteSent(): void {
    this.lastSentWall = this.ticker.wallNow();
    this.lastSentNow = this.shown().now();
    this.lastSentSpeed = this.speed;
    this.storageChanged = false;
    this.historyChanged = false;
  }

  /** Send what changed; a batch that only moves the clock is sent at most every CLOCK_ONLY_MS unless `force`. */
  private flush(force = false): void {
    if (!this.listeners.length) {
      this.pending = [];
      return;
    }
    const engine = this.shown();
    // While the past is shown, the live cluster's changes wait for the return to now (a reset batch).
    if (this.past) this.pending = [];
    const clockMoved = engine.now() !== this.lastSentNow || this.speed !== this.lastSentSpeed;
    const due = force || this.ticker.wallNow() - this.lastSentWall >= CLOCK_ONLY_MS;
    // A new moment alone does not send a batch: it rides along with the next one.
    if (!this.pending.length && !this.storageChanged && !(clockMoved && due)) return;
    const batch: WatchBatch = { now: engine.now(), changes: coalesce(this.pending), clock: this.clockNow() };
    if (this.storageChanged) batch.storage = this.storage;
    if (this.historyChanged) batch.history = this.historyState();
    this.pending = [];
    this.noteSent();
    for (const l of this.listeners) l(batch);
  }

  private markDirty(): void {
    const wall = this.ticker.wallNow();
    this.dirtySince ??= wall;
    this.dirtyLast = wall;
  }

  private maybeSave(wall: number): void {
    if (this.saving || this.dirtySince === undefined || this.dirtyLast === undefined || wall < this.retryAt) return;
    if (wall - this.dirtyLast >= this.opts.saveQuietMs || wall - this.dirtySince >= this.opts.saveMaxWaitMs) void this.save();
  }

  private setStorage(status: StorageStatus): void {
    this.storage = status;
    this.storageChanged = true;
  }

  private save(): Promise<void> {
    const store = this.opts.store;
    if (!store || this.storage.state === 'restore-failed' || this.storage.state === 'unavailable' || this.storage.state === 'read-only') {
      this.dirtySince = this.dirtyLast = undefined;
      return Promise.resolve();
    }
    if (this.saving) return this.saving;
    const engine = this.need();
    this.dirtySince = this.dirtyLast = undefined;
    const simTime = engine.now();
    const saveStart = this.ticker.wallNow();
    const previous = this.storage;
    let record: Omit<SavedSandbox, 'id' | 'format'>;
    try {
      record = { engine: engine.snapshot(), speed: this.speed, simTime, savedAt: this.opts.epochNow() };
    } catch (e) {
      this.setStorage({ ...previous, state: 'error', error: `the cluster could not be captured: ${describeStorageError(e)}` });
      return Promise.resolve();
    }
    if (previous.state !== 'saving') this.setStorage({ ...previous, state: 'saving' });
    this.saving = store
      .save(record)
      .then(
        () => this.setStorage({ state: 'saved', savedAt: record.savedAt, simTime, speed: record.speed, saveMs: this.ticker.wallNow() - saveStart }),
        (e) => {
          // Nothing is lost: the cluster keeps running in memory and the next change retries.
          this.setStorage({ ...previous, state: 'error', error: describeStorageError(e) });
          this.markDirty();
          this.retryAt = this.ticker.wallNow() + RETRY_MS;
        },
      )
      .finally(() => {
        this.saving = undefined;
        this.flush();
      });
    return this.saving;
  }

  private async clearStore(): Promise<void> {
    try {
      await this.opts.store?.clear();
    } catch (e) {
      this.setStorage({ state: 'error', error: describeStorageError(e) });
    }
  }

  /** The cluster the page shows: the earlier moment while time travelling, else the live one. */
  private shown(): Engine {
    return this.past?.engine ?? this.need();
  }

  private need(): Engine {
    if (!this.engine) throw new Error('the sandbox has not been started');
    return this.engine;
  }
}
