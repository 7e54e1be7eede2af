import { Output } from './command';
import { rootCommand } from './commands/root';
import { dispatch } from './dispatch';
import type { KubectlEnv, KubectlResult } from './env';
import { errorOutput } from './errors';

export type { KubeConfig, KubectlEnv, KubectlResult, TerminalSession } from './env';
export { defaultKubeConfig } from './env';

const root = rootCommand();

/**
 * Run one kubectl command line against the sandbox cluster. Never throws: every failure ends
 * up on stderr with kubectl's wording and exit code, as a shell would see it.
 */
export async function runKubectl(argv: readonly string[], env: KubectlEnv): Promise<KubectlResult> {
  const io = new Output(env.onOutput);
  let exitCode = 0;
  try {
    await dispatch(root, argv, env, io);
  } catch (e) {
    const { text, exitCode: code } = errorOutput(e);
    if (text) io.err(text.endsWith('\n') ? text : `${text}\n`);
    exitCode = code;
  }
  // Anything the cluster was asked to do settles before the caller looks at it.
  env.cluster.settle();
  return { stdout: io.stdout, stderr: io.stderr, exitCode };
}
