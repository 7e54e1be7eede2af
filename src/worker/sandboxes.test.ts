import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryLocks, WriterLock } from './locks';
import { indexedDbLibrary, type SandboxLibrary } from './persist';
import { Sandbox } from './sandbox';
import { Sandboxes } from './sandboxes';
import { fakeEngine, ManualTicker } from './testing/fake-engine';

let dbCount = 0;
const freshName = () => `test-sandboxes-${++dbCount}`;
const settle = async () => {
  for (let i = 0; i < 30; i++) await new Promise((r) => setTimeout(r, 0));
};

/** One browser tab: its worker's sandbox and list of sandboxes, on a shared database and locks. */
async function tab(library: SandboxLibrary, platform?: ReturnType<ReturnType<typeof memoryLocks>>, sandboxId?: string) {
  const ticker = new ManualTicker();
  const lock = platform ? new WriterLock(platform) : undefined;
  const sandboxes = new Sandboxes(library, lock, fakeEngine, () => 7);
  const sandbox = new Sandbox(ticker, { engine: fakeEngine, store: sandboxes.store(), epochNow: () => 7, lessons: undefined });
  const info = await sandboxes.start(sandbox, { speed: 0, sandbox: sandboxId });
  await sandbox.subscribe(() => undefined);
  return { ticker, sandbox, sandboxes, info, lock };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('named sandboxes', () => {
  it('create, rename, duplicate and delete; the open one cannot be deleted', async () => {
    const library = indexedDbLibrary(freshName(), () => 1000);
    const a = await tab(library);
    await a.sandbox.run('kubectl create configmap one');
    await a.sandbox.saveNow();
    await a.sandboxes.renameSandbox('current', 'Practice');
    const made = await a.sandboxes.createSandbox('  Exam prep ');
    const copy = await a.sandboxes.duplicateSandbox('current', 'Practice (copy)');
    const list = await a.sandboxes.listSandboxes();
    expect(list.current).toBe('current');
    expect(list.sandboxes.map((s) => s.name)).toEqual(['Practice', 'Exam prep', 'Practice (copy)']);
    // The copy has the cluster as it is, configmap included.
    const copied = await library.store(copy.id).load();
    const cluster = copied?.engine.cluster as { objects: Record<string, unknown> } | undefined;
    expect(Object.keys(cluster?.objects ?? {})).toContain('configmaps:default/one');
    await expect(a.sandboxes.deleteSandbox('current')).rejects.toThrow(/open in this tab/);
    await expect(a.sandboxes.renameSandbox(made.id, '   ')).rejects.toThrow(/needs a name/);
    await a.sandboxes.deleteSandbox(made.id);
    expect((await a.sandboxes.listSandboxes()).sandboxes.map((s) => s.name)).toEqual(['Practice', 'Practice (copy)']);
    expect(await library.store(made.id).load()).toBeUndefined();
  });

  it('a tab opens the sandbox the page chose; an unknown id falls back to the first', async () => {
    const library = indexedDbLibrary(freshName(), () => 1000);
    const made = await library.create('Other');
    const b = await tab(library, undefined, made.id);
    expect((await b.sandboxes.listSandboxes()).current).toBe(made.id);
    await b.sandbox.run('kubectl create configmap here');
    await b.sandbox.saveNow();
    expect(await library.store('current').load()).toBeUndefined();
    expect((await library.get(made.id))?.simTime).toBe(1_000_000);
    const c = await tab(library, undefined, 'sb-nope');
    expect((await c.sandboxes.listSandboxes()).current).toBe('current');
  });

  it('the sandbox saved before there were names becomes "Sandbox 1"', async () => {
    const name = freshName();
    const old = new Dexie(name);
    old.version(1).stores({ sandboxes: 'id' });
    await old.table('sandboxes').put({ id: 'current', format: 1, engine: { cluster: { now: 5, created: 5, seed: 1, objects: {} } }, speed: 1, simTime: 5, savedAt: 9 });
    old.close();
    const library = indexedDbLibrary(name);
    expect(await library.list()).toEqual([{ id: 'current', name: 'Sandbox 1', createdAt: 9, savedAt: 9, simTime: 5 }]);
    expect((await library.store('current').load())?.simTime).toBe(5);
  });
});

describe('export and import', () => {
  it('exports the CLI state format and imports it back as a new sandbox', async () => {
    const library = indexedDbLibrary(freshName(), () => 1000);
    const a = await tab(library);
    await a.sandbox.run('kubectl create configmap kept');
    const file = await a.sandboxes.exportSandbox('current');
    const parsed = JSON.parse(file.text);
    expect(parsed).toMatchObject({ format: 'kube-sandbox/state', version: 1, name: 'Sandbox 1' });
    expect(parsed.cluster.objects['configmaps:default/kept']).toBeDefined();
    const imported = await a.sandboxes.importSandbox(file.text, 'fallback');
    expect(imported.name).toBe('Sandbox 1');
    const record = await library.store(imported.id).load();
    expect(record?.engine.cluster).toEqual(parsed.cluster);
    expect(record?.simTime).toBe(1_000_000);
  });

  it('a bad file is refused with the reason and changes nothing', async () => {
    const library = indexedDbLibrary(freshName(), () => 1000);
    const a = await tab(library);
    await a.sandbox.saveNow();
    const before = await library.list();
    await expect(a.sandboxes.importSandbox('{"format":', 'x')).rejects.toThrow(/not JSON/);
    await expect(a.sandboxes.importSandbox('[1,2]', 'x')).rejects.toThrow(/not a sandbox file/);
    await expect(a.sandboxes.importSandbox('{"kind":"Pod"}', 'x')).rejects.toThrow(/not a sandbox file/);
    await expect(a.sandboxes.importSandbox('{"format":"kube-sandbox/state","version":2,"cluster":{}}', 'x')).rejects.toThrow(/version 2/);
    await expect(a.sandboxes.importSandbox('{"format":"kube-sandbox/state","version":1}', 'x')).rejects.toThrow(/no cluster/);
    await expect(a.sandboxes.importSandbox('{"format":"kube-sandbox/state","version":1,"cluster":{"now":"x"}}', 'x')).rejects.toThrow(/cannot be restored \(not a cluster snapshot\)/);
    expect(await library.list()).toEqual(before);
  });
});

describe('one writer across tabs', () => {
  it('the second tab follows read-only, reloads what the first saves, and can take over', async () => {
    const library = indexedDbLibrary(freshName(), () => 1000);
    const platform = memoryLocks();
    const a = await tab(library, platform());
    const b = await tab(library, platform());
    expect(a.info.storage.state).not.toBe('read-only');
    expect(b.info.storage.state).toBe('read-only');
    expect(a.lock?.writing).toBe(true);
    expect(b.lock?.writing).toBe(false);

    // What the follower does is not saved…
    await b.sandbox.run('kubectl create configmap from-b');
    expect(await b.sandbox.saveNow()).toMatchObject({ state: 'read-only' });
    // …and what the writer saves, the follower loads.
    await a.sandbox.run('kubectl create configmap from-a');
    await a.sandbox.advance(5000);
    await a.sandbox.saveNow();
    await settle();
    const seen = await b.sandbox.exportSnapshot();
    expect(seen).toContain('configmaps:default/from-a');
    expect(seen).not.toContain('from-b');
    expect((await b.sandbox.clock()).now).toBe((await a.sandbox.clock()).now);

    await b.sandboxes.takeOver();
    await settle();
    expect(b.lock?.writing).toBe(true);
    expect(a.lock?.writing).toBe(false);
    expect(await a.sandbox.saveNow()).toMatchObject({ state: 'read-only' });
    await b.sandbox.run('kubectl create configmap b-writes');
    expect((await b.sandbox.saveNow()).state).toBe('saved');
    expect(JSON.stringify(await library.store('current').load())).toContain('b-writes');
    // When the writing tab goes away, the tab that followed writes by itself.
    b.lock?.close();
    await settle();
    expect(a.lock?.writing).toBe(true);
    expect((await a.sandbox.saveNow()).state).not.toBe('read-only');
    expect(await a.sandbox.exportSnapshot()).toContain('b-writes');
    // The open sandbox is written by a tab: another tab cannot delete it.
    const c = await tab(library, platform(), (await library.create('Spare')).id);
    await expect(c.sandboxes.deleteSandbox('current')).rejects.toThrow(/open in another tab/);
  });
});

describe('storage full', () => {
  it('QuotaExceededError from IndexedDB: a clear message, the sandbox runs on, the next save after space frees keeps everything', async () => {
    const library = indexedDbLibrary(freshName(), () => 1000);
    const a = await tab(library);
    await a.sandbox.saveNow();
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await a.sandbox.run('kubectl create configmap precious');
    const failed = await a.sandbox.saveNow();
    expect(failed.state).toBe('error');
    expect(failed.error).toBe('the browser refused to store more data (storage quota exceeded)');
    // Still running, still there.
    expect((await a.sandbox.run('kubectl create configmap more')).exitCode).toBe(0);
    put.mockRestore();
    a.ticker.pass(6000);
    await settle();
    await a.sandbox.saveNow();
    const saved = JSON.stringify(await library.store('current').load());
    expect(saved).toContain('precious');
    expect(saved).toContain('more');
  });

  it('IndexedDB blocked (the browser refuses to open it): the sandbox runs unsaved and says why', async () => {
    vi.spyOn(IDBFactory.prototype, 'open').mockImplementation(() => {
      throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
    });
    const library = indexedDbLibrary(freshName(), () => 1000);
    const a = await tab(library);
    expect(a.info.storage.state).toBe('unavailable');
    expect(a.info.storage.error).toBe('this browser does not allow storage here (private window or storage disabled)');
    expect((await a.sandbox.run('kubectl create configmap still')).stdout).toBe('configmap/still created\n');
    expect((await a.sandbox.saveNow()).state).toBe('unavailable');
    await expect(a.sandboxes.createSandbox('Another')).rejects.toThrow();
  });
});
