import { describe, expect, it } from 'vitest';
import { realEngine } from './real-engine';
import { Sandbox } from './sandbox';
import { ManualTicker } from './testing/fake-engine';

/** The streaming kubectl commands as the browser terminal runs them: on the running clock, Ctrl-C ends them. */

const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
};

async function started(speed = 1) {
  const ticker = new ManualTicker();
  const sandbox = new Sandbox(ticker, { engine: realEngine });
  await sandbox.start({ speed, seed: 1 });
  await sandbox.subscribe(() => undefined);
  return { ticker, sandbox };
}

function collector() {
  const chunks: string[] = [];
  return { chunks, io: { output: (_s: 'stdout' | 'stderr', t: string) => void chunks.push(t) }, text: () => chunks.join('') };
}

describe('streaming commands in the terminal', () => {
  it('logs -f shows each line as the running clock reaches it, and ends when the container does', async () => {
    const { ticker, sandbox } = await started();
    await sandbox.run(`kubectl run counter --image=busybox --restart=Never -- sh -c 'for i in 1 2 3; do echo n$i; sleep 5; done'`);
    await sandbox.advance(3_000);
    const out = collector();
    let result: { exitCode: number } | undefined;
    void sandbox.runLive('kubectl logs -f counter', out.io).then((r) => {
      result = r;
    });
    await settle();
    const seen: string[] = [];
    for (let i = 0; i < 40 && !result; i++) {
      ticker.pass(1000);
      await settle();
      seen.push(out.text());
    }
    expect(result).toMatchObject({ exitCode: 0 });
    expect(out.text()).toBe('n1\nn2\nn3\n');
    // Partway through, only the lines written so far had arrived.
    expect(seen.some((t) => t === 'n1\nn2\n')).toBe(true);
  });

  it('logs -f of a container that keeps running ends with Ctrl-C', async () => {
    const { ticker, sandbox } = await started();
    await sandbox.run('kubectl run web --image=nginx');
    await sandbox.advance(30_000);
    const run = sandbox.runLive('kubectl logs -f web', collector().io);
    // Longer than the headless quiet bound: in the terminal only Ctrl-C ends it.
    for (let i = 0; i < 70; i++) {
      ticker.pass(1000);
      await settle();
    }
    await sandbox.interrupt();
    expect(await run).toMatchObject({ exitCode: 130, interrupted: true });
  });

  it('run -it --rm opens the shell; exit deletes the pod', async () => {
    const { ticker, sandbox } = await started();
    const out = collector();
    const run = sandbox.runLive('kubectl run -it --rm box --image=busybox --restart=Never -- sh', out.io);
    for (let i = 0; i < 30; i++) {
      ticker.pass(1000);
      await settle();
    }
    const r = await run;
    expect(r).toMatchObject({ exitCode: 0, shell: { prompt: '/ # ' } });
    expect(out.text()).toBe("If you don't see a command prompt, try pressing enter.\n");
    expect((await sandbox.shellInput('hostname')).stdout).toBe('box\n');
    expect(await sandbox.shellInput('exit')).toMatchObject({ closed: true, stdout: 'pod "box" deleted\n' });
  });
});
