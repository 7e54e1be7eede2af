/**
 * JSON Schemas for the editor, converted from `kubectl explain`'s data (schemas.json, which
 * src/kubectl/explain/generate.ts builds from kubernetes-types' API types and doc comments), so
 * the editor and `kubectl explain` describe the same fields with the same words.
 *
 * One schema covers every document of a manifest: each built-in kind is a definition, chosen by
 * `if apiVersion and kind are … then …` — a multi-document file gets the right schema per document.
 */

/** A field as explain stores it: name, explain type, required (1), description and, when known, its allowed values. */
export type ExplainProp = [name: string, type: string, required: 0 | 1, description: string, ...rest: unknown[]];
export interface ExplainData {
  /** `apps/v1/Deployment` → `apps/v1.Deployment` (a type name). */
  kinds: Record<string, string>;
  types: Record<string, { d: string; p: ExplainProp[] }>;
}

export type JsonSchema = { [key: string]: unknown };

/** Definition keys: type names with `.` for `/` (a `/` in a JSON pointer would mean nesting). */
const key = (name: string) => name.replace(/\//g, '.');
const DEF = (name: string) => `#/definitions/${key(name)}`;

/** Allowed values, when the explain data carries them (a string array after the description, or in an object). */
function enumOf(prop: ExplainProp): string[] | undefined {
  for (const extra of prop.slice(4)) {
    if (Array.isArray(extra) && extra.every((v) => typeof v === 'string') && extra.length) return extra as string[];
    const e = (extra as { enum?: unknown } | null)?.enum;
    if (Array.isArray(e) && e.length) return e as string[];
  }
  return undefined;
}

/** The JSON Schema of one explain type expression. */
export function typeSchema(type: string, known?: Record<string, unknown>): JsonSchema {
  if (type.startsWith('[]')) return { type: 'array', items: typeSchema(type.slice(2), known) };
  if (type.startsWith('map[string]')) return { type: 'object', additionalProperties: typeSchema(type.slice(11), known) };
  // A type the explain data lacks is left open rather than pointing nowhere.
  if (type.startsWith('ref:')) return !known || Object.hasOwn(known, type.slice(4)) ? { $ref: DEF(type.slice(4)) } : { type: 'object' };
  switch (type) {
    case 'string':
      return { type: 'string' };
    case 'integer':
      return { type: 'integer' };
    case 'number':
      return { type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    // 80, "80%" and "http" are all IntOrString; 1, "500m" and "1Gi" are all quantities.
    case 'IntOrString':
      return { type: ['integer', 'string'] };
    case 'Quantity':
      return { type: ['string', 'number'], pattern: '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' };
    default:
      return {};
  }
}

function kindParts(key: string): { apiVersion: string; kind: string } {
  const slash = key.lastIndexOf('/');
  return { apiVersion: key.slice(0, slash), kind: key.slice(slash + 1) };
}

/** Identifying fields are optional in the API types, but a manifest cannot do without them. */
const ALWAYS_REQUIRED = ['apiVersion', 'kind'];

/** The editor's schema for every built-in kind in `data`, plus custom kinds already converted. */
export function manifestSchema(data: ExplainData, custom: CustomKind[] = []): JsonSchema {
  const definitions: Record<string, JsonSchema> = {};
  const kindTypes = new Set(Object.values(data.kinds));
  for (const [name, info] of Object.entries(data.types)) {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const prop of info.p) {
      const [field, type, req, description] = prop;
      // A field listed twice (the explain data of a few admission types repeats some): the first wins.
      if (Object.hasOwn(properties, field)) continue;
      const s: JsonSchema = { ...typeSchema(type, data.types), description };
      const values = enumOf(prop);
      if (values) s.enum = values;
      properties[field] = s;
      if (req === 1) required.push(field);
    }
    const def: JsonSchema = { type: 'object', description: info.d, properties, additionalProperties: false };
    if (kindTypes.has(name)) for (const f of ALWAYS_REQUIRED) if (properties[f] && !required.includes(f)) required.push(f);
    if (required.length) def.required = required;
    definitions[key(name)] = def;
  }
  const choices: { apiVersion: string; kind: string; ref: string }[] = [];
  for (const [key, type] of Object.entries(data.kinds)) {
    const { apiVersion, kind } = kindParts(key);
    // List kinds are what `get` returns, not what a manifest holds.
    if (kind.endsWith('List') || !data.types[type]) continue;
    const defType = data.types[type];
    // The kinds map carries an entry whose type is not its kind's (a List type crawled to a spec): skip those.
    if (!defType.p.some((p) => p[0] === 'kind')) continue;
    choices.push({ apiVersion, kind, ref: DEF(type) });
  }
  for (const c of custom) {
    const name = `custom/${c.apiVersion}.${c.kind}`;
    definitions[key(name)] = c.schema;
    choices.push({ apiVersion: c.apiVersion, kind: c.kind, ref: DEF(name) });
  }
  choices.sort((a, b) => a.kind.localeCompare(b.kind) || a.apiVersion.localeCompare(b.apiVersion));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    description: 'A Kubernetes object.',
    properties: {
      apiVersion: {
        type: 'string',
        description: 'APIVersion defines the versioned schema of this representation of an object.',
        enum: [...new Set(choices.map((c) => c.apiVersion))].sort(),
      },
      kind: {
        type: 'string',
        description: 'Kind is a string value representing the REST resource this object represents.',
        enum: [...new Set(choices.map((c) => c.kind))],
      },
    },
    required: ALWAYS_REQUIRED,
    allOf: choices.map((c) => ({
      if: { properties: { apiVersion: { const: c.apiVersion }, kind: { const: c.kind } }, required: ALWAYS_REQUIRED },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, not a promise.
      then: { $ref: c.ref },
    })),
    definitions,
  };
}

/** A kind a CustomResourceDefinition serves, with the structural schema of one of its versions. */
export interface CustomKind {
  apiVersion: string;
  kind: string;
  schema: JsonSchema;
}

interface CrdLike {
  spec?: {
    group?: string;
    names?: { kind?: string };
    versions?: { name?: string; served?: boolean; schema?: { openAPIV3Schema?: JsonSchema } }[];
  };
  status?: { conditions?: { type?: string; status?: string }[] };
}

/** Object metadata every custom object has, whatever its CRD's schema says. */
const CUSTOM_COMMON: Record<string, JsonSchema> = {
  apiVersion: { type: 'string' },
  kind: { type: 'string' },
  metadata: { $ref: DEF('meta/v1.ObjectMeta') },
};

/** The kinds of established CRDs (from `kubectl get crd -o json`), one per served version with a schema. */
export function customKinds(crds: CrdLike[]): CustomKind[] {
  const out: CustomKind[] = [];
  for (const crd of crds) {
    const established = crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True');
    const group = crd.spec?.group;
    const kind = crd.spec?.names?.kind;
    if (!established || !group || !kind) continue;
    for (const v of crd.spec?.versions ?? []) {
      const schema = v.schema?.openAPIV3Schema;
      if (!v.served || !v.name || !schema) continue;
      const props = (schema.properties as Record<string, JsonSchema> | undefined) ?? {};
      out.push({ apiVersion: `${group}/${v.name}`, kind, schema: { ...schema, properties: { ...props, ...CUSTOM_COMMON, ...pick(props, ['metadata']) } } });
    }
  }
  return out;
}

function pick(o: Record<string, JsonSchema>, keys: string[]): Record<string, JsonSchema> {
  // A CRD's own `metadata` schema (rarely given) narrows ObjectMeta: keep both.
  const r: Record<string, JsonSchema> = {};
  for (const k of keys) if (o[k]) r[k] = { allOf: [{ $ref: DEF('meta/v1.ObjectMeta') }, o[k]] };
  return r;
}
