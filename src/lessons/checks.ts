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

/**
 * Run one read-only kubectl command for a check. It gets its own kubeconfig (so a learner's
 * namespace switch cannot change what a check reads) and no way to let time pass.
 */
export async function readKubectl(cluster: Cluster, args: string, stdin?: string): Promise<Outcome> {
  const refused = notReadOnly(args);
  if (refused) return { stdout: '', stderr: `error: ${refused}`, exitCode: 1 };
  let argv: string[];
  try {
    argv = shellWords(args);
  } catch (e) {
    if (e instanceof ShellSyntaxError) return { stdout: '', stderr: `error: ${e.message}`, exitCode: 1 };
    throw e;
  }
  if (argv[0] === 'kubectl') argv = argv.slice(1);
  return runKubectl(argv, {
    cluster,
    stdin,
    config: defaultKubeConfig(),
    sleep: async () => {
      throw new Error('a check cannot wait');
    },
  });
}

export interface EvaluateOptions {
  /**
   * How a `waitFor` step may let time pass. Without it (live mode, grading) a waitFor means
   * "holds now"; `lesson check` passes one so a reference solution's effects can arrive.
   */
  advance?: (ms: number) => Promise<void>;
}

/** Evaluate a task's check against the cluster as it is now: every step must pass. */
export async function evaluateCheck(cluster: Cluster, steps: Step[], opts: EvaluateOptions = {}): Promise<CheckResult> {
  const results: CheckStepResult[] = [];
  for (const step of steps) {
    if (step.kind !== 'kubectl' && step.kind !== 'waitFor') continue;
    let out = await readKubectl(cluster, step.args, step.stdin);
    let why = check(step.expect, out);
    if (step.kind === 'waitFor' && opts.advance) {
      const began = cluster.now();
      while (why && cluster.now() - began < step.withinMs) {
        await opts.advance(Math.min(1000, step.withinMs - (cluster.now() - began)));
        out = await readKubectl(cluster, step.args, step.stdin);
        why = check(step.expect, out);
      }
    }
    results.push({ command: step.args, passed: !why, ...out, why });
    if (why) return { passed: false, steps: results };
  }
  return { passed: true, steps: results };
}
