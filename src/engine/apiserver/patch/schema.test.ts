import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { builtinResources } from '../registry';
import { EMPTY_SCHEMA, type FieldPatchMeta, type PatchSchema, schemaFromTable } from './meta';
import { builtinPatchTypes, schemaFor } from './schema';

/** The metadata at a dotted path (list fields step into their elements). */
function metaAt(schema: PatchSchema, path: string): FieldPatchMeta {
  let s = schema;
  let meta: FieldPatchMeta = {};
  for (const field of path.split('.')) ({ meta, schema: s } = s.lookup(field));
  return meta;
}

const describeMeta = (m: FieldPatchMeta) =>
  [[m.strategy, m.retainKeys ? 'retainKeys' : undefined].filter(Boolean).join(','), m.mergeKey]
    .filter(Boolean)
    .join(' ');

function split(gvk: string): [apiVersion: string, kind: string] {
  const at = gvk.lastIndexOf('/');
  return [gvk.slice(0, at), gvk.slice(at + 1)];
}

const tagged = parse(readFileSync(new URL('./testdata/tagged-fields.yaml', import.meta.url), 'utf8')) as Record<
  string,
  string[]
>;

describe('schemaFor: the tags of the Kubernetes v1.32 Go types', () => {
  for (const [gvk, fields] of Object.entries(tagged)) {
    it(`${gvk}: every tagged field`, () => {
      const schema = schemaFor(...split(gvk));
      expect(schema).toBeDefined();
      for (const line of fields) {
        const [path, strategy, mergeKey] = line.split(' ');
        // Go writes "merge,retainKeys"; the table keeps the strategies in that order.
        expect([path, describeMeta(metaAt(schema as PatchSchema, path))]).toEqual([
          path,
          [strategy, mergeKey].filter(Boolean).join(' '),
        ]);
      }
    });

    it(`${gvk}: no tags that the Go types do not have`, () => {
      const schema = schemaFor(...split(gvk)) as PatchSchema;
      const found: string[] = [];
      const walk = (s: PatchSchema, path: string, seen: ReadonlySet<string>) => {
        if (seen.has(s.name)) return;
        for (const field of Object.keys(builtinPatchTypes[s.name] ?? {})) {
          const { meta, schema: sub } = s.lookup(field);
          const at = path ? `${path}.${field}` : field;
          if (describeMeta(meta)) found.push(`${at} ${describeMeta(meta)}`);
          walk(sub, at, new Set([...seen, s.name]));
        }
      };
      walk(schema, '', new Set());
      expect(found.sort()).toEqual([...fields].sort());
    });
  }
});

describe('schemaFor: which kinds have strategic metadata', () => {
  it('every built-in resource has a schema with at least its metadata tags', () => {
    for (const r of builtinResources) {
      const apiVersion = r.group ? `${r.group}/${r.version}` : r.version;
      const schema = schemaFor(apiVersion, r.kind);
      expect(schema, `${apiVersion} ${r.kind}`).toBeDefined();
      expect(metaAt(schema as PatchSchema, 'metadata.finalizers')).toEqual({ strategy: 'merge' });
    }
  });

  it('custom resources and unknown versions have none (strategic merge patch is refused for them)', () => {
    expect(schemaFor('example.com/v1', 'Widget')).toBeUndefined();
    expect(schemaFor('apps/v1beta1', 'Deployment')).toBeUndefined();
    expect(schemaFor('v1', 'Deployment')).toBeUndefined();
  });

  it('objects that are bodies rather than resources are known too', () => {
    expect(schemaFor('autoscaling/v1', 'Scale')).toBeDefined();
    expect(schemaFor('policy/v1', 'Eviction')).toBeDefined();
  });
});

describe('schema lookups', () => {
  const pod = schemaFor('v1', 'Pod') as PatchSchema;
  const cases: [path: string, meta: FieldPatchMeta][] = [
    ['spec.containers', { strategy: 'merge', mergeKey: 'name' }],
    ['spec.containers.ports', { strategy: 'merge', mergeKey: 'containerPort' }],
    ['spec.volumes', { strategy: 'merge', retainKeys: true, mergeKey: 'name' }],
    // No tag: replaced whole.
    ['spec.tolerations', {}],
    ['spec.containers.args', {}],
    ['metadata.labels', {}],
    // Not a field of Pod: no metadata, merges like an untagged map.
    ['spec.notAField', {}],
  ];
  for (const [path, meta] of cases) {
    it(`Pod ${path}`, () => expect(metaAt(pod, path)).toEqual(meta));
  }

  it('PodDisruptionBudget selector is replaced, not merged', () => {
    expect(metaAt(schemaFor('policy/v1', 'PodDisruptionBudget') as PatchSchema, 'spec.selector')).toEqual({
      strategy: 'replace',
    });
  });

  it('unknown fields lead to the empty schema', () => {
    expect(pod.lookup('nope').schema).toBe(EMPTY_SCHEMA);
    expect(EMPTY_SCHEMA.lookup('anything').schema).toBe(EMPTY_SCHEMA);
  });

  it('schemaFromTable builds schemas for other type tables', () => {
    const s = schemaFromTable({ Root: { items: { strategy: 'merge', mergeKey: 'id', type: 'Item' } }, Item: {} }, 'Root');
    expect(s.lookup('items')).toEqual({ meta: { strategy: 'merge', mergeKey: 'id' }, schema: expect.anything() });
    expect(s.lookup('items').schema.name).toBe('Item');
  });
});
