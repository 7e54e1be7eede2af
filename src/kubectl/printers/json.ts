import type { KObject } from '../../engine/api/types';
import { sortedKeys } from './gofmt';

/**
 * JSON as Go's encoding/json writes a decoded object: map keys sorted, and `<`, `>`, `&`,
 * U+2028 and U+2029 escaped. kubectl decodes what the server sends into maps, so `-o json`
 * shows every object with sorted keys whatever order the server used.
 */

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v !== null && typeof v === 'object') {
    const src = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of sortedKeys(src)) {
      if (src[k] !== undefined) out[k] = sortDeep(src[k]);
    }
    return out;
  }
  return v;
}

const HTML_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * Go's json.Marshal (compact) or json.MarshalIndent with the given indent.
 * JavaScript's number formatting already matches Go's for JSON (both follow ES6).
 */
export function goJson(value: unknown, indent = ''): string {
  const text = JSON.stringify(sortDeep(value), null, indent) ?? 'null';
  // The characters only ever occur inside string literals, so replacing them everywhere is safe.
  return text.replace(/[<>&\u2028\u2029]/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/** `-o json` of one object (or of a List): 4-space indent and a trailing newline. */
export function printJson(obj: KObject): string {
  return `${goJson(obj, '    ')}\n`;
}
