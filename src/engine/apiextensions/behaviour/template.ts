import { isObject } from '../types';

/**
 * The placeholders a behaviour's manifests may use: `{{ .metadata.name }}`, `{{ .spec.size }}`,
 * with an optional fallback `{{ .spec.size | default 1 }}`. A string that is exactly one
 * placeholder takes the value's own type (a number stays a number, a map a map); elsewhere the
 * value is written into the text. A missing value with no default leaves the field out.
 */

const PLACEHOLDER = /\{\{\s*(.*?)\s*\}\}/g;
const WHOLE = /^\s*\{\{\s*(.*?)\s*\}\}\s*$/;
const MISSING = Symbol('missing');

export class TemplateError extends Error {}

export function render(template: unknown, source: unknown): unknown {
  const out = renderValue(template, source);
  return out === MISSING ? undefined : out;
}

function renderValue(t: unknown, source: unknown): unknown {
  if (typeof t === 'string') return renderString(t, source);
  if (Array.isArray(t)) return t.map((x) => renderValue(x, source)).filter((x) => x !== MISSING);
  if (isObject(t)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(t)) {
      const r = renderValue(v, source);
      if (r !== MISSING) out[k] = r;
    }
    return out;
  }
  return t;
}

function renderString(t: string, source: unknown): unknown {
  const whole = WHOLE.exec(t);
  if (whole && !whole[1].includes('}}')) return evaluate(whole[1], source);
  return t.replace(PLACEHOLDER, (_all, expr: string) => {
    const v = evaluate(expr, source);
    if (v === MISSING || v === null) return '';
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  });
}

function evaluate(expr: string, source: unknown): unknown {
  const [path, ...pipes] = expr.split('|').map((s) => s.trim());
  let value = lookup(path, source);
  for (const pipe of pipes) {
    const m = /^default\s+(.+)$/.exec(pipe);
    if (!m) throw new TemplateError(`unknown function in "{{ ${expr} }}" (only "default" is supported)`);
    if (value === MISSING || value === null || value === '') value = literal(m[1]);
  }
  return value;
}

function lookup(path: string, source: unknown): unknown {
  if (!path.startsWith('.')) throw new TemplateError(`"${path}" is not a field path (write .spec.field or .metadata.name)`);
  if (path === '.') return source;
  let cur: unknown = source;
  for (const part of path.slice(1).split('.')) {
    if (!isObject(cur) || !(part in cur)) return MISSING;
    cur = cur[part];
  }
  return cur === undefined ? MISSING : cur;
}

function literal(text: string): unknown {
  if (/^".*"$/.test(text)) return JSON.parse(text);
  if (/^'.*'$/.test(text)) return text.slice(1, -1);
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}
