import { clone } from '../../api/types';
import { isObject, type Schema } from '../types';

/**
 * Pruning, as the API server does it to every custom object it decodes: fields the schema does
 * not specify are dropped, unless `x-kubernetes-preserve-unknown-fields` keeps them. At the root
 * of a resource (and inside `x-kubernetes-embedded-resource` objects) apiVersion, kind and
 * metadata always stay. Returns the dropped fields' paths, sorted.
 */
export function prune(obj: unknown, schema: Schema | undefined, isResourceRoot: boolean): string[] {
  let s = schema;
  if (isResourceRoot) s = { ...(schema ?? {}), 'x-kubernetes-embedded-resource': true };
  const unknown: string[] = [];
  pruneValue(obj, s, '', unknown);
  return unknown.sort();
}

const META_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

function join(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

function additional(s: Schema): { present: boolean; schema?: Schema } {
  const ap = s.additionalProperties;
  if (ap === undefined || ap === null) return { present: false };
  return { present: true, schema: isObject(ap) ? (ap as Schema) : undefined };
}

function properties(s: Schema): Record<string, Schema> {
  return isObject(s.properties) ? (s.properties as Record<string, Schema>) : {};
}

function items(s: Schema | undefined): Schema | undefined {
  return s && isObject(s.items) ? (s.items as Schema) : undefined;
}

function pruneValue(x: unknown, s: Schema | undefined, path: string, unknown: string[]): void {
  if (s?.['x-kubernetes-preserve-unknown-fields']) {
    skipPrune(x, s, path, unknown);
    return;
  }
  if (Array.isArray(x)) {
    x.forEach((v, i) => {
      pruneValue(v, items(s), `${path}[${i}]`, unknown);
    });
    return;
  }
  if (!isObject(x)) return;
  for (const k of Object.keys(x)) {
    if (!s) {
      unknown.push(join(path, k));
      delete x[k];
      continue;
    }
    if (s['x-kubernetes-embedded-resource'] && META_FIELDS.has(k)) continue;
    const props = properties(s);
    const ap = additional(s);
    if (Object.hasOwn(props, k)) pruneValue(x[k], props[k], join(path, k), unknown);
    else if (ap.present) pruneValue(x[k], ap.schema, join(path, k), unknown);
    else {
      if (!META_FIELDS.has(k) || path) unknown.push(join(path, k));
      delete x[k];
    }
  }
}

/** Inside preserved objects only the fields the schema does specify are pruned further. */
function skipPrune(x: unknown, s: Schema, path: string, unknown: string[]): void {
  if (Array.isArray(x)) {
    const sub = items(s);
    if (sub)
      x.forEach((v, i) => {
        skipPrune(v, sub, `${path}[${i}]`, unknown);
      });
    return;
  }
  if (!isObject(x)) return;
  const props = properties(s);
  const ap = additional(s);
  for (const k of Object.keys(x)) {
    if (s['x-kubernetes-embedded-resource'] && META_FIELDS.has(k)) continue;
    if (Object.hasOwn(props, k)) pruneValue(x[k], props[k], join(path, k), unknown);
    else if (ap.present) pruneValue(x[k], ap.schema, join(path, k), unknown);
  }
}

/** ObjectMeta's fields: anything else under metadata is dropped as the server's decoding does. */
const OBJECT_META_FIELDS = new Set([
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
]);

export function coerceObjectMeta(obj: Record<string, unknown>): void {
  const meta = obj.metadata;
  if (!isObject(meta)) return;
  for (const k of Object.keys(meta)) if (!OBJECT_META_FIELDS.has(k)) delete meta[k];
}

/** A pruned copy, for checking that a default has no unknown fields. */
export function pruned<T>(value: T, schema: Schema): T {
  const copy = clone(value);
  prune(copy, schema, false);
  return copy;
}
