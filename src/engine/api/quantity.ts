/**
 * resource.Quantity: exact fixed-point amounts (`500m`, `1.5Gi`, `1e3`) with the API server's
 * parsing, rounding and canonical printing. A value is `mantissa × 10^scale` with a BigInt
 * mantissa, so sums and comparisons are exact at any size.
 */

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

const splitREString = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${splitREString}'`;
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
export const ERR_SUFFIX = "unable to parse quantity's suffix";

export class QuantityParseError extends Error {
  override name = 'QuantityParseError';
}

/** Scales as upstream names them: value = n × 10^scale. */
export const Scale = {
  Nano: -9,
  Micro: -6,
  Milli: -3,
  Unit: 0,
  Kilo: 3,
  Mega: 6,
  Giga: 9,
  Tera: 12,
  Peta: 15,
  Exa: 18,
} as const;

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

function sign(n: bigint): -1 | 0 | 1 {
  return n === 0n ? 0 : n < 0n ? -1 : 1;
}

/** |n| / d rounded away from zero, with the sign of n. */
function divAwayFromZero(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d === 0n ? q : n < 0n ? q - 1n : q + 1n;
}

function digitCount(n: bigint): number {
  return n === 0n ? 0 : abs(n).toString().length;
}

const decimalSuffixes: Record<number, string> = {
  [-9]: 'n',
  [-6]: 'u',
  [-3]: 'm',
  0: '',
  3: 'k',
  6: 'M',
  9: 'G',
  12: 'T',
  15: 'P',
  18: 'E',
};
const binarySuffixes = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

export class Quantity {
  /**
   * @param text the string as the user wrote it, kept when it is already canonical-looking
   *   (upstream echoes such input back unchanged, e.g. `1e3` stays `1e3`).
   */
  private constructor(
    readonly mantissa: bigint,
    readonly scale: number,
    readonly format: QuantityFormat,
    private readonly text?: string,
  ) {}

  /** Internal constructor for the module's helpers. */
  static of(mantissa: bigint, scale: number, format: QuantityFormat, text?: string): Quantity {
    return new Quantity(mantissa, scale, format, text);
  }

  isZero(): boolean {
    return this.mantissa === 0n;
  }

  sign(): -1 | 0 | 1 {
    return sign(this.mantissa);
  }

  /** -1, 0 or 1; exact at any magnitude. */
  cmp(other: Quantity): -1 | 0 | 1 {
    return cmpParts(this.mantissa, this.scale, other.mantissa, other.scale);
  }

  equals(other: Quantity): boolean {
    return this.cmp(other) === 0;
  }

  /** A zero left-hand side takes the format of the right-hand side, as upstream Add does. */
  add(other: Quantity): Quantity {
    const format = this.isZero() ? other.format : this.format;
    if (other.isZero()) return new Quantity(this.mantissa, this.scale, format);
    if (this.isZero()) return new Quantity(other.mantissa, other.scale, format);
    const [a, b, scale] = align(this, other);
    return new Quantity(a + b, scale, format);
  }

  sub(other: Quantity): Quantity {
    return this.add(other.neg());
  }

  neg(): Quantity {
    return new Quantity(-this.mantissa, this.scale, this.format);
  }

  /** Multiplies by an integer. */
  mul(n: number | bigint): Quantity {
    return new Quantity(this.mantissa * toBigInt(n), this.scale, this.format);
  }

  withFormat(format: QuantityFormat): Quantity {
    return format === this.format ? this : new Quantity(this.mantissa, this.scale, format);
  }

  /**
   * Rounds up (away from zero) to a multiple of 10^scale. Pod defaulting uses `roundUp(-3)`:
   * resource values are kept to milli precision, so `0.0001` becomes `1m`.
   */
  roundUp(scale: number): Quantity {
    // Already coarse enough: upstream keeps the value, and the text the user wrote, untouched.
    if (this.scale >= scale) return this;
    return new Quantity(divAwayFromZero(this.mantissa, pow10(scale - this.scale)), scale, this.format);
  }

  /** Whether {@link roundUp} at this scale would keep the value exactly. */
  isExactAt(scale: number): boolean {
    return this.scale >= scale || this.mantissa % pow10(scale - this.scale) === 0n;
  }

  /** ceil(q / 10^scale), rounding away from zero, as a number. */
  scaledValue(scale: number): number {
    // Past ~1e400 a number is Infinity anyway; do not build a huge BigInt to find that out.
    if (this.mantissa !== 0n && this.scale - scale > 400) return this.sign() * Number.POSITIVE_INFINITY;
    return Number(this.scaledBigInt(scale));
  }

  /** Like {@link scaledValue} but exact. */
  scaledBigInt(scale: number): bigint {
    if (this.mantissa === 0n) return 0n;
    const diff = this.scale - scale;
    if (diff >= 0) return this.mantissa * pow10(diff);
    // Dividing by more than the mantissa's digits leaves a fraction below one: rounds to ±1.
    if (-diff > digitCount(this.mantissa)) return BigInt(this.sign());
    return divAwayFromZero(this.mantissa, pow10(-diff));
  }

  /** The value rounded up (away from zero) to an integer, as Quantity.Value. */
  value(): number {
    return this.scaledValue(0);
  }

  /** ceil(q × 1000) (away from zero), as Quantity.MilliValue. */
  milliValue(): number {
    return this.scaledValue(-3);
  }

  asApproximateFloat64(): number {
    if (this.scale > 400) return this.mantissa === 0n ? 0 : this.sign() * Number.POSITIVE_INFINITY;
    if (this.scale < -400) return 0;
    return Number(this.mantissa) * 10 ** this.scale;
  }

  /** The canonical form (or the input text when that was already canonical-looking). */
  toString(): string {
    return this.text ?? this.canonical();
  }

  /** Quantities serialise as strings, as in the API. */
  toJSON(): string {
    return this.toString();
  }

  /** The canonical form, ignoring what text the quantity was parsed from. */
  canonical(): string {
    if (this.mantissa === 0n) return '0';
    let format = this.format;
    let integer: bigint | undefined;
    if (format === 'BinarySI') {
      if (cmpParts(abs(this.mantissa), this.scale, 1024n, 0) < 0) {
        // Below 1Ki the binary suffixes do not help; say 500m rather than round to 1.
        format = 'DecimalSI';
      } else if (this.isExactAt(0)) {
        integer = this.scaledBigInt(0);
      } else {
        // Do not lose precision: show it in decimal instead.
        format = 'DecimalSI';
      }
    }
    if (format === 'BinarySI' && integer !== undefined) {
      let n = integer;
      let exp = 0;
      while (abs(n) >= 1024n && n % 1024n === 0n) {
        n /= 1024n;
        exp++;
      }
      // Beyond Ei upstream finds no suffix and prints the number bare; so do we.
      return `${n}${binarySuffixes[exp] ?? ''}`;
    }
    let n = this.mantissa;
    let exp = this.scale;
    while (abs(n) >= 10n && n % 10n === 0n) {
      n /= 10n;
      exp++;
    }
    const r = ((exp % 3) + 3) % 3;
    n *= pow10(r);
    exp -= r;
    if (format === 'DecimalExponent') return exp === 0 ? `${n}` : `${n}e${exp}`;
    return `${n}${decimalSuffixes[exp] ?? ''}`;
  }
}

function toBigInt(n: number | bigint): bigint {
  if (typeof n === 'bigint') return n;
  if (!Number.isInteger(n)) throw new RangeError(`not an integer: ${n}`);
  return BigInt(n);
}

function align(a: Quantity, b: Quantity): [bigint, bigint, number] {
  const scale = Math.min(a.scale, b.scale);
  return [a.mantissa * pow10(a.scale - scale), b.mantissa * pow10(b.scale - scale), scale];
}

/** Compares m1×10^s1 with m2×10^s2 without building powers bigger than the operands. */
function cmpParts(m1: bigint, s1: number, m2: bigint, s2: number): -1 | 0 | 1 {
  const sg1 = sign(m1);
  const sg2 = sign(m2);
  if (sg1 !== sg2) return sg1 < sg2 ? -1 : 1;
  if (sg1 === 0) return 0;
  // Same sign: compare orders of magnitude first, then align (the gap is then small).
  const mag1 = digitCount(m1) + s1;
  const mag2 = digitCount(m2) + s2;
  if (mag1 !== mag2) {
    const bigger = mag1 > mag2 ? 1 : -1;
    return (sg1 > 0 ? bigger : -bigger) as -1 | 1;
  }
  const scale = Math.min(s1, s2);
  const a = m1 * pow10(s1 - scale);
  const b = m2 * pow10(s2 - scale);
  return a === b ? 0 : a < b ? -1 : 1;
}

// ---------------------------------------------------------------------------------------------
// Parsing.

interface ParsedString {
  positive: boolean;
  value: string;
  num: string;
  denom: string;
  suffix: string;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const suffixChars = 'eEinumkKMGTP';

/** Splits sign, number and suffix the way upstream's scanner does (including its leniencies). */
function parseQuantityString(str: string): ParsedString {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (pos < end) {
    if (str[0] === '-') {
      positive = false;
      pos++;
    } else if (str[0] === '+') pos++;
  }
  // Leading zeros.
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
    if (str[i] !== '0') break;
    pos++;
  }
  let num = '';
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value: str, num: str.slice(pos), denom: '', suffix: '' };
    if (!isDigit(str[i])) {
      num = str.slice(pos, i);
      pos = i;
      break;
    }
  }
  if (num.length === 0) num = '0';
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    for (let i = pos; ; i++) {
      if (i >= end) return { positive, value: str, num, denom: str.slice(pos), suffix: '' };
      if (!isDigit(str[i])) {
        denom = str.slice(pos, i);
        pos = i;
        break;
      }
    }
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
    if (!suffixChars.includes(str[i])) {
      pos = i;
      break;
    }
  }
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
    if (!isDigit(str[i])) break;
  }
  throw new QuantityParseError(ERR_FORMAT_WRONG);
}

interface Suffix {
  base: 2 | 10;
  exponent: number;
  format: QuantityFormat;
}

const knownSuffixes: Record<string, Suffix> = {
  '': { base: 10, exponent: 0, format: 'DecimalSI' },
  n: { base: 10, exponent: -9, format: 'DecimalSI' },
  u: { base: 10, exponent: -6, format: 'DecimalSI' },
  m: { base: 10, exponent: -3, format: 'DecimalSI' },
  k: { base: 10, exponent: 3, format: 'DecimalSI' },
  M: { base: 10, exponent: 6, format: 'DecimalSI' },
  G: { base: 10, exponent: 9, format: 'DecimalSI' },
  T: { base: 10, exponent: 12, format: 'DecimalSI' },
  P: { base: 10, exponent: 15, format: 'DecimalSI' },
  E: { base: 10, exponent: 18, format: 'DecimalSI' },
  Ki: { base: 2, exponent: 10, format: 'BinarySI' },
  Mi: { base: 2, exponent: 20, format: 'BinarySI' },
  Gi: { base: 2, exponent: 30, format: 'BinarySI' },
  Ti: { base: 2, exponent: 40, format: 'BinarySI' },
  Pi: { base: 2, exponent: 50, format: 'BinarySI' },
  Ei: { base: 2, exponent: 60, format: 'BinarySI' },
};

function interpretSuffix(suffix: string): Suffix | undefined {
  if (Object.hasOwn(knownSuffixes, suffix)) return knownSuffixes[suffix];
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    const digits = suffix.slice(1);
    if (!/^[+-]?[0-9]+$/.test(digits)) return undefined;
    const parsed = BigInt(digits);
    if (parsed > INT64_MAX || parsed < INT64_MIN) return undefined;
    // Upstream keeps the exponent in an int32.
    return { base: 10, exponent: Number(BigInt.asIntN(32, parsed)), format: 'DecimalExponent' };
  }
  return undefined;
}

/** Go's int64 `%` is truncated like JavaScript's, so `scale % 3` reads the same. */
function isCanonicalLooking(format: QuantityFormat, scale: number, shifted: string, value: bigint): boolean {
  if (format === 'BinarySI') return (value & 7n) !== 0n;
  return scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
}

/**
 * Parses a quantity (`100m`, `1.5Gi`, `2e3`, `+1`, `.5`). Throws {@link QuantityParseError} with
 * upstream's messages. Numbers are accepted too, as YAML gives them (`cpu: 0.5`).
 */
/** Parsed quantities by text: the same few requests and limits are read for every pod. */
const parsed = new Map<string, Quantity>();
const PARSED_LIMIT = 4096;

export function parseQuantity(input: string | number): Quantity {
  const str = typeof input === 'number' ? String(input) : input;
  // Quantities are immutable, so one parse of a text serves every reader.
  let q = parsed.get(str);
  if (q) return q;
  q = parseQuantityText(str);
  if (parsed.size >= PARSED_LIMIT) parsed.clear();
  parsed.set(str, q);
  return q;
}

function parseQuantityText(str: string): Quantity {
  if (str.length === 0) throw new QuantityParseError(ERR_FORMAT_WRONG);
  if (str === '0') return Quantity.of(0n, 0, 'DecimalSI', str);

  const { positive, value, num, denom, suffix } = parseQuantityString(str);
  const interpreted = interpretSuffix(suffix);
  if (!interpreted) throw new QuantityParseError(ERR_SUFFIX);
  const { base, exponent } = interpreted;
  let format = interpreted.format;

  // Upstream's fast path: small enough for an int64 at nano precision or coarser. Only this path
  // may keep the input text, so it is followed step by step.
  let precision: number;
  let scale = 0;
  let multiplier = 1n;
  if (format === 'BinarySI') {
    if (exponent >= 0 && denom.length === 0) {
      multiplier = 1n << BigInt(exponent);
      precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
    } else precision = -1;
  } else {
    scale = exponent;
    precision = 18 - (num.length + denom.length);
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= Scale.Nano) {
      const shifted = num + denom;
      const digits = BigInt(shifted);
      const result = digits * multiplier;
      if (result <= INT64_MAX) {
        const mantissa = positive ? result : -result;
        const text = isCanonicalLooking(format, scale, shifted, digits) ? str : undefined;
        return Quantity.of(mantissa, scale, format, text);
      }
    }
  }

  // General path: exact decimal arithmetic, then round up to nano and cap binary values.
  const numeric = value.replace(/^[+-]/, '');
  if (!/[0-9]/.test(numeric)) throw new QuantityParseError(ERR_NUMERIC);
  const dot = numeric.indexOf('.');
  let mantissa = BigInt(dot < 0 ? numeric : numeric.slice(0, dot) + numeric.slice(dot + 1) || '0');
  let exp = dot < 0 ? 0 : -(numeric.length - dot - 1);
  if (base === 10) exp += exponent;
  else mantissa <<= BigInt(exponent);

  // Any non-zero request below 1n becomes 1n: asking for some of a resource gets you some.
  if (mantissa !== 0n && exp < Scale.Nano) {
    mantissa = divAwayFromZero(mantissa, pow10(Scale.Nano - exp));
    exp = Scale.Nano;
  }
  if (format === 'BinarySI' && cmpParts(mantissa, exp, INT64_MAX, 0) > 0) {
    mantissa = INT64_MAX;
    exp = 0;
  }
  if (format === 'BinarySI' && mantissa !== 0n && cmpParts(mantissa, exp, 1n, 0) < 0) format = 'DecimalSI';
  return Quantity.of(positive ? mantissa : -mantissa, exp, format);
}

/**
 * How the API server decodes a quantity field from JSON: surrounding whitespace is trimmed
 * (unlike {@link parseQuantity}), numbers are taken as written, null means unset.
 */
export function unmarshalQuantity(v: unknown): Quantity | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number') return parseQuantity(v);
  if (typeof v === 'string') return parseQuantity(v.trim());
  throw new QuantityParseError(ERR_FORMAT_WRONG);
}

/** Parses, or returns undefined for an invalid quantity. */
export function tryParseQuantity(input: string | number | undefined | null): Quantity | undefined {
  if (input === undefined || input === null) return undefined;
  try {
    return parseQuantity(input);
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Building quantities.

/** NewQuantity: an integer value in the given format. */
export function newQuantity(value: number | bigint, format: QuantityFormat): Quantity {
  return Quantity.of(toBigInt(value), 0, format);
}

/** NewMilliQuantity: value/1000 (e.g. CPU in millicores). */
export function quantityFromMilli(milli: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
  return Quantity.of(toBigInt(milli), -3, format);
}

/** A byte count, printed with binary suffixes (`128Mi`) when it divides evenly. */
export function quantityFromBytes(bytes: number | bigint, format: QuantityFormat = 'BinarySI'): Quantity {
  return Quantity.of(toBigInt(bytes), 0, format);
}

/** NewScaledQuantity: value × 10^scale, decimal. */
export function newScaledQuantity(value: number | bigint, scale: number): Quantity {
  return Quantity.of(toBigInt(value), scale, 'DecimalSI');
}

export const ZERO: Quantity = Quantity.of(0n, 0, 'DecimalSI');

/** Sum of quantities; the empty sum is zero. */
export function sumQuantities(quantities: Iterable<Quantity>): Quantity {
  let total = ZERO;
  for (const q of quantities) total = total.add(q);
  return total;
}

export function cmp(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return a.cmp(b);
}

export function add(a: Quantity, b: Quantity): Quantity {
  return a.add(b);
}

export function sub(a: Quantity, b: Quantity): Quantity {
  return a.sub(b);
}

export function maxQuantity(a: Quantity, b: Quantity): Quantity {
  return a.cmp(b) >= 0 ? a : b;
}

export function minQuantity(a: Quantity, b: Quantity): Quantity {
  return a.cmp(b) <= 0 ? a : b;
}

// ---------------------------------------------------------------------------------------------
// Printing for kubectl.

/** A CPU amount in millicores as `kubectl describe` prints a summed request (`250m`, `1`, `1500m`). */
export function formatCPU(milli: number | bigint): string {
  return quantityFromMilli(milli).toString();
}

/** A byte count as `kubectl describe` prints a summed memory request (`128Mi`, `1Gi`, `1000`). */
export function formatMemory(bytes: number | bigint): string {
  return quantityFromBytes(bytes).toString();
}

/** `kubectl top` CPU column: always millicores (`12m`). */
export function formatTopCPU(q: Quantity): string {
  return `${q.milliValue()}m`;
}

/** `kubectl top` memory column: whole mebibytes, truncated (`45Mi`). */
export function formatTopMemory(q: Quantity): string {
  return `${q.scaledBigInt(0) / (1024n * 1024n)}Mi`;
}

/** `kubectl describe node` percentages: truncated integer percent of a capacity, 0 when capacity is 0. */
export function percentOf(part: Quantity, whole: Quantity): number {
  const w = whole.milliValue();
  if (w === 0) return 0;
  return Math.trunc((part.milliValue() / w) * 100);
}
