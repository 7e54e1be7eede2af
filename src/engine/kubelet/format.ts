/**
 * Text formats the kubelet and container runtime print, as Go prints them: durations in event
 * messages (`1.393s`, `5m0s`), MicroTime in Leases, and the `date` a busybox shell shows.
 */

/** Go's time.Duration.String() for a whole number of milliseconds: `313ms`, `1.393s`, `1m20s`, `5m0s`, `1h0m0s`. */
export function goDuration(ms: number): string {
  const neg = ms < 0;
  let v = Math.abs(Math.round(ms));
  if (v === 0) return '0s';
  let out: string;
  if (v < 1000) out = `${v}ms`;
  else {
    const h = Math.floor(v / 3_600_000);
    v -= h * 3_600_000;
    const m = Math.floor(v / 60_000);
    v -= m * 60_000;
    const s = Math.floor(v / 1000);
    const frac = v % 1000;
    const secs = frac ? `${s}.${String(frac).padStart(3, '0').replace(/0+$/, '')}` : String(s);
    out = h ? `${h}h${m}m${secs}s` : m ? `${m}m${secs}s` : `${secs}s`;
  }
  return neg ? `-${out}` : out;
}

/** metav1.MicroTime as it is serialized: `2025-01-06T09:00:10.123456Z`. */
export function microTime(ms: number, extraMicros = 0): string {
  const whole = Math.floor(ms / 1000) * 1000;
  const micros = (ms - whole) * 1000 + (extraMicros % 1000);
  return `${new Date(whole).toISOString().slice(0, 19)}.${String(micros).padStart(6, '0')}Z`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** What `date` prints in a container (UTC): `Mon Jan  6 09:00:00 UTC 2025`. */
export function unixDate(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** strftime-style `date +FORMAT` for the common directives. */
export function formatDate(ms: number, format: string): string {
  const d = new Date(ms);
  return format.replace(/%([a-zA-Z%])/g, (_, c: string) => {
    switch (c) {
      case 'Y':
        return String(d.getUTCFullYear());
      case 'm':
        return pad(d.getUTCMonth() + 1);
      case 'd':
        return pad(d.getUTCDate());
      case 'H':
        return pad(d.getUTCHours());
      case 'M':
        return pad(d.getUTCMinutes());
      case 'S':
        return pad(d.getUTCSeconds());
      case 's':
        return String(Math.floor(ms / 1000));
      case 'N':
        return pad((ms % 1000) * 1_000_000, 9);
      case 'a':
        return DAYS[d.getUTCDay()];
      case 'b':
        return MONTHS[d.getUTCMonth()];
      case 'e':
        return String(d.getUTCDate()).padStart(2, ' ');
      case 'T':
        return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
      case 'F':
        return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
      case 'Z':
        return 'UTC';
      case 'z':
        return '+0000';
      case '%':
        return '%';
      default:
        return `%${c}`;
    }
  });
}

/** nginx's and many servers' log clock: `2025/01/06 09:00:05`. */
export function slashDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Common Log Format time: `06/Jan/2025:09:00:10 +0000`. */
export function clfDate(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** RFC 3339 with nanoseconds, as `kubectl logs --timestamps` prints: `2025-01-06T09:00:05.123000000Z`. */
export function rfc3339Nano(ms: number): string {
  const whole = Math.floor(ms / 1000) * 1000;
  return `${new Date(whole).toISOString().slice(0, 19)}.${String((ms - whole) * 1_000_000).padStart(9, '0')}Z`;
}

/** A deterministic hex string of `length` characters derived from `text` (fake digests, IDs). */
export function hexDigest(text: string, length = 64): string {
  let out = '';
  let counter = 0;
  while (out.length < length) {
    let h = 0x811c9dc5 ^ counter++;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}
