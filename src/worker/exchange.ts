import type { EngineSnapshot } from './engine';
import type { SavedSandbox } from './persist';

/**
 * A sandbox as a file: the CLI's `--state` format (src/cli/state.ts), so `sandbox kubectl …
 * --state FILE` and the lesson grader read an exported sandbox as it is. The extra fields
 * bring the browser's clock back as it was; the CLI ignores them.
 */
export interface SandboxFile {
  format: 'kube-sandbox/state';
  version: 1;
  cluster: unknown;
  kubeconfig?: unknown;
  name?: string;
  speed?: number;
  simTime?: number;
  savedAt?: number;
}

export type SandboxRecord = Omit<SavedSandbox, 'id' | 'format'>;

export function toFile(name: string, record: SandboxRecord): string {
  const file: SandboxFile = {
    format: 'kube-sandbox/state',
    version: 1,
    cluster: record.engine.cluster,
    kubeconfig: record.engine.kubeconfig,
    name,
    speed: record.speed,
    simTime: record.simTime,
    savedAt: record.savedAt,
  };
  return JSON.stringify(file);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Read a sandbox file. Accepts the state format and the copy the storage banner downloads
 * (`{format: 1, engine}`). `restore` must build the cluster (it throws if the snapshot is not a
 * cluster) and says what time it is in it. Every problem is an Error a person can read.
 */
export function parseFile(text: string, restore: (snapshot: EngineSnapshot) => number, epochNow: number): { name?: string; record: SandboxRecord } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`it is not JSON (${(e as Error).message})`);
  }
  if (!isObject(data)) throw new Error('it is not a sandbox file');
  let snapshot: EngineSnapshot;
  if (data.format === 'kube-sandbox/state') {
    if (data.version !== 1) throw new Error(`its version ${JSON.stringify(data.version)} is not one this version can read`);
    snapshot = { cluster: data.cluster, kubeconfig: data.kubeconfig };
  } else if (data.format === 1 && isObject(data.engine)) {
    snapshot = { cluster: data.engine.cluster, kubeconfig: data.engine.kubeconfig };
  } else throw new Error('it is not a sandbox file (no "format": "kube-sandbox/state")');
  if (!isObject(snapshot.cluster)) throw new Error('it has no cluster in it');
  if (snapshot.kubeconfig !== undefined && !isObject(snapshot.kubeconfig)) throw new Error('its kubeconfig is not an object');
  let now: number;
  try {
    now = restore(snapshot);
  } catch (e) {
    throw new Error(`its cluster cannot be restored (${e instanceof Error ? e.message : String(e)})`);
  }
  const speed = typeof data.speed === 'number' && Number.isFinite(data.speed) && data.speed >= 0 ? data.speed : 0;
  const name = typeof data.name === 'string' && data.name.trim() ? data.name.trim().slice(0, 100) : undefined;
  return { name, record: { engine: snapshot, speed, simTime: now, savedAt: epochNow } };
}
