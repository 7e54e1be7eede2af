import { isDirectiveKey } from './directives';
import { badRequestPatch } from './errors';
import type { PatchSchema } from './meta';
import { checkPreconditions, conflictError, type PatchPrecondition } from './preconditions';
import { patchesConflict } from './strategic-conflicts';
import { diffMaps } from './strategic-diff';
import { mergeMap } from './strategic-merge';
import { deepClone, isJsonObject, type JsonObject, type JsonValue } from './value';

/**
 * Kubernetes' strategic merge patch (`application/strategic-merge-patch+json`): a JSON merge
 * patch that knows, from the schema, which lists merge by key (containers by `name`, ports by
 * `containerPort`...) and which are replaced, and that understands the directives
 * `$patch: replace | delete`, `$retainKeys`, `$deleteFromPrimitiveList/<field>` and
 * `$setElementOrder/<field>`. Errors are `PatchError`s with the server's texts and codes.
 */

/** Applies `patch` to `target` as the API server does. Never mutates its inputs. */
export function strategicMergePatch(target: unknown, patch: unknown, schema: PatchSchema): unknown {
  if (!isJsonObject(patch)) {
    throw badRequestPatch(`json: cannot unmarshal ${jsonKind(patch)} into Go value of type map[string]interface {}`);
  }
  const base = isJsonObject(target) ? deepClone(target) : {};
  const result = mergeMap(base, deepClone(patch), schema, { serverSide: true });
  // Directives inside newly added content are not fields of the type; the server's decoding
  // into the typed object would drop them, so they must not reach the stored object.
  return stripDirectiveKeys(result);
}

/**
 * The patch kubectl sends to turn `original` into `modified` (`kubectl edit`, `label`,
 * `annotate`, `set`...), with `$setElementOrder` so list order is kept.
 */
export function createTwoWayMergePatch(
  original: unknown,
  modified: unknown,
  schema: PatchSchema,
  options: { preconditions?: readonly PatchPrecondition[] } = {},
): JsonObject {
  const patch = diffMaps(asObject(original), asObject(modified), schema, { setElementOrder: true });
  checkPreconditions(patch, options.preconditions);
  return deepClone(patch);
}

/**
 * kubectl apply's patch: the changes and additions from the live object (`current`) to the
 * new configuration (`modified`), plus deletions of what was removed from the configuration
 * since the last apply (`original`, the last-applied-configuration annotation). Fields that
 * only the live object has (set by controllers or others) are not touched.
 *
 * With `overwrite: false` (kubectl apply --overwrite=false) the patch is refused when it
 * changes a field someone else changed since the last apply.
 */
export function createThreeWayMergePatch(
  original: unknown,
  modified: unknown,
  current: unknown,
  schema: PatchSchema,
  options: { overwrite?: boolean; preconditions?: readonly PatchPrecondition[] } = {},
): JsonObject {
  const before = asObject(original);
  const after = asObject(modified);
  const live = asObject(current);
  // Additions and changes come from live -> new config; deletions from last-applied -> new config.
  const delta = diffMaps(live, after, schema, { ignoreDeletions: true, setElementOrder: true });
  const deletions = diffMaps(before, after, schema, { ignoreChangesAndAdditions: true, setElementOrder: true });
  const patch = mergeMap(deepClone(deletions), deepClone(delta), schema, { serverSide: false });
  checkPreconditions(patch, options.preconditions);
  if (options.overwrite === false) {
    const changed = diffMaps(before, live, schema, {});
    if (patchesConflict(patch, changed, schema)) throw conflictError(patch, changed);
  }
  return deepClone(patch);
}

function asObject(value: unknown): JsonObject {
  return isJsonObject(value) ? value : {};
}

function stripDirectiveKeys<T extends JsonValue>(value: T): T {
  if (Array.isArray(value)) {
    for (const v of value) stripDirectiveKeys(v);
  } else if (isJsonObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (isDirectiveKey(k)) delete value[k];
      else stripDirectiveKeys(v);
    }
  }
  return value;
}

function jsonKind(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'boolean' ? 'bool' : typeof value;
}
