import {
  DELETE,
  DELETE_FROM_PRIMITIVE_LIST,
  DIRECTIVE,
  MERGE,
  parallelListField,
  REPLACE,
  RETAIN_KEYS,
  SET_ELEMENT_ORDER,
} from './directives';
import type { PatchSchema } from './meta';
import { smpErrors } from './strategic-errors';
import {
  dedupeScalars,
  elementType,
  findByKey,
  hasDirective,
  isDeleteDirective,
  mapWithKey,
  orderMergedList,
  partitionByPresence,
  sameElement,
} from './strategic-lists';
import { deepEqual, hasKey, isJsonObject, type JsonObject, type JsonValue, jsonTypeOf } from './value';

/**
 * Merging a strategic merge patch into a map. The same procedure serves two callers:
 *
 * - the server applying a patch to an object (`serverSide`): parallel lists
 *   (`$deleteFromPrimitiveList`, `$setElementOrder`) and `$retainKeys` act on the object, and
 *   a `null` for a key the object lacks is simply dropped;
 * - kubectl combining two patches into one (three-way apply): those directives are carried
 *   over into the result, and `null`s are kept so they still delete on the server.
 *
 * Works in place on `original` and `patch`; callers pass copies they own.
 */
export interface MergeMode {
  serverSide: boolean;
}

export function mergeMap(original: JsonObject | null, patch: JsonObject, schema: PatchSchema, mode: MergeMode): JsonObject {
  if (hasKey(patch, DIRECTIVE)) return mapDirective(patch[DIRECTIVE], patch);
  const target = original ?? {};
  applyRetainKeys(target, patch, mode);
  applyElementOrder(target, patch, schema, mode);
  // Deletions from scalar lists run after additions, so "add x, delete x" ends without x
  // whatever order the keys arrived in.
  const keys = Object.keys(patch).filter((k) => patch[k] !== undefined);
  const isDeletion = (k: string) => k.startsWith(DELETE_FROM_PRIMITIVE_LIST);
  for (const key of [...keys.filter((k) => !isDeletion(k)), ...keys.filter(isDeletion)]) {
    mergeField(target, key, patch[key], schema, mode);
  }
  return target;
}

/** `$patch` in a map: `replace` takes the patch as the whole map, `delete` empties it. */
function mapDirective(directive: JsonValue, patch: JsonObject): JsonObject {
  if (directive === REPLACE) {
    delete patch[DIRECTIVE];
    return patch;
  }
  if (directive === DELETE) return {};
  throw smpErrors.badPatchType(directive, patch);
}

function mergeField(target: JsonObject, key: string, patchValue: JsonValue, schema: PatchSchema, mode: MergeMode) {
  let field = key;
  let isDeleteList = false;
  if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
    if (!mode.serverSide) {
      target[key] = patchValue;
      return;
    }
    const name = parallelListField(key, DELETE_FROM_PRIMITIVE_LIST);
    if (name === undefined) throw smpErrors.badPrimitiveList();
    field = name;
    isDeleteList = true;
  }

  if (patchValue === null) {
    delete target[field];
    // On the server a null only deletes; when merging patches it is kept to delete later.
    if (mode.serverSide) return;
  }

  if (!hasKey(target, field) || jsonTypeOf(target[field]) !== jsonTypeOf(patchValue)) {
    if (!isDeleteList) setFromPatch(target, field, patchValue, mode);
    return;
  }

  const current = target[field];
  if (isJsonObject(current)) {
    const { meta, schema: sub } = schema.lookup(field);
    target[field] = meta.strategy === REPLACE ? patchValue : mergeMap(current, patchValue as JsonObject, sub, mode);
  } else if (Array.isArray(current)) {
    const { meta, schema: sub } = schema.lookup(field);
    target[field] = mergeList(current, patchValue as JsonValue[], sub, meta.strategy, meta.mergeKey ?? '', isDeleteList, mode).list;
  } else {
    target[field] = patchValue;
  }
}

/** A value the target did not have (or had with another type) is taken from the patch. */
function setFromPatch(target: JsonObject, field: string, value: JsonValue, mode: MergeMode) {
  if (mode.serverSide) discardNullMembers(value);
  const [cleaned, keep] = removeDirectives(value);
  if (keep) target[field] = cleaned;
  else delete target[field];
}

/** Drops `null` members of maps (also inside lists), in place. */
function discardNullMembers(value: JsonValue) {
  if (Array.isArray(value)) {
    for (const v of value) discardNullMembers(v);
  } else if (isJsonObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (v === null) delete value[k];
      else discardNullMembers(v);
    }
  }
}

/** Removes maps carrying `$patch` (and list elements that are such maps), in place. */
function removeDirectives(value: JsonValue): [JsonValue, boolean] {
  if (isJsonObject(value)) {
    if (hasKey(value, DIRECTIVE)) return [null, false];
    for (const [k, v] of Object.entries(value)) {
      const [cleaned, keep] = removeDirectives(v);
      if (keep) value[k] = cleaned;
      else delete value[k];
    }
    return [value, true];
  }
  if (Array.isArray(value)) {
    const out: JsonValue[] = [];
    for (const v of value) {
      const [cleaned, keep] = removeDirectives(v);
      if (keep) out.push(cleaned);
    }
    return [out, true];
  }
  return [value, true];
}

/** `$retainKeys`: clear every key of the target the list does not name. */
function applyRetainKeys(target: JsonObject, patch: JsonObject, mode: MergeMode) {
  if (!hasKey(patch, RETAIN_KEYS)) return;
  const retain = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];

  if (!mode.serverSide) {
    // Combining patches: both must agree on the directive; carry it over.
    if (hasKey(target, RETAIN_KEYS)) {
      if (!deepEqual(target[RETAIN_KEYS], retain)) throw smpErrors.retainKeysDiffer(target[RETAIN_KEYS], retain);
    } else {
      target[RETAIN_KEYS] = retain;
    }
    return;
  }

  if (!Array.isArray(retain)) throw smpErrors.badRetainKeys();
  const kept = new Set<JsonValue>(retain);
  // Every field the patch sets must be one of the retained keys.
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || v === undefined) continue;
    if (k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!kept.has(k)) throw smpErrors.badRetainKeys();
  }
  for (const k of Object.keys(target)) if (!kept.has(k)) delete target[k];
}

/**
 * `$setElementOrder/<field>`: merge the list `<field>` now and put it in the given order, with
 * elements only the server has kept near their old neighbours. The list is then removed from
 * the patch so the main loop does not merge it again.
 */
function applyElementOrder(target: JsonObject, patch: JsonObject, schema: PatchSchema, mode: MergeMode) {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[key];
    if (!mode.serverSide) {
      if (hasKey(target, key)) {
        if (!deepEqual(target[key], order)) throw smpErrors.badSetElementOrder();
      } else {
        target[key] = order;
      }
    }
    delete patch[key];

    if (!Array.isArray(order)) throw smpErrors.badArgType('list', order);
    const field = parallelListField(key, SET_ELEMENT_ORDER);
    if (field === undefined) throw smpErrors.badSetElementOrder();

    const inTarget = hasKey(target, field);
    const inPatch = hasKey(patch, field);
    const targetList = inTarget ? asList(target[field]) : [];
    const patchList = inPatch ? asList(patch[field]) : [];
    const { meta, schema: sub } = schema.lookup(field);
    const mergeKey = meta.mergeKey ?? '';
    checkOrderCoversPatch(patchList, order, mergeKey);

    let merged: JsonValue[];
    let serverOrder = targetList;
    if (inTarget && !inPatch) merged = targetList;
    else if (!inTarget && inPatch) merged = removeDirectives(patchList)[0] as JsonValue[];
    else if (inTarget && inPatch) {
      const result = mergeList(targetList, patchList, sub, meta.strategy, mergeKey, false, mode);
      merged = result.list;
      serverOrder = result.targetView;
    } else continue;

    const [patchItems, serverOnly] = partitionByPresence(merged, order, mergeKey);
    const maps = elementType(serverOrder, patchList) === 'object';
    target[field] = orderMergedList(patchItems, serverOnly, order, serverOrder, mergeKey, maps);
    delete patch[field];
  }
}

function asList(value: JsonValue): JsonValue[] {
  if (!Array.isArray(value)) throw smpErrors.badArgType('list', value);
  return value;
}

/**
 * The patch list must follow `$setElementOrder`: each of its elements (deletions aside)
 * appears in the order list, in the same relative order.
 */
function checkOrderCoversPatch(patchList: JsonValue[], order: JsonValue[], mergeKey: string) {
  if (order.length === 0 || patchList.length === 0) return;
  let items = patchList;
  if (mergeKey) {
    for (const item of patchList) if (!isJsonObject(item)) throw smpErrors.badArgType('map', item);
    items = patchList.filter((i) => !isDeleteDirective(i));
  }
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    if (hasDirective(items[p])) {
      p++;
      continue;
    }
    if (sameElement(items[p], order[o], mergeKey)) p++;
    o++;
  }
  if (p < items.length && o >= order.length) throw smpErrors.orderMismatch(patchList, order);
}

/**
 * Merges a patch list into a target list. Lists with the merge strategy (and deletion lists,
 * whatever their field's strategy) merge; any other list is replaced by the patch's.
 *
 * Also returns `targetView`: the target list as the server's implementation sees it
 * afterwards. The server edits lists of maps in place: a deletion shifts later elements left
 * and new elements are written into the slots freed at the end. Its `$setElementOrder`
 * handling then places server-only elements relative to that edited list, so the final order
 * a learner sees depends on it; the view reproduces it.
 */
function mergeList(
  target: JsonValue[],
  patch: JsonValue[],
  schema: PatchSchema,
  strategy: string | undefined,
  mergeKey: string,
  isDeleteList: boolean,
  mode: MergeMode,
): { list: JsonValue[]; targetView: JsonValue[] } {
  if (strategy !== MERGE && !isDeleteList) return { list: patch, targetView: target };
  if (target.length === 0 && patch.length === 0) return { list: target, targetView: target };

  const kind = elementType(target, patch);
  if (kind !== 'object') {
    if (mode.serverSide && isDeleteList) {
      const doomed = new Set<JsonValue>(patch);
      return { list: target.filter((v) => !doomed.has(v)), targetView: target };
    }
    const merged = dedupeScalars([...target, ...patch]);
    const [patchItems, serverOnly] = partitionByPresence(merged, patch, mergeKey);
    return { list: orderMergedList(patchItems, serverOnly, patch, target, mergeKey, false), targetView: target };
  }

  if (!mergeKey) throw smpErrors.noMergeKeyDeclared();
  const slots = new EditedList(target);
  const additions = applyListDirectives(slots, patch, mergeKey);
  const base = slots.items();
  for (const item of additions) {
    const element = mapWithKey(item, mergeKey);
    const at = findByKey(slots.items(), mergeKey, element[mergeKey]);
    if (at >= 0) slots.set(at, mergeMap(slots.get(at) as JsonObject, element, schema, mode));
    else slots.append(element);
  }
  const merged = slots.items();
  const [patchItems, serverOnly] = partitionByPresence(merged, additions, mergeKey);
  return {
    list: orderMergedList(patchItems, serverOnly, additions, base, mergeKey, true),
    targetView: slots.view(),
  };
}

/**
 * A list edited the way the server edits it: in one array of the target's length, removing
 * by shifting left and appending into the slots that frees (see mergeList).
 */
class EditedList {
  private slots: JsonValue[];
  private readonly width: number;
  private length: number;
  /** Once replaced, the target's slots no longer change. */
  private frozenView: JsonValue[] | undefined;

  constructor(target: readonly JsonValue[]) {
    this.slots = [...target];
    this.width = target.length;
    this.length = target.length;
  }

  items(): JsonValue[] {
    return this.slots.slice(0, this.length);
  }

  get(i: number): JsonValue {
    return this.slots[i];
  }

  set(i: number, value: JsonValue) {
    this.slots[i] = value;
  }

  remove(i: number) {
    this.slots.copyWithin(i, i + 1, this.length);
    this.length--;
  }

  append(value: JsonValue) {
    this.slots[this.length++] = value;
  }

  /** `$patch: replace`: the list becomes `items`, in a new array the target does not share. */
  replaceWith(items: JsonValue[]) {
    this.frozenView = this.view();
    this.slots = [...items];
    this.length = items.length;
  }

  /** The target's slots as they now are (its original length). */
  view(): JsonValue[] {
    return this.frozenView ?? this.slots.slice(0, this.width);
  }
}

/**
 * Handles `$patch` elements of a patch list: `delete` removes every element with that key,
 * `replace` makes the rest of the patch list the whole list. Returns the patch elements
 * left to merge.
 */
function applyListDirectives(slots: EditedList, patch: JsonValue[], mergeKey: string): JsonValue[] {
  const rest: JsonValue[] = [];
  let replace = false;
  for (const item of patch) {
    const element = item as JsonObject;
    if (!hasKey(element, DIRECTIVE)) {
      rest.push(item);
      continue;
    }
    const directive = element[DIRECTIVE];
    if (directive === DELETE) {
      if (!hasKey(element, mergeKey)) throw smpErrors.noMergeKey(element, mergeKey);
      const value = element[mergeKey];
      for (let i = findByKey(slots.items(), mergeKey, value); i >= 0; i = findByKey(slots.items(), mergeKey, value)) {
        slots.remove(i);
      }
    } else if (directive === REPLACE) {
      // Keep scanning: later elements may still be malformed directives.
      replace = true;
    } else if (directive === MERGE) {
      throw smpErrors.mergeDirectiveInList();
    } else {
      throw smpErrors.badPatchType(directive, element);
    }
  }
  if (!replace) return rest;
  slots.replaceWith(rest);
  return [];
}
