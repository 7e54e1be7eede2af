import type { KObject, Stored, WatchEvent } from '../api/types';
import type { ApiServer } from '../apiserver/apiserver';
import { type ResourceType, resourceKey } from '../apiserver/registry';

export interface InformerHandlers<T extends KObject> {
  add?(obj: Stored<T>): void;
  update?(obj: Stored<T>, old: Stored<T>): void;
  delete?(obj: Stored<T>): void;
}

export type IndexFunc<T extends KObject> = (obj: Stored<T>) => string[];

/**
 * A shared informer: a read-only cache of one resource, kept by a watch, with secondary indexes
 * (pods by node, by owner uid …) and event handlers. In the sandbox the watch is delivered
 * synchronously by the store, so the cache is always current; handlers must only enqueue work.
 */
export class Informer<T extends KObject = KObject> {
  private readonly cache = new Map<string, Stored<T>>();
  private readonly handlers: InformerHandlers<T>[] = [];
  private readonly indexers = new Map<string, IndexFunc<T>>();
  private readonly indexes = new Map<string, Map<string, Set<string>>>();
  private stop?: () => void;

  constructor(
    private readonly api: ApiServer,
    readonly resource: ResourceType,
  ) {}

  /** Start (or restart after a snapshot restore) from the store's current content. */
  start(): void {
    this.stop?.();
    this.cache.clear();
    for (const idx of this.indexes.values()) idx.clear();
    this.stop = this.api.store.watch(resourceKey(this.resource), (e) => this.onEvent(e as WatchEvent<T>));
    for (const obj of this.api.store.each(resourceKey(this.resource))) this.put(obj as Stored<T>);
  }

  addHandlers(h: InformerHandlers<T>): void {
    this.handlers.push(h);
  }

  addIndex(name: string, fn: IndexFunc<T>): void {
    if (this.indexers.has(name)) return;
    this.indexers.set(name, fn);
    const idx = new Map<string, Set<string>>();
    this.indexes.set(name, idx);
    for (const [key, obj] of this.cache) for (const v of fn(obj)) addTo(idx, v, key);
  }

  get(namespace: string, name: string): Stored<T> | undefined {
    return this.cache.get(cacheKey(namespace, name));
  }

  /** Every cached object (or those in one namespace), in no particular order. */
  list(namespace?: string): Stored<T>[] {
    const out: Stored<T>[] = [];
    for (const obj of this.cache.values()) {
      if (namespace === undefined || (obj.metadata.namespace ?? '') === namespace) out.push(obj);
    }
    return out;
  }

  byIndex(name: string, value: string): Stored<T>[] {
    const keys = this.indexes.get(name)?.get(value);
    if (!keys) return [];
    const out: Stored<T>[] = [];
    for (const k of keys) {
      const obj = this.cache.get(k);
      if (obj) out.push(obj);
    }
    return out;
  }

  /** How many objects an index holds under `value`, without listing them. */
  countByIndex(name: string, value: string): number {
    return this.indexes.get(name)?.get(value)?.size ?? 0;
  }

  size(): number {
    return this.cache.size;
  }

  private onEvent(e: WatchEvent<T>): void {
    const key = keyOf(e.object);
    const old = this.cache.get(key);
    if (e.type === 'DELETED') {
      this.drop(key, old ?? e.object);
      for (const h of this.handlers) h.delete?.(e.object);
      return;
    }
    if (old) this.reindex(key, old, e.object);
    else this.put(e.object);
    for (const h of this.handlers) {
      if (old) h.update?.(e.object, old);
      else h.add?.(e.object);
    }
  }

  private put(obj: Stored<T>): void {
    const key = keyOf(obj);
    this.cache.set(key, obj);
    for (const [name, fn] of this.indexers) {
      const idx = this.indexes.get(name) as Map<string, Set<string>>;
      for (const v of fn(obj)) addTo(idx, v, key);
    }
  }

  /** An update: index entries move only where an index's values changed (most writes are status). */
  private reindex(key: string, old: Stored<T>, obj: Stored<T>): void {
    this.cache.set(key, obj);
    for (const [name, fn] of this.indexers) {
      const before = fn(old);
      const after = fn(obj);
      if (sameValues(before, after)) continue;
      const idx = this.indexes.get(name) as Map<string, Set<string>>;
      for (const v of before) removeFrom(idx, v, key);
      for (const v of after) addTo(idx, v, key);
    }
  }

  private drop(key: string, obj: Stored<T>): void {
    this.unindex(key, obj);
    this.cache.delete(key);
  }

  private unindex(key: string, obj: Stored<T>): void {
    for (const [name, fn] of this.indexers) {
      const idx = this.indexes.get(name) as Map<string, Set<string>>;
      for (const v of fn(obj)) removeFrom(idx, v, key);
    }
  }
}

function addTo(idx: Map<string, Set<string>>, value: string, key: string): void {
  let set = idx.get(value);
  if (!set) {
    set = new Set();
    idx.set(value, set);
  }
  set.add(key);
}

function removeFrom(idx: Map<string, Set<string>>, value: string, key: string): void {
  const set = idx.get(value);
  if (!set) return;
  set.delete(key);
  if (!set.size) idx.delete(value);
}

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function cacheKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/** `namespace/name` (or `name` for cluster-scoped objects): a work queue key. */
export function keyOf(obj: KObject): string {
  return cacheKey(obj.metadata?.namespace, obj.metadata?.name ?? '');
}

export function splitKey(key: string): [namespace: string, name: string] {
  const i = key.indexOf('/');
  return i < 0 ? ['', key] : [key.slice(0, i), key.slice(i + 1)];
}

/** Shares one informer per resource among all controllers. */
export class InformerFactory {
  private readonly informers = new Map<string, Informer>();
  constructor(private readonly api: ApiServer) {}

  for<T extends KObject = KObject>(ref: string): Informer<T> {
    const rt = this.api.resource(ref);
    const key = resourceKey(rt);
    let inf = this.informers.get(key);
    if (!inf) {
      inf = new Informer(this.api, rt);
      this.informers.set(key, inf);
      inf.start();
    }
    return inf as unknown as Informer<T>;
  }

  /** Rebuild every cache from the store (after a snapshot restore). */
  restart(): void {
    for (const inf of this.informers.values()) inf.start();
  }
}
