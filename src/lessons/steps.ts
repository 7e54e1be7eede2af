import { formatDuration } from '../engine/sim/commands';
import { check, type Outcome } from '../scenario/expect';
import type { Step } from '../scenario/types';
import type { CheckReader } from './checks';

export interface StepOutcome extends Outcome {
  step: Step;
  passed: boolean;
  message: string;
}

/** Time passing the lesson's way: through LessonRun, so timed lesson events fire on the way. */
export type Advance = (ms: number) => Promise<void>;

/**
 * The cluster a lesson runs on, as the lesson sees it: a kubectl session like the learner's,
 * sim commands, a read-only reader for checks, and the clock. Headless it is a Cluster and a
 * Session (sessionTarget); in the browser it is the worker's sandbox.
 */
export interface LessonTarget {
  now(): number;
  /** Move the cluster's clock (LessonRun stops at its own events on the way). */
  advance(ms: number): void;
  kubectl(args: string, stdin?: string): Promise<Outcome>;
  sim(args: string): Outcome;
  read: CheckReader;
}

/** Run scenario steps (setup, a solution, an event) in order, stopping at the first that fails. */
export async function executeSteps(target: LessonTarget, steps: Step[], advance: Advance): Promise<StepOutcome[]> {
  const out: StepOutcome[] = [];
  for (const step of steps) {
    const r = await executeStep(target, step, advance);
    out.push(r);
    if (!r.passed) break;
  }
  return out;
}

async function executeStep(target: LessonTarget, step: Step, advance: Advance): Promise<StepOutcome> {
  const none = { stdout: '', stderr: '', exitCode: 0 };
  try {
    switch (step.kind) {
      case 'advance':
        await advance(step.ms);
        return { step, passed: true, message: `advanced ${step.text}`, ...none };
      case 'kubectl':
      case 'sim': {
        const o = step.kind === 'kubectl' ? await target.kubectl(step.args, step.stdin) : target.sim(step.args);
        const why = check(step.expect, o);
        return { step, passed: !why, message: why ?? '', ...o };
      }
      case 'waitFor': {
        const began = target.now();
        let o = await target.kubectl(step.args, step.stdin);
        let why = check(step.expect, o);
        while (why && target.now() - began < step.withinMs) {
          await advance(Math.min(1000, step.withinMs - (target.now() - began)));
          o = await target.kubectl(step.args, step.stdin);
          why = check(step.expect, o);
        }
        const took = formatDuration(target.now() - began);
        return { step, passed: !why, message: why ? `not met within ${step.within}: ${why}` : `met after ${took}`, ...o };
      }
    }
  } catch (e) {
    // A bug in the sandbox fails the step; it never takes the lesson down with it.
    const err = e as Error;
    return { step, passed: false, message: `internal error: ${err.message}`, stdout: '', stderr: err.stack ?? err.message, exitCode: 1 };
  }
}

export function describeStep(s: Step): string {
  switch (s.kind) {
    case 'advance':
      return `advance ${s.text}`;
    case 'kubectl':
      return `kubectl ${s.args}`;
    case 'sim':
      return `sim ${s.args}`;
    case 'waitFor':
      return `waitFor (within ${s.within}): kubectl ${s.args}`;
  }
}
