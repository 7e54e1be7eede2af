import { describe, expect, it } from 'vitest';
import { ClockWaits, Interrupted, shellPrompt } from './live';
import { realEngine } from './real-engine';
import { Sandbox } from './sandbox';
import { ManualTicker } from './testing/fake-engine';

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
  const chunks: [string, string][] = [];
  return {
    chunks,
    io: {
      output: (s: 'stdout' | 'stderr', t: string) => void chunks.push([s, t]),
    },
    text: () => chunks.map((c) => c[1]).join(''),
  };
}

describe('ClockWaits', () => {
  it('lets a wait go when the clock reaches its time, not before', async () => {
    const w = new ClockWaits();
    let done = false;
    void w.wait(1000, 500).then(() => {
      done = true;
    });
    w.release(1499);
    await settle();
    expect(done).toBe(false);
    w.release(1500);
    await settle();
    expect(done).toBe(true);
    expect(w.size).toBe(0);
  });

  it('Ctrl-C rejects every wait with Interrupted', async () => {
    const w = new ClockWaits();
    const p = w.wait(0, 10);
    w.interrupt();
    await expect(p).rejects.toBeInstanceOf(Interrupted);
  });
});

describe('shellPrompt', () => {
  it('is busybox sh for sh and Debian bash for bash', () => {
    expect(shellPrompt('sh', 'web-0', '/')).toBe('/ # ');
    expect(shellPrompt('/bin/bash', 'web-0', '/tmp')).toBe('root@web-0:/tmp# ');
  });
});

describe('runLive over the real engine', () => {
  it('get -w streams rows as the running clock passes, and Ctrl-C ends it', async () => {
    const { ticker, sandbox } = await started();
    const out = collector();
    let finished = false;
    const run = sandbox.runLive('kubectl get pods -w', out.io).then((r) => {
      finished = true;
      return r;
    });
    await settle();
    await sandbox.run('kubectl run web --image=nginx');
    // Nothing moves until wall time passes: the watch waits on the clock, it does not jump it.
    const before = (await sandbox.clock()).now;
    await settle();
    expect((await sandbox.clock()).now).toBe(before);
    for (let i = 0; i < 10; i++) {
      ticker.pass(1000);
      await settle();
    }
    expect(finished).toBe(false);
    expect(out.text()).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\nweb\s+0\/1\s+Pending/m);
    expect(out.text()).toMatch(/web\s+1\/1\s+Running/);
    await sandbox.interrupt();
    const r = await run;
    expect(r).toEqual({
      stdout: '',
      stderr: '',
      exitCode: 130,
      interrupted: true,
    });
    // The terminal is free again.
    expect((await sandbox.runLive('kubectl get pod web -o name', collector().io)).stdout).toBe('pod/web\n');
  });

  it('rollout status waits for the clock; a paused clock keeps it waiting', async () => {
    const { ticker, sandbox } = await started(0);
    await sandbox.run('kubectl create deployment web --image=nginx --replicas=2');
    const out = collector();
    let result: unknown;
    void sandbox.runLive('kubectl rollout status deployment/web', out.io).then((r) => {
      result = r;
    });
    ticker.pass(5000);
    await settle();
    expect(result).toBeUndefined();
    await sandbox.setSpeed(1);
    for (let i = 0; i < 30 && !result; i++) {
      ticker.pass(1000);
      await settle();
    }
    expect(result).toMatchObject({ exitCode: 0 });
    expect(out.text()).toContain('deployment "web" successfully rolled out\n');
  });

  it('exec -it opens the container shell with its prompt; exit goes back', async () => {
    const { sandbox } = await started(0);
    await sandbox.run('kubectl run box --image=busybox -- sleep 3600');
    await sandbox.advance(30_000);
    const r = await sandbox.runLive('kubectl exec -it box -- sh', collector().io);
    expect(r.exitCode).toBe(0);
    expect(r.shell).toEqual({ prompt: '/ # ' });
    const cd = await sandbox.shellInput('cd /tmp');
    expect(cd).toMatchObject({ closed: false, prompt: '/tmp # ' });
    expect(await sandbox.shellInput('false')).toMatchObject({
      exitCode: 1,
      closed: false,
    });
    expect((await sandbox.shellInput('echo hi > f; cat f')).stdout).toBe('hi\n');
    expect((await sandbox.shellInput('hostname')).stdout).toBe('box\n');
    expect(await sandbox.shellInput('exit')).toMatchObject({ closed: true });
    expect((await sandbox.shellInput('ls')).closed).toBe(true);
  });

  it('without a terminal, waits still jump time (lessons, the editor)', async () => {
    const { sandbox } = await started(0);
    await sandbox.run('kubectl create deployment web --image=nginx');
    const r = await sandbox.run('kubectl rollout status deployment/web');
    expect(r.stdout).toContain('successfully rolled out');
  });
});
