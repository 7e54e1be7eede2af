import Dexie, { type Table } from 'dexie';
import type { EngineSnapshot } from './engine';

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

const CURRENT = 'current';

class SandboxDb extends Dexie {
  sandboxes!: Table<SavedSandbox, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ sandboxes: 'id' });
  }
}

/** The browser's IndexedDB (through Dexie), one record per sandbox. */
export function indexedDbStore(name = 'kube-sandbox'): SnapshotStore {
  const db = new SandboxDb(name);
  return {
    async load() {
      const rec = await db.sandboxes.get(CURRENT);
      if (rec && rec.format !== 1) throw new Error(`the saved sandbox has an unknown format (${String(rec.format)})`);
      return rec;
    },
    async save(record) {
      await db.sandboxes.put({ id: CURRENT, format: 1, ...record });
    },
    async clear() {
      await db.sandboxes.delete(CURRENT);
    },
  };
}

/** Words for a storage failure a person can act on. */
export function describeStorageError(e: unknown): string {
  const name = (e as { name?: string })?.name ?? '';
  const inner = (e as { inner?: { name?: string } })?.inner?.name ?? '';
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') return 'the browser refused to store more data (storage quota exceeded)';
  if (name === 'MissingAPIError' || name === 'InvalidStateError') return 'this browser does not allow storage here (private window or storage disabled)';
  const message = e instanceof Error ? e.message : String(e);
  return message || name || 'unknown storage error';
}
