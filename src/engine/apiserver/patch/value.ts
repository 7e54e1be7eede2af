/**
 * JSON values as the patch machinery sees them: plain objects, arrays and scalars,
 * exactly what a JSON decoder produces. `undefined` never appears in a decoded document,
 * so helpers here treat an `undefined` property as an absent one.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export type JsonType = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function jsonTypeOf(value: unknown): JsonType {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    default:
      return 'object';
  }
}

export function hasKey(obj: JsonObject, key: string): boolean {
  return Object.hasOwn(obj, key) && obj[key] !== undefined;
}

/** Structural equality of two JSON values (object key order does not matter, array order does). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const ta = jsonTypeOf(a);
  if (ta !== jsonTypeOf(b)) return false;
  if (ta === 'array') {
    const xa = a as unknown[];
    const xb = b as unknown[];
    return xa.length === xb.length && xa.every((v, i) => deepEqual(v, xb[i]));
  }
  if (ta === 'object') {
    const oa = a as Record<string, unknown>;
    const ob = b as Record<string, unknown>;
    const ka = Object.keys(oa).filter((k) => oa[k] !== undefined);
    const kb = Object.keys(ob).filter((k) => ob[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => ob[k] !== undefined && deepEqual(oa[k], ob[k]));
  }
  // Scalars of the same JSON type that are not === (NaN never occurs in JSON).
  return false;
}

/**
 * A deep copy that shares nothing with its input, so the patch algorithms can work in place
 * on their own copies and never touch (possibly frozen) caller objects.
 */
export function deepClone<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : deepClone(v))) as T;
  if (isJsonObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = deepClone(v);
    return out as T;
  }
  return value;
}
