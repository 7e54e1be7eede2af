import { Cluster } from '../engine/sim/cluster';
import { Session } from '../scenario/session';
import { type CheckResult, clusterReader, evaluateCheck } from './checks';
import { executeSteps, type LessonTarget, type StepOutcome } from './steps';
import type { Lesson, Localized, Task } from './types';

export interface TaskProgress {
  id: string;
  done: boolean;
  /** Simulated milliseconds after the lesson started when the check first passed. */
  doneAtSim?: number;
  /** Wall-clock milliseconds since the epoch at that moment. */
  doneAtWall?: number;
  hintsUsed: number;
  /** The learner asked to be shown the solution. */
  solutionShown: boolean;
}

/** A learner's progress through one lesson: what is saved, and exported for a teacher. */
export interface LessonProgress {
  format: 'kube-sandbox/lesson-progress';
  version: 1;
  lesson: string;
  /** Simulated time (ms since the epoch) when the lesson's setup finished. */
  startedAt: number;
  tasks: TaskProgress[];
  /** Indexes of lesson events that have fired. */
  fired: number[];
}

export type TaskState = 'done' | 'current' | 'locked';

export interface TaskStatus {
  id: string;
  state: TaskState;
  /** For the current task: what its check saw the last time it ran. */
  check?: CheckResult;
}

/** Something the lesson did on its own, for the learner's log. */
export interface FiredEvent {
  index: number;
  atSim: number;
  note?: Localized;
  outcomes: StepOutcome[];
}

export class LessonSetupError extends Error {
  constructor(
    readonly lesson: string,
    readonly outcomes: StepOutcome[],
  ) {
    const failed = outcomes[outcomes.length - 1];
    super(`lesson ${lesson}: setup failed at step ${outcomes.length}: ${failed?.message || failed?.stderr || 'unknown'}`);
  }
}

export interface LessonRunOptions {
  /** Run on this cluster (the worker's) instead of a fresh one built from the lesson's seed and preset. */
  target?: LessonTarget;
  wallClock?: () => number;
}

/** A cluster and a kubectl session on it, as a lesson target. */
export function sessionTarget(session: Session): LessonTarget {
  return {
    now: () => session.cluster.now(),
    advance: (ms) => session.cluster.advance(ms),
    kubectl: (args, stdin) => session.kubectl(args, stdin),
    sim: (args) => session.sim(args),
    read: clusterReader(session.cluster),
  };
}

/**
 * A lesson being taken: its cluster, the learner's progress, and the lesson's own events.
 * Tasks are done in order; only the current task's check runs after a change, and a done task
 * stays done (the autograder, not this, re-checks everything against the final cluster).
 */
export class LessonRun {
  readonly target: LessonTarget;
  /** Headless runs only: the cluster and session the run built for itself. */
  readonly session?: Session;
  private readonly wall: () => number;
  private progressState: LessonProgress;
  /** What fired since the page last asked (drained by takeFired). */
  private fresh: FiredEvent[] = [];
  private lastCheck?: CheckResult;

  private constructor(
    readonly lesson: Lesson,
    opts: LessonRunOptions,
  ) {
    this.wall = opts.wallClock ?? (() => Date.now());
    if (opts.target) this.target = opts.target;
    else {
      // Commands that wait (drain, rollout status) let time pass through the run, so events fire.
      this.session = new Session(Cluster.create({ seed: lesson.seed, preset: lesson.preset }), { sleep: (ms) => this.advance(ms) });
      this.target = sessionTarget(this.session);
    }
    this.progressState = {
      format: 'kube-sandbox/lesson-progress',
      version: 1,
      lesson: lesson.id,
      startedAt: this.target.now(),
      tasks: lesson.tasks.map((t) => ({ id: t.id, done: false, hintsUsed: 0, solutionShown: false })),
      fired: [],
    };
  }

  /** A fresh cluster (or the given session's), with the lesson's setup applied. Throws LessonSetupError. */
  static async start(lesson: Lesson, opts: LessonRunOptions = {}): Promise<LessonRun> {
    const run = new LessonRun(lesson, opts);
    const outcomes = await executeSteps(run.target, lesson.setup, (ms) => run.advance(ms));
    if (outcomes.some((o) => !o.passed)) throw new LessonSetupError(lesson.id, outcomes);
    run.progressState.startedAt = run.target.now();
    return run;
  }

  /** Continue a saved lesson on the cluster that was restored with it. */
  static resume(lesson: Lesson, target: LessonTarget, saved: LessonProgress, opts: Omit<LessonRunOptions, 'target'> = {}): LessonRun {
    const run = new LessonRun(lesson, { ...opts, target });
    run.progressState.startedAt = saved.startedAt;
    run.progressState.fired = saved.fired.filter((i) => Number.isInteger(i) && i >= 0 && i < lesson.events.length);
    // Only tasks the lesson still has; a saved entry for anything else is ignored.
    for (const t of run.progressState.tasks) {
      const s = saved.tasks.find((x) => x.id === t.id);
      if (!s) continue;
      t.done = s.done === true;
      t.doneAtSim = s.doneAtSim;
      t.doneAtWall = s.doneAtWall;
      t.hintsUsed = Math.max(0, Math.min(Number(s.hintsUsed) || 0, lesson.tasks.find((x) => x.id === t.id)?.hints.length ?? 0));
      t.solutionShown = s.solutionShown === true;
    }
    return run;
  }

  /** Simulated milliseconds since the lesson started. */
  elapsed(): number {
    return this.target.now() - this.progressState.startedAt;
  }

  get currentTask(): Task | undefined {
    const i = this.progressState.tasks.findIndex((t) => !t.done);
    return i < 0 ? undefined : this.lesson.tasks[i];
  }

  get finished(): boolean {
    return this.progressState.tasks.every((t) => t.done);
  }

  /** Let simulated time pass, stopping at each timed lesson event on the way to fire it. */
  async advance(ms: number): Promise<void> {
    const end = this.target.now() + Math.max(0, ms);
    await this.fireUntil(end);
    this.target.advance(Math.max(0, end - this.target.now()));
  }

  /**
   * Move time to each timed event due by `end` (simulated ms since the epoch) and fire it; the
   * clock stops at the last one, so the caller can cover the rest its own way.
   */
  async fireUntil(end: number): Promise<void> {
    const t = this.target;
    for (;;) {
      const next = this.nextTimedEvent();
      if (next === undefined || this.progressState.startedAt + next.atMs > end) return;
      t.advance(Math.max(0, this.progressState.startedAt + next.atMs - t.now()));
      await this.fire(next.index);
    }
  }

  private nextTimedEvent(): { index: number; atMs: number } | undefined {
    let best: { index: number; atMs: number } | undefined;
    this.lesson.events.forEach((e, index) => {
      if (e.atMs === undefined || this.progressState.fired.includes(index)) return;
      if (!best || e.atMs < best.atMs) best = { index, atMs: e.atMs };
    });
    return best;
  }

  private async fire(index: number): Promise<void> {
    if (this.progressState.fired.includes(index)) return;
    this.progressState.fired.push(index);
    const event = this.lesson.events[index];
    const outcomes = await executeSteps(this.target, event.steps, (ms) => this.advance(ms));
    this.fresh.push({ index, atSim: this.elapsed(), note: event.note, outcomes });
  }

  /** Fire every timed event whose moment has come (live mode: the clock ran on its own). */
  async fireDue(): Promise<void> {
    for (;;) {
      const next = this.nextTimedEvent();
      if (next === undefined || this.progressState.startedAt + next.atMs > this.target.now()) return;
      await this.fire(next.index);
    }
  }

  /** Mark the current task done (its check passed) and fire what waits on it. */
  async complete(task: Task): Promise<void> {
    const p = this.progressState.tasks.find((t) => t.id === task.id);
    if (!p || p.done) return;
    p.done = true;
    p.doneAtSim = this.elapsed();
    p.doneAtWall = this.wall();
    for (const [i, e] of this.lesson.events.entries()) if (e.after === task.id) await this.fire(i);
  }

  /**
   * After a change: fire due events, then run the current task's check against the cluster as it
   * is now; when it passes, the next task becomes current and is checked too.
   */
  async evaluate(): Promise<TaskStatus[]> {
    await this.fireDue();
    this.lastCheck = undefined;
    for (let task = this.currentTask; task; task = this.currentTask) {
      const result = await evaluateCheck(this.target.read, task.check);
      if (!result.passed) {
        this.lastCheck = result;
        break;
      }
      await this.complete(task);
    }
    return this.status();
  }

  status(): TaskStatus[] {
    const current = this.currentTask;
    return this.progressState.tasks.map((t) => ({
      id: t.id,
      state: t.done ? 'done' : t.id === current?.id ? 'current' : 'locked',
      check: t.id === current?.id ? this.lastCheck : undefined,
    }));
  }

  /** The next hint of the current task (counted as used), or undefined when none are left. */
  nextHint(): Localized | undefined {
    const task = this.currentTask;
    if (!task) return undefined;
    const p = this.progressState.tasks.find((t) => t.id === task.id) as TaskProgress;
    if (p.hintsUsed >= task.hints.length) return undefined;
    p.hintsUsed++;
    return task.hints[p.hintsUsed - 1];
  }

  /** The hints of a task the learner has already opened. */
  hintsShown(taskId: string): Localized[] {
    const task = this.lesson.tasks.find((t) => t.id === taskId);
    const p = this.progressState.tasks.find((t) => t.id === taskId);
    return task && p ? task.hints.slice(0, p.hintsUsed) : [];
  }

  /** "Show me": run the current task's reference solution in the learner's cluster. */
  async showMe(): Promise<StepOutcome[]> {
    const task = this.currentTask;
    if (!task) return [];
    (this.progressState.tasks.find((t) => t.id === task.id) as TaskProgress).solutionShown = true;
    return executeSteps(this.target, task.solution, (ms) => this.advance(ms));
  }

  /** Events fired since the last call, oldest first. */
  takeFired(): FiredEvent[] {
    const out = this.fresh;
    this.fresh = [];
    return out;
  }

  progress(): LessonProgress {
    return JSON.parse(JSON.stringify(this.progressState));
  }
}
