import { createMergePatch, mergePatch } from './merge';
import { checkPreconditions, conflictError, type PatchPrecondition } from './preconditions';
import { deepEqual, isJsonObject, type JsonObject, type JsonValue } from './value';

/**
 * kubectl apply's three-way patch for kinds without strategic metadata (custom resources),
 * as a JSON merge patch: the changes and additions from the live object to the new
 * configuration, plus `null` for every field removed from the configuration since the last
 * apply. Fields only the live object has (set by controllers or other users) are left alone.
 *
 * @param original the last-applied configuration (`kubectl.kubernetes.io/last-applied-configuration`)
 * @param modified the configuration being applied
 * @param current the live object
 */
export function createThreeWayJsonMergePatch(
  original: unknown,
  modified: unknown,
  current: unknown,
  options: { preconditions?: readonly PatchPrecondition[] } = {},
): JsonObject {
  const asObject = (v: unknown): JsonObject => (isJsonObject(v) ? v : {});
  const additions = filterNulls(createMergePatch(asObject(current), asObject(modified)) as JsonObject, false);
  const deletions = filterNulls(createMergePatch(asObject(original), asObject(modified)) as JsonObject, true);
  if (mergePatchesConflict(additions, deletions)) throw conflictError(additions, deletions);
  const patch = mergePatch(deletions, additions) as JsonObject;
  checkPreconditions(patch, options.preconditions);
  return patch;
}

/**
 * With `keep`, only the `null`s (deletions) of a merge patch; without, everything but them.
 * An explicitly empty map is a value, and a map left empty by filtering is dropped.
 */
export function filterNulls(patch: JsonObject, keep: boolean): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      if (keep) out[key] = null;
    } else if (isJsonObject(value)) {
      if (Object.keys(value).length === 0) {
        if (!keep) out[key] = value;
        continue;
      }
      const nested = filterNulls(value, keep);
      if (Object.keys(nested).length > 0) out[key] = nested;
    } else if (!keep) {
      out[key] = value;
    }
  }
  return out;
}

/** Whether two merge patches set a common key to different values. */
function mergePatchesConflict(left: JsonValue, right: JsonValue): boolean {
  if (isJsonObject(left)) {
    if (!isJsonObject(right)) return true;
    return Object.keys(left).some((k) => Object.hasOwn(right, k) && mergePatchesConflict(left[k], right[k]));
  }
  if (Array.isArray(left)) {
    if (!Array.isArray(right) || left.length !== right.length) return true;
    return left.some((v, i) => mergePatchesConflict(v, right[i]));
  }
  return !deepEqual(left, right);
}
