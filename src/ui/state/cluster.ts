import { create } from 'zustand';
import type { KObject } from '../../engine/api/types';
import type { ClockState, StorageStatus, WatchBatch } from '../../worker/protocol';

export type Table = Map<string, KObject>;
export type Objects = Record<string, Table>;

export interface ClusterCache {
  now: number;
  clock?: ClockState;
  storage?: StorageStatus;
  /** resource key → `namespace/name` → object */
  objects: Objects;
  /** Bumped on every reset batch: views that keep layout state start over. */
  generation: number;
  apply(batch: WatchBatch): void;
  /** Several batches, in order, as one store update (see perFrame). */
  applyAll(batches: WatchBatch[]): void;
}

export function keyOf(o: KObject): string {
  const ns = o.metadata?.namespace;
  return ns ? `${ns}/${o.metadata?.name}` : (o.metadata?.name ?? '');
}

/** Fold a batch of watch changes into the cache: only the tables that changed get new identities. */
export function applyBatch(objects: Objects, batch: WatchBatch): Objects {
  if (!batch.reset && !batch.changes.length) return objects;
  const next: Objects = batch.reset ? {} : { ...objects };
  const touched = new Set<string>();
  for (const c of batch.changes) {
    if (!touched.has(c.resource)) {
      touched.add(c.resource);
      next[c.resource] = new Map(batch.reset ? [] : (objects[c.resource] ?? []));
    }
    const table = next[c.resource];
    if (c.type === 'DELETED') table.delete(keyOf(c.object));
    else table.set(keyOf(c.object), c.object);
  }
  return next;
}

/** The page's cache of the cluster, built only from the worker's watch batches. */
export const useCluster = create<ClusterCache>((set) => ({
  now: 0,
  objects: {},
  generation: 0,
  apply: (batch) => set((s) => fold(s, batch)),
  applyAll: (batches) => set((s) => batches.reduce(fold, s)),
}));

type CacheData = Pick<ClusterCache, 'now' | 'objects' | 'clock' | 'storage' | 'generation'>;

function fold(s: CacheData, batch: WatchBatch): CacheData {
  return {
    now: batch.now,
    objects: applyBatch(s.objects, batch),
    clock: batch.clock ?? s.clock,
    storage: batch.storage ?? s.storage,
    generation: batch.reset ? s.generation + 1 : s.generation,
  };
}

const EMPTY: Table = new Map();

/** One resource's table (stable identity while it does not change). */
export function tableOf(objects: Objects, resource: string): Table {
  return objects[resource] ?? EMPTY;
}

export function listOf<T extends KObject>(objects: Objects, resource: string): T[] {
  return [...(objects[resource]?.values() ?? [])].sort((a, b) => keyOf(a).localeCompare(keyOf(b))) as T[];
}
