import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PatchError } from './errors';
import { type PatchSchema, schemaFromTable, type TypeTable } from './meta';
import { createThreeWayMergePatch, createTwoWayMergePatch, strategicMergePatch } from './strategic';
import { dedupeScalars, sortByMergeKey, sortScalars } from './strategic-lists';
import { isJsonObject, type JsonObject, type JsonValue } from './value';

/**
 * The strategic merge patch tables Kubernetes v1.32 tests itself with, run against this
 * implementation. They use one test type whose fields cover every strategy.
 */
const testTypes: TypeTable = {
  MergeItem: {
    mergingList: { strategy: 'merge', mergeKey: 'name', type: 'MergeItem' },
    nonMergingList: { type: 'MergeItem' },
    mergingIntList: { strategy: 'merge' },
    mergeItemPtr: { strategy: 'merge', mergeKey: 'name', type: 'MergeItem' },
    replacingItem: { strategy: 'replace' },
    retainKeysMap: { retainKeys: true, type: 'RetainKeysMergeItem' },
    retainKeysMergingList: { strategy: 'merge', retainKeys: true, mergeKey: 'name', type: 'MergeItem' },
  },
  RetainKeysMergeItem: {
    mergingIntList: { strategy: 'merge' },
    mergingList: { strategy: 'merge', mergeKey: 'name', type: 'MergeItem' },
    nonMergingList: { type: 'MergeItem' },
  },
};
const schema = schemaFromTable(testTypes, 'MergeItem');

interface Case {
  description: string;
  original?: JsonObject;
  modified?: JsonObject;
  current?: JsonObject;
  twoWay?: JsonObject;
  threeWay?: JsonObject;
  result?: JsonObject;
  twoWayResult?: JsonObject;
  expectedError?: string;
}
interface UnknownFieldCase {
  description: string;
  original: JsonObject;
  current: JsonObject;
  modified: JsonObject;
  expectedTwoWay?: JsonObject;
  expectedTwoWayErr?: string;
  expectedTwoWayResult?: JsonObject;
  expectedThreeWay?: JsonObject;
  expectedThreeWayErr?: string;
  expectedThreeWayResult?: JsonObject;
}
const tables = parse(readFileSync(new URL('./testdata/strategic-cases.yaml', import.meta.url), 'utf8')) as {
  sorted: Case[];
  sortedApplyOnly: Case[];
  raw: Case[];
  rawApplyOnly: Case[];
  unknownField: UnknownFieldCase[];
};

/** Sorts every merging list by merge key (scalars by value), so order does not matter. */
function sortMergeLists(value: JsonObject, s: PatchSchema): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === '$retainKeys' || k.startsWith('$deleteFromPrimitiveList')) {
      out[k] = sortScalars(v as JsonValue[]);
    } else if (k.startsWith('$setElementOrder') || k === '$patch') {
      out[k] = v;
    } else if (isJsonObject(v)) {
      out[k] = sortMergeLists(v, s.lookup(k).schema);
    } else if (Array.isArray(v) && s.lookup(k).meta.strategy === 'merge' && v.length > 0) {
      const { meta, schema: sub } = s.lookup(k);
      out[k] = isJsonObject(v[0])
        ? sortByMergeKey(
            v.map((e) => sortMergeLists(e as JsonObject, sub)),
            meta.mergeKey ?? '',
          )
        : sortScalars(dedupeScalars(v));
    } else {
      out[k] = v;
    }
  }
  return out;
}

const id = (v: JsonObject | undefined) => v ?? {};

function runTwoWay(c: Case, prepare: (v: JsonObject | undefined) => JsonObject) {
  const original = prepare(c.original);
  const modified = prepare(c.modified);
  const patch = createTwoWayMergePatch(original, modified, schema);
  expect(patch).toEqual(prepare(c.twoWay));
  expect(strategicMergePatch(original, patch, schema)).toEqual(prepare(c.twoWayResult ?? c.modified));
}

function runThreeWay(c: Case, prepare: (v: JsonObject | undefined) => JsonObject) {
  const original = prepare(c.original);
  const modified = prepare(c.modified);
  const current = prepare(c.current);
  const expectsConflict = c.description.includes('conflict');
  let patch: JsonObject;
  try {
    patch = createThreeWayMergePatch(original, modified, current, schema, { overwrite: false });
    expect(expectsConflict, 'expected a conflict').toBe(false);
  } catch (e) {
    if (!(e instanceof PatchError) || e.clientKind !== 'conflict') throw e;
    expect(expectsConflict, `unexpected conflict: ${e.message}`).toBe(true);
    if (!c.result) return;
    patch = createThreeWayMergePatch(original, modified, current, schema);
  }
  expect(patch).toEqual(prepare(c.threeWay));
  const apply = () => strategicMergePatch(current, patch, schema);
  if (c.expectedError) expect(apply).toThrow(c.expectedError);
  else expect(apply()).toEqual(prepare(c.result));
}

describe('strategic merge patch: upstream tables (lists compared sorted by merge key)', () => {
  const sorted = (v: JsonObject | undefined) => sortMergeLists(id(v), schema);
  for (const c of tables.sorted) {
    it(`${c.description} / two-way`, () => runTwoWay(c, sorted));
    it(`${c.description} / three-way`, () => runThreeWay(c, sorted));
  }
  for (const c of tables.sortedApplyOnly) {
    it(`${c.description} / apply`, () => {
      const result = strategicMergePatch(sorted(c.original), sorted(c.twoWay), schema);
      expect(result).toEqual(sorted(c.twoWayResult ?? c.modified));
    });
  }
});

describe('strategic merge patch: upstream tables (exact list order)', () => {
  for (const c of tables.raw) {
    it(`${c.description} / two-way`, () => {
      const original = id(c.original);
      const patch = createTwoWayMergePatch(original, id(c.modified), schema);
      expect(patch).toEqual(id(c.twoWay));
      const apply = () => strategicMergePatch(original, patch, schema);
      if (c.expectedError) expect(apply).toThrow(c.expectedError);
      else expect(apply()).toEqual(id(c.twoWayResult ?? c.modified));
    });
    it(`${c.description} / three-way`, () => runThreeWay(c, id));
  }
  for (const c of tables.rawApplyOnly) {
    it(`${c.description} / apply`, () => {
      const apply = () => strategicMergePatch(id(c.original), id(c.twoWay), schema);
      if (c.expectedError) expect(apply).toThrow(c.expectedError);
      else expect(apply()).toEqual(id(c.twoWayResult ?? c.modified));
    });
  }
});

describe('strategic merge patch: fields the schema does not know (upstream table)', () => {
  for (const c of tables.unknownField) {
    // Upstream refuses to diff a map the Go type does not declare; this schema only lists
    // tagged fields, so unknown maps merge like any untagged map instead (see meta.ts).
    if (c.expectedTwoWayErr || c.expectedThreeWayErr) continue;
    it(c.description, () => {
      const twoWay = createTwoWayMergePatch(c.original, c.modified, schema);
      expect(twoWay).toEqual(c.expectedTwoWay);
      expect(strategicMergePatch(c.original, twoWay, schema)).toEqual(c.expectedTwoWayResult);
      const threeWay = createThreeWayMergePatch(c.original, c.modified, c.current, schema, { overwrite: false });
      expect(threeWay).toEqual(c.expectedThreeWay);
      expect(strategicMergePatch(c.current, threeWay, schema)).toEqual(c.expectedThreeWayResult);
    });
  }
});
