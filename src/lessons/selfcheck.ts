import type { CheckResult } from './checks';
import { evaluateCheck } from './checks';
import { type FiredEvent, LessonRun, LessonSetupError } from './run';
import type { StepOutcome } from './steps';
import type { Lesson } from './types';

export interface TaskSelfCheck {
  id: string;
  /** The check before the solution: must fail, or the check proves nothing. */
  before: CheckResult;
  solution: StepOutcome[];
  /** The check after the solution: must pass. */
  after?: CheckResult;
  /** Lesson events that fired while this task was current or when it was done. */
  events: FiredEvent[];
  problem?: string;
}

export interface LessonSelfCheck {
  lesson: string;
  source: string;
  passed: boolean;
  setup: StepOutcome[];
  tasks: TaskSelfCheck[];
  /** Every check against the cluster the whole solution leaves: what the autograder will see. */
  final: { id: string; result: CheckResult }[];
  problem?: string;
  /** Simulated time the whole run took. */
  simMs: number;
}

/**
 * `lesson check`: a fresh cluster, the setup, then for each task its check must fail, the reference
 * solution must run cleanly, and the check must then pass. Finally every check must hold against
 * the finished cluster, so a learner who finishes the lesson passes the autograder.
 */
export async function selfCheck(lesson: Lesson): Promise<LessonSelfCheck> {
  const report: LessonSelfCheck = { lesson: lesson.id, source: lesson.source, passed: false, setup: [], tasks: [], final: [], simMs: 0 };
  let run: LessonRun;
  try {
    run = await LessonRun.start(lesson);
  } catch (e) {
    if (!(e instanceof LessonSetupError)) throw e;
    report.setup = e.outcomes;
    report.problem = e.message;
    return report;
  }
  const began = run.target.now() - run.elapsed();
  report.setup = [];
  for (const task of lesson.tasks) {
    await run.fireDue();
    const t: TaskSelfCheck = { id: task.id, before: await evaluateCheck(run.target.read, task.check), solution: [], events: [] };
    report.tasks.push(t);
    if (t.before.passed) {
      t.problem = 'the check passes before the solution has run, so it does not show the learner did anything';
      break;
    }
    t.solution = await run.showMe();
    if (t.solution.some((s) => !s.passed)) {
      t.problem = `solution step ${t.solution.length} failed: ${t.solution[t.solution.length - 1].message}`;
      break;
    }
    t.after = await evaluateCheck(run.target.read, task.check, { now: () => run.target.now(), advance: (ms) => run.advance(ms) });
    if (!t.after.passed) {
      t.problem = 'the check still fails after the solution';
      break;
    }
    await run.complete(task);
    t.events = run.takeFired();
    const broken = t.events.find((e) => e.outcomes.some((o) => !o.passed));
    if (broken) {
      t.problem = `event ${broken.index + 1} failed at its step ${broken.outcomes.length}: ${broken.outcomes[broken.outcomes.length - 1].message}`;
      break;
    }
  }
  report.simMs = run.target.now() - began;
  if (report.tasks.some((t) => t.problem) || report.tasks.length < lesson.tasks.length) {
    report.problem = report.tasks.find((t) => t.problem)?.problem;
    return report;
  }
  for (const task of lesson.tasks) report.final.push({ id: task.id, result: await evaluateCheck(run.target.read, task.check) });
  const stale = report.final.find((f) => !f.result.passed);
  if (stale) report.problem = `task ${stale.id}: its check no longer holds once the lesson is finished, so the autograder would fail a learner who did everything`;
  report.passed = !report.problem;
  return report;
}
