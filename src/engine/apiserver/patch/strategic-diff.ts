import { DELETE, DELETE_FROM_PRIMITIVE_LIST, DIRECTIVE, MERGE, REPLACE, RETAIN_KEYS, SET_ELEMENT_ORDER } from './directives';
import { compareGoStrings, goFormat } from './goformat';
import type { PatchSchema } from './meta';
import { smpErrors } from './strategic-errors';
import {
  dedupeScalars,
  elementType,
  mapWithKey,
  sameElement,
  sortByMergeKey,
  sortByOrder,
  sortScalars,
} from './strategic-lists';
import { deepEqual, hasKey, isJsonObject, type JsonObject, type JsonValue, jsonTypeOf } from './value';

/**
 * Computing a strategic merge patch from two documents, as kubectl does for `apply`, `edit`,
 * `label`, `set image` and friends. The options select which half of the difference to
 * keep, so three-way apply can take additions from one comparison and deletions from another.
 */
export interface DiffOptions {
  /** Emit `$setElementOrder/<field>` so the server reproduces the list order. */
  setElementOrder?: boolean;
  /** Keep only deletions. */
  ignoreChangesAndAdditions?: boolean;
  /** Keep only changes and additions. */
  ignoreDeletions?: boolean;
  /** This map's field has the retainKeys strategy: list its keys in `$retainKeys`. */
  buildRetainKeys?: boolean;
}

/** The patch that turns `original` into `modified` (restricted by `options`). */
export function diffMaps(original: JsonObject, modified: JsonObject, schema: PatchSchema, options: DiffOptions): JsonObject {
  const patch: JsonObject = {};
  const retainKeys: JsonValue[] = [];
  const keepChanges = !options.ignoreChangesAndAdditions;

  for (const [key, next] of Object.entries(modified)) {
    if (next === undefined) continue;
    if (options.buildRetainKeys && next !== null) retainKeys.push(key);
    if (!hasKey(original, key)) {
      if (keepChanges) patch[key] = next;
      continue;
    }
    const prev = original[key];
    if (key === DIRECTIVE) {
      if (typeof prev !== 'string' || typeof next !== 'string') throw smpErrors.invalidDirectiveValue();
      if (prev !== next) patch[DIRECTIVE] = next;
      continue;
    }
    if (jsonTypeOf(prev) !== jsonTypeOf(next)) {
      if (keepChanges) patch[key] = next;
      continue;
    }
    if (isJsonObject(prev)) diffMapField(key, prev, next as JsonObject, patch, schema, options);
    else if (Array.isArray(prev)) diffListField(key, prev, next as JsonValue[], patch, schema, options);
    else if (keepChanges && prev !== next) patch[key] = next;
  }

  if (!options.ignoreDeletions) {
    for (const key of Object.keys(original)) {
      if (hasKey(original, key) && !hasKey(modified, key)) patch[key] = null;
    }
  }

  // `$retainKeys` goes out when something changed, or when keys must be cleared.
  if (retainKeys.length > 0 && (Object.keys(patch).length > 0 || hasExtraKeys(original, modified))) {
    patch[RETAIN_KEYS] = sortScalars(retainKeys);
  }
  return patch;
}

function diffMapField(
  key: string,
  prev: JsonObject,
  next: JsonObject,
  patch: JsonObject,
  schema: PatchSchema,
  options: DiffOptions,
) {
  const { meta, schema: sub } = schema.lookup(key);
  if (meta.strategy === REPLACE) {
    // A replaced map always travels whole, even when unchanged.
    if (!options.ignoreChangesAndAdditions) patch[key] = next;
    return;
  }
  const nested = diffMaps(prev, next, sub, { ...options, buildRetainKeys: !!meta.retainKeys });
  if (Object.keys(nested).length > 0) patch[key] = nested;
}

function diffListField(
  key: string,
  prev: JsonValue[],
  next: JsonValue[],
  patch: JsonObject,
  schema: PatchSchema,
  options: DiffOptions,
) {
  const { meta, schema: sub } = schema.lookup(key);
  if (meta.strategy !== MERGE) {
    if (!options.ignoreChangesAndAdditions && !deepEqual(prev, next)) patch[key] = next;
    return;
  }
  const { changes, deletions, order } = diffLists(prev, next, sub, meta.mergeKey ?? '', {
    ...options,
    buildRetainKeys: !!meta.retainKeys,
  });
  if (changes.length > 0) patch[key] = changes;
  if (deletions.length > 0) patch[`${DELETE_FROM_PRIMITIVE_LIST}/${key}`] = deletions;
  if (order.length > 0) patch[`${SET_ELEMENT_ORDER}/${key}`] = order;
}

interface ListDiff {
  /** The patch list: changed and added elements, then `$patch: delete` elements. */
  changes: JsonValue[];
  /** Scalars to delete (`$deleteFromPrimitiveList`). */
  deletions: JsonValue[];
  /** The `$setElementOrder` list, when one is needed. */
  order: JsonValue[];
}

/** The difference of two lists with the merge strategy. */
function diffLists(
  original: JsonValue[],
  modified: JsonValue[],
  schema: PatchSchema,
  mergeKey: string,
  options: DiffOptions,
): ListDiff {
  const none: ListDiff = { changes: [], deletions: [], order: [] };
  if (original.length === 0) {
    // Nothing to merge with: send the new list as it is.
    if (modified.length === 0 || options.ignoreChangesAndAdditions) return none;
    return { changes: modified, deletions: [], order: [] };
  }

  const kind = elementType(original, modified);
  if (kind === 'object') {
    const { changes, deletions } = diffListsOfMaps(original, modified, schema, mergeKey, options);
    const ordered = [...sortByOrder(changes, modified, mergeKey, true), ...deletions];
    const orderSame = sameOrder(original, modified, mergeKey);
    const wantOrder =
      options.setElementOrder &&
      ((!options.ignoreChangesAndAdditions && (ordered.length > 0 || !orderSame)) ||
        (!options.ignoreDeletions && ordered.length > 0));
    const order = wantOrder
      ? modified.map((v) => ({ [mergeKey]: isJsonObject(v) ? (v[mergeKey] ?? null) : null }))
      : [];
    return { changes: ordered, deletions: [], order };
  }

  const { additions, deletions } = diffListsOfScalars(original, modified, options);
  const changes = sortByOrder(additions, modified, mergeKey, false);
  const wantOrder =
    options.setElementOrder &&
    ((!options.ignoreDeletions && deletions.length > 0) ||
      (!options.ignoreChangesAndAdditions && !deepEqual(original, modified)));
  return { changes, deletions, order: wantOrder ? modified : [] };
}

function sameOrder(original: JsonValue[], modified: JsonValue[], mergeKey: string): boolean {
  if (original.length !== modified.length) return false;
  return modified.every((item, i) => sameElement(original[i], item, mergeKey));
}

/** Walks both lists sorted by text: scalars only in `modified` are added, only in `original` deleted. */
function diffListsOfScalars(original: JsonValue[], modified: JsonValue[], options: DiffOptions) {
  const before = sortScalars(original);
  const after = sortScalars(modified);
  const additions: JsonValue[] = [];
  const deletions: JsonValue[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    const cmp =
      i >= before.length ? 1 : j >= after.length ? -1 : compareGoStrings(goFormat(before[i]), goFormat(after[j]));
    if (cmp === 0) {
      i++;
      j++;
    } else if (cmp < 0) {
      if (!options.ignoreDeletions) deletions.push(before[i]);
      i++;
    } else {
      if (!options.ignoreChangesAndAdditions) additions.push(after[j]);
      j++;
    }
  }
  return { additions, deletions: dedupeScalars(deletions) };
}

/**
 * Walks both lists sorted by merge key: matched elements are diffed recursively (the patch
 * element carries the merge key), new ones sent whole, missing ones deleted by directive.
 */
function diffListsOfMaps(
  original: JsonValue[],
  modified: JsonValue[],
  schema: PatchSchema,
  mergeKey: string,
  options: DiffOptions,
) {
  const before = sortByMergeKey(original, mergeKey);
  const after = sortByMergeKey(modified, mergeKey);
  const changes: JsonValue[] = [];
  const deletions: JsonValue[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    const prev = i < before.length ? mapWithKey(before[i], mergeKey) : undefined;
    const next = j < after.length ? mapWithKey(after[j], mergeKey) : undefined;
    const cmp = !prev ? 1 : !next ? -1 : compareGoStrings(goFormat(prev[mergeKey]), goFormat(next[mergeKey]));
    if (cmp === 0 && prev && next) {
      const nested = diffMaps(prev, next, schema, options);
      if (Object.keys(nested).length > 0) {
        nested[mergeKey] = next[mergeKey];
        changes.push(nested);
      }
      i++;
      j++;
    } else if (cmp > 0 && next) {
      if (!options.ignoreChangesAndAdditions) changes.push(next);
      j++;
    } else if (prev) {
      if (!options.ignoreDeletions) deletions.push({ [mergeKey]: prev[mergeKey], [DIRECTIVE]: DELETE });
      i++;
    }
  }
  return { changes, deletions };
}

/** Whether `original` has a non-null key that `modified` lacks. */
function hasExtraKeys(original: JsonObject, modified: JsonObject): boolean {
  return Object.entries(original).some(([k, v]) => v !== null && v !== undefined && !hasKey(modified, k));
}
