import { describe, expect, it } from 'vitest';
import type { WatchBatch } from './protocol';
import { realEngine } from './real-engine';
import { Sandbox } from './sandbox';
import { ManualTicker } from './testing/fake-engine';

async function sandbox() {
  const ticker = new ManualTicker();
  const s = new Sandbox(ticker, { engine: realEngine });
  await s.start({ fresh: true, speed: 0 });
  const batches: WatchBatch[] = [];
  await s.subscribe((b) => batches.push(b));
  return { s, batches, ticker };
}

const names = (b: WatchBatch | undefined, resource: string) =>
  (b?.changes ?? []).filter((c) => c.resource === resource).map((c) => c.object.metadata?.name);

describe('time travel over the real engine', () => {
  it('shows an earlier moment read-only, then returns to now', async () => {
    const { s, batches } = await sandbox();
    const start = (await s.clock()).now;
    await s.advance(60_000);
    expect((await s.run('kubectl create configmap later')).exitCode).toBe(0);
    await s.advance(60_000);
    const now = (await s.clock()).now;
    const { times } = await s.history();
    expect(times[0]).toBe(start);
    expect(times.at(-1)).toBe(now);

    const shown = await s.travel(start + 30_000);
    expect(shown.viewing).toBe(start);
    // The page starts over from the moment: the configmap made later is not there.
    const reset = batches.at(-1);
    expect(reset?.reset).toBe(true);
    expect(reset?.now).toBe(start);
    expect(reset?.history?.viewing).toBe(start);
    expect(names(reset, 'configmaps')).not.toContain('later');
    expect((await s.run('kubectl get configmap later')).stderr).toBe('Error from server (NotFound): configmaps "later" not found\n');
    // Writes are refused with the reason, reads work.
    const write = await s.run('kubectl create configmap nope');
    expect(write.exitCode).toBe(1);
    expect(write.stderr).toMatch(/read-only; return to now, or branch from here/);
    expect((await s.run('sim node-down worker-1')).stderr).toMatch(/time travel/);
    // Time stands still in the past.
    await s.advance(60_000);
    expect((await s.clock()).now).toBe(start);

    await s.returnToNow();
    expect(batches.at(-1)?.now).toBe(now);
    expect(names(batches.at(-1), 'configmaps')).toContain('later');
    expect((await s.run('kubectl create configmap yes')).exitCode).toBe(0);
    s.stop();
  });

  it('branching continues from the moment: what came after is gone', async () => {
    const { s } = await sandbox();
    const start = (await s.clock()).now;
    await s.advance(60_000);
    await s.run('kubectl create configmap later');
    await s.advance(60_000);
    await s.travel(start);
    const after = await s.branch();
    expect(after.viewing).toBeUndefined();
    expect(after.times).toEqual([start]);
    expect((await s.clock()).now).toBe(start);
    expect((await s.run('kubectl get configmap later')).exitCode).toBe(1);
    expect((await s.run('kubectl create configmap other')).stdout).toBe('configmap/other created\n');
    await s.advance(30_000);
    expect((await s.clock()).now).toBe(start + 30_000);
    s.stop();
  });

  it('keeps a bounded number of moments as time passes', async () => {
    const { s } = await sandbox();
    const start = (await s.clock()).now;
    for (let i = 0; i < 200; i++) await s.advance(60_000);
    const { times } = await s.history();
    expect(times.length).toBeLessThanOrEqual(48);
    // The start is kept, and the latest minutes one by one.
    expect(times[0]).toBe(start);
    expect(times.slice(-3)).toEqual([start + 198 * 60_000, start + 199 * 60_000, start + 200 * 60_000]);
    s.stop();
  });
});
