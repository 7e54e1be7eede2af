import type { FieldError } from '../../api/status';
import { fe } from '../../apiserver/strategies/errors';
import { isObject, type Schema } from '../types';
import { goValueOf } from './errors';

/**
 * `x-kubernetes-list-type: set` lists may not repeat an item, and `map` lists may not repeat a
 * key (ValidateListSetsAndMaps): each repeat after the first is a `Duplicate value`.
 */
export function validateListTypes(path: string, s: Schema | undefined, obj: Record<string, unknown>): FieldError[] {
  if (!isObject(s)) return [];
  const errs: FieldError[] = [];
  const ap = isObject(s.additionalProperties) ? (s.additionalProperties as Schema) : undefined;
  const props = isObject(s.properties) ? (s.properties as Record<string, Schema>) : {};
  for (const k of Object.keys(obj).sort()) {
    if (ap) errs.push(...visit(`${path}[${k}]`, ap, obj[k]));
    if (Object.hasOwn(props, k)) errs.push(...visit(path ? `${path}.${k}` : k, props[k], obj[k]));
  }
  return errs;
}

function visit(path: string, s: Schema, value: unknown): FieldError[] {
  if (Array.isArray(value)) return visitArray(path, s, value);
  if (isObject(value)) return validateListTypes(path, s, value);
  return [];
}

function visitArray(path: string, s: Schema, list: unknown[]): FieldError[] {
  const errs: FieldError[] = [];
  const listType = s['x-kubernetes-list-type'];
  if (listType === 'set') {
    for (const i of repeats(list)) errs.push(fe.duplicate(`${path}[${i}]`, goValueOf(list[i])));
  } else if (listType === 'map') {
    errs.push(...mapDuplicates(path, s, list));
  }
  const items = isObject(s.items) ? (s.items as Schema) : undefined;
  if (items)
    list.forEach((v, i) => {
      errs.push(...visit(`${path}[${i}]`, items, v));
    });
  return errs;
}

/** Indexes of the second occurrence of each repeated value. */
function repeats(values: unknown[]): number[] {
  const seen = new Map<string, number>();
  const out: number[] = [];
  values.forEach((v, i) => {
    const k = JSON.stringify(v) ?? 'undefined';
    const n = seen.get(k) ?? 0;
    if (n === 1) out.push(i);
    seen.set(k, n + 1);
  });
  return out;
}

function mapDuplicates(path: string, s: Schema, list: unknown[]): FieldError[] {
  const bad = list.findIndex((x) => x !== null && !isObject(x));
  if (bad >= 0) return [fe.invalid(`${path}[${bad}]`, goValueOf(list[bad]), 'must be an object for an array of list-type map')];
  const keyFields = Array.isArray(s['x-kubernetes-list-map-keys']) ? s['x-kubernetes-list-map-keys'] : [];
  const keys = list.map((x) => {
    const key: Record<string, unknown> = {};
    for (const f of keyFields) if (isObject(x) && f in x) key[f] = x[f];
    return key;
  });
  return repeats(keys).map((i) => fe.duplicate(`${path}[${i}]`, goValueOf(keys[i])));
}
