import { Cluster } from '../engine/sim/cluster';
import { formatDuration } from '../engine/sim/commands';
import { check, type Outcome } from './expect';
import { type FileSource, Session } from './session';
import type { Scenario, ScenarioResult, Step, StepResult } from './types';

/** waitFor advances in steps of at most one second (SCENARIOS.md). */
const WAIT_STEP_MS = 1000;

export interface RunOptions {
  files?: FileSource;
  /** Start from this cluster instead of a fresh one built from the scenario's preset and seed. */
  cluster?: Cluster;
}

/** Run a scenario's steps in order, stopping at the first failure. */
export async function runScenario(scenario: Scenario, opts: RunOptions = {}): Promise<ScenarioResult> {
  let cluster: Cluster;
  try {
    cluster = opts.cluster ?? Cluster.create({ seed: scenario.seed, preset: scenario.preset });
  } catch (e) {
    return {
      file: scenario.file,
      name: scenario.name,
      passed: false,
      steps: [{ index: 0, kind: 'advance', passed: false, simTime: 0, stdout: '', stderr: '', exitCode: 1, message: `cluster: ${(e as Error).message}` }],
    };
  }
  const session = new Session(cluster, { files: opts.files });
  const start = cluster.now();
  const steps: StepResult[] = [];
  for (const [i, step] of scenario.steps.entries()) {
    const result = await runStep(session, step, i + 1, () => cluster.now() - start);
    steps.push(result);
    if (!result.passed) break;
  }
  return { file: scenario.file, name: scenario.name, passed: steps.every((s) => s.passed) && steps.length === scenario.steps.length, steps };
}

async function runStep(session: Session, step: Step, index: number, elapsed: () => number): Promise<StepResult> {
  const done = (passed: boolean, out: Outcome, message: string): StepResult => ({
    index,
    kind: step.kind,
    passed,
    simTime: elapsed(),
    stdout: out.stdout,
    stderr: out.stderr,
    exitCode: out.exitCode,
    message,
  });
  try {
    switch (step.kind) {
      case 'advance':
        session.cluster.advance(step.ms);
        return done(true, { stdout: '', stderr: '', exitCode: 0 }, `advanced ${step.text}`);
      case 'kubectl':
      case 'sim': {
        const out = step.kind === 'kubectl' ? await session.kubectl(step.args, step.stdin) : session.sim(step.args);
        const why = check(step.expect, out);
        return done(!why, out, why ?? '');
      }
      case 'waitFor': {
        const began = session.cluster.now();
        let out = await session.kubectl(step.args, step.stdin);
        let why = check(step.expect, out);
        while (why && session.cluster.now() - began < step.withinMs) {
          session.cluster.advance(Math.min(WAIT_STEP_MS, step.withinMs - (session.cluster.now() - began)));
          out = await session.kubectl(step.args, step.stdin);
          why = check(step.expect, out);
        }
        const took = formatDuration(session.cluster.now() - began);
        return done(!why, out, why ? `not met within ${step.within}: ${why}` : `met after ${took}`);
      }
    }
  } catch (e) {
    // A bug in the sandbox must fail the step, not the whole run.
    const err = e as Error;
    return done(false, { stdout: '', stderr: err.stack ?? err.message, exitCode: 1 }, `internal error: ${err.message}`);
  }
}
