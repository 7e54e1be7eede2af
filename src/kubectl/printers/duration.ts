/**
 * Ages and durations the way kubectl prints them (apimachinery `util/duration`).
 * Durations are in milliseconds; Go truncates toward zero when it converts a
 * duration to whole units, so every division here truncates too.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Go's `int(d / unit)`: integer division truncating toward zero. */
function units(ms: number, unit: number): number {
  return Math.trunc(ms / unit);
}

/**
 * A duration with about two significant figures, e.g. `70s`, `3m10s`, `7h59m`, `2d1h`, `2y1d`.
 * Up to 2 s in the past counts as now (`0s`): clocks of client and server may disagree.
 */
export function humanDuration(ms: number): string {
  const seconds = units(ms, SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = units(ms, MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = units(ms, HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${units(hours, 24)}d` : `${units(hours, 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${units(hours, 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = units(hours, 24) % 365;
    const years = units(hours, 24 * 365);
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${units(hours, 24 * 365)}y`;
}

/** A duration with a single unit, e.g. `59s`, `1m`, `23h`, `364d`, `2y`. */
export function shortHumanDuration(ms: number): string {
  const seconds = units(ms, SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = units(ms, MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = units(ms, HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${units(hours, 24)}d`;
  return `${units(hours, 24 * 365)}y`;
}

/**
 * Milliseconds since the epoch for an API timestamp, or undefined when the field is unset.
 * Go's zero time (year 1) counts as unset, as `metav1.Time.IsZero` does.
 */
export function parseTimestamp(ts: string | null | undefined): number | undefined {
  if (ts === undefined || ts === null || ts === '') return undefined;
  const ms = Date.parse(ts);
  if (Number.isNaN(ms)) return undefined;
  if (ts.startsWith('0001-01-01T00:00:00')) return undefined;
  return ms;
}

/** The AGE cell: how long ago `ts` was, or `<unknown>` when it is unset. */
export function translateTimestampSince(ts: string | null | undefined, now: number): string {
  const ms = parseTimestamp(ts);
  if (ms === undefined) return '<unknown>';
  return humanDuration(now - ms);
}

/** How long until `ts`, or `<unknown>` when it is unset. */
export function translateTimestampUntil(ts: string | null | undefined, now: number): string {
  const ms = parseTimestamp(ts);
  if (ms === undefined) return '<unknown>';
  return humanDuration(ms - now);
}
