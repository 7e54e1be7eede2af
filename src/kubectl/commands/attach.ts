import type { Pod } from 'kubernetes-types/core/v1';
import type { Stored } from '../../engine/api/types';
import type { Command, Ctx } from '../command';
import type { TerminalSession } from '../env';
import { usageError } from '../errors';
import { help } from '../help/attach';
import { followLogs } from './logsfollow';
import { defaultContainer, kubeletOf, podFor } from './pods';

const SHELLS = /^(\/(usr\/)?bin\/)?(sh|ash|bash|zsh)$/;

/** What the fleet tells about a container's main process (the sandbox's kubelet keeps it). */
interface RuntimeView {
  podRuntime?(
    namespace: string,
    pod: string,
  ):
    | {
        containers: Record<string, { process?: { kind: string; shellName?: string } }>;
      }
    | undefined;
}

/**
 * The shell a terminal can drive when attached to this container: its main process must be a
 * bare shell (no `-c` script) with stdin kept open (`stdin: true`), which waits for typed lines.
 */
function attachableShell(ctx: Ctx, pod: Stored<Pod>, container: string): string | undefined {
  const spec = pod.spec?.containers?.find((c) => c.name === container);
  if (!spec?.stdin) return undefined;
  const argv = [...(spec.command ?? []), ...(spec.args ?? [])];
  if (argv.length > 1 || (argv.length === 1 && !SHELLS.test(argv[0]))) return undefined;
  const fleet = ctx.cluster.machines as unknown as RuntimeView | undefined;
  const process = fleet?.podRuntime?.(pod.metadata.namespace ?? ctx.namespace, pod.metadata.name)?.containers[container]?.process;
  return process?.kind === 'shell' ? (process.shellName ?? 'sh') : undefined;
}

export interface ShellOptions {
  tty: boolean;
  quiet: boolean;
  /** Said when the shell ends, before the terminal returns to kubectl (`pod "x" deleted` for run --rm). */
  onEnd?: () => string;
}

/**
 * Hand the container's shell to the terminal (`openTerminal`), as `attach -i` and `run -i` do
 * when the container runs a shell that waits on stdin. The command returns at once; what kubectl
 * says when the session ends goes out with the shell's last reply. False when there is no such
 * shell or no terminal that can drive one.
 */
export function openShell(ctx: Ctx, pod: Stored<Pod>, container: string, o: ShellOptions): boolean {
  const kubelet = kubeletOf(ctx);
  const open = ctx.env.openTerminal;
  const shell = open && kubelet.shellSession ? attachableShell(ctx, pod, container) : undefined;
  if (!shell || !open || !kubelet.shellSession) return false;
  let session: ReturnType<typeof kubelet.shellSession>;
  try {
    session = kubelet.shellSession(pod.metadata.namespace ?? ctx.namespace, pod.metadata.name, container, shell);
  } catch {
    // The container stopped in between: the caller falls back to showing its output.
    return false;
  }
  // kubectl says how to come back only after a tty session of a pod that restarts its container.
  const resume =
    !o.quiet && o.tty && pod.spec?.restartPolicy === 'Always'
      ? `Session ended, resume using 'kubectl attach ${pod.metadata.name} -c ${container} -i -t' command when the pod is running\n`
      : '';
  let ended = false;
  const end = (): string => {
    if (ended) return '';
    ended = true;
    return resume + (o.onEnd?.() ?? '');
  };
  const terminal: TerminalSession = {
    input(line) {
      const r = session.run(line);
      return r.closed ? { ...r, stdout: r.stdout + end() } : r;
    },
    close() {
      session.close();
      end();
    },
  };
  open(terminal);
  return true;
}

/**
 * Without a terminal (a scenario, the CLI), what stdin holds is what the attached shell reads:
 * its lines run in turn, then end-of-file ends the session. Undefined when there is no shell
 * waiting on stdin.
 */
export function pipeToShell(ctx: Ctx, pod: Stored<Pod>, container: string, input: string): { stdout: string; stderr: string } | undefined {
  const kubelet = kubeletOf(ctx);
  const shell = kubelet.shellSession ? attachableShell(ctx, pod, container) : undefined;
  if (!shell || !kubelet.shellSession) return undefined;
  let session: ReturnType<typeof kubelet.shellSession>;
  try {
    session = kubelet.shellSession(pod.metadata.namespace ?? ctx.namespace, pod.metadata.name, container, shell);
  } catch {
    return undefined;
  }
  let stdout = '';
  let stderr = '';
  for (const line of input.split('\n')) {
    if (!line.trim()) continue;
    const r = session.run(line);
    stdout += r.stdout;
    stderr += r.stderr;
    if (r.closed) break;
  }
  session.close();
  return { stdout, stderr };
}

/** -t on a container without `tty: true`: kubectl goes on without one, and says so. */
export function usableTty(ctx: Ctx, pod: Pod, container: string, tty: boolean, quiet: boolean): boolean {
  if (!tty || pod.spec?.containers?.find((c) => c.name === container)?.tty) return tty;
  if (!quiet) ctx.io.err(`error: Unable to use a TTY - container ${container} did not allocate one\n`);
  return false;
}

export const attachCommand: Command = {
  name: 'attach',
  help,
  async run(ctx) {
    const f = ctx.flags;
    const args = ctx.args;
    if (args.length === 0) throw usageError(ctx.path, 'at least 1 argument is required for attach');
    if (args.length > 2) throw usageError(ctx.path, `expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw ${args.length}: [${args.join(' ')}]`);
    const ref = args.length === 2 ? `${args[0]}/${args[1]}` : args[0];
    const { pod } = podFor(ctx, ref);
    // Attaching is its own request (POST pods/attach), with its own permission.
    ctx.api.authorizeConnect('create', 'pods', pod.metadata.namespace ?? ctx.namespace, pod.metadata.name, 'attach');
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') throw new Error(`cannot attach a container in a completed pod; current phase is ${phase}`);
    const container = defaultContainer(ctx, pod, f.string('container'), f.bool('quiet'));
    const quiet = f.bool('quiet');
    const tty = usableTty(ctx, pod, container, f.bool('tty'), quiet);
    if (tty && !quiet) ctx.io.err("If you don't see a command prompt, try pressing enter.\n");
    if (f.bool('stdin') && openShell(ctx, pod, container, { tty, quiet })) return;
    // Without a shell to drive, attach shows what the container writes from now on, until it stops.
    await followLogs(ctx, kubeletOf(ctx), [{ pod, container, prefix: '' }], {});
  },
};
