/**
 * Go's text renderings of decoded JSON values. kubectl decodes objects into Go maps and slices
 * and several printers then format them with Go's fmt, strconv or encoding/json, so matching
 * kubectl byte for byte means reproducing those formats, not JavaScript's.
 */

/** A float literal from a JSONPath template, which Go keeps apart from integers. */
export class GoFloat {
  constructor(readonly value: number) {}
}

/** A byte of a string, as JSONPath yields when it iterates over one. */
export class GoByte {
  constructor(readonly value: number) {}
}

/** 2^63: the magnitude just beyond int64, exactly representable as a double. */
const INT64_LIMIT = 2 ** 63;

/**
 * Whether Go's JSON decoder would have produced an int64 for this number: integral and in range.
 * kubectl decodes integers as int64 and everything else as float64, and prints them differently.
 */
export function isGoInt(n: number): boolean {
  return Number.isInteger(n) && (Math.abs(n) < INT64_LIMIT || n === -INT64_LIMIT);
}

/** An integral number as Go prints an int64 (no exponent, no rounding to 1e21 notation). */
function formatInt(n: number): string {
  return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
}

/** strconv.FormatFloat(f, 'g', -1, 64), which fmt's `%v` uses: shortest digits, exponent form below 1e-4 and from 1e6. */
export function formatGoFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Number.POSITIVE_INFINITY) return '+Inf';
  if (f === Number.NEGATIVE_INFINITY) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  // toExponential() without an argument gives the shortest round-tripping digits.
  const [mantissa, expText] = f.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    const digits = String(Math.abs(exp)).padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  let text: string;
  if (exp >= 0) {
    const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    const frac = digits.slice(exp + 1);
    text = frac ? `${intPart}.${frac}` : intPart;
  } else {
    text = `0.${'0'.repeat(-exp - 1)}${digits}`;
  }
  return negative ? `-${text}` : text;
}

/** A number as Go's fmt prints the int64 or float64 that JSON decoding produced. */
export function formatGoNumber(n: number): string {
  return isGoInt(n) ? formatInt(n) : formatGoFloat(n);
}

/** Compares strings by UTF-8 bytes, the order Go sorts map keys in. */
export function compareGoStrings(a: string, b: string): number {
  const ai = a[Symbol.iterator]();
  const bi = b[Symbol.iterator]();
  for (;;) {
    const x = ai.next();
    const y = bi.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const cx = x.value.codePointAt(0) ?? 0;
    const cy = y.value.codePointAt(0) ?? 0;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

export function sortedKeys(obj: object): string[] {
  return Object.keys(obj).sort(compareGoStrings);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof GoFloat) && !(v instanceof GoByte);
}

/** fmt.Sprint (`%v`) of a decoded JSON value: `map[a:1 b:x]`, `[1 two]`, `<nil>`. */
export function goSprint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (v instanceof GoFloat) return formatGoFloat(v.value);
  if (v instanceof GoByte) return String(v.value);
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatGoNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`;
  if (isPlainObject(v)) {
    return `map[${sortedKeys(v)
      .map((k) => `${k}:${goSprint(v[k])}`)
      .join(' ')}]`;
  }
  return String(v);
}

/** Whether Go's unicode.IsPrint accepts the character (letters, marks, numbers, punctuation, symbols, ASCII space). */
function isGoPrintable(ch: string): boolean {
  return ch === ' ' || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch);
}

const SHORT_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\\': '\\\\',
  '"': '\\"',
};

/** strconv.Quote: a double-quoted Go string literal. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const short = SHORT_ESCAPES[ch];
    if (short) {
      out += short;
      continue;
    }
    if (isGoPrintable(ch)) {
      out += ch;
      continue;
    }
    const cp = ch.codePointAt(0) ?? 0xfffd;
    if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/**
 * fmt's `%#v` of a value decoded into `interface{}`: `map[string]interface {}{"a":1}`.
 * kubectl prints it when a JSONPath template fails, to show the object it was given.
 */
export function goSharpV(v: unknown, inInterface = false): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (v instanceof GoFloat) return formatGoFloat(v.value);
  if (v instanceof GoByte) return inInterface ? `0x${v.value.toString(16)}` : String(v.value);
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return formatGoNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[]interface {}{${v.map((x) => goSharpV(x, true)).join(', ')}}`;
  if (isPlainObject(v)) {
    return `map[string]interface {}{${sortedKeys(v)
      .map((k) => `${goQuote(k)}:${goSharpV(v[k], true)}`)
      .join(', ')}}`;
  }
  return String(v);
}
