import { badRequest, type StatusError } from '../../engine/api/status';
import type { KObject } from '../../engine/api/types';

type Prop = [name: string, type: string, required: 0 | 1, description: string, enumValues?: string[]];
interface Schemas {
  kinds: Record<string, string>;
  types: Record<string, { d: string; p: Prop[] }>;
}

let cache: Schemas | undefined;
async function schemas(): Promise<Schemas> {
  // The same generated API docs `kubectl explain` reads, loaded the first time they are needed.
  cache ??= ((await import('../explain/schemas.json')) as unknown as { default: Schemas }).default;
  return cache;
}

/**
 * The API groups whose kinds are checked. Their generated docs are complete; kinds elsewhere
 * (custom resources, apiextensions' free-form schemas, admission configuration) are let through
 * unchecked rather than refused for a field the docs might lack.
 */
const CHECKED_GROUPS = new Set([
  '',
  'apps',
  'batch',
  'autoscaling',
  'networking.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
]);
/** Values of these types are free-form JSON. */
const FREE_FORM = new Set(['runtime.RawExtension', 'apiextensions/v1.JSON']);

const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * The fields of a manifest its kind does not have, as the API server's strict decoding names them
 * (`spec.replica`, `spec.template.spec.containers[0].imagePullPolcy`), in the document's order.
 */
export async function unknownFields(obj: KObject): Promise<string[]> {
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const slash = apiVersion.indexOf('/');
  if (!CHECKED_GROUPS.has(slash < 0 ? '' : apiVersion.slice(0, slash))) return [];
  const s = await schemas();
  const root = s.kinds[`${apiVersion}/${obj.kind}`];
  if (!root) return [];
  const found: string[] = [];
  walk(s, obj as unknown as Record<string, unknown>, root, '', found);
  return found;
}

function walk(s: Schemas, value: Record<string, unknown>, typeRef: string, path: string, found: string[]): void {
  const type = s.types[typeRef];
  if (!type) return;
  for (const [key, child] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    const prop = type.p.find((p) => p[0] === key);
    if (!prop) {
      found.push(at);
      continue;
    }
    const t = prop[1];
    if (t.startsWith('ref:') && isPlainObject(child) && !FREE_FORM.has(t.slice(4))) walk(s, child, t.slice(4), at, found);
    else if (t.startsWith('[]ref:') && Array.isArray(child) && !FREE_FORM.has(t.slice(6))) {
      child.forEach((item, i) => {
        if (isPlainObject(item)) walk(s, item, t.slice(6), `${at}[${i}]`, found);
      });
    }
  }
}

/** The API server's answer to a create with unknown fields under field validation Strict. */
export function strictDecodingError(obj: KObject, fields: string[]): StatusError {
  const version = String(obj.apiVersion).split('/').pop();
  const kind = String(obj.kind);
  return badRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: strict decoding error: ${fields.map((f) => `unknown field "${f}"`).join(', ')}`);
}

/** kubectl's --validate: strict (true) refuses unknown fields, warn prints them, ignore (false) drops them. */
export function fieldValidationOf(flag: string): 'Strict' | 'Warn' | 'Ignore' {
  if (flag === 'warn') return 'Warn';
  if (flag === 'false' || flag === 'ignore') return 'Ignore';
  return 'Strict';
}
