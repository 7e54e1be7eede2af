import { clone } from '../../api/types';
import { isObject, type Schema } from '../types';

/**
 * Defaulting from `default:` in the schema, as the API server applies it to every custom object
 * it decodes (after pruning): a missing field, or a null in a field that is not nullable, takes
 * its default; then defaulting goes on into the field's value. Nulls in non-nullable fields
 * without a default are dropped first, so that `required` sees them as missing.
 */

function props(s: Schema): Record<string, Schema> {
  return isObject(s.properties) ? (s.properties as Record<string, Schema>) : {};
}

function additionalSchema(s: Schema): Schema | undefined {
  return isObject(s.additionalProperties) ? (s.additionalProperties as Schema) : undefined;
}

function itemSchema(s: Schema | undefined): Schema | undefined {
  return s && isObject(s.items) ? (s.items as Schema) : undefined;
}

function isNonNullableNull(x: unknown, s: Schema | undefined): boolean {
  return x === null && !!s && !s.nullable;
}

export function applyDefaults(x: unknown, s: Schema | undefined): void {
  if (!s) return;
  if (Array.isArray(x)) {
    const item = itemSchema(s);
    x.forEach((v, i) => {
      if (isNonNullableNull(v, item) && item?.default !== undefined) x[i] = clone(item.default);
      applyDefaults(x[i], item);
    });
    return;
  }
  if (!isObject(x)) return;
  const p = props(s);
  for (const k of Object.keys(p)) {
    const prop = p[k];
    if (prop?.default === undefined || prop.default === null) continue;
    if (!(k in x) || x[k] === undefined || isNonNullableNull(x[k], prop)) x[k] = clone(prop.default);
  }
  const ap = additionalSchema(s);
  for (const k of Object.keys(x)) {
    if (Object.hasOwn(p, k)) applyDefaults(x[k], p[k]);
    else if (ap) {
      if (isNonNullableNull(x[k], ap) && ap.default !== undefined) x[k] = clone(ap.default);
      applyDefaults(x[k], ap);
    }
  }
}

export function pruneNonNullableNullsWithoutDefaults(x: unknown, s: Schema | undefined): void {
  if (Array.isArray(x)) {
    for (const v of x) pruneNonNullableNullsWithoutDefaults(v, itemSchema(s));
    return;
  }
  if (!isObject(x)) return;
  for (const k of Object.keys(x)) {
    const sub = s ? (Object.hasOwn(props(s), k) ? props(s)[k] : additionalSchema(s)) : undefined;
    if (x[k] === null && sub && !sub.nullable && sub.default === undefined) delete x[k];
    else pruneNonNullableNullsWithoutDefaults(x[k], sub);
  }
}
