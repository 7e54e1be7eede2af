import { goQuote } from '../../api/names';
import type { FieldError } from '../../api/status';

/**
 * Field errors worded and valued exactly as apimachinery's field.Error prints them
 * (`spec.replicas: Invalid value: -1: must be greater than or equal to 0`).
 *
 * Bad values render as Go does: strings through strconv.Quote, numbers and booleans bare,
 * anything else through encoding/json (map keys sorted, `<>&` escaped). Internal API types
 * cannot be JSON-encoded by the real server, which then falls back to `%#v`; {@link goStruct}
 * builds that form.
 */

/** A value that prints verbatim (a `%#v` rendering). */
export class GoText {
  constructor(readonly text: string) {}
}

/** `%#v` of an internal struct: `rbac.RoleRef{APIGroup:"x", Kind:"Role", Name:"r"}`. */
export function goStruct(type: string, fields: [string, string | number | boolean | GoText | null | undefined][]): GoText {
  const body = fields
    .map(
      ([name, v]) =>
        `${name}:${v instanceof GoText ? v.text : typeof v === 'string' ? goQuote(v) : v === null || v === undefined ? 'nil' : String(v)}`,
    )
    .join(', ');
  return new GoText(`${type}{${body}}`);
}

/** How a bad value prints inside a field error. */
export function goValue(value: unknown): string {
  if (value instanceof GoText) return value.text;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return goJSON(value);
}

/** encoding/json's output: HTML-safe escapes, keys in the order given (sort maps with {@link sortedMap}). */
export function goJSON(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A map with its keys in Go's sorted order, for values that encoding/json would print. */
export function sortedMap<T>(m: Record<string, T> | null | undefined): Record<string, T> | null {
  if (!m) return null;
  const out: Record<string, T> = {};
  for (const k of Object.keys(m).sort()) out[k] = m[k];
  return out;
}

function body(type: string, value: unknown, detail: string, withValue: boolean): string {
  let s = withValue ? `${type}: ${goValue(value)}` : type;
  if (detail) s += `: ${detail}`;
  return s;
}

export const fe = {
  required: (field: string, detail = ''): FieldError => ({
    type: 'FieldValueRequired',
    field,
    detail: body('Required value', undefined, detail, false),
  }),
  invalid: (field: string, value: unknown, detail: string): FieldError => ({
    type: 'FieldValueInvalid',
    field,
    detail: body('Invalid value', value, detail, true),
  }),
  notSupported: (field: string, value: unknown, valid: readonly string[]): FieldError => ({
    type: 'FieldValueNotSupported',
    field,
    detail: body('Unsupported value', value, valid.length ? `supported values: ${valid.map(goQuote).join(', ')}` : '', true),
  }),
  duplicate: (field: string, value: unknown, detail = ''): FieldError => ({
    type: 'FieldValueDuplicate',
    field,
    detail: body('Duplicate value', value, detail, true),
  }),
  forbidden: (field: string, detail: string): FieldError => ({
    type: 'FieldValueForbidden',
    field,
    detail: body('Forbidden', undefined, detail, false),
  }),
  tooLong: (field: string, max: number): FieldError => ({
    type: 'FieldValueTooLong',
    field,
    detail: body('Too long', undefined, `may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}`, false),
  }),
  tooMany: (field: string, actual: number, max: number): FieldError => ({
    type: 'FieldValueTooMany',
    field,
    detail: body('Too many', actual, `must have at most ${max} ${max === 1 ? 'item' : 'items'}`, true),
  }),
  // status.ts has no NotFound type in its union, though the API server reports FieldValueNotFound.
  notFound: (field: string, value: unknown, detail = ''): FieldError =>
    ({
      type: 'FieldValueNotFound',
      field,
      detail: body('Not found', value, detail, true),
    }) as unknown as FieldError,
  internal: (field: string, message: string): FieldError => ({
    type: 'InternalError',
    field,
    detail: body('Internal error', undefined, message, false),
  }),
};

/** field.Path helpers: `spec.containers[0].name`, `data[tls.crt]`. */
export const child = (path: string, ...names: string[]): string => names.reduce((p, n) => (p ? `${p}.${n}` : n), path);
export const index = (path: string, i: number): string => `${path}[${i}]`;
export const key = (path: string, k: string): string => `${path}[${k}]`;
