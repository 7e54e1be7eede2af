import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { deepFreeze } from '../../api/types';
import { PatchError } from './errors';
import { mergePatch } from './merge';
import { applyPreconditions } from './preconditions';
import { createThreeWayJsonMergePatch, filterNulls } from './three-way-json';
import type { JsonObject } from './value';

interface ThreeWayCase {
  description: string;
  original?: JsonObject;
  modified?: JsonObject;
  current?: JsonObject;
  threeWay: JsonObject;
  result: JsonObject;
}
interface FilterCase {
  description: string;
  originalObj: JsonObject;
  expectedWithNull: JsonObject;
  expectedWithoutNull: JsonObject;
}
const tables = parse(readFileSync(new URL('./testdata/json-merge-cases.yaml', import.meta.url), 'utf8')) as {
  threeWay: ThreeWayCase[];
  filterNulls: FilterCase[];
};

describe('createThreeWayJsonMergePatch (upstream table)', () => {
  for (const c of tables.threeWay) {
    it(c.description, () => {
      const patch = createThreeWayJsonMergePatch(c.original, c.modified, c.current);
      expect(patch).toEqual(c.threeWay);
      expect(mergePatch(c.current ?? {}, patch)).toEqual(c.result);
    });
  }
});

describe('filterNulls (upstream table)', () => {
  for (const c of tables.filterNulls) {
    it(c.description, () => {
      expect(filterNulls(c.originalObj, true)).toEqual(c.expectedWithNull);
      expect(filterNulls(c.originalObj, false)).toEqual(c.expectedWithoutNull);
    });
  }
});

describe('createThreeWayJsonMergePatch for a custom resource', () => {
  const lastApplied = {
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: { name: 'w', labels: { app: 'w', tier: 'web' } },
    spec: { size: 1, colors: ['red'] },
  };
  const live = {
    ...lastApplied,
    metadata: { ...lastApplied.metadata, uid: 'u1', resourceVersion: '7' },
    status: { ready: true },
  };

  it('removes what the config dropped, changes what it changed, keeps what others set', () => {
    const config = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w', labels: { app: 'w' } },
      spec: { size: 2, colors: ['red', 'blue'] },
    };
    const patch = createThreeWayJsonMergePatch(lastApplied, config, live, { preconditions: applyPreconditions });
    expect(patch).toEqual({ metadata: { labels: { tier: null } }, spec: { size: 2, colors: ['red', 'blue'] } });
    expect(mergePatch(live, patch)).toEqual({
      ...live,
      metadata: { ...live.metadata, labels: { app: 'w' } },
      spec: { size: 2, colors: ['red', 'blue'] },
    });
  });

  it('refuses a patch that renames the object (apply preconditions)', () => {
    const config = { ...lastApplied, metadata: { name: 'other' } };
    expect(() => createThreeWayJsonMergePatch(lastApplied, config, live, { preconditions: applyPreconditions })).toThrow(
      PatchError,
    );
    try {
      createThreeWayJsonMergePatch(lastApplied, config, live, { preconditions: applyPreconditions });
    } catch (e) {
      expect((e as PatchError).clientKind).toBe('precondition');
      expect((e as PatchError).message).toMatch(/^precondition failed for: map\[metadata:map\[/);
    }
  });
});

describe('createThreeWayJsonMergePatch properties', () => {
  // Objects of simple values: no nulls (a merge patch cannot store them).
  const leaf = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constantFrom('a', 'b'), fc.boolean());
  const doc = fc.dictionary(
    fc.constantFrom('a', 'b', 'c'),
    fc.oneof(leaf, fc.array(leaf, { maxLength: 3 }), fc.dictionary(fc.constantFrom('x', 'y'), leaf)),
  );

  it('applying the patch to the live object yields the config plus what only the live object has', () => {
    fc.assert(
      fc.property(doc, doc, doc, (original, modified, extra) => {
        // The live object is the last-applied config plus fields others set on keys the configs never use.
        const others = Object.fromEntries(Object.entries(extra).map(([k, v]) => [`other-${k}`, v]));
        const current = { ...original, ...others };
        const patch = createThreeWayJsonMergePatch(deepFreeze(original), deepFreeze(modified), deepFreeze(current));
        expect(mergePatch(current, patch)).toEqual({ ...others, ...modified });
      }),
    );
  });
});
