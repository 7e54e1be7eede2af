import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  getIntOrPercentValue,
  getPercentValue,
  getScaledValueFromIntOrPercent,
  goSyntaxIntOrString,
  IntOrStringError,
  intOrStringToString,
  intOrStringValue,
  isNotMoreThan100Percent,
  isPercent,
  parseIntOrString,
  resolveFenceposts,
  validatePositiveIntOrPercent,
  valueOrDefault,
} from './intstr';

// Cases from apimachinery's pkg/util/intstr/intstr_test.go unless marked otherwise.

describe('getScaledValueFromIntOrPercent', () => {
  // TestGetIntFromIntOrPercent
  it.each([
    [123, 0, false, 123],
    ['90%', 100, true, 90],
    ['90%', 95, true, 86],
    ['90%', 95, false, 85],
  ] as [number | string, number, boolean, number][])('%j of %d (roundUp %s) = %d', (v, total, roundUp, want) => {
    expect(getScaledValueFromIntOrPercent(v, total, roundUp)).toBe(want);
  });

  it.each(['%', '90#', '#%', '90'])('rejects %j', (v) => {
    expect(() => getScaledValueFromIntOrPercent(v, 10, false)).toThrow(IntOrStringError);
  });

  // TestGetIntFromIntOrString (the safe variant underneath)
  it.each([
    [200, 200, false],
    ['200', undefined, false],
    ['30%0', undefined, false],
    ['40%', 40, true],
    ['%', undefined, false],
    ['a%', undefined, false],
    ['a', undefined, false],
    ['40#', undefined, false],
    ['40%%', undefined, false],
  ] as [number | string, number | undefined, boolean][])('%j → %s', (v, want, percent) => {
    if (want === undefined) expect(() => getScaledValueFromIntOrPercent(v, 100, false)).toThrow(IntOrStringError);
    else expect(getScaledValueFromIntOrPercent(v, 100, false)).toBe(want);
    if (want !== undefined) expect(isPercent(v)).toBe(percent);
  });

  it('fails on nil like upstream', () => {
    expect(() => getScaledValueFromIntOrPercent(undefined, 0, false)).toThrow(
      new IntOrStringError('nil value for IntOrString'),
    );
    expect(() => getScaledValueFromIntOrPercent(null, 0, false)).toThrow(IntOrStringError);
  });

  // Messages composed from upstream's fmt strings and strconv's NumError.
  it.each([
    ['90', 'invalid value for IntOrString: invalid type: string is not a percentage'],
    ['a%', 'invalid value for IntOrString: invalid value "a%": strconv.Atoi: parsing "a": invalid syntax'],
    ['%', 'invalid value for IntOrString: invalid value "%": strconv.Atoi: parsing "": invalid syntax'],
    ['40%%', 'invalid value for IntOrString: invalid value "40%%": strconv.Atoi: parsing "40%": invalid syntax'],
    [
      '99999999999999999999%',
      'invalid value for IntOrString: invalid value "99999999999999999999%": strconv.Atoi: parsing "99999999999999999999": value out of range',
    ],
  ])('%j fails with %j', (v, message) => {
    expect(() => getScaledValueFromIntOrPercent(v, 10, true)).toThrow(new IntOrStringError(message));
  });

  it('computes deployment budgets', () => {
    // maxSurge 25% of 10 rounds up, maxUnavailable 25% of 10 rounds down.
    expect(getScaledValueFromIntOrPercent('25%', 10, true)).toBe(3);
    expect(getScaledValueFromIntOrPercent('25%', 10, false)).toBe(2);
    expect(getScaledValueFromIntOrPercent('25%', 1, true)).toBe(1);
    expect(getScaledValueFromIntOrPercent('25%', 1, false)).toBe(0);
    expect(getScaledValueFromIntOrPercent('+5%', 100, false)).toBe(5);
  });
});

describe('resolveFenceposts', () => {
  it.each([
    ['25%', '25%', 10, 3, 2],
    ['25%', '25%', 1, 1, 0],
    [0, '25%', 1, 0, 1], // both zero → one may be unavailable
    [1, 0, 3, 1, 0],
    [undefined, undefined, 3, 0, 1],
    ['0%', '0%', 0, 0, 1],
  ] as [string | number | undefined, string | number | undefined, number, number, number][])(
    'surge %j unavailable %j of %d → %d/%d',
    (surge, unavailable, desired, s, u) => {
      expect(resolveFenceposts(surge, unavailable, desired)).toEqual({ surge: s, unavailable: u });
    },
  );
});

describe('conversions', () => {
  it('parses like intstr.Parse', () => {
    expect(parseIntOrString('80')).toBe(80);
    expect(parseIntOrString('-3')).toBe(-3);
    expect(parseIntOrString('http')).toBe('http');
    expect(parseIntOrString('25%')).toBe('25%');
    expect(parseIntOrString('2147483648')).toBe('2147483648');
  });

  it('reads IntValue like upstream', () => {
    expect(intOrStringValue(5)).toBe(5);
    expect(intOrStringValue('5')).toBe(5);
    expect(intOrStringValue('25%')).toBe(0);
    expect(intOrStringToString(8080)).toBe('8080');
    expect(intOrStringToString('http')).toBe('http');
    expect(valueOrDefault(undefined, '25%')).toBe('25%');
    expect(valueOrDefault(0, '25%')).toBe(0);
  });
});

describe('validation', () => {
  const percentMsg =
    "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

  it.each([
    [0, []],
    [5, []],
    [-1, ['must be greater than or equal to 0']],
    ['25%', []],
    ['0%', []],
    ['101%', []],
    ['25', [percentMsg]],
    ['-1%', [percentMsg]],
    ['1.5%', [percentMsg]],
    [true, ["must be an integer or percentage (e.g '5%')"]],
  ] as [unknown, string[]][])('validatePositiveIntOrPercent(%j)', (v, want) => {
    expect(validatePositiveIntOrPercent(v)).toEqual(want);
  });

  it('limits percentages to 100', () => {
    expect(isNotMoreThan100Percent('100%')).toEqual([]);
    expect(isNotMoreThan100Percent('101%')).toEqual(['must not be greater than 100%']);
    expect(isNotMoreThan100Percent(200)).toEqual([]);
    expect(isNotMoreThan100Percent('abc')).toEqual([]);
  });

  it('reads values the way deployment validation does', () => {
    expect(getPercentValue('30%')).toBe(30);
    expect(getPercentValue('30')).toBeUndefined();
    expect(getPercentValue(30)).toBeUndefined();
    expect(getIntOrPercentValue('0%')).toBe(0);
    expect(getIntOrPercentValue(3)).toBe(3);
    expect(getIntOrPercentValue('x')).toBe(0);
  });

  it('prints the Go struct form field errors use', () => {
    expect(goSyntaxIntOrString('5x')).toBe('intstr.IntOrString{Type:1, IntVal:0, StrVal:"5x"}');
    expect(goSyntaxIntOrString(-1)).toBe('intstr.IntOrString{Type:0, IntVal:-1, StrVal:""}');
  });
});

describe('properties', () => {
  it('percent scaling is bracketed by floor and ceil and never exceeds total at 100%', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 10000 }), (p, total) => {
        const up = getScaledValueFromIntOrPercent(`${p}%`, total, true);
        const down = getScaledValueFromIntOrPercent(`${p}%`, total, false);
        expect(down).toBeLessThanOrEqual(up);
        expect(up - down).toBeLessThanOrEqual(1);
        expect(up).toBeLessThanOrEqual(total);
        expect(down).toBeGreaterThanOrEqual(0);
        if ((p * total) % 100 === 0) expect(up).toBe(down);
      }),
    );
  });

  it('ints pass through unchanged', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 1000 }), fc.boolean(), (n, total, roundUp) => {
        expect(getScaledValueFromIntOrPercent(n, total, roundUp)).toBe(n);
      }),
    );
  });

  it('fenceposts never leave both budgets at zero', () => {
    const v = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 100 }).map((n) => `${n}%`));
    fc.assert(
      fc.property(v, v, fc.integer({ min: 0, max: 50 }), (s, u, desired) => {
        const r = resolveFenceposts(s, u, desired);
        expect(r.surge + r.unavailable).toBeGreaterThan(0);
      }),
    );
  });
});
