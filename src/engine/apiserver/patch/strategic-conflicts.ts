import { DIRECTIVE, MERGE, REPLACE, RETAIN_KEYS } from './directives';
import { unclassifiedPatch } from './errors';
import { goFormatS } from './goformat';
import type { PatchSchema } from './meta';
import { dedupeScalars, elementType, sortScalars } from './strategic-lists';
import { deepEqual, hasKey, isJsonObject, type JsonObject, type JsonValue } from './value';

/**
 * Whether two strategic patches touch the same field differently. kubectl apply checks this
 * only with `--overwrite=false`: the apply patch against the changes others made since the
 * last apply. Lists that merge conflict only through elements with the same key.
 */
export function patchesConflict(left: JsonObject, right: JsonObject, schema: PatchSchema): boolean {
  return valuesConflict(left, right, schema, undefined, '');
}

function valuesConflict(
  left: JsonValue,
  right: JsonValue,
  schema: PatchSchema,
  strategy: string | undefined,
  mergeKey: string,
): boolean {
  if (isJsonObject(left)) {
    if (!isJsonObject(right)) return true;
    const l = hasKey(left, DIRECTIVE);
    const r = hasKey(right, DIRECTIVE);
    // A directive acts on the whole map: it conflicts with anything else done to the map.
    if ((l || r) && (l !== r || left[DIRECTIVE] !== right[DIRECTIVE])) return true;
    if (strategy === REPLACE) return false;
    return mapsConflict(left, right, schema);
  }
  if (Array.isArray(left)) {
    if (!Array.isArray(right)) return true;
    return listsConflict(left, right, schema, strategy, mergeKey);
  }
  return !deepEqual(left, right);
}

function mapsConflict(left: JsonObject, right: JsonObject, schema: PatchSchema): boolean {
  for (const [key, value] of Object.entries(left)) {
    if (key === DIRECTIVE || key === RETAIN_KEYS || !hasKey(right, key)) continue;
    const lookup = isJsonObject(value) || Array.isArray(value) ? schema.lookup(key) : undefined;
    if (
      valuesConflict(
        value,
        right[key],
        lookup?.schema ?? schema,
        lookup?.meta.strategy,
        lookup?.meta.mergeKey ?? '',
      )
    ) {
      return true;
    }
  }
  return false;
}

function listsConflict(
  left: JsonValue[],
  right: JsonValue[],
  schema: PatchSchema,
  strategy: string | undefined,
  mergeKey: string,
): boolean {
  const kind = elementType(left, right);
  if (strategy === MERGE) {
    // Merged scalar lists never conflict; merged map lists conflict per key.
    if (kind !== 'object') return false;
    const l = byMergeKey(left, mergeKey);
    const r = byMergeKey(right, mergeKey);
    for (const [k, v] of l) {
      const other = r.get(k);
      if (other !== undefined && valuesConflict(v, other, schema, undefined, '')) return true;
    }
    return false;
  }
  if (left.length !== right.length) return true;
  const [a, b] = kind === 'object' ? [left, right] : [sortScalars(dedupeScalars(left)), sortScalars(dedupeScalars(right))];
  return a.some((v, i) => valuesConflict(v, b[i], schema, undefined, ''));
}

function byMergeKey(list: JsonValue[], mergeKey: string): Map<string, JsonValue> {
  const out = new Map<string, JsonValue>();
  for (const item of list) {
    if (!isJsonObject(item)) throw unclassifiedPatch(`invalid element type in merging list:${goFormatS(list)}`);
    if (!hasKey(item, mergeKey)) {
      throw unclassifiedPatch(`cannot find merge key \`${mergeKey}\` in merging list element:${goFormatS(item)}`);
    }
    out.set(goFormatS(item[mergeKey]), item);
  }
  return out;
}
