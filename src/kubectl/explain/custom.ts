import { publishedSchemaForResource } from '../../engine/apiextensions/published';
import type { Schema } from '../../engine/apiextensions/types';
import type { ApiServer } from '../../engine/apiserver/apiserver';
import type { ResourceType } from '../../engine/apiserver/registry';

type Prop = [name: string, type: string, required: 0 | 1, description: string, enumValues?: string[]];
export interface TypeDocs {
  d: string;
  p: Prop[];
}

const META_PREFIX = '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.';

/**
 * A custom resource's published schema in explain's own shape: one type per object node,
 * named so that explain's type guess prints `Object` for it, as kubectl does for CRD fields.
 * Returns the root type's name and the types to add to the built-in ones.
 */
export function customResourceDocs(api: ApiServer, rt: ResourceType): { root: string; types: Record<string, TypeDocs> } | undefined {
  const schema = publishedSchemaForResource(api, rt);
  if (!schema) return undefined;
  const types: Record<string, TypeDocs> = {};
  const base = `custom/${rt.group}/${rt.version}/${rt.kind}`;
  const root = `${base}.Object`;
  addType(schema, root, base, types);
  return { root, types };
}

function addType(s: Schema, name: string, path: string, types: Record<string, TypeDocs>): void {
  const properties = (s.properties ?? {}) as Record<string, Schema>;
  const required = new Set(s.required ?? []);
  types[name] = {
    d: s.description ?? '',
    p: Object.entries(properties).map(([field, child], i) => {
      const values = child.enum?.filter((v): v is string => typeof v === 'string');
      const prop: Prop = [field, typeOf(child, `${path}/${i}`, types), required.has(field) ? 1 : 0, child.description ?? ''];
      if (values?.length) prop.push(values);
      return prop;
    }),
  };
}

/** explain's type strings: `string`, `[]Object`, `map[string]string`, `ref:…` for objects. */
function typeOf(s: Schema, path: string, types: Record<string, TypeDocs>): string {
  if (s.$ref?.startsWith(META_PREFIX)) return `ref:meta/v1.${s.$ref.slice(META_PREFIX.length)}`;
  if (s['x-kubernetes-int-or-string']) return 'IntOrString';
  if (s.type === 'array') return `[]${s.items && typeof s.items === 'object' ? typeOf(s.items as Schema, `${path}[]`, types) : 'Object'}`;
  if (s.type === 'object' || s.properties) {
    if (s.properties) {
      const name = `${path}.Object`;
      addType(s, name, path, types);
      return `ref:${name}`;
    }
    const extra = s.additionalProperties;
    if (extra && typeof extra === 'object') return `map[string]${typeOf(extra as Schema, `${path}{}`, types)}`;
    return 'Object';
  }
  return s.type ?? 'Object';
}
