import { formatDuration } from '../engine/sim/commands';
import { check, type Outcome } from '../scenario/expect';
import type { Session } from '../scenario/session';
import type { Step } from '../scenario/types';

export interface StepOutcome extends Outcome {
  step: Step;
  passed: boolean;
  message: string;
}

/** Time passing the lesson's way: through LessonRun, so timed lesson events fire on the way. */
export type Advance = (ms: number) => Promise<void>;

/** Run scenario steps (setup, a solution, an event) in order, stopping at the first that fails. */
export async function executeSteps(session: Session, steps: Step[], advance: Advance): Promise<StepOutcome[]> {
  const out: StepOutcome[] = [];
  for (const step of steps) {
    const r = await executeStep(session, step, advance);
    out.push(r);
    if (!r.passed) break;
  }
  return out;
}

async function executeStep(session: Session, step: Step, advance: Advance): Promise<StepOutcome> {
  const none = { stdout: '', stderr: '', exitCode: 0 };
  try {
    switch (step.kind) {
      case 'advance':
        await advance(step.ms);
        return { step, passed: true, message: `advanced ${step.text}`, ...none };
      case 'kubectl':
      case 'sim': {
        const o = step.kind === 'kubectl' ? await session.kubectl(step.args, step.stdin) : session.sim(step.args);
        const why = check(step.expect, o);
        return { step, passed: !why, message: why ?? '', ...o };
      }
      case 'waitFor': {
        const began = session.cluster.now();
        let o = await session.kubectl(step.args, step.stdin);
        let why = check(step.expect, o);
        while (why && session.cluster.now() - began < step.withinMs) {
          await advance(Math.min(1000, step.withinMs - (session.cluster.now() - began)));
          o = await session.kubectl(step.args, step.stdin);
          why = check(step.expect, o);
        }
        const took = formatDuration(session.cluster.now() - began);
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
