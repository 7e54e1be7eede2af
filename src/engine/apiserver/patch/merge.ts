import { deepClone, deepEqual, hasKey, isJsonObject, type JsonObject, type JsonValue } from './value';

/**
 * JSON merge patch (RFC 7386), as the API server applies `application/merge-patch+json`:
 * objects merge key by key, `null` deletes a key, anything else (arrays included) replaces.
 *
 * One deliberate detail follows the server rather than the RFC text: when a value is
 * replaced, `null` members are pruned from objects nested anywhere inside it, arrays of
 * objects included, because the server's merge library does so before storing the value.
 * Never mutates its inputs.
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  return mergeInto(deepClone((target ?? null) as JsonValue), (patch ?? null) as JsonValue);
}

/** Applies `patch` to `target`, which the caller owns and which may be reused in the result. */
function mergeInto(target: JsonValue, patch: JsonValue): JsonValue {
  if (!isJsonObject(patch)) return withoutNullMembers(patch);
  const base: JsonObject = isJsonObject(target) ? target : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete base[key];
    else if (isJsonObject(value) && isJsonObject(base[key])) base[key] = mergeInto(base[key], value);
    else base[key] = withoutNullMembers(value);
  }
  return base;
}

/**
 * The minimal merge patch that turns `original` into `modified`: changed and added keys,
 * `null` for removed keys, nested objects diffed recursively, arrays sent whole when they
 * differ. A `null` value inside `modified` cannot survive a merge patch (it means delete),
 * which is inherent to RFC 7386.
 */
export function createMergePatch(original: unknown, modified: unknown): unknown {
  if (!isJsonObject(original) || !isJsonObject(modified)) return deepClone(modified ?? null);
  return diffObjects(original, modified);
}

function diffObjects(original: JsonObject, modified: JsonObject): JsonObject {
  const patch: JsonObject = {};
  for (const [key, next] of Object.entries(modified)) {
    if (next === undefined) continue;
    if (!hasKey(original, key)) {
      patch[key] = deepClone(next);
      continue;
    }
    const prev = original[key];
    if (isJsonObject(prev) && isJsonObject(next)) {
      const sub = diffObjects(prev, next);
      if (Object.keys(sub).length > 0) patch[key] = sub;
    } else if (!deepEqual(prev, next)) {
      patch[key] = deepClone(next);
    }
  }
  for (const key of Object.keys(original)) {
    if (hasKey(original, key) && !hasKey(modified, key)) patch[key] = null;
  }
  return patch;
}

/** A copy of `value` with every `null` object member removed, at any depth. */
export function withoutNullMembers(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(withoutNullMembers);
  if (isJsonObject(value)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== null && v !== undefined) out[k] = withoutNullMembers(v);
    }
    return out;
  }
  return value;
}
