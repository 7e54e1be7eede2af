import Dexie, { type Table } from 'dexie';
import type { EngineSnapshot } from './engine';
import type { SandboxMeta } from './protocol';

export type { SandboxMeta };

/** One saved sandbox: the engine's snapshot plus what the page needs to resume as it was left. */
export interface SavedSandbox {
  id: string;
  /** The layout of this record; a record of another format is kept but not read. */
  format: 1;
  engine: EngineSnapshot;
  /** The speed the clock ran at (0 when paused). */
  speed: number;
  /** Simulated time when saved. */
  simTime: number;
  /** Wall time when saved (ms since the epoch). */
  savedAt: number;
}

/** Where the sandbox is kept between visits. */
export interface SnapshotStore {
  load(): Promise<SavedSandbox | undefined>;
  save(record: Omit<SavedSandbox, 'id' | 'format'>): Promise<void>;
  clear(): Promise<void>;
}

/** The sandbox a first visit gets (and the one saved before there were several). */
export const FIRST_SANDBOX = 'current';


/** The learner's sandboxes: a list of names, and one saved cluster for each. */
export interface SandboxLibrary {
  list(): Promise<SandboxMeta[]>;
  get(id: string): Promise<SandboxMeta | undefined>;
  /** A new entry with nothing saved yet (its cluster is created when it is opened). */
  create(name: string, record?: Omit<SavedSandbox, 'id' | 'format'>): Promise<SandboxMeta>;
  rename(id: string, name: string): Promise<void>;
  /** A copy of the saved cluster under a new name. */
  duplicate(id: string, name: string): Promise<SandboxMeta>;
  remove(id: string): Promise<void>;
  /** Where the sandbox `id` saves itself. */
  store(id: string): SnapshotStore;
}

class SandboxDb extends Dexie {
  sandboxes!: Table<SavedSandbox, string>;
  catalog!: Table<SandboxMeta, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ sandboxes: 'id' });
    // Several sandboxes: the one saved before becomes the first entry of the list.
    this.version(2)
      .stores({ sandboxes: 'id', catalog: 'id' })
      .upgrade(async (tx) => {
        const old = (await tx.table('sandboxes').get(FIRST_SANDBOX)) as SavedSandbox | undefined;
        if (old) await tx.table('catalog').put({ id: FIRST_SANDBOX, name: 'Sandbox 1', createdAt: old.savedAt, savedAt: old.savedAt, simTime: old.simTime });
      });
  }
}

function check(rec: SavedSandbox | undefined): SavedSandbox | undefined {
  if (rec && rec.format !== 1) throw new Error(`the saved sandbox has an unknown format (${String(rec.format)})`);
  return rec;
}

/** A fresh id for a sandbox: unique enough among one learner's handful. */
function newId(now: number, taken: Set<string>): string {
  let n = 0;
  let id = `sb-${now.toString(36)}`;
  while (taken.has(id)) id = `sb-${now.toString(36)}-${++n}`;
  return id;
}

/** The browser's IndexedDB (through Dexie): a catalog of sandboxes and one record per sandbox. */
export function indexedDbLibrary(name = 'kube-sandbox', epochNow: () => number = () => Date.now()): SandboxLibrary {
  const db = new SandboxDb(name);
  const lib: SandboxLibrary = {
    async list() {
      const all = await db.catalog.toArray();
      return all.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    },
    get: (id) => db.catalog.get(id),
    async create(name, record) {
      return db.transaction('rw', db.catalog, db.sandboxes, async () => {
        const taken = new Set(await db.catalog.toCollection().primaryKeys());
        const meta: SandboxMeta = { id: newId(epochNow(), taken), name, createdAt: epochNow() };
        if (record) {
          meta.savedAt = record.savedAt;
          meta.simTime = record.simTime;
          await db.sandboxes.put({ id: meta.id, format: 1, ...record });
        }
        await db.catalog.put(meta);
        return meta;
      });
    },
    async rename(id, name) {
      if (!(await db.catalog.update(id, { name }))) throw new Error(`no sandbox ${id}`);
    },
    async duplicate(id, name) {
      const rec = check(await db.sandboxes.get(id));
      const { id: _, format: __, ...record } = rec ?? ({} as SavedSandbox);
      return lib.create(name, rec ? record : undefined);
    },
    async remove(id) {
      await db.transaction('rw', db.catalog, db.sandboxes, async () => {
        await db.catalog.delete(id);
        await db.sandboxes.delete(id);
      });
    },
    store(id) {
      return {
        load: async () => check(await db.sandboxes.get(id)),
        async save(record) {
          // The record and its entry in the list change together or not at all.
          await db.transaction('rw', db.catalog, db.sandboxes, async () => {
            await db.sandboxes.put({ id, format: 1, ...record });
            const meta = await db.catalog.get(id);
            await db.catalog.put({ id, name: meta?.name ?? 'Sandbox 1', createdAt: meta?.createdAt ?? record.savedAt, savedAt: record.savedAt, simTime: record.simTime });
          });
        },
        async clear() {
          await db.sandboxes.delete(id);
        },
      };
    },
  };
  return lib;
}

/** The first sandbox's store (the only one there was before sandboxes had names). */
export function indexedDbStore(name = 'kube-sandbox'): SnapshotStore {
  return indexedDbLibrary(name).store(FIRST_SANDBOX);
}

const BLOCKED = new Set(['MissingAPIError', 'InvalidStateError', 'SecurityError']);

/** IndexedDB is missing or refused (a private window, storage switched off), as Dexie reports it, wrapped or not. */
export function isStorageBlocked(e: unknown): boolean {
  const name = (e as { name?: string })?.name ?? '';
  const inner = (e as { inner?: { name?: string } })?.inner?.name ?? '';
  return BLOCKED.has(name) || ((name === 'OpenFailedError' || name === 'DatabaseClosedError') && BLOCKED.has(inner));
}

/** Words for a storage failure a person can act on. */
export function describeStorageError(e: unknown): string {
  const name = (e as { name?: string })?.name ?? '';
  const inner = (e as { inner?: { name?: string } })?.inner?.name ?? '';
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') return 'the browser refused to store more data (storage quota exceeded)';
  if (isStorageBlocked(e)) return 'this browser does not allow storage here (private window or storage disabled)';
  const message = e instanceof Error ? e.message : String(e);
  return message || name || 'unknown storage error';
}
