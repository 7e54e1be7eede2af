/**
 * Resource quantities in the canonical form the API server prints them in
 * (`resource.Quantity.String()`): `1024Mi` shows as `1Gi`, `0.5` as `500m`, `2000` as `2k`.
 * The value is kept exactly as an integer times a power of ten.
 */

const BINARY: Record<string, number> = {
  Ki: 10,
  Mi: 20,
  Gi: 30,
  Ti: 40,
  Pi: 50,
  Ei: 60,
};
const DECIMAL: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const DECIMAL_SUFFIX: Record<number, string> = Object.fromEntries(Object.entries(DECIMAL).map(([s, e]) => [e, s]));
const BINARY_SUFFIX: Record<number, string> = {
  0: '',
  10: 'Ki',
  20: 'Mi',
  30: 'Gi',
  40: 'Ti',
  50: 'Pi',
  60: 'Ei',
};

const QUANTITY = /^([+-]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:(Ki|Mi|Gi|Ti|Pi|Ei)|([numkMGTPE]?)|[eE]([+-]?[0-9]+))$/;

type Format = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

interface Parsed {
  /** value = mantissa × 10^exponent */
  mantissa: bigint;
  exponent: number;
  format: Format;
}

function parse(text: string): Parsed | undefined {
  const m = QUANTITY.exec(text.trim());
  if (!m) return undefined;
  const [, sign, number, binary, decimal, exp] = m;
  const [whole, frac = ''] = number.split('.');
  let mantissa = BigInt(`${whole || '0'}${frac}` || '0');
  let exponent = -frac.length;
  let format: Format = 'DecimalSI';
  if (binary) {
    mantissa *= 2n ** BigInt(BINARY[binary]);
    format = 'BinarySI';
  } else if (exp !== undefined) {
    exponent += Number(exp);
    format = 'DecimalExponent';
  } else {
    exponent += DECIMAL[decimal ?? ''];
  }
  // Quantities keep nano precision at most, rounding up what lies below it.
  if (exponent < -9) {
    const divisor = 10n ** BigInt(-9 - exponent);
    const q = mantissa / divisor;
    mantissa = mantissa % divisor === 0n ? q : q + 1n;
    exponent = -9;
  }
  if (sign === '-') mantissa = -mantissa;
  return { mantissa, exponent, format };
}

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

/** Trailing zeros move into the exponent, which then drops to a multiple of three. */
function decimalCanonical(mantissa: bigint, exponent: number, format: Format): string {
  let m = mantissa;
  let e = exponent;
  while (m !== 0n && m % 10n === 0n) {
    m /= 10n;
    e++;
  }
  const r = ((e % 3) + 3) % 3;
  m *= 10n ** BigInt(r);
  e -= r;
  if (format === 'DecimalExponent') return e === 0 ? m.toString() : `${m}e${e}`;
  const suffix = DECIMAL_SUFFIX[e];
  return suffix === undefined ? `${m}e${e}` : `${m}${suffix}`;
}

/** The canonical text of a quantity, or the input unchanged when it does not parse. */
export function canonicalQuantity(text: string | number | undefined | null): string {
  if (text === undefined || text === null) return '0';
  const parsed = parse(String(text));
  if (!parsed) return String(text);
  const { mantissa, exponent, format } = parsed;
  if (mantissa === 0n) return '0';
  if (format === 'BinarySI') {
    // Small or fractional byte counts would need rounding in binary units; decimal shows them exactly.
    const wholeBytes = exponent >= 0 || mantissa % 10n ** BigInt(-exponent) === 0n;
    const value = exponent >= 0 ? mantissa * 10n ** BigInt(exponent) : mantissa / 10n ** BigInt(-exponent);
    if (abs(value) >= 1024n && wholeBytes) {
      let v = value;
      let e = 0;
      while (v % 1024n === 0n && e < 60) {
        v /= 1024n;
        e += 10;
      }
      return `${v}${BINARY_SUFFIX[e]}`;
    }
    return decimalCanonical(mantissa, exponent, 'DecimalSI');
  }
  return decimalCanonical(mantissa, exponent, format);
}
