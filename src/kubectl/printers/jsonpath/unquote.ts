import { JsonPathError } from './nodes';

const SIMPLE: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};
const HEX_LEN: Record<string, number> = { x: 2, u: 4, U: 8 };

/** strconv.UnquoteChar: decodes one (possibly escaped) character; returns it and the rest. */
function unquoteChar(s: string, quote: string): [string, string] {
  const c = s[0];
  if (c === quote) throw new JsonPathError('invalid syntax');
  if (c !== '\\') {
    const cp = s.codePointAt(0) ?? 0;
    const ch = String.fromCodePoint(cp);
    return [ch, s.slice(ch.length)];
  }
  if (s.length <= 1) throw new JsonPathError('invalid syntax');
  const e = s[1];
  let rest = s.slice(2);
  if (SIMPLE[e] !== undefined) return [SIMPLE[e], rest];
  const n = HEX_LEN[e];
  if (n !== undefined) {
    const digits = rest.slice(0, n);
    if (digits.length < n || !/^[0-9a-fA-F]+$/.test(digits)) throw new JsonPathError('invalid syntax');
    const v = Number.parseInt(digits, 16);
    if (e !== 'x' && (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))) throw new JsonPathError('invalid syntax');
    return [e === 'x' ? String.fromCharCode(v) : String.fromCodePoint(v), rest.slice(n)];
  }
  if (e >= '0' && e <= '7') {
    const more = rest.slice(0, 2);
    if (!/^[0-7]{2}$/.test(more)) throw new JsonPathError('invalid syntax');
    const v = Number.parseInt(e + more, 8);
    if (v > 255) throw new JsonPathError('invalid syntax');
    rest = rest.slice(2);
    return [String.fromCharCode(v), rest];
  }
  if (e === "'" || e === '"') {
    if (e !== quote) throw new JsonPathError('invalid syntax');
    return [e, rest];
  }
  throw new JsonPathError('invalid syntax');
}

/** Like strconv.Unquote, but single quotes may delimit strings too. */
export function unquoteExtend(s: string): string {
  if (s.length < 2) throw new JsonPathError('invalid syntax');
  const quote = s[0];
  if (quote !== s[s.length - 1] || (quote !== '"' && quote !== "'")) throw new JsonPathError('invalid syntax');
  let inner = s.slice(1, -1);
  if (!inner.includes('\\') && !inner.includes(quote)) return inner;
  let out = '';
  while (inner.length > 0) {
    const [ch, rest] = unquoteChar(inner, quote);
    out += ch;
    inner = rest;
  }
  return out;
}
