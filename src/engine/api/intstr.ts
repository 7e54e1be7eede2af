import { goQuote, IS_NEGATIVE_ERROR_MSG, isValidPercent } from './names';

/**
 * IntOrString fields (`maxSurge: 25%`, `targetPort: http`, `maxUnavailable: 1`). In JSON they are
 * a number or a string; a string only counts as a percentage when it ends with '%'.
 */
export type IntOrString = number | string;

export class IntOrStringError extends Error {
  override name = 'IntOrStringError';
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** strconv.Atoi: the number, or the error text Go would give. */
function atoi(s: string): number | string {
  if (!/^[+-]?[0-9]+$/.test(s)) return `strconv.Atoi: parsing ${goQuote(s)}: invalid syntax`;
  const v = BigInt(s);
  if (v < INT64_MIN || v > INT64_MAX) return `strconv.Atoi: parsing ${goQuote(s)}: value out of range`;
  return Number(v);
}

export function isPercent(v: IntOrString | null | undefined): v is string {
  return typeof v === 'string' && v.endsWith('%');
}

/** IntValue: the number, or a string's integer value (0 when it is not one, e.g. "25%"). */
export function intOrStringValue(v: IntOrString): number {
  if (typeof v === 'number') return v;
  const n = atoi(v);
  return typeof n === 'number' ? n : 0;
}

/** intstr.Parse: a string holding an int32 becomes that number, anything else stays a string. */
export function parseIntOrString(s: string): IntOrString {
  const n = atoi(s);
  return typeof n === 'number' && n >= -2147483648 && n <= 2147483647 ? n : s;
}

export function intOrStringToString(v: IntOrString): string {
  return typeof v === 'number' ? String(v) : v;
}

export function valueOrDefault(v: IntOrString | null | undefined, def: IntOrString): IntOrString {
  return v ?? def;
}

/**
 * GetScaledValueFromIntOrPercent: an int as is, or a percentage of `total` rounded up or down.
 * A string without '%' is an error (upstream's "safe" variant, used by the controllers).
 */
export function getScaledValueFromIntOrPercent(
  v: IntOrString | null | undefined,
  total: number,
  roundUp: boolean,
): number {
  if (v === undefined || v === null) throw new IntOrStringError('nil value for IntOrString');
  if (typeof v === 'number') return v;
  if (!v.endsWith('%')) {
    throw new IntOrStringError('invalid value for IntOrString: invalid type: string is not a percentage');
  }
  const n = atoi(v.slice(0, -1));
  if (typeof n === 'string') {
    throw new IntOrStringError(`invalid value for IntOrString: invalid value ${goQuote(v)}: ${n}`);
  }
  // Same float64 arithmetic as upstream, so rounding at the edges agrees.
  const scaled = (n * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/**
 * The deployment controller's surge and unavailability budget for `desired` replicas: surge
 * rounds up, unavailable rounds down, and when both come out 0, one pod may be unavailable
 * (so that a rollout can progress even where surging is impossible).
 */
export function resolveFenceposts(
  maxSurge: IntOrString | null | undefined,
  maxUnavailable: IntOrString | null | undefined,
  desired: number,
): { surge: number; unavailable: number } {
  const surge = getScaledValueFromIntOrPercent(valueOrDefault(maxSurge, 0), desired, true);
  let unavailable = getScaledValueFromIntOrPercent(valueOrDefault(maxUnavailable, 0), desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

// ---------------------------------------------------------------------------------------------
// Validation (the apps/v1 rules for maxSurge, maxUnavailable and friends).

/** The value of a valid percentage string ("25%" → 25), otherwise undefined. */
export function getPercentValue(v: IntOrString | null | undefined): number | undefined {
  if (typeof v !== 'string' || isValidPercent(v).length !== 0) return undefined;
  const n = atoi(v.slice(0, -1));
  return typeof n === 'number' ? n : 0;
}

/** A percentage's number, or the int value. */
export function getIntOrPercentValue(v: IntOrString): number {
  return getPercentValue(v) ?? intOrStringValue(v);
}

/** ValidatePositiveIntOrPercent: a non-negative int or a `^[0-9]+%$` string. */
export function validatePositiveIntOrPercent(v: unknown): string[] {
  if (typeof v === 'string') return isValidPercent(v);
  if (typeof v === 'number') return v < 0 ? [IS_NEGATIVE_ERROR_MSG] : [];
  return ["must be an integer or percentage (e.g '5%')"];
}

export function isNotMoreThan100Percent(v: IntOrString | null | undefined): string[] {
  const p = getPercentValue(v);
  return p === undefined || p <= 100 ? [] : ['must not be greater than 100%'];
}

/**
 * How a field error prints an IntOrString bad value: upstream shows the Go struct
 * (`intstr.IntOrString{Type:1, IntVal:0, StrVal:"5x"}`) because the type has no value-receiver
 * String method.
 */
export function goSyntaxIntOrString(v: IntOrString): string {
  return typeof v === 'number'
    ? `intstr.IntOrString{Type:0, IntVal:${v}, StrVal:""}`
    : `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`;
}
