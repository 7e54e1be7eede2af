import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PatchError } from './errors';
import { jsonPatch } from './json';
import { mergePatch } from './merge';
import { schemaFor } from './schema';
import { strategicMergePatch } from './strategic';

/** Patches recorded with the real kubectl v1.32, which runs the server's patch code locally. */
interface Recorded {
  name: string;
  type: 'strategic' | 'merge' | 'json';
  object: { apiVersion: string; kind: string };
  patch: unknown;
  result?: unknown;
  error?: string;
}
const cases = parse(readFileSync(new URL('./testdata/kubectl-cases.yaml', import.meta.url), 'utf8')) as Recorded[];

function apply(c: Recorded): unknown {
  switch (c.type) {
    case 'strategic': {
      const schema = schemaFor(c.object.apiVersion, c.object.kind);
      if (!schema) throw new Error(`no schema for ${c.object.kind}`);
      return strategicMergePatch(c.object, c.patch, schema);
    }
    case 'merge':
      return mergePatch(c.object, c.patch);
    case 'json':
      return jsonPatch(c.object, c.patch);
  }
}

/** kubectl rewords one JSON patch error on its own side; do the same to compare. */
function asKubectlSays(message: string): string {
  const at = message.indexOf('doc is missing key: ');
  return at < 0 ? message.trimEnd() : `Object to be patched is missing field (${message.slice(at + 20)})`;
}

describe('patches recorded with kubectl v1.32', () => {
  for (const c of cases) {
    it(`${c.type}: ${c.name}`, () => {
      if (c.error === undefined) {
        expect(apply(c)).toEqual(c.result);
        return;
      }
      let thrown: unknown;
      try {
        apply(c);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(PatchError);
      expect(asKubectlSays((thrown as PatchError).message)).toBe(c.error);
    });
  }
});
