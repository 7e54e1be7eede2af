import type { ObjectMeta } from 'kubernetes-types/meta/v1';

/**
 * Any Kubernetes object as it travels through the API: typed kinds from `kubernetes-types`
 * are assignable to it. Objects returned by the store are read-only (frozen when
 * `freezeObjects` is on): copy before changing.
 */
export interface KObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

/** An object whose other fields (spec, status, data …) are read generically. */
export type AnyObject = KObject & { [field: string]: unknown };

/** Remove `readonly` (the API server sets the fields kubernetes-types marks server-owned). */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** ObjectMeta as the server writes it. */
export type WritableMeta = Mutable<ObjectMeta>;

/** The metadata of an object, for the server to write (creating it when absent). */
export function metaOf(obj: KObject): WritableMeta {
  const o = obj as { metadata?: ObjectMeta };
  if (!o.metadata || typeof o.metadata !== 'object') o.metadata = {};
  return o.metadata as WritableMeta;
}

/** An object after the API server stored it: its identity fields are always set. */
export type Stored<T extends KObject = KObject> = T & {
  apiVersion: string;
  kind: string;
  metadata: WritableMeta & {
    name: string;
    uid: string;
    resourceVersion: string;
    creationTimestamp: string;
  };
};

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent<T extends KObject = KObject> {
  type: WatchEventType;
  object: Stored<T>;
}

/**
 * Deep copy of a JSON-shaped value (objects in the store are plain JSON). A plain recursive copy:
 * several times faster than structuredClone for the small objects the API moves, and it copies
 * frozen objects into unfrozen ones. `undefined` members are dropped, as JSON would.
 */
export function clone<T>(value: T): T {
  return copyJson(value) as T;
}

function copyJson(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = copyJson(v[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k in v as Record<string, unknown>) {
    const x = (v as Record<string, unknown>)[k];
    if (x === undefined) continue;
    // A `__proto__` key from parsed input is data: assigning it would set the copy's prototype instead.
    if (k === '__proto__') Object.defineProperty(out, k, { value: copyJson(x), enumerable: true, writable: true, configurable: true });
    else out[k] = copyJson(x);
  }
  return out;
}

/** Freeze a JSON value and everything under it. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}
