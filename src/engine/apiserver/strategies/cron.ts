/**
 * CronJob schedules, parsed and stepped the way the CronJob controller's cron library does it
 * (five fields `minute hour day-of-month month day-of-week`, the @yearly … @hourly
 * descriptors and `@every <duration>`). Error texts are that library's, since the API server
 * returns them verbatim: `end of range (61) above maximum (59): 61`.
 */

export interface CronSchedule {
  /** The first activation strictly after `afterMs` (ms since the epoch); NaN if none in 5 years. */
  next(afterMs: number, timeZone?: string): number;
}

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DOW_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = {
  min: 1,
  max: 12,
  names: Object.fromEntries(MONTH_NAMES.map((n, i) => [n, i + 1])),
};
const DOW: Bounds = {
  min: 0,
  max: 6,
  names: Object.fromEntries(DOW_NAMES.map((n, i) => [n, i])),
};

/** A field as the set of values it allows, plus whether it was written as `*` or `?`. */
interface Field {
  values: Set<number>;
  star: boolean;
}

export class CronParseError extends Error {
  override name = 'CronParseError';
}

const fail = (msg: string): never => {
  throw new CronParseError(msg);
};

/** strconv.Atoi, with its error texts. */
function atoi(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) return fail(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (!Number.isSafeInteger(n) || Math.abs(n) > 2 ** 63 - 1) return fail(`strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

function parseInt0(expr: string): number {
  let n: number;
  try {
    n = atoi(expr);
  } catch (e) {
    return fail(`failed to parse int from ${expr}: ${(e as Error).message}`);
  }
  if (n < 0) fail(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

function parseIntOrName(expr: string, r: Bounds): number {
  const named = r.names?.[expr.toLowerCase()];
  return named !== undefined ? named : parseInt0(expr);
}

function parseRange(expr: string, r: Bounds, into: Field): void {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const single = lowAndHigh.length === 1;
  let start: number;
  let end = 0;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = r.min;
    end = r.max;
    star = true;
  } else {
    start = parseIntOrName(lowAndHigh[0], r);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1], r);
    else fail(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = parseInt0(rangeAndStep[1]);
    // `N/step` means `N-max/step`.
    if (single) end = r.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) fail(`too many slashes: ${expr}`);
  if (start < r.min) fail(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > r.max) fail(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end) fail(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) fail(`step of range should be a positive number: ${expr}`);
  for (let i = start; i <= end; i += step) into.values.add(i);
  if (star) into.star = true;
}

function parseField(text: string, r: Bounds): Field {
  const f: Field = { values: new Set(), star: false };
  for (const expr of text.split(',').filter((s) => s.length > 0)) parseRange(expr, r, f);
  return f;
}

const all = (r: Bounds): Field => ({
  values: new Set(Array.from({ length: r.max - r.min + 1 }, (_, i) => r.min + i)),
  star: true,
});
const only = (v: number): Field => ({ values: new Set([v]), star: false });

// ---------------------------------------------------------------------------------------------
// Time zones.

interface Wall {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  /** 0 = Sunday. */
  dow: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

function wallUTC(ms: number): Wall {
  const d = new Date(ms);
  return {
    y: d.getUTCFullYear(),
    mo: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    h: d.getUTCHours(),
    mi: d.getUTCMinutes(),
    s: d.getUTCSeconds(),
    dow: d.getUTCDay(),
  };
}

function wallIn(ms: number, tz: string | undefined): Wall {
  if (!tz || tz === 'UTC') return wallUTC(ms);
  const parts: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return { ...wallUTC(local), s: parts.second };
}

/** The zone's offset from UTC at instant `ms`, in ms. */
function offsetAt(ms: number, tz: string | undefined): number {
  if (!tz || tz === 'UTC') return 0;
  const w = wallIn(ms, tz);
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - Math.floor(ms / 1000) * 1000;
}

/** time.Date in a zone: fields may overflow and are normalized, as Go does. */
function dateIn(y: number, mo: number, d: number, h: number, mi: number, s: number, tz: string | undefined): number {
  const asUTC = Date.UTC(y, mo - 1, d, h, mi, s);
  const guess = asUTC - offsetAt(asUTC, tz);
  return asUTC - offsetAt(guess, tz);
}

/** Whether `tz` names a zone the server would load. */
export function isKnownTimeZone(tz: string): boolean {
  try {
    const resolved = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
    }).resolvedOptions().timeZone;
    // Zone files are case-sensitive: `america/new_york` does not load even if Intl takes it.
    return resolved.toLowerCase() !== tz.toLowerCase() || resolved === tz;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Schedules.

class SpecSchedule implements CronSchedule {
  constructor(
    private readonly minute: Field,
    private readonly hour: Field,
    private readonly dom: Field,
    private readonly month: Field,
    private readonly dow: Field,
    private readonly location?: string,
  ) {}

  private dayMatches(w: Wall): boolean {
    const domMatch = this.dom.values.has(w.d);
    const dowMatch = this.dow.values.has(w.dow);
    // With either field a star both must match; otherwise either may.
    return this.dom.star || this.dow.star ? domMatch && dowMatch : domMatch || dowMatch;
  }

  next(afterMs: number, timeZone?: string): number {
    const tz = this.location ?? timeZone;
    // The upcoming whole second.
    let t = Math.floor(afterMs / 1000) * 1000 + 1000;
    let added = false;
    const yearLimit = wallIn(t, tz).y + 5;
    for (;;) {
      let w = wallIn(t, tz);
      if (w.y > yearLimit) return Number.NaN;
      let wrapped = false;
      while (!this.month.values.has(w.mo)) {
        if (!added) {
          added = true;
          t = dateIn(w.y, w.mo, 1, 0, 0, 0, tz);
          w = wallIn(t, tz);
        }
        t = dateIn(w.y, w.mo + 1, w.d, w.h, w.mi, w.s, tz);
        w = wallIn(t, tz);
        if (w.mo === 1) {
          wrapped = true;
          break;
        }
      }
      if (wrapped) continue;
      while (!this.dayMatches(w)) {
        if (!added) {
          added = true;
          t = dateIn(w.y, w.mo, w.d, 0, 0, 0, tz);
          w = wallIn(t, tz);
        }
        t = dateIn(w.y, w.mo, w.d + 1, w.h, w.mi, w.s, tz);
        w = wallIn(t, tz);
        // Daylight saving may have moved midnight.
        if (w.h !== 0) {
          t += (w.h > 12 ? 24 - w.h : -w.h) * 3600_000;
          w = wallIn(t, tz);
        }
        if (w.d === 1) {
          wrapped = true;
          break;
        }
      }
      if (wrapped) continue;
      while (!this.hour.values.has(w.h)) {
        if (!added) {
          added = true;
          t = dateIn(w.y, w.mo, w.d, w.h, 0, 0, tz);
        }
        t += 3600_000;
        w = wallIn(t, tz);
        if (w.h === 0) {
          wrapped = true;
          break;
        }
      }
      if (wrapped) continue;
      while (!this.minute.values.has(w.mi)) {
        if (!added) {
          added = true;
          t -= t % 60_000;
        }
        t += 60_000;
        w = wallIn(t, tz);
        if (w.mi === 0) {
          wrapped = true;
          break;
        }
      }
      if (wrapped) continue;
      if (w.s !== 0) {
        // The seconds field is always 0.
        if (!added) {
          added = true;
          t -= t % 1000;
        }
        // Stepping the seconds round to 0 rolls the minute over: check everything again.
        t += (60 - w.s) * 1000;
        continue;
      }
      return t;
    }
  }
}

class EverySchedule implements CronSchedule {
  constructor(private readonly delayMs: number) {}
  next(afterMs: number): number {
    return Math.floor(afterMs / 1000) * 1000 + this.delayMs;
  }
}

const UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3600_000,
};

/** time.ParseDuration, in ms. */
function parseDuration(s: string): number {
  const bad = () => fail(`time: invalid duration ${JSON.stringify(s)}`);
  let rest = s;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest[0] === '-' ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') bad();
  let total = 0;
  while (rest) {
    const num = /^(\d*)(\.\d*)?/.exec(rest);
    if (!num || (num[1] === '' && (num[2] ?? '.') === '.')) bad();
    const value = Number(`${num?.[1] || '0'}${num?.[2] ?? ''}`);
    rest = rest.slice(num?.[0].length ?? 0);
    const unit = /^[^\d.]+/.exec(rest)?.[0];
    if (!unit) return fail(`time: missing unit in duration ${JSON.stringify(s)}`);
    const scale = UNITS[unit];
    if (scale === undefined) return fail(`time: unknown unit ${JSON.stringify(unit)} in duration ${JSON.stringify(s)}`);
    total += value * scale;
    rest = rest.slice(unit.length);
  }
  return sign * total;
}

function parseDescriptor(spec: string, location: string | undefined): CronSchedule {
  const zero = only(0);
  switch (spec) {
    case '@yearly':
    case '@annually':
      return new SpecSchedule(zero, zero, only(1), only(1), all(DOW), location);
    case '@monthly':
      return new SpecSchedule(zero, zero, only(1), all(MONTHS), all(DOW), location);
    case '@weekly':
      return new SpecSchedule(zero, zero, all(DOM), all(MONTHS), only(0), location);
    case '@daily':
    case '@midnight':
      return new SpecSchedule(zero, zero, all(DOM), all(MONTHS), all(DOW), location);
    case '@hourly':
      return new SpecSchedule(zero, all(HOURS), all(DOM), all(MONTHS), all(DOW), location);
  }
  if (spec.startsWith('@every ')) {
    let ms: number;
    try {
      ms = parseDuration(spec.slice('@every '.length));
    } catch (e) {
      return fail(`failed to parse duration ${spec}: ${(e as Error).message}`);
    }
    // Every() rounds down to whole seconds, and at least one.
    return new EverySchedule(Math.max(1000, Math.floor(ms / 1000) * 1000));
  }
  return fail(`unrecognized descriptor: ${spec}`);
}

/** cron.ParseStandard. Throws {@link CronParseError} with the library's message. */
export function parseCronSchedule(text: string): CronSchedule {
  if (text.length === 0) fail('empty spec string');
  let spec = text;
  let location: string | undefined;
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    const eq = spec.indexOf('=');
    const name = space < 0 ? spec.slice(eq + 1) : spec.slice(eq + 1, space);
    if (!isKnownTimeZone(name) && name !== 'Local') fail(`provided bad location ${name}: unknown time zone ${name}`);
    location = name === 'Local' ? undefined : name;
    spec = space < 0 ? '' : spec.slice(space).trim();
  }
  if (spec.startsWith('@')) return parseDescriptor(spec, location);
  const fields = spec.split(/\s+/).filter((f) => f.length > 0);
  if (fields.length !== 5) fail(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  return new SpecSchedule(
    parseField(fields[0], MINUTES),
    parseField(fields[1], HOURS),
    parseField(fields[2], DOM),
    parseField(fields[3], MONTHS),
    parseField(fields[4], DOW),
    location,
  );
}
