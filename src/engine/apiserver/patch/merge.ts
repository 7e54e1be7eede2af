import { badRequestPatch } from './errors';
import { deepClone, deepEqual, hasKey, isJsonObject, type JsonObject, type JsonValue } from './value';

/**
 * JSON merge patch (RFC 7386), as the API server applies `application/merge-patch+json`:
 * objects merge key by key, `null` deletes a key, anything else (arrays included) replaces.
 *
 * Where the server's merge library goes beyond the RFC text, it is followed: a value that
 * lands where the target had nothing (or null, or a non-object) has `null` members pruned from
 * every object inside it, arrays included, while an array or scalar that replaces an object
 * is stored as sent. Never mutates its inputs.
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  const p = (patch ?? null) as JsonValue;
  if (!isJsonObject(p)) return withoutNullMembers(p);
  return mergeInto(deepClone((target ?? null) as JsonValue), p);
}

/**
 * The API server refuses a merge patch body that is `null` or a bare scalar (400 `Invalid JSON
 * Patch`) before applying anything; RFC 7386 alone would let it replace the whole object.
 */
export function checkMergePatchBody(patch: unknown): void {
  if (patch === null || patch === undefined || typeof patch !== 'object') throw badRequestPatch('Invalid JSON Patch');
}

/** Applies an object patch to `target`, which the caller owns and which may be reused. */
function mergeInto(target: JsonValue, patch: JsonObject): JsonObject {
  if (!isJsonObject(target)) return withoutNullMembers(patch) as JsonObject;
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const current = target[key];
    if (value === null) delete target[key];
    else if (current === undefined || current === null) target[key] = withoutNullMembers(value);
    else if (isJsonObject(value)) target[key] = mergeInto(current, value);
    else if (isJsonObject(current)) target[key] = deepClone(value);
    else target[key] = withoutNullMembers(value);
  }
  return target;
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
