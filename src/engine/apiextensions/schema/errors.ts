import type { FieldError } from '../../api/status';
import { goQuote } from '../../api/names';
import { goFloat } from '../../apiserver/patch/goformat';
import { fe, GoText } from '../../apiserver/strategies/errors';
import { isObject } from '../types';
import type { SchemaError } from './validate';

/**
 * The API server's translation of schema validation errors into field errors
 * (kubeOpenAPIResultToFieldErrors): required → `Required value`, enum → `Unsupported value`,
 * maxLength → `Too long`, maxItems and maxProperties → `Too many`, a wrong type → `Invalid value`
 * carrying the validator's message, everything else → `Invalid value` with its message.
 *
 * `fieldPath` is where the validated value sits ('' for a whole object: errors at its root
 * print as `<nil>`, as the real server's nil field path does).
 */
export function toFieldErrors(errors: SchemaError[], fieldPath = ''): FieldError[] {
  return errors.map((err) => {
    if (!err.code) return fe.invalid(fieldPath || '<nil>', '', err.message);
    const name = err.name && err.name !== '.' ? err.name.replace(/^\./, '') : '';
    const path = [fieldPath, name].filter(Boolean).join('.') || '<nil>';
    const value = goValueOf(err.value ?? '');
    switch (err.code) {
      case 'required':
        return fe.required(path);
      case 'enum':
        return fe.notSupported(
          path,
          value,
          (err.values ?? []).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))),
        );
      case 'tooLong':
        return fe.tooLong(path, err.valid ?? -1);
      case 'maxItems':
      case 'tooManyProperties':
        return fe.tooMany(path, typeof err.value === 'number' ? err.value : -1, err.valid ?? -1);
      case 'invalidType':
        return {
          type: 'FieldValueTypeInvalid',
          field: path,
          detail: `Invalid value: ${printValue(value)}: ${err.message}`,
        };
      default:
        return fe.invalid(path, value, err.message);
    }
  });
}

/**
 * A bad value as field.Error prints it: numbers, booleans and strings simply; maps and slices
 * in Go's `%#v` form (`map[string]interface {}{"a":"b"}`).
 */
export function goValueOf(v: unknown): unknown {
  if (v === null || v === undefined || typeof v !== 'object') return v;
  return new GoText(sharpV(v));
}

function printValue(v: unknown): string {
  if (v instanceof GoText) return v.text;
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFloat(v);
  return String(v);
}

function sharpV(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFloat(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(sharpV).join(', ')}}`;
  if (isObject(v)) {
    const keys = Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort();
    return `map[string]interface {}{${keys.map((k) => `${goQuote(k)}:${sharpV(v[k])}`).join(', ')}}`;
  }
  return String(v);
}
