import { deepFreeze, type Stored, type WatchEvent } from '../api/types';

export type StoreWatchHandler = (event: WatchEvent, resource: string) => void;

export interface StoreSnapshot {
  resourceVersion: number;
  /** Objects per resource key, in key order. */
  objects: Record<string, Stored[]>;
}

/** How many recent events per resource a watch may resume from (older: 410 Expired). */
const HISTORY_LIMIT = 4096;

interface HistoryEntry {
  rv: number;
  event: WatchEvent;
}

/**
 * The versioned object store (the sandbox's etcd): objects per resource, namespace and name, one
 * global resourceVersion counter, and watch with resume from a recent resourceVersion.
 * Watch handlers run synchronously on every write, in write order; they must not write back
 * (informers only enqueue keys), which keeps the history deterministic.
 */
export class ObjectStore {
  private rv = 0;
  /** resource key → namespace ('' for cluster-scoped) → name → object */
  private readonly tables = new Map<string, Map<string, Map<string, Stored>>>();
  private readonly watchers = new Map<string, Set<StoreWatchHandler>>();
  private readonly everything = new Set<StoreWatchHandler>();
  /**
   * The handlers as arrays, replaced (never changed in place) when a watch starts or stops: emit
   * runs the array it finds, exactly as if it had copied the set, without a copy per write.
   */
  private readonly watcherLists = new Map<string, StoreWatchHandler[]>();
  private everythingList: StoreWatchHandler[] = [];
  private readonly history = new Map<string, HistoryEntry[]>();

  constructor(private readonly freezeObjects = true) {}

  resourceVersion(): number {
    return this.rv;
  }

  /** Claim the next resourceVersion (every write gets its own). */
  nextResourceVersion(): string {
    this.rv += 1;
    return String(this.rv);
  }

  get(resource: string, namespace: string, name: string): Stored | undefined {
    return this.tables.get(resource)?.get(namespace)?.get(name);
  }

  /** Objects of a resource in one namespace (or all), ordered by namespace then name as etcd keys are. */
  list(resource: string, namespace?: string): Stored[] {
    const table = this.tables.get(resource);
    if (!table) return [];
    const spaces = namespace === undefined ? [...table.keys()].sort() : [namespace];
    const out: Stored[] = [];
    for (const ns of spaces) {
      const names = table.get(ns);
      if (!names) continue;
      const sorted = [...names.keys()].sort();
      for (const n of sorted) out.push(names.get(n) as Stored);
    }
    return out;
  }

  /** Every object of a resource, unordered: for informers and indexes that do not need key order. */
  *each(resource: string): Iterable<Stored> {
    const table = this.tables.get(resource);
    if (!table) return;
    for (const names of table.values()) yield* names.values();
  }

  count(resource: string, namespace?: string): number {
    const table = this.tables.get(resource);
    if (!table) return 0;
    if (namespace !== undefined) return table.get(namespace)?.size ?? 0;
    let n = 0;
    for (const names of table.values()) n += names.size;
    return n;
  }

  resources(): string[] {
    return [...this.tables.keys()].sort();
  }

  /** Store an object whose metadata.resourceVersion the caller set from nextResourceVersion(). */
  put(resource: string, obj: Stored, type: 'ADDED' | 'MODIFIED'): Stored {
    if (this.freezeObjects) deepFreeze(obj);
    const ns = obj.metadata.namespace ?? '';
    let table = this.tables.get(resource);
    if (!table) {
      table = new Map();
      this.tables.set(resource, table);
    }
    let names = table.get(ns);
    if (!names) {
      names = new Map();
      table.set(ns, names);
    }
    names.set(obj.metadata.name, obj);
    this.emit(resource, { type, object: obj });
    return obj;
  }

  /** Remove an object; `final` is the object as it was at deletion, with a fresh resourceVersion. */
  remove(resource: string, final: Stored): void {
    if (this.freezeObjects) deepFreeze(final);
    const ns = final.metadata.namespace ?? '';
    const names = this.tables.get(resource)?.get(ns);
    if (!names) return;
    names.delete(final.metadata.name);
    if (names.size === 0) this.tables.get(resource)?.delete(ns);
    this.emit(resource, { type: 'DELETED', object: final });
  }

  /**
   * Watch one resource (or '*' for all). With `sinceResourceVersion`, first replays the events
   * after it; throws `expired` when that version is older than the kept history.
   */
  watch(resource: string, handler: StoreWatchHandler, sinceResourceVersion?: number): () => void {
    if (sinceResourceVersion !== undefined && sinceResourceVersion < this.rv) {
      for (const [res, event] of this.eventsSince(resource, sinceResourceVersion)) handler(event, res);
    }
    if (resource === '*') {
      this.everything.add(handler);
      this.everythingList = [...this.everything];
      return () => {
        this.everything.delete(handler);
        this.everythingList = [...this.everything];
      };
    }
    let set = this.watchers.get(resource);
    if (!set) {
      set = new Set();
      this.watchers.set(resource, set);
    }
    set.add(handler);
    this.watcherLists.set(resource, [...set]);
    return () => {
      set.delete(handler);
      this.watcherLists.set(resource, [...set]);
    };
  }

  snapshot(): StoreSnapshot {
    const objects: Record<string, Stored[]> = {};
    for (const resource of this.resources()) objects[resource] = this.list(resource);
    return { resourceVersion: this.rv, objects };
  }

  /** Replace everything with a snapshot's content; watchers are kept but told nothing. */
  restore(snapshot: StoreSnapshot): void {
    this.tables.clear();
    this.history.clear();
    this.rv = snapshot.resourceVersion;
    for (const [resource, objs] of Object.entries(snapshot.objects)) {
      const table = new Map<string, Map<string, Stored>>();
      for (const obj of objs) {
        const copy = structuredClone(obj);
        if (this.freezeObjects) deepFreeze(copy);
        const ns = copy.metadata.namespace ?? '';
        let names = table.get(ns);
        if (!names) {
          names = new Map();
          table.set(ns, names);
        }
        names.set(copy.metadata.name, copy);
      }
      this.tables.set(resource, table);
    }
  }

  private eventsSince(resource: string, rv: number): [string, WatchEvent][] {
    const sources = resource === '*' ? [...this.history.keys()] : [resource];
    const out: [string, number, WatchEvent][] = [];
    for (const res of sources) {
      const entries = this.history.get(res) ?? [];
      if (entries.length >= HISTORY_LIMIT && entries[0].rv > rv + 1) {
        throw new ExpiredError(rv);
      }
      for (const e of entries) if (e.rv > rv) out.push([res, e.rv, e.event]);
    }
    return out.sort((a, b) => a[1] - b[1]).map(([res, , e]) => [res, e]);
  }

  private emit(resource: string, event: WatchEvent): void {
    let entries = this.history.get(resource);
    if (!entries) {
      entries = [];
      this.history.set(resource, entries);
    }
    entries.push({ rv: Number(event.object.metadata.resourceVersion), event });
    if (entries.length > HISTORY_LIMIT * 2) entries.splice(0, entries.length - HISTORY_LIMIT);
    const list = this.watcherLists.get(resource);
    if (list) for (const h of list) h(event, resource);
    for (const h of this.everythingList) h(event, resource);
  }
}

export class ExpiredError extends Error {
  constructor(readonly resourceVersion: number) {
    super(`too old resource version: ${resourceVersion}`);
  }
}
