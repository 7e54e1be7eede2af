import { describe, expect, it } from 'vitest';
import type { SavedSandbox, SnapshotStore } from './persist';
import type { WatchBatch } from './protocol';
import { coalesce, Sandbox } from './sandbox';
import { fakeEngine, ManualTicker } from './testing/fake-engine';

function memoryStore(): SnapshotStore & { record?: SavedSandbox; fail?: Error; saves: number } {
  const s = {
    record: undefined as SavedSandbox | undefined,
    fail: undefined as Error | undefined,
    saves: 0,
    async load() {
      return s.record ? structuredClone(s.record) : undefined;
    },
    async save(r: Omit<SavedSandbox, 'id' | 'format'>) {
      if (s.fail) throw s.fail;
      s.saves++;
      s.record = structuredClone({ id: 'current', format: 1 as const, ...r });
    },
    async clear() {
      s.record = undefined;
    },
  };
  return s;
}

async function started(store?: SnapshotStore, speed = 1) {
  const ticker = new ManualTicker();
  const sandbox = new Sandbox(ticker, { engine: fakeEngine, store, epochNow: () => 42 });
  const info = await sandbox.start({ speed });
  const batches: WatchBatch[] = [];
  await sandbox.subscribe((b) => batches.push(b));
  return { ticker, sandbox, info, batches };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('Sandbox', () => {
  it('the clock follows the wall clock times the speed, and pausing stops it', async () => {
    const { ticker, sandbox } = await started(undefined, 2);
    ticker.pass(1000);
    expect((await sandbox.clock()).now).toBe(1_000_000 + 2000);
    await sandbox.setSpeed(0);
    ticker.pass(1000);
    expect((await sandbox.clock()).now).toBe(1_002_000);
  });

  it('sends a reset first, then only changes, with the clock; clock-only batches are throttled', async () => {
    const { ticker, sandbox, batches } = await started(undefined, 1);
    expect(batches[0].reset).toBe(true);
    await sandbox.run('kubectl create configmap a');
    const created = batches.at(-1);
    expect(created?.changes.map((c) => [c.type, c.resource, c.object.metadata?.name])).toEqual([['ADDED', 'configmaps', 'a']]);
    const before = batches.length;
    ticker.pass(1000);
    // 20 ticks of time passing without changes: about one batch every 200 ms, not one a tick.
    expect(batches.length - before).toBeGreaterThanOrEqual(4);
    expect(batches.length - before).toBeLessThanOrEqual(6);
    expect(batches.at(-1)?.clock?.now).toBe(1_001_000);
  });

  it('runs k as kubectl, sim as sim, and turns an engine exception into stderr', async () => {
    const { sandbox } = await started();
    expect((await sandbox.run('k create configmap b')).stdout).toBe('configmap/b created\n');
    expect((await sandbox.run('sim advance 1m')).stdout).toBe('sim advance 1m');
    expect(await sandbox.run('kubectl boom')).toEqual({ stdout: '', stderr: 'internal error: kaboom', exitCode: 1 });
    expect((await sandbox.run("kubectl get 'x")).stderr).toMatch(/unterminated/);
  });

  it('completes shell words, kubectl (through the engine) and sim commands with their machines', async () => {
    const { sandbox } = await started();
    expect(await sandbox.complete('s')).toEqual([{ value: 'sim' }]);
    expect(await sandbox.complete('k g')).toEqual([{ value: 'get' }]);
    expect(await sandbox.complete('kubectl get ')).toEqual([{ value: 'pods' }, { value: 'nodes' }]);
    expect(await sandbox.complete('sim no')).toEqual([{ value: 'node-down' }, { value: 'node-up' }, { value: 'node-pressure' }]);
    expect(await sandbox.complete('sim node-down w')).toEqual([{ value: 'worker-1' }]);
    expect(await sandbox.complete("k get 'x")).toEqual([]);
  });

  it('steps to the next scheduled event', async () => {
    const { sandbox } = await started(undefined, 0);
    expect((await sandbox.stepToNextEvent()).now).toBe(1_010_000);
    expect((await sandbox.stepToNextEvent(3000)).now).toBe(1_013_000);
  });

  it('autosaves after changes settle, and a new sandbox on the same store resumes exactly', async () => {
    const store = memoryStore();
    const a = await started(store, 0);
    await a.sandbox.run('kubectl create configmap keep');
    await a.sandbox.advance(25_000);
    a.ticker.pass(600);
    await settle();
    expect(store.saves).toBe(1);
    expect(a.batches.at(-1)?.storage).toMatchObject({ state: 'saved', savedAt: 42, simTime: 1_025_000, speed: 0 });

    const b = await started(store);
    expect(b.info.restored).toBe(true);
    expect(b.info.clock.now).toBe(1_025_000);
    expect(b.info.clock.speed).toBe(0);
    expect(b.batches[0].changes.map((c) => c.object.metadata?.name)).toEqual(['keep']);
  });

  it('keeps saving at least every few seconds while changes keep coming', async () => {
    const store = memoryStore();
    const { ticker, sandbox } = await started(store, 0);
    for (let i = 0; i < 40; i++) {
      await sandbox.run(`kubectl create configmap c${i}`);
      ticker.pass(100);
      await settle();
    }
    expect(store.saves).toBeGreaterThanOrEqual(1);
  });

  it('a failed save is reported, nothing is lost, and the next change retries', async () => {
    const store = memoryStore();
    store.fail = Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    const { ticker, sandbox, batches } = await started(store, 0);
    await sandbox.run('kubectl create configmap x');
    ticker.pass(600);
    await settle();
    expect(batches.at(-1)?.storage?.state).toBe('error');
    expect(batches.at(-1)?.storage?.error).toMatch(/quota/);
    expect(JSON.parse(await sandbox.exportSnapshot()).engine.cluster.objects).toHaveProperty(['configmaps:default/x']);
    store.fail = undefined;
    ticker.pass(6000);
    await settle();
    expect(store.record?.simTime).toBe(1_000_000);
    expect((await sandbox.saveNow()).state).toBe('saved');
  });

  it('a saved sandbox that cannot be read is kept, not overwritten, until reset', async () => {
    const store = memoryStore();
    store.record = { id: 'current', format: 1, engine: { cluster: 'garbage' }, speed: 1, simTime: 5, savedAt: 1 };
    const { ticker, sandbox, info } = await started(store, 0);
    expect(info.restored).toBe(false);
    expect(info.storage.state).toBe('restore-failed');
    await sandbox.run('kubectl create configmap y');
    ticker.pass(5000);
    await settle();
    expect(store.record?.engine.cluster).toBe('garbage');
    expect(JSON.parse((await sandbox.exportSaved()) ?? '{}').engine.cluster).toBe('garbage');
    await sandbox.reset();
    ticker.pass(600);
    await settle();
    expect(store.record?.engine.cluster).not.toBe('garbage');
  });

  it('reset starts a new cluster and tells the page with a reset batch', async () => {
    const { sandbox, batches } = await started(undefined, 0);
    await sandbox.run('kubectl create configmap gone');
    await sandbox.advance(60_000);
    const info = await sandbox.reset();
    expect(info.clock.now).toBe(1_000_000);
    expect(batches.at(-1)?.reset).toBe(true);
    expect(batches.at(-1)?.changes).toEqual([]);
  });
});

describe('coalesce', () => {
  const cm = (name: string, rv: string) => ({ kind: 'ConfigMap', metadata: { name, namespace: 'default', resourceVersion: rv } });
  it('keeps one change per object, the latest, in the order of their last change', () => {
    const out = coalesce([
      { type: 'MODIFIED', resource: 'configmaps', object: cm('a', '1') },
      { type: 'ADDED', resource: 'configmaps', object: cm('b', '2') },
      { type: 'MODIFIED', resource: 'configmaps', object: cm('a', '3') },
      { type: 'MODIFIED', resource: 'configmaps', object: cm('b', '4') },
      { type: 'ADDED', resource: 'configmaps', object: cm('c', '5') },
      { type: 'DELETED', resource: 'configmaps', object: cm('c', '6') },
    ]);
    expect(out.map((c) => [c.type, c.object.metadata?.name, c.object.metadata?.resourceVersion])).toEqual([
      ['MODIFIED', 'a', '3'],
      ['ADDED', 'b', '4'],
    ]);
  });
});
