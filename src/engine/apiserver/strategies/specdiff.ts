import { goQuote } from '../../api/names';
import { semanticEqual } from './common';

/**
 * A readable stand-in for the `cmp.Diff` text the API server appends to "may not change"
 * errors. Upstream prints a Go-syntax diff of the internal structs; this prints the same
 * kind of `-`/`+` lines, one per changed field, with Go field names.
 */

function goName(field: string): string {
  return /^\d/.test(field) ? field : field[0].toUpperCase() + field.slice(1);
}

function show(v: unknown): string {
  if (v === undefined || v === null) return 'nil';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `{${v.map(show).join(', ')}}`;
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  return `{${entries.map(([k, x]) => `${goName(k)}: ${show(x)}`).join(', ')}}`;
}

function collect(old: unknown, next: unknown, path: string, out: string[]): void {
  if (semanticEqual(old, next)) return;
  const isObj = (x: unknown) => typeof x === 'object' && x !== null;
  if (isObj(old) && isObj(next) && Array.isArray(old) === Array.isArray(next)) {
    if (Array.isArray(old) && Array.isArray(next) && old.length !== next.length) {
      out.push(`- \t${path}: ${show(old)},`, `+ \t${path}: ${show(next)},`);
      return;
    }
    const o = old as Record<string, unknown>;
    const n = next as Record<string, unknown>;
    for (const k of new Set([...Object.keys(o), ...Object.keys(n)])) {
      const sub = Array.isArray(old) ? `${path}[${k}]` : path ? `${path}.${goName(k)}` : goName(k);
      collect(o[k], n[k], sub, out);
    }
    return;
  }
  out.push(`- \t${path}: ${show(old)},`, `+ \t${path}: ${show(next)},`);
}

/** `  core.PodSpec{` … changed fields … `  }`. */
export function specDiff(type: string, old: unknown, next: unknown): string {
  const lines: string[] = [];
  collect(old, next, '', lines);
  return [`  ${type}{`, ...lines, '  }', ''].join('\n');
}
