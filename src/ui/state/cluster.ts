import { create } from 'zustand';
import type { KObject } from '../../engine/api/types';
import type { WatchBatch } from '../../worker/protocol';

type Table = Map<string, KObject>;

export interface ClusterCache {
  now: number;
  /** resource key → `namespace/name` → object */
  objects: Record<string, Table>;
  apply(batch: WatchBatch): void;
}

function keyOf(o: KObject): string {
  const ns = o.metadata?.namespace;
  return ns ? `${ns}/${o.metadata?.name}` : (o.metadata?.name ?? '');
}

/** Fold a batch of watch changes into the cache: only the tables that changed get new identities. */
export function applyBatch(objects: Record<string, Table>, batch: WatchBatch): Record<string, Table> {
  const next: Record<string, Table> = batch.reset ? {} : { ...objects };
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
  apply: (batch) => set((s) => ({ now: batch.now, objects: applyBatch(s.objects, batch) })),
}));

export function listOf<T extends KObject>(objects: Record<string, Table>, resource: string): T[] {
  return [...(objects[resource]?.values() ?? [])].sort((a, b) => keyOf(a).localeCompare(keyOf(b))) as T[];
}
