import Dexie, { type Table } from 'dexie';
import { parseDuration } from '../engine/sim/clock';
import { formatDuration } from '../engine/sim/commands';
import type { CheckReader } from '../lessons/checks';
import { loadLessonFiles, loadPack } from '../lessons/loader';
import { type LessonProgress, LessonRun, LessonSetupError } from '../lessons/run';
import type { LessonTarget, StepOutcome } from '../lessons/steps';
import { type Lesson, LessonFormatError } from '../lessons/types';
import { shellWords } from '../scenario/shellwords';
import type { Engine } from './engine';
import type { CommandOutcome, LessonList, LessonSummary, LessonView } from './protocol';

/** What is kept between visits: the lesson being taken, every lesson's progress, loaded packs. */
export interface SavedLessons {
  active?: string;
  progress: Record<string, LessonProgress>;
  packs: { source: string; text: string }[];
}

export interface LessonStore {
  load(): Promise<SavedLessons | undefined>;
  save(saved: SavedLessons): Promise<void>;
}

class LessonDb extends Dexie {
  state!: Table<SavedLessons & { id: string }, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ state: 'id' });
  }
}

/** Lesson progress in IndexedDB (through Dexie), beside the saved sandbox. */
export function indexedDbLessonStore(name = 'kube-sandbox-lessons'): LessonStore {
  const db = new LessonDb(name);
  return {
    async load() {
      const rec = await db.state.get('lessons');
      if (!rec) return undefined;
      const { id: _, ...saved } = rec;
      return saved;
    },
    async save(saved) {
      await db.state.put({ id: 'lessons', ...saved });
    },
  };
}

/** Reads a check's kubectl through the sandbox: always in the default namespace, whatever the learner switched to. */
function engineReader(engine: () => Engine): CheckReader {
  return (argv, stdin) => engine().kubectl(['--namespace=default', ...argv], stdin);
}

function words(line: string): string[] | CommandOutcome {
  try {
    return shellWords(line);
  } catch (e) {
    return { stdout: '', stderr: `error: ${(e as Error).message}`, exitCode: 1 };
  }
}

/** The worker's sandbox as a lesson target; `changed` lets the page see what lesson steps did. */
export function engineTarget(engine: () => Engine, changed: () => void): LessonTarget {
  return {
    now: () => engine().now(),
    advance: (ms) => {
      engine().advance(ms);
      changed();
    },
    kubectl: async (line, stdin) => {
      const w = words(line);
      if (!Array.isArray(w)) return w;
      const out = await engine().kubectl(w[0] === 'kubectl' ? w.slice(1) : w, stdin);
      changed();
      return out;
    },
    sim: (line) => {
      const w = words(line);
      if (!Array.isArray(w)) return w;
      const out = engine().sim(w[0] === 'sim' ? w : ['sim', ...w]);
      changed();
      return out;
    },
    read: engineReader(engine),
  };
}

function outcome(o: StepOutcome): CommandOutcome {
  return { stdout: o.stdout, stderr: o.stderr, exitCode: o.exitCode };
}

/**
 * The lessons side of the worker: the catalogue (bundled lessons and loaded packs), the lesson
 * being taken, and saving progress. The sandbox owns the cluster and tells this when it changed.
 */
export class LessonHost {
  private bundled: Lesson[] = [];
  private packs: { source: string; text: string; lessons: Lesson[] }[] = [];
  private errors: string[] = [];
  private run?: LessonRun;
  private saved: SavedLessons = { progress: {}, packs: [] };
  private evaluating?: Promise<void>;
  private again = false;
  private lastView = '';
  private fired: LessonView['events'] = [];

  constructor(
    bundled: Record<string, string>,
    private readonly store?: LessonStore,
    private readonly wallClock: () => number = () => Date.now(),
  ) {
    const r = loadLessonFiles(bundled);
    this.bundled = r.lessons;
    this.errors = r.errors.map((e) => e.message);
  }

  /** Read saved progress and packs; a store that fails only means nothing was saved. */
  async init(): Promise<void> {
    try {
      this.saved = (await this.store?.load()) ?? this.saved;
    } catch {
      return;
    }
    for (const p of this.saved.packs) this.addPack(p.text, p.source);
  }

  private all(): Lesson[] {
    const byId = new Map<string, Lesson>();
    for (const l of this.bundled) byId.set(l.id, l);
    for (const p of this.packs) for (const l of p.lessons) byId.set(l.id, l);
    return [...byId.values()];
  }

  find(id: string): Lesson {
    const lesson = this.all().find((l) => l.id === id);
    if (!lesson) throw new Error(`no lesson has the id "${id}"`);
    return lesson;
  }

  list(): LessonList {
    const packIds = new Set(this.packs.flatMap((p) => p.lessons.map((l) => l.id)));
    const lessons: LessonSummary[] = this.all().map((l) => {
      const p = this.run?.lesson.id === l.id ? this.run.progress() : this.saved.progress[l.id];
      return {
        id: l.id,
        title: l.title,
        level: l.level,
        minutes: l.minutes,
        concepts: l.concepts,
        tasks: l.tasks.length,
        done: p ? p.tasks.filter((t) => t.done).length : 0,
        fromPack: packIds.has(l.id),
      };
    });
    return { lessons, errors: this.errors, active: this.run?.lesson.id };
  }

  private addPack(text: string, source: string): string[] {
    try {
      const r = loadPack(text, source);
      this.packs = this.packs.filter((p) => p.source !== source);
      if (r.lessons.length) this.packs.push({ source, text, lessons: r.lessons });
      return r.errors.map((e) => e.message);
    } catch (e) {
      if (e instanceof LessonFormatError) return [e.message];
      throw e;
    }
  }

  /** A teacher's pack (its text, fetched or read by the page): validated, never run until started. */
  async loadPack(text: string, source: string): Promise<LessonList> {
    const errors = this.addPack(text, source);
    if (this.packs.some((p) => p.source === source)) {
      this.saved.packs = [...this.saved.packs.filter((p) => p.source !== source), { source, text }];
      await this.persist();
    }
    return { ...this.list(), errors };
  }

  /** Start `lesson` on a cluster the sandbox has just made fresh. */
  async start(lesson: Lesson, target: LessonTarget): Promise<LessonView> {
    this.fired = [];
    try {
      this.run = await LessonRun.start(lesson, { target, wallClock: this.wallClock });
    } catch (e) {
      this.run = undefined;
      if (e instanceof LessonSetupError) throw new Error(e.message);
      throw e;
    }
    this.saved.active = lesson.id;
    await this.evaluateNow();
    // Saved at once, so a reload finds the lesson even before any task is done.
    await this.persist();
    return this.view() as LessonView;
  }

  /** After the sandbox came back from storage: continue the lesson that was being taken. */
  resume(target: LessonTarget): void {
    const id = this.saved.active;
    const progress = id ? this.saved.progress[id] : undefined;
    const lesson = id ? this.all().find((l) => l.id === id) : undefined;
    if (!lesson || !progress) return;
    this.run = LessonRun.resume(lesson, target, progress, { wallClock: this.wallClock });
  }

  /** The sandbox's cluster is gone (reset) or the learner left: progress stays saved. */
  async leave(): Promise<void> {
    if (!this.run) return;
    this.saved.progress[this.run.lesson.id] = this.run.progress();
    this.run = undefined;
    this.saved.active = undefined;
    this.lastView = '';
    await this.persist();
  }

  get active(): boolean {
    return this.run !== undefined;
  }

  /**
   * After a change batch: run the current task's check. Calls overlapping an evaluation in
   * progress fold into one more run after it; returns the view when it changed.
   */
  async afterChange(): Promise<LessonView | undefined> {
    if (!this.run) return undefined;
    if (this.evaluating) {
      this.again = true;
      await this.evaluating;
      return undefined;
    }
    await this.evaluateNow();
    const view = this.view();
    const text = JSON.stringify(view);
    if (text === this.lastView) return undefined;
    this.lastView = text;
    return view;
  }

  private async evaluateNow(): Promise<void> {
    const run = this.run;
    if (!run) return;
    const before = JSON.stringify(run.progress());
    this.evaluating = (async () => {
      do {
        this.again = false;
        await run.evaluate();
        this.collectFired();
      } while (this.again);
    })();
    try {
      await this.evaluating;
    } finally {
      this.evaluating = undefined;
    }
    if (JSON.stringify(run.progress()) !== before) await this.persist();
  }

  /** The clock's "move on" buttons while a lesson runs: timed lesson events fire on time on the way. */
  async advance(ms: number): Promise<void> {
    await this.run?.advance(ms);
    this.collectFired();
  }

  private collectFired(): void {
    for (const f of this.run?.takeFired() ?? []) this.fired.push({ atSim: f.atSim, note: f.note });
  }

  /**
   * `sim advance DURATION` while a lesson runs: time stops at each timed lesson event to fire it,
   * and the rest goes through the sim command itself (`sim`), whose message reports the whole span.
   */
  async simAdvance(text: string, sim: (duration: string) => CommandOutcome): Promise<CommandOutcome> {
    const run = this.run;
    let ms: number;
    try {
      ms = parseDuration(text);
    } catch {
      return sim(text);
    }
    if (!run || !(ms >= 0)) return sim(text);
    const end = run.target.now() + ms;
    await run.fireUntil(end);
    this.collectFired();
    const out = sim(`${end - run.target.now()}ms`);
    return out.exitCode === 0 ? { ...out, stdout: out.stdout.replace(/^advanced [^;]*;/, `advanced ${formatDuration(ms)};`) } : out;
  }

  async hint(): Promise<LessonView | undefined> {
    if (!this.run) return undefined;
    this.run.nextHint();
    await this.persist();
    return this.view();
  }

  async showMe(): Promise<{ view?: LessonView; outcomes: CommandOutcome[] }> {
    if (!this.run) return { outcomes: [] };
    const outcomes = await this.run.showMe();
    await this.evaluateNow();
    return { view: this.view(), outcomes: outcomes.map(outcome) };
  }

  view(): LessonView | undefined {
    const run = this.run;
    if (!run) return undefined;
    const status = run.status();
    const progress = run.progress();
    return {
      id: run.lesson.id,
      title: run.lesson.title,
      intro: run.lesson.intro,
      outro: run.finished ? run.lesson.outro : undefined,
      finished: run.finished,
      tasks: run.lesson.tasks.map((t, i) => ({
        id: t.id,
        title: t.title,
        prose: t.prose,
        state: status[i].state,
        hints: run.hintsShown(t.id),
        hintsLeft: t.hints.length - progress.tasks[i].hintsUsed,
        explanation: status[i].state === 'done' ? t.explanation : undefined,
        check: status[i].check?.steps.at(-1)?.why,
      })),
      events: this.fired,
    };
  }

  /** Progress of every lesson, for the learner to hand in (export). */
  exportProgress(): string {
    if (this.run) this.saved.progress[this.run.lesson.id] = this.run.progress();
    return JSON.stringify({ format: 'kube-sandbox/lesson-progress-export', version: 1, lessons: this.saved.progress });
  }

  private async persist(): Promise<void> {
    if (this.run) this.saved.progress[this.run.lesson.id] = this.run.progress();
    try {
      await this.store?.save(this.saved);
    } catch {
      // Progress is a convenience; the lesson goes on in memory when storage fails.
    }
  }
}

/** The lessons shipped with the sandbox (lessons/<id>/lesson.yaml), bundled as text by Vite. */
export function bundledLessons(): Record<string, string> {
  return import.meta.glob<string>('../../lessons/*/lesson.yaml', { query: '?raw', import: 'default', eager: true });
}

/** The worker's lessons: the bundled catalogue, progress in IndexedDB where the browser has it. */
export function defaultLessonHost(): LessonHost {
  return new LessonHost(bundledLessons(), typeof indexedDB === 'undefined' ? undefined : indexedDbLessonStore());
}
