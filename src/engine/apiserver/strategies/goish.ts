import { goQuote } from '../../api/names';
import { GoText } from './errors';

/**
 * An approximation of Go's `%#v` for internal API structs, which the real server prints when
 * it cannot JSON-encode a bad value (`spec.template: Invalid value: core.PodTemplateSpec{…}`).
 * The real dump lists every zero-valued field too and cannot be reproduced without Go's type
 * information; this keeps the shape (type name, Go field names) and prints the set fields.
 */

const goField = (k: string) => k[0].toUpperCase() + k.slice(1);

function render(v: unknown): string {
  if (v === null || v === undefined) return 'nil';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `[]{${v.map(render).join(', ')}}`;
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  const allStrings = entries.length > 0 && entries.every(([, x]) => typeof x === 'string');
  if (allStrings && entries.some(([k]) => /[^A-Za-z0-9]/.test(k))) {
    return `map[string]string{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, x]) => `${goQuote(k)}:${goQuote(x as string)}`)
      .join(', ')}}`;
  }
  return `{${entries.map(([k, x]) => `${goField(k)}:${render(x)}`).join(', ')}}`;
}

export function goish(type: string, value: unknown): GoText {
  return new GoText(`${type}${value === null || value === undefined ? '{}' : render(value)}`);
}
