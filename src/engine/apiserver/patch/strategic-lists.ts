import { DELETE, DIRECTIVE } from './directives';
import { compareGoStrings, goFormat } from './goformat';
import { goStableSort } from './gosort';
import { smpErrors } from './strategic-errors';
import { hasKey, isJsonObject, type JsonObject, type JsonType, type JsonValue, jsonTypeOf } from './value';

/**
 * List helpers shared by applying and computing strategic merge patches: element types,
 * matching elements by merge key, and the ordering rules that decide where merged,
 * added and server-only elements end up.
 */

/** The one JSON type of all elements of the lists; lists of lists are refused. */
export function elementType(...lists: readonly JsonValue[][]): JsonType {
  let found: JsonType | undefined;
  for (const list of lists) {
    for (const item of list) {
      const t = jsonTypeOf(item);
      if (found === undefined) {
        if (t === 'array') throw smpErrors.listOfLists();
        found = t;
      } else if (t !== found) {
        throw smpErrors.elementTypesDiffer(lists);
      }
    }
  }
  if (found === undefined) throw smpErrors.noElements();
  return found;
}

/** The merge key's value of a map element (`null` when absent, as Go reads a missing key). */
export function keyValue(item: JsonValue, mergeKey: string): JsonValue {
  return isJsonObject(item) ? (item[mergeKey] ?? null) : null;
}

/** Asserts that `item` is a map holding `mergeKey`, and returns it. */
export function mapWithKey(item: JsonValue, mergeKey: string): JsonObject {
  if (!isJsonObject(item)) throw smpErrors.badArgType('map', item);
  if (!hasKey(item, mergeKey)) throw smpErrors.noMergeKey(item, mergeKey);
  return item;
}

/** The first map in `list` whose `mergeKey` equals `value`. */
export function findByKey(list: readonly JsonValue[], mergeKey: string, value: JsonValue): number {
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (!isJsonObject(item)) throw smpErrors.notAMap(i);
    if (hasKey(item, mergeKey) && item[mergeKey] === value) return i;
  }
  return -1;
}

/** Whether two elements are "the same" element: same merge key value, or same scalar. */
export function sameElement(left: JsonValue, right: JsonValue, mergeKey: string): boolean {
  if (!mergeKey) return left === right;
  return mapWithKey(left, mergeKey)[mergeKey] === mapWithKey(right, mergeKey)[mergeKey];
}

export function isDeleteDirective(item: JsonValue): boolean {
  return isJsonObject(item) && item[DIRECTIVE] === DELETE;
}

export function hasDirective(item: JsonValue): boolean {
  return isJsonObject(item) && hasKey(item, DIRECTIVE);
}

/** Scalars sorted by their Go `%v` text, the order the server diffs them in. */
export function sortScalars(list: readonly JsonValue[]): JsonValue[] {
  return sortByText(list, (v) => v);
}

/** Maps sorted by the Go `%v` text of their merge key value. */
export function sortByMergeKey(list: readonly JsonValue[], mergeKey: string): JsonValue[] {
  return sortByText(list, (v) => keyValue(v, mergeKey));
}

function sortByText(list: readonly JsonValue[], pick: (v: JsonValue) => JsonValue): JsonValue[] {
  return list
    .map((item) => ({ item, text: goFormat(pick(item)) }))
    .sort((a, b) => compareGoStrings(a.text, b.text))
    .map((x) => x.item);
}

/**
 * Removes repeated scalars the way the server does: a repeat is overwritten by the current
 * last element and the list shrinks, so the survivors are not always in their first order.
 * The order is visible in `$deleteFromPrimitiveList` lists, hence the exact procedure.
 */
export function dedupeScalars(list: readonly JsonValue[]): JsonValue[] {
  const s = [...list];
  let last = s.length - 1;
  for (let i = 0; i < last; i++) {
    for (let j = i + 1; j <= last; j++) {
      if (s[i] === s[j]) {
        s[j] = s[last];
        s.length = last;
        last--;
        j--;
      }
    }
  }
  return s;
}

/** Position of `item` in `order`, matching maps by merge key and scalars by value. */
function indexIn(order: readonly JsonValue[], item: JsonValue, mergeKey: string, maps: boolean): number {
  const pick = maps ? (v: JsonValue) => keyValue(v, mergeKey) : (v: JsonValue) => v;
  const wanted = pick(item);
  return order.findIndex((v) => pick(v) === wanted);
}

/**
 * Sorts `list` into the order of `order`; for maps, `$patch: delete` elements go last.
 * The server's comparator calls an element "less" whenever either side is missing from
 * `order`, so elements it does not know move in Go's particular way (reversed, for a
 * short list); the sort reproduces that.
 */
export function sortByOrder(
  list: readonly JsonValue[],
  order: readonly JsonValue[],
  mergeKey: string,
  maps: boolean,
): JsonValue[] {
  let items = [...list];
  let deletions: JsonValue[] = [];
  if (maps) {
    for (const item of [...list, ...order]) mapWithKey(item, mergeKey);
    deletions = items.filter(isDeleteDirective);
    items = items.filter((i) => !isDeleteDirective(i));
  }
  const sorted = goStableSort(items, (x, y) => {
    const ix = indexIn(order, x, mergeKey, maps);
    const iy = indexIn(order, y, mergeKey, maps);
    return ix >= 0 && iy >= 0 ? ix < iy : true;
  });
  return [...sorted, ...deletions];
}

/**
 * The final order of a merged list: the patch's elements in `patchOrder`, the server-only
 * elements in `serverOrder`, interleaved so that a server-only element stays before a patch
 * element it preceded on the server.
 */
export function orderMergedList(
  patchItems: readonly JsonValue[],
  serverOnly: readonly JsonValue[],
  patchOrder: readonly JsonValue[],
  serverOrder: readonly JsonValue[],
  mergeKey: string,
  maps: boolean,
): JsonValue[] {
  const right = sortByOrder(patchItems, patchOrder, mergeKey, maps);
  const left = sortByOrder(serverOnly, serverOrder, mergeKey, maps);
  const out: JsonValue[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (j >= right.length) out.push(left[i++]);
    else if (i >= left.length) out.push(right[j++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, maps);
      const ri = indexIn(serverOrder, right[j], mergeKey, maps);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

/** Splits `list` into the elements present in `by` and the others, keeping order. */
export function partitionByPresence(
  list: readonly JsonValue[],
  by: readonly JsonValue[],
  mergeKey: string,
): [present: JsonValue[], absent: JsonValue[]] {
  const present: JsonValue[] = [];
  const absent: JsonValue[] = [];
  if (!mergeKey) {
    const wanted = new Set<JsonValue>(by);
    for (const v of list) (wanted.has(v) ? present : absent).push(v);
    return [present, absent];
  }
  for (const v of list) {
    const item = mapWithKey(v, mergeKey);
    (findByKey(by, mergeKey, item[mergeKey]) >= 0 ? present : absent).push(v);
  }
  return [present, absent];
}
