import type { Cluster } from '../engine/sim/cluster';
import { defaultKubeConfig, runKubectl } from '../kubectl';
import { check, type Outcome } from '../scenario/expect';
import { ShellSyntaxError, shellWords } from '../scenario/shellwords';
import type { Step } from '../scenario/types';
import { notReadOnly } from './readonly';

/** What one check step saw. */
export interface CheckStepResult {
  /** The kubectl arguments the step ran. */
  command: string;
  passed: boolean;
  stdout: string;
  stderr: string;
  exitCode: number;
  /** For a failed step: how the output missed the expectation. */
  why?: string;
}

export interface CheckResult {
  passed: boolean;
  /** The steps run, in order, up to and including the first that failed. */
  steps: CheckStepResult[];
}

/** Runs one kubectl command (words without `kubectl`) for a check; only ever given read-only ones. */
export type CheckReader = (argv: string[], stdin?: string) => Promise<Outcome>;

/**
 * A reader straight on a cluster: its own kubeconfig (so a learner's namespace switch cannot
 * change what a check reads) and no way to let time pass.
 */
export function clusterReader(cluster: Cluster): CheckReader {
  return (argv, stdin) =>
    runKubectl(argv, {
      cluster,
      stdin,
      config: defaultKubeConfig(),
      sleep: async () => {
        throw new Error('a check cannot wait');
      },
    });
}

/** Run a check's command line through `read`, refusing anything that is not read-only. */
export async function readKubectl(read: CheckReader, args: string, stdin?: string): Promise<Outcome> {
  const refused = notReadOnly(args);
  if (refused) return { stdout: '', stderr: `error: ${refused}`, exitCode: 1 };
  let argv: string[];
  try {
    argv = shellWords(args);
  } catch (e) {
    if (e instanceof ShellSyntaxError) return { stdout: '', stderr: `error: ${e.message}`, exitCode: 1 };
    throw e;
  }
  return read(argv[0] === 'kubectl' ? argv.slice(1) : argv, stdin);
}

export interface EvaluateOptions {
  /** Simulated now, needed with `advance`. */
  now?: () => number;
  /**
   * How a `waitFor` step may let time pass. Without it (live mode, grading) a waitFor means
   * "holds now"; `lesson check` passes one so a reference solution's effects can arrive.
   */
  advance?: (ms: number) => Promise<void>;
}

/** Evaluate a task's check against the cluster as it is now: every step must pass. */
export async function evaluateCheck(read: CheckReader, steps: Step[], opts: EvaluateOptions = {}): Promise<CheckResult> {
  const results: CheckStepResult[] = [];
  for (const step of steps) {
    if (step.kind !== 'kubectl' && step.kind !== 'waitFor') continue;
    let out = await readKubectl(read, step.args, step.stdin);
    let why = check(step.expect, out);
    if (step.kind === 'waitFor' && opts.advance && opts.now) {
      const now = opts.now;
      const began = now();
      while (why && now() - began < step.withinMs) {
        await opts.advance(Math.min(1000, step.withinMs - (now() - began)));
        out = await readKubectl(read, step.args, step.stdin);
        why = check(step.expect, out);
      }
    }
    results.push({ command: step.args, passed: !why, ...out, why });
    if (why) return { passed: false, steps: results };
  }
  return { passed: true, steps: results };
}
