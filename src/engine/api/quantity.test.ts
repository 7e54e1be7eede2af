import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ERR_FORMAT_WRONG,
  ERR_NUMERIC,
  ERR_SUFFIX,
  formatCPU,
  formatMemory,
  formatTopCPU,
  formatTopMemory,
  newQuantity,
  newScaledQuantity,
  percentOf,
  parseQuantity,
  Quantity,
  type QuantityFormat,
  QuantityParseError,
  quantityFromBytes,
  quantityFromMilli,
  Scale,
  sumQuantities,
  tryParseQuantity,
  unmarshalQuantity,
  ZERO,
} from './quantity';

// Expected values are taken from apimachinery's pkg/api/resource/quantity_test.go unless marked.

/** decQuantity(i, exponent, format) from the upstream tests. */
function dec(i: number | bigint, exponent: number, format: QuantityFormat = 'DecimalSI'): Quantity {
  return Quantity.of(BigInt(i), exponent, format);
}

const mostPositive = 2n ** 63n - 1n;
const mostNegative = -(2n ** 63n);

describe('parseQuantity', () => {
  // TestQuantityParse
  const table: [string, Quantity][] = [
    ['0', dec(0, 0)],
    ['0n', dec(0, 0)],
    ['0u', dec(0, 0)],
    ['0m', dec(0, 0)],
    ['0Ki', dec(0, 0, 'BinarySI')],
    ['0k', dec(0, 0)],
    ['0Mi', dec(0, 0, 'BinarySI')],
    ['0M', dec(0, 0)],
    ['0Gi', dec(0, 0, 'BinarySI')],
    ['0G', dec(0, 0)],
    ['0Ti', dec(0, 0, 'BinarySI')],
    ['0T', dec(0, 0)],
    ['1', dec(1, 0)],
    ['1Ki', dec(1024, 0, 'BinarySI')],
    ['8Ki', dec(8 * 1024, 0, 'BinarySI')],
    ['7Mi', dec(7 * 1024 * 1024, 0, 'BinarySI')],
    ['6Gi', dec(6 * 1024 ** 3, 0, 'BinarySI')],
    ['5Ti', dec(5 * 1024 ** 4, 0, 'BinarySI')],
    ['4Pi', dec(4 * 1024 ** 5, 0, 'BinarySI')],
    ['3Ei', dec(3n * 1024n ** 6n, 0, 'BinarySI')],
    ['10Ti', dec(10 * 1024 ** 4, 0, 'BinarySI')],
    ['100Ti', dec(100 * 1024 ** 4, 0, 'BinarySI')],
    ['5n', dec(5, -9)],
    ['4u', dec(4, -6)],
    ['3m', dec(3, -3)],
    ['9', dec(9, 0)],
    ['8k', dec(8, 3)],
    ['50k', dec(5, 4)],
    ['7M', dec(7, 6)],
    ['6G', dec(6, 9)],
    ['5T', dec(5, 12)],
    ['40T', dec(4, 13)],
    ['300T', dec(3, 14)],
    ['2P', dec(2, 15)],
    ['1E', dec(1, 18)],
    ['1E-3', dec(1, -3, 'DecimalExponent')],
    ['1e3', dec(1, 3, 'DecimalExponent')],
    ['1E6', dec(1, 6, 'DecimalExponent')],
    ['1e9', dec(1, 9, 'DecimalExponent')],
    ['1E12', dec(1, 12, 'DecimalExponent')],
    ['1e15', dec(1, 15, 'DecimalExponent')],
    ['1E18', dec(1, 18, 'DecimalExponent')],
    ['1e14', dec(1, 14, 'DecimalExponent')],
    ['1e13', dec(1, 13, 'DecimalExponent')],
    ['100.035k', dec(100035, 0)],
    ['0.001', dec(1, -3)],
    ['0.0005k', dec(5, -1)],
    ['0.005', dec(5, -3)],
    ['0.05', dec(5, -2)],
    ['0.5', dec(5, -1)],
    ['0.00050k', dec(5, -1)],
    ['0.00500', dec(5, -3)],
    ['0.05000', dec(5, -2)],
    ['0.50000', dec(5, -1)],
    ['0.5e0', dec(5, -1, 'DecimalExponent')],
    ['0.5e-1', dec(5, -2, 'DecimalExponent')],
    ['0.5e-2', dec(5, -3, 'DecimalExponent')],
    ['10.035M', dec(10035, 3)],
    ['1.2e3', dec(12, 2, 'DecimalExponent')],
    ['1.3E+6', dec(13, 5, 'DecimalExponent')],
    ['1.40e9', dec(14, 8, 'DecimalExponent')],
    ['1.53E12', dec(153, 10, 'DecimalExponent')],
    ['1.6e15', dec(16, 14, 'DecimalExponent')],
    ['1.7E18', dec(17, 17, 'DecimalExponent')],
    ['9.01', dec(901, -2)],
    ['8.1k', dec(81, 2)],
    ['7.123456M', dec(7123456, 0)],
    ['6.987654321G', dec(6987654321, 0)],
    ['5.444T', dec(5444, 9)],
    ['40.1T', dec(401, 11)],
    ['300.2T', dec(3002, 11)],
    ['2.5P', dec(25, 14)],
    ['1.01E', dec(101, 16)],
    ['3.001n', dec(4, -9)],
    ['1.1E-9', dec(2, -9, 'DecimalExponent')],
    ['0.0000000001', dec(1, -9)],
    ['0.0000000005', dec(1, -9)],
    ['0.00000000050', dec(1, -9)],
    ['0.5e-9', dec(1, -9, 'DecimalExponent')],
    ['0.9n', dec(1, -9)],
    ['0.00000012345', dec(124, -9)],
    ['0.00000012354', dec(124, -9)],
    ['9Ei', dec(mostPositive, 0, 'BinarySI')],
    ['9223372036854775807Ki', dec(mostPositive, 0, 'BinarySI')],
    ['12E', dec(12, 18)],
    ['100.035Ki', dec(10243584, -2, 'BinarySI')],
    ['0.5Mi', dec(0.5 * 1024 * 1024, 0, 'BinarySI')],
    ['0.05Gi', dec(536870912, -1, 'BinarySI')],
    ['0.025Ti', dec(274877906944, -1, 'BinarySI')],
    ['0.000000000001Ki', dec(2, -9)],
    ['.001', dec(1, -3)],
    ['.0001k', dec(100, -3)],
    ['1.', dec(1, 0)],
    ['1.G', dec(1, 9)],
  ];

  it.each(table)('%s', (input, want) => {
    const got = parseQuantity(input);
    expect(got.cmp(want)).toBe(0);
    expect(got.format).toBe(want.format);
  });

  it.each(table)('-%s is the negation', (input, want) => {
    const got = parseQuantity(`-${input}`);
    expect(got.cmp(want.neg())).toBe(0);
    expect(got.format).toBe(want.format);
  });

  it.each(table)('+%s is the same value', (input, want) => {
    const got = parseQuantity(`+${input}`);
    expect(got.cmp(want)).toBe(0);
    expect(got.format).toBe(want.format);
  });

  it.each(['1.1.M', '1+1.0M', '0.1mi', '0.1am', 'aoeu', '.5i', '1i', '-3.01i', '-3.01e-', ' 1', '1 ', ''])(
    'rejects %j',
    (input) => {
      expect(() => parseQuantity(input)).toThrow(QuantityParseError);
    },
  );

  // Which of the three upstream errors each bad input gets, following its scanner.
  it.each([
    ['', ERR_FORMAT_WRONG],
    ['aoeu', ERR_FORMAT_WRONG],
    ['Non-Numeric', ERR_FORMAT_WRONG],
    [' 1', ERR_FORMAT_WRONG],
    ['1 ', ERR_FORMAT_WRONG],
    ['1.1.M', ERR_FORMAT_WRONG],
    ['1+1.0M', ERR_FORMAT_WRONG],
    ['100 Mi', ERR_FORMAT_WRONG],
    ['0.1mi', ERR_SUFFIX],
    ['0.1am', ERR_FORMAT_WRONG],
    ['1i', ERR_SUFFIX],
    ['1K', ERR_SUFFIX],
    ['1MB', ERR_FORMAT_WRONG],
    ['1e', ERR_SUFFIX],
    ['-3.01e-', ERR_SUFFIX],
    ['1Ee3', ERR_SUFFIX],
    ['.e-20', ERR_NUMERIC],
  ])('%j fails with %j', (input, message) => {
    expect(() => parseQuantity(input)).toThrow(new QuantityParseError(message));
  });

  it('quotes the real regular expression', () => {
    expect(ERR_FORMAT_WRONG).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  });

  it('accepts the scanner leniencies upstream accepts', () => {
    // TestParseQuantityString: "." and "-." scan as zero.
    expect(parseQuantity('.').isZero()).toBe(true);
    expect(parseQuantity('-.').isZero()).toBe(true);
    expect(parseQuantity('+').isZero()).toBe(true);
    expect(parseQuantity('-0').toString()).toBe('0');
  });

  it('parses YAML numbers', () => {
    expect(parseQuantity(0.5).toString()).toBe('500m');
    expect(parseQuantity(2).toString()).toBe('2');
    expect(parseQuantity(1e21).cmp(dec(1, 21))).toBe(0);
  });

  // TestJSONWhitespace: decoding trims, parsing does not.
  it.each([
    [' 1', '1'],
    ['1 ', '1'],
    [1, '1'],
    [10, '10'],
    [-1, '-1'],
    [' -1', '-1'],
  ] as [string | number, string][])('unmarshalQuantity(%j) = %s', (input, want) => {
    expect(unmarshalQuantity(input)?.toString()).toBe(want);
  });

  it('unmarshalQuantity treats null as unset and rejects other types', () => {
    expect(unmarshalQuantity(null)).toBeUndefined();
    expect(() => unmarshalQuantity(true)).toThrow(QuantityParseError);
  });

  it('tryParseQuantity returns undefined instead of throwing', () => {
    expect(tryParseQuantity('abc')).toBeUndefined();
    expect(tryParseQuantity(undefined)).toBeUndefined();
    expect(tryParseQuantity('1Gi')?.value()).toBe(1024 ** 3);
  });
});

describe('toString', () => {
  // TestQuantityString: [quantity, canonical, an alternate spelling that canonicalises to it]
  const table: [Quantity, string, string][] = [
    [dec(1024 * 1024 * 1024, 0, 'BinarySI'), '1Gi', '1024Mi'],
    [dec(300 * 1024 * 1024, 0, 'BinarySI'), '300Mi', '307200Ki'],
    [dec(6 * 1024, 0, 'BinarySI'), '6Ki', ''],
    [dec(1001 * 1024 * 1024 * 1024, 0, 'BinarySI'), '1001Gi', '1025024Mi'],
    [dec(1024 * 1024 * 1024 * 1024, 0, 'BinarySI'), '1Ti', '1024Gi'],
    [dec(5, 0, 'BinarySI'), '5', '5000m'],
    [dec(500, -3, 'BinarySI'), '500m', '0.5'],
    [dec(1, 9), '1G', '1000M'],
    [dec(1000, 6), '1G', '0.001T'],
    [dec(1000000, 3), '1G', ''],
    [dec(1000000000, 0), '1G', ''],
    [dec(1, -3), '1m', '1000u'],
    [dec(80, -3), '80m', ''],
    [dec(1080, -3), '1080m', '1.08'],
    [dec(108, -2), '1080m', '1080000000n'],
    [dec(10800, -4), '1080m', ''],
    [dec(300, 6), '300M', ''],
    [dec(1, 12), '1T', ''],
    [dec(1234567, 6), '1234567M', ''],
    [dec(1234567, -3, 'BinarySI'), '1234567m', ''],
    [dec(3, 3), '3k', ''],
    [dec(1025, 0, 'BinarySI'), '1025', ''],
    [dec(0, 0), '0', ''],
    [dec(0, 0, 'BinarySI'), '0', ''],
    [dec(1, 9, 'DecimalExponent'), '1e9', '.001e12'],
    [dec(1, -3, 'DecimalExponent'), '1e-3', '0.001e0'],
    [dec(1, -9, 'DecimalExponent'), '1e-9', '1000e-12'],
    [dec(80, -3, 'DecimalExponent'), '80e-3', ''],
    [dec(300, 6, 'DecimalExponent'), '300e6', ''],
    [dec(1, 12, 'DecimalExponent'), '1e12', ''],
    [dec(1, 3, 'DecimalExponent'), '1e3', ''],
    [dec(3, 3, 'DecimalExponent'), '3e3', ''],
    [dec(3, 3), '3k', ''],
    [dec(0, 0, 'DecimalExponent'), '0', '00'],
    [dec(1, -9), '1n', ''],
    [dec(80, -9), '80n', ''],
    [dec(1080, -9), '1080n', ''],
    [dec(108, -8), '1080n', ''],
    [dec(10800, -10), '1080n', ''],
    [dec(1, -6), '1u', ''],
    [dec(80, -6), '80u', ''],
    [dec(1080, -6), '1080u', ''],
  ];

  it.each(table)('%s → %s', (q, canonical, alternate) => {
    expect(q.toString()).toBe(canonical);
    // Parsing the canonical form keeps its text; parsing the alternate canonicalises it.
    expect(parseQuantity(canonical).toString()).toBe(canonical);
    if (alternate) expect(parseQuantity(alternate).toString()).toBe(canonical);
    if (!q.isZero()) expect(q.neg().toString()).toBe(`-${canonical}`);
  });

  // TestQuantityParseEmit
  it.each([
    ['1Ki', '1Ki'],
    ['1Mi', '1Mi'],
    ['1Gi', '1Gi'],
    ['1024Mi', '1Gi'],
    ['1000M', '1G'],
    ['.001Ki', '1024m'],
    ['.000001Ki', '1024u'],
    ['.000000001Ki', '1024n'],
    ['.000000000001Ki', '2n'],
  ])('%s prints as %s', (input, want) => {
    expect(parseQuantity(input).toString()).toBe(want);
    expect(parseQuantity(`-${input}`).toString()).toBe(`-${want}`);
  });

  // Worked through upstream's CanonicalizeBytes by hand.
  it.each([
    ['1.5Gi', '1536Mi'],
    ['0.5', '500m'],
    ['1000m', '1'],
    ['100Mi', '100Mi'],
    ['1.5', '1500m'],
    ['2000Mi', '2000Mi'],
    ['2048Mi', '2Gi'],
    ['1.1Ki', '1126400m'],
    ['0.5Ki', '512'],
    ['1e4', '10e3'],
    ['1.5e3', '1500'],
    ['0.1', '100m'],
    ['250m', '250m'],
    ['128974848', '128974848'],
    ['129e6', '129e6'],
    ['123Mi', '123Mi'],
    ['9Ei', '9223372036854775807'],
  ])('%s prints as %s', (input, want) => {
    expect(parseQuantity(input).toString()).toBe(want);
  });

  it('echoes input that already looks canonical, as upstream does', () => {
    // The API server keeps the string it parsed when the fast path deems it canonical.
    expect(parseQuantity('1e3').toString()).toBe('1e3');
    expect(parseQuantity('+1').toString()).toBe('+1');
    expect(parseQuantity('+1').canonical()).toBe('1');
    expect(parseQuantity('1025Mi').toString()).toBe('1025Mi');
    expect(parseQuantity('1e3').canonical()).toBe('1e3');
    expect(JSON.stringify({ cpu: parseQuantity('500m') })).toBe('{"cpu":"500m"}');
  });

  // TestMilliNewSet / TestNewSet / TestNewScaledSet
  it.each([
    [1, 'DecimalSI', '1m'],
    [1000, 'DecimalSI', '1'],
    [1234000, 'DecimalSI', '1234'],
    [1024, 'BinarySI', '1024m'],
    [1024 * 1024, 'BinarySI', '1048576m'],
  ] as [number, QuantityFormat, string][])('quantityFromMilli(%d, %s) = %s', (value, format, want) => {
    expect(quantityFromMilli(value, format).toString()).toBe(want);
  });

  it.each([
    [1, 'DecimalSI', '1'],
    [1000, 'DecimalSI', '1k'],
    [1234000, 'DecimalSI', '1234k'],
    [1024, 'BinarySI', '1Ki'],
    [1000000, 'DecimalExponent', '1e6'],
    [1024 * 1024, 'BinarySI', '1Mi'],
  ] as [number, QuantityFormat, string][])('newQuantity(%d, %s) = %s', (value, format, want) => {
    const q = newQuantity(value, format);
    expect(q.toString()).toBe(want);
    expect(parseQuantity(q.toString()).value()).toBe(value);
  });

  it.each([
    [1, Scale.Nano, '1n'],
    [1000, Scale.Nano, '1u'],
    [1, Scale.Micro, '1u'],
    [1000, Scale.Micro, '1m'],
    [1, Scale.Milli, '1m'],
    [1000, Scale.Milli, '1'],
    [1, 0, '1'],
    [0, Scale.Nano, '0'],
    [0, Scale.Micro, '0'],
    [0, Scale.Milli, '0'],
    [0, 0, '0'],
  ])('newScaledQuantity(%d, %d) = %s', (value, scale, want) => {
    const q = newScaledQuantity(value, scale);
    expect(q.toString()).toBe(want);
    expect(parseQuantity(q.toString()).scaledValue(scale)).toBe(value);
  });

  // TestQuantityNeg
  it('prints negated values', () => {
    expect(dec(901, -2).neg().toString()).toBe('-9010m');
  });
});

describe('arithmetic', () => {
  // TestQuantityCmp and TestQuantityCmpInt64AndDec
  it.each([
    ['0', '0', 0],
    ['100m', '50m', 1],
    ['50m', '100m', -1],
    ['10000T', '100Gi', 1],
  ] as [string, string, number][])('cmp(%s, %s) = %d', (x, y, want) => {
    expect(parseQuantity(x).cmp(parseQuantity(y))).toBe(want);
  });

  const q18 = 10n ** 18n;
  it.each([
    [dec(901, -2), dec(901, -2), 0],
    [dec(90, -1), dec(901, -2), -1],
    [dec(901, -2), dec(900, -2), 1],
    [dec(0, 0), dec(0, 0), 0],
    [dec(0, 1), dec(0, -1), 0],
    [dec(0, -1), dec(0, 1), 0],
    [dec(800, -3), dec(1, 0), -1],
    [dec(800, -3), dec(79, -2), 1],
    [dec(mostPositive, 0), dec(1, -1), 1],
    [dec(mostPositive, 1), dec(1, 0), 1],
    [dec(mostPositive, 1), dec(1, 1), 1],
    [dec(mostPositive, 1), dec(0, 1), 1],
    [dec(mostPositive, -16), dec(1, 3), -1],
    [dec(mostNegative, 0), dec(0, 0), -1],
    [dec(mostNegative, -18), dec(-1, 0), -1],
    [dec(mostNegative, -19), dec(-1, 0), 1],
    [dec(q18, -17), dec(1, 1), 0],
    [dec(q18, -17), dec(-10, 0), 1],
    [dec(-q18, -17), dec(-10, 0), 0],
    [dec(q18, -17), dec(1, 0), 1],
    [dec(q18 + 1n, -17), dec(1, 1), 1],
    [dec(q18 - 1n, -17), dec(1, 1), -1],
  ] as [Quantity, Quantity, number][])('cmp %# (and its inverse)', (a, b, want) => {
    expect(a.cmp(b)).toBe(want);
    expect(b.cmp(a)).toBe(0 - want);
  });

  // TestAdd / TestSub
  it.each([
    [dec(10, 0), dec(1, 1), dec(20, 0)],
    [dec(10, 0), dec(1, 0, 'BinarySI'), dec(11, 0)],
    [dec(10, 0, 'BinarySI'), dec(1, 0), dec(11, 0, 'BinarySI')],
    [ZERO, dec(50, 0), dec(50, 0)],
    [dec(50, 0), ZERO, dec(50, 0)],
    [ZERO, ZERO, dec(0, 0)],
  ])('add %#', (a, b, want) => {
    expect(a.add(b).cmp(want)).toBe(0);
  });

  it.each([
    [dec(10, 0), dec(1, 1), dec(0, 0)],
    [dec(10, 0), dec(1, 0, 'BinarySI'), dec(9, 0)],
    [dec(10, 0, 'BinarySI'), dec(1, 0), dec(9, 0, 'BinarySI')],
    [ZERO, dec(50, 0), dec(-50, 0)],
    [dec(50, 0), ZERO, dec(50, 0)],
    [ZERO, ZERO, dec(0, 0)],
  ])('sub %#', (a, b, want) => {
    expect(a.sub(b).cmp(want)).toBe(0);
  });

  // TestQuantityAddZeroPreservesSuffix / TestQuantitySubZeroPreservesSuffix
  it.each(['100m', '1Gi'])('adding or subtracting zero keeps %s', (text) => {
    const zero = parseQuantity('0');
    const v = parseQuantity(text);
    expect(v.add(zero).toString()).toBe(text);
    expect(zero.add(v).toString()).toBe(text);
    expect(v.sub(zero).toString()).toBe(text);
    expect(zero.sub(v).toString()).toBe(v.neg().toString());
  });

  it('keeps the left operand format unless it is zero', () => {
    expect(parseQuantity('1Gi').add(parseQuantity('1G')).format).toBe('BinarySI');
    expect(parseQuantity('0').add(parseQuantity('1Gi')).format).toBe('BinarySI');
    expect(parseQuantity('1Gi').add(parseQuantity('512Mi')).toString()).toBe('1536Mi');
    expect(parseQuantity('1').add(parseQuantity('500m')).toString()).toBe('1500m');
    expect(parseQuantity('1Gi').add(parseQuantity('1m')).toString()).toBe('1073741824001m');
  });

  // TestMul (exact cases; BigInt never overflows)
  it.each([
    [dec(10, 0), 10, dec(100, 0)],
    [dec(10, 0), 1, dec(10, 0)],
    [dec(50, 0), 0, dec(0, 0)],
    [dec(10, 0), -10, dec(-100, 0)],
    [dec(-50, 0), -50, dec(2500, 0)],
    [dec(mostPositive, 0), 2, dec(mostPositive * 2n, 0)],
    [dec(mostNegative, 0), -1, dec(-mostNegative, 0)],
  ] as [Quantity, number, Quantity][])('mul %#', (a, n, want) => {
    expect(a.mul(n).cmp(want)).toBe(0);
  });

  // TestQuantityRoundUp
  it.each([
    ['9.01', -3, dec(901, -2), true],
    ['9.01', -2, dec(901, -2), true],
    ['9.01', -1, dec(91, -1), false],
    ['9.01', 0, dec(10, 0), false],
    ['9.01', 1, dec(10, 0), false],
    ['9.01', 2, dec(100, 0), false],
    ['-9.01', -3, dec(-901, -2), true],
    ['-9.01', -2, dec(-901, -2), true],
    ['-9.01', -1, dec(-91, -1), false],
    ['-9.01', 0, dec(-10, 0), false],
    ['-9.01', 1, dec(-10, 0), false],
    ['-9.01', 2, dec(-100, 0), false],
  ] as [string, number, Quantity, boolean][])('roundUp(%s, %d)', (input, scale, want, exact) => {
    const q = parseQuantity(input);
    expect(q.roundUp(scale).cmp(want)).toBe(0);
    expect(q.isExactAt(scale)).toBe(exact);
  });

  it('rounds ResourceList values up to milli precision', () => {
    expect(parseQuantity('0.0001').roundUp(Scale.Milli).toString()).toBe('1m');
    expect(parseQuantity('1.0001').roundUp(Scale.Milli).toString()).toBe('1001m');
    expect(parseQuantity('100Mi').roundUp(Scale.Milli).toString()).toBe('100Mi');
    expect(parseQuantity('1e3').roundUp(Scale.Milli).toString()).toBe('1e3');
  });

  // TestScaledValue
  it.each([
    [Scale.Nano, Scale.Nano, 1],
    [Scale.Nano, Scale.Micro, 1],
    [Scale.Nano, Scale.Milli, 1],
    [Scale.Nano, 0, 1],
    [Scale.Micro, Scale.Nano, 1000],
    [Scale.Micro, Scale.Micro, 1],
    [Scale.Micro, Scale.Milli, 1],
    [Scale.Micro, 0, 1],
    [Scale.Milli, Scale.Nano, 1000 * 1000],
    [Scale.Milli, Scale.Micro, 1000],
    [Scale.Milli, Scale.Milli, 1],
    [Scale.Milli, 0, 1],
    [0, Scale.Nano, 1000 * 1000 * 1000],
    [0, Scale.Micro, 1000 * 1000],
    [0, Scale.Milli, 1000],
    [0, 0, 1],
    [2, -2, 100 * 100],
  ])('scaledValue from %d to %d = %d', (from, to, want) => {
    expect(newScaledQuantity(1, from).scaledValue(to)).toBe(want);
  });

  it('rounds value() and milliValue() up, away from zero', () => {
    expect(parseQuantity('1.5').value()).toBe(2);
    expect(parseQuantity('-1.5').value()).toBe(-2);
    expect(parseQuantity('1n').milliValue()).toBe(1);
    expect(parseQuantity('100m').milliValue()).toBe(100);
    expect(parseQuantity('2').milliValue()).toBe(2000);
    expect(parseQuantity('1Gi').value()).toBe(1073741824);
    expect(parseQuantity('1e-400').value()).toBe(1);
    expect(parseQuantity('1e400').value()).toBe(Number.POSITIVE_INFINITY);
  });

  // TestStringQuantityAsApproximateFloat64
  it.each([
    ['2Ki', 2048],
    ['1.1Ki', 1126.4],
    ['1Mi', 1.048576e6],
    ['2Gi', 2.147483648e9],
  ])('asApproximateFloat64(%s) = %d', (input, want) => {
    expect(parseQuantity(input).asApproximateFloat64()).toBe(want);
  });
});

describe('kubectl helpers', () => {
  it('formats CPU and memory as describe prints sums', () => {
    expect(formatCPU(250)).toBe('250m');
    expect(formatCPU(1000)).toBe('1');
    expect(formatCPU(1500)).toBe('1500m');
    expect(formatCPU(0)).toBe('0');
    expect(formatMemory(128 * 1024 * 1024)).toBe('128Mi');
    expect(formatMemory(1024 ** 3)).toBe('1Gi');
    // Below 1Ki a binary amount prints in decimal, as upstream does.
    expect(formatMemory(1000)).toBe('1k');
    expect(formatMemory(1023)).toBe('1023');
    expect(quantityFromBytes(64 * 1024 * 1024).toString()).toBe('64Mi');
    expect(sumQuantities(['100m', '250m', '1'].map((s) => parseQuantity(s))).toString()).toBe('1350m');
    expect(sumQuantities([]).toString()).toBe('0');
    expect(sumQuantities(['64Mi', '64Mi'].map((s) => parseQuantity(s))).toString()).toBe('128Mi');
  });

  it('formats kubectl top columns', () => {
    expect(formatTopCPU(parseQuantity('12345678n'))).toBe('13m');
    expect(formatTopMemory(parseQuantity('47Mi'))).toBe('47Mi');
    expect(formatTopMemory(parseQuantity('48000000'))).toBe('45Mi');
  });

  it('computes describe percentages', () => {
    expect(percentOf(parseQuantity('750m'), parseQuantity('2'))).toBe(37);
    expect(percentOf(parseQuantity('1'), parseQuantity('0'))).toBe(0);
    expect(percentOf(parseQuantity('128Mi'), parseQuantity('1Gi'))).toBe(12);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties.

const formatArb = fc.constantFrom<QuantityFormat>('DecimalSI', 'BinarySI', 'DecimalExponent');
const quantityArb = fc.oneof(
  // Like upstream's fuzzer: whole binary amounts, small decimal ones at assorted scales.
  fc.tuple(fc.integer({ min: 0, max: 1023 }), fc.integer({ min: 0, max: 4 })).map(([n, k]) => dec(BigInt(n) << BigInt(10 * k), 0, 'BinarySI')),
  fc.tuple(fc.bigInt({ min: -mostPositive, max: mostPositive }), fc.integer({ min: -3, max: 0 }), formatArb).map(([n, s, f]) => dec(n, s, f)),
  fc.tuple(fc.integer({ min: -999, max: 999 }), fc.integer({ min: -9, max: 12 }), formatArb).map(([n, s, f]) => dec(n, s, f)),
);
const quantityTextArb = fc
  .tuple(
    fc.constantFrom('', '-', '+'),
    fc.stringMatching(/^[0-9]{1,6}$/),
    fc.option(fc.stringMatching(/^[0-9]{0,4}$/), { nil: undefined }),
    fc.constantFrom('', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'e3', 'E-2', 'e+6', 'e0'),
  )
  .map(([sign, int, frac, suffix]) => `${sign}${int}${frac === undefined ? '' : `.${frac}`}${suffix}`);

describe('properties', () => {
  it('toString → parse preserves the value (and the format, except where upstream switches to decimal)', () => {
    fc.assert(
      fc.property(quantityArb, (q) => {
        // Values past nano precision are rounded on parse, so compare at that precision.
        const back = parseQuantity(q.toString());
        expect(back.cmp(q.roundUp(Scale.Nano))).toBe(0);
      }),
    );
  });

  it('parse → toString → parse is stable', () => {
    fc.assert(
      fc.property(quantityTextArb, (text) => {
        const q = parseQuantity(text);
        const again = parseQuantity(q.toString());
        expect(again.cmp(q)).toBe(0);
        expect(again.toString()).toBe(q.toString());
        expect(again.canonical()).toBe(q.canonical());
        expect(parseQuantity(q.canonical()).canonical()).toBe(q.canonical());
      }),
    );
  });

  it('add and sub are inverses, and add commutes', () => {
    fc.assert(
      fc.property(quantityArb, quantityArb, (a, b) => {
        expect(a.add(b).sub(b).cmp(a)).toBe(0);
        expect(a.add(b).cmp(b.add(a))).toBe(0);
        expect(a.sub(a).isZero()).toBe(true);
        expect(a.neg().neg().cmp(a)).toBe(0);
      }),
    );
  });

  it('cmp is a total order consistent with milliValue', () => {
    fc.assert(
      fc.property(quantityArb, quantityArb, quantityArb, (a, b, c) => {
        expect(a.cmp(b) + b.cmp(a)).toBe(0); // antisymmetric (written as a sum: -0 is not 0 to toBe)
        expect(a.cmp(a)).toBe(0);
        if (a.cmp(b) <= 0 && b.cmp(c) <= 0) expect(a.cmp(c)).toBeLessThanOrEqual(0);
        const ma = a.scaledBigInt(Scale.Milli);
        const mb = b.scaledBigInt(Scale.Milli);
        // milliValue rounds up, so it can only merge neighbours, never reorder them.
        if (a.cmp(b) < 0) expect(ma <= mb).toBe(true);
        if (ma < mb) expect(a.cmp(b)).toBe(-1);
        expect(a.add(b).cmp(a)).toBe(b.sign());
      }),
    );
  });

  it('cmp stays antisymmetric for the equal pair a failing run once found (seed 1929231141)', () => {
    fc.assert(
      fc.property(quantityArb, quantityArb, quantityArb, (a, b, _c) => {
        expect(a.cmp(b) + b.cmp(a)).toBe(0);
      }),
      { seed: 1929231141, path: '33:0', endOnFailure: true },
    );
  });

  it('roundUp never decreases magnitude and lands on the scale', () => {
    fc.assert(
      fc.property(quantityArb, fc.integer({ min: -9, max: 3 }), (q, scale) => {
        const r = q.roundUp(scale);
        expect(r.neg().cmp(q.neg()) * q.sign()).toBeLessThanOrEqual(0);
        expect(r.isExactAt(scale)).toBe(true);
        expect(r.cmp(q) === 0).toBe(q.isExactAt(scale));
      }),
    );
  });

  it('only throws QuantityParseError on junk', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('1', '0', '.', '-', '+', 'e', 'E', 'i', 'K', 'k', 'm', 'M', 'G', 'x', ' '), maxLength: 8 }), (text) => {
        try {
          const q = parseQuantity(text);
          expect(parseQuantity(q.toString()).cmp(q)).toBe(0);
        } catch (e) {
          expect(e).toBeInstanceOf(QuantityParseError);
        }
      }),
    );
  });
});
