import type { Command } from '../command';
import { CmdError, usageError } from '../errors';
import { help } from '../help/exec';
import { defaultContainer, kubeletOf, podFor } from './pods';

const SHELLS = /^(\/(usr\/)?bin\/)?(sh|ash|bash|zsh)$/;

export const execCommand: Command = {
  name: 'exec',
  help,
  run(ctx) {
    const f = ctx.flags;
    const dash = f.argsLenAtDash;
    const args = ctx.args;
    const resource = args.length > 0 && dash !== 0 ? args[0] : '';
    let command: string[] = [];
    if (dash > -1) command = args.slice(dash);
    else if (args.length > 1 || (args.length > 0 && f.strings('filename').length)) {
      throw usageError(ctx.path, 'exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead');
    }
    if (!resource && !f.strings('filename').length) throw new Error('pod, type/name or --filename must be specified');
    if (!command.length) throw new Error('you must specify at least one command for the container');
    const { pod } = podFor(ctx, resource);
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') {
      throw new Error(`cannot exec into a container in a completed pod; current phase is ${phase}`);
    }
    // The exec request itself (POST pods/exec) needs its own permission beyond reading the pod.
    ctx.api.authorizeConnect('create', 'pods', pod.metadata.namespace ?? ctx.namespace, pod.metadata.name, 'exec');
    const container = defaultContainer(ctx, pod, f.string('container'), f.bool('quiet'));
    if (f.bool('tty') && !f.bool('stdin') && !f.bool('quiet')) {
      ctx.io.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    }
    const kubelet = kubeletOf(ctx);
    const namespace = pod.metadata.namespace ?? ctx.namespace;
    // An interactive shell goes to the terminal, when there is one that can drive it.
    if (f.bool('stdin') && f.bool('tty') && ctx.env.openTerminal && kubelet.shellSession && command.length === 1 && SHELLS.test(command[0])) {
      let session: ReturnType<NonNullable<typeof kubelet.shellSession>> | undefined;
      try {
        session = kubelet.shellSession(namespace, pod.metadata.name, container, command[0]);
      } catch {
        // The shell cannot start (not in the image): the plain exec below reports it as kubectl does.
      }
      if (session) {
        const shell = session;
        ctx.env.openTerminal({ input: (line) => shell.run(line), close: () => shell.close() });
        return;
      }
    }
    let result: { stdout: string; stderr: string; exitCode: number };
    try {
      result = kubelet.exec(namespace, pod.metadata.name, container, command, f.bool('stdin') ? (ctx.env.stdin ?? '') : '');
    } catch (e) {
      if (e instanceof Error && e.name !== 'StatusError') throw new Error(e.message);
      throw e;
    }
    ctx.io.out(result.stdout);
    ctx.io.err(result.stderr);
    if (result.exitCode !== 0) {
      // kubectl reports a remote command's failure as an exit error carrying its code.
      const text = result.stderr.startsWith('error:') ? '' : `command terminated with exit code ${result.exitCode}`;
      throw new CmdError(text, result.exitCode);
    }
  },
};
