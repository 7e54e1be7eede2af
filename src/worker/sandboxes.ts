import type { EngineFactory } from './engine';
import { parseFile, toFile } from './exchange';
import type { WriterLock } from './locks';
import { FIRST_SANDBOX, type SandboxLibrary, type SavedSandbox, type SnapshotStore } from './persist';
import type { LibraryApi, SandboxInfo, SandboxMeta } from './protocol';
import type { Sandbox } from './sandbox';

const NAME_LIMIT = 100;

function cleanName(name: string): string {
  const n = String(name ?? '').trim();
  if (!n) throw new Error('a sandbox needs a name');
  return n.slice(0, NAME_LIMIT);
}

/**
 * The named sandboxes around the one running here: which one this tab has open, the list in
 * IndexedDB, files in and out, and (with a WriterLock) which tab writes it. The running sandbox
 * saves through `store()`, which only writes while this tab holds the sandbox's lock.
 */
export class Sandboxes implements LibraryApi {
  private current = FIRST_SANDBOX;
  private sandbox?: Sandbox;

  constructor(
    private readonly library: SandboxLibrary | undefined,
    private readonly lock: WriterLock | undefined,
    private readonly engine: EngineFactory,
    private readonly epochNow: () => number = () => Date.now(),
  ) {
    if (lock) {
      lock.onSaved = () => void this.follow();
      lock.onTakeOver = async () => {
        await this.sandbox?.saveNow();
        this.sandbox?.setReadOnly(true);
      };
      // Writing now: start from what the last writer saved.
      lock.onWriting = async () => {
        await this.follow(true);
        this.sandbox?.setReadOnly(false);
      };
    }
  }

  /** The store the running sandbox saves to: the open sandbox's record, written only by its writer. */
  store(): SnapshotStore | undefined {
    const library = this.library;
    if (!library) return undefined;
    const writing = () => !this.lock || this.lock.writing;
    return {
      load: () => library.store(this.current).load(),
      save: async (record) => {
        if (!writing()) throw new Error('another tab writes this sandbox');
        await library.store(this.current).save(record);
        this.lock?.saved();
      },
      clear: async () => {
        if (writing()) await library.store(this.current).clear();
      },
    };
  }

  /** Start `sandbox` as `opts.sandbox` (the page's choice), as its writer or following another tab. */
  async start(sandbox: Sandbox, opts: { seed?: number; speed?: number; fresh?: boolean; sandbox?: string }): Promise<SandboxInfo> {
    this.sandbox = sandbox;
    if (opts.sandbox && this.library && (opts.sandbox === FIRST_SANDBOX || (await this.library.get(opts.sandbox).catch(() => undefined)))) this.current = opts.sandbox;
    const writer = this.lock ? await this.lock.acquire(this.current) : true;
    // A follower never clears what the writer saved.
    const info = await sandbox.start({ seed: opts.seed, speed: opts.speed, fresh: writer && opts.fresh });
    if (!writer) {
      sandbox.setReadOnly(true);
      return { ...info, storage: { ...info.storage, state: 'read-only' } };
    }
    return info;
  }

  async listSandboxes(): Promise<{ current: string; sandboxes: SandboxMeta[] }> {
    const list = this.library ? await this.library.list() : [];
    if (!list.some((s) => s.id === this.current)) list.unshift({ id: this.current, name: 'Sandbox 1', createdAt: 0 });
    return { current: this.current, sandboxes: list };
  }

  async createSandbox(name: string): Promise<SandboxMeta> {
    return this.need().create(cleanName(name));
  }

  async renameSandbox(id: string, name: string): Promise<void> {
    const library = this.need();
    const clean = cleanName(name);
    // The first sandbox may not have its entry yet (nothing saved): give it one.
    if (!(await library.get(id)) && id === FIRST_SANDBOX) await library.store(id).save(await this.liveRecord());
    await library.rename(id, clean);
  }

  async duplicateSandbox(id: string, name: string): Promise<SandboxMeta> {
    const library = this.need();
    if (id === this.current) return library.create(cleanName(name), await this.liveRecord());
    return library.duplicate(id, cleanName(name));
  }

  async deleteSandbox(id: string): Promise<void> {
    const library = this.need();
    if (id === this.current) throw new Error('it is open in this tab: open another sandbox first');
    if (await this.lock?.isWritten(id)) throw new Error('it is open in another tab');
    await library.remove(id);
  }

  async exportSandbox(id: string): Promise<{ name: string; text: string }> {
    const library = this.need();
    const name = (await library.get(id))?.name ?? 'Sandbox 1';
    // The open sandbox as it is now, not as last saved.
    const record = id === this.current ? await this.liveRecord() : await library.store(id).load();
    if (!record) throw new Error(`${name} has nothing saved yet`);
    return { name, text: toFile(name, record) };
  }

  async importSandbox(text: string, fallbackName: string): Promise<SandboxMeta> {
    const library = this.need();
    const restore = (snapshot: SavedSandbox['engine']) => this.engine.restore(snapshot, { sleep: async () => undefined }).now();
    const { name, record } = parseFile(String(text ?? ''), restore, this.epochNow());
    return library.create(cleanName(name ?? fallbackName), record);
  }

  async takeOver(): Promise<void> {
    if (!this.lock || this.lock.writing || !this.sandbox) return;
    await this.lock.takeOver();
  }

  /** Load what the writer saved (a follower keeps up with it; a new writer starts from it). */
  private async follow(force = false): Promise<void> {
    if (!this.library || !this.sandbox || (!force && this.lock?.writing)) return;
    try {
      const record = await this.library.store(this.current).load();
      if (record) this.sandbox.adopt(record);
    } catch {
      // A record that cannot be read now is read at the writer's next save.
    }
  }

  private async liveRecord(): Promise<Omit<SavedSandbox, 'id' | 'format'>> {
    const sandbox = this.sandbox;
    if (!sandbox) throw new Error('the sandbox has not been started');
    const live = JSON.parse(await sandbox.exportSnapshot()) as SavedSandbox;
    return { engine: live.engine, speed: live.speed, simTime: live.simTime, savedAt: live.savedAt };
  }

  private need(): SandboxLibrary {
    if (!this.library) throw new Error('storage is not available in this browser');
    return this.library;
  }
}
