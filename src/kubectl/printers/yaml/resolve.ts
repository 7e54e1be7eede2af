/**
 * Whether a string would read back as something other than a string if written unquoted
 * (go-yaml v2's `resolve`). kubectl's YAML quotes exactly those strings, with double quotes:
 * `"1234"`, `"true"`, `"yes"`, `"2025-01-01T00:00:00Z"`, `""`.
 */

const SPECIAL_WORDS = new Set([
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'true',
  'True',
  'TRUE',
  'on',
  'On',
  'ON',
  'n',
  'N',
  'no',
  'No',
  'NO',
  'false',
  'False',
  'FALSE',
  'off',
  'Off',
  'OFF',
  '',
  '~',
  'null',
  'Null',
  'NULL',
  '.nan',
  '.NaN',
  '.NAN',
  '.inf',
  '.Inf',
  '.INF',
  '+.inf',
  '+.Inf',
  '+.INF',
  '-.inf',
  '-.Inf',
  '-.INF',
  '<<',
]);

/** The first-character classes go-yaml uses to decide which conversions to try. */
function hintOf(s: string): 'N' | 'S' | 'D' | 'M' | '.' | undefined {
  if (s === '') return 'N';
  const c = s[0];
  if (c === '+' || c === '-') return 'S';
  if (c >= '0' && c <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(c)) return 'M';
  if (c === '.') return '.';
  return undefined;
}

// strconv.ParseInt(s, 0, 64) syntax (underscores are removed before the check, as go-yaml does).
const GO_INT = /^[+-]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

// time.Parse layouts go-yaml accepts as timestamps: dates, and date-times with T/t or a space.
const TIMESTAMP =
  /^(\d{4})-(\d\d?)-(\d\d?)(?:(?:[Tt](\d\d?):(\d\d?):(\d\d?)(?:[.,]\d+)?(?:Z|[+-]\d\d:\d\d))|(?: (\d\d?):(\d\d?):(\d\d?)(?:[.,]\d+)?))?$/;

function daysIn(month: number, year: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isTimestamp(s: string): boolean {
  const m = TIMESTAMP.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(month, year)) return false;
  const hour = m[4] ?? m[7];
  const minute = m[5] ?? m[8];
  const second = m[6] ?? m[9];
  if (hour !== undefined && (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59)) return false;
  return true;
}

/** True when the unquoted string would be read as a bool, null, number, timestamp or merge key. */
export function resolvesToNonString(s: string): boolean {
  const hint = hintOf(s);
  if (hint === undefined) return false;
  if (SPECIAL_WORDS.has(s)) return true;
  if (hint === '.') return DOT_FLOAT.test(s);
  if (hint === 'D' || hint === 'S') {
    if (isTimestamp(s)) return true;
    const plain = s.replaceAll('_', '');
    return GO_INT.test(plain) || YAML_STYLE_FLOAT.test(plain);
  }
  return false;
}

/** YAML 1.1 base-60 numbers (`1:20`): go-yaml still quotes them for other parsers' sake. */
export function isBase60Float(s: string): boolean {
  if (s === '') return false;
  const c = s[0];
  if (!(c === '+' || c === '-' || (c >= '0' && c <= '9')) || !s.includes(':')) return false;
  return BASE60_FLOAT.test(s);
}
