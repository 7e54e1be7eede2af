import { describe, expect, it } from 'vitest';
import type { TerminalSession } from '../env';
import { Sandbox } from '../testing/harness';

/**
 * `kubectl run -it` and `kubectl attach -it`: the container's shell goes to the terminal; texts
 * are kubectl v1.32's (`pod "x" deleted` without the namespace suffix of 1.33).
 */

function withTerminal() {
  const s = new Sandbox();
  const sessions: TerminalSession[] = [];
  s.env.openTerminal = (session) => sessions.push(session);
  return { s, sessions };
}

const PROMPT_HINT = "If you don't see a command prompt, try pressing enter.\n";

describe('run -it', () => {
  const cases: [title: string, line: string, exit: string, want: string, podLeft: boolean][] = [
    [
      '--rm: the pod is deleted when the shell exits (restart Always says how to resume first)',
      'run -it --rm box --image=busybox -- sh',
      'exit',
      "Session ended, resume using 'kubectl attach box -c box -i -t' command when the pod is running\npod \"box\" deleted\n",
      false,
    ],
    ['--rm --restart=Never: no resume hint, the pod is deleted', 'run -it --rm box --image=busybox --restart=Never -- sh', 'exit', 'pod "box" deleted\n', false],
    [
      'without --rm the pod stays',
      'run -it box --image=busybox -- sh',
      'exit',
      "Session ended, resume using 'kubectl attach box -c box -i -t' command when the pod is running\n",
      true,
    ],
  ];
  for (const [title, line, exit, want, podLeft] of cases) {
    it(title, async () => {
      const { s, sessions } = withTerminal();
      const r = await s.run(line);
      expect(r).toMatchObject({ stdout: '', stderr: PROMPT_HINT, exitCode: 0 });
      expect(sessions).toHaveLength(1);
      expect(sessions[0].input('echo $((6*7)); hostname')).toMatchObject({ stdout: '42\nbox\n', closed: false });
      expect(sessions[0].input(exit)).toMatchObject({ stdout: want, closed: true });
      // The delete is graceful: the pod is gone once its grace period is over.
      s.advance(40_000);
      const get = await s.run('get pod box -o name');
      expect(get.stdout).toBe(podLeft ? 'pod/box\n' : '');
    });
  }

  it('-i without -t gives no prompt hint', async () => {
    const { s, sessions } = withTerminal();
    const r = await s.run('run -i --rm box --image=busybox --restart=Never -- sh');
    expect(r).toMatchObject({ stdout: '', stderr: '', exitCode: 0 });
    expect(sessions[0].input('exit')).toMatchObject({ stdout: 'pod "box" deleted\n', closed: true });
  });

  it('a command that is not a shell runs to its end and prints its output', async () => {
    const { s, sessions } = withTerminal();
    const r = await s.run('run -it --rm once --image=busybox --restart=Never -- echo hello');
    expect(sessions).toHaveLength(0);
    expect(r.stdout).toBe('hello\npod "once" deleted\n');
  });
});

describe('attach', () => {
  it('-it hands a waiting shell to the terminal', async () => {
    const { s, sessions } = withTerminal();
    await s.run('run box --image=busybox -i -t -- sh');
    s.advance(20_000);
    const r = await s.run('attach -it box');
    expect(r).toMatchObject({ stdout: '', stderr: PROMPT_HINT, exitCode: 0 });
    expect(sessions[0].input('echo hi')).toMatchObject({ stdout: 'hi\n', closed: false });
  });

  it('-t on a container without a tty goes on without one, and says so', async () => {
    const { s, sessions } = withTerminal();
    await s.run('run box --image=busybox -i -- sh');
    s.advance(20_000);
    const r = await s.run('attach -it box');
    expect(r).toMatchObject({ stderr: 'error: Unable to use a TTY - container box did not allocate one\n', exitCode: 0 });
    expect(sessions[0].input('exit')).toMatchObject({ stdout: '', closed: true });
  });

  it('without -i shows what the container writes from now on, until it ends', async () => {
    const s = new Sandbox();
    await s.run(`run ticker --image=busybox --restart=Never -- sh -c 'for i in 1 2 3 4; do echo tick $i; sleep 2; done'`);
    for (let i = 0; i < 60 && !(await s.run('logs ticker')).stdout; i++) s.advance(250);
    expect(await s.run('attach ticker')).toMatchObject({ stdout: 'tick 2\ntick 3\ntick 4\n', exitCode: 0 });
  });

  const errors: [line: string, stderr: string][] = [
    ['attach', 'error: at least 1 argument is required for attach\nSee \'kubectl attach -h\' for help and examples\n'],
    ['attach nope', 'Error from server (NotFound): pods "nope" not found\n'],
    ['attach done', 'error: cannot attach a container in a completed pod; current phase is Succeeded\n'],
  ];
  for (const [line, stderr] of errors) {
    it(`kubectl ${line}`, async () => {
      const s = new Sandbox();
      await s.run('run done --image=busybox --restart=Never -- true');
      s.advance(30_000);
      expect(await s.run(line)).toMatchObject({ stdout: '', stderr, exitCode: 1 });
    });
  }
});

describe('run -i without a terminal', () => {
  it('the shell reads what stdin holds, then ends; --rm deletes the pod', async () => {
    const s = new Sandbox();
    const before = s.cluster.now();
    const r = await s.run('run -i --rm box --image=busybox --restart=Never -- sh', 'echo hello from stdin\nhostname\n');
    expect(r).toMatchObject({ stdout: 'hello from stdin\nbox\npod "box" deleted\n', exitCode: 0 });
    // It did not wait for a shell that never ends.
    expect(s.cluster.now() - before).toBeLessThan(60_000);
  });
});
