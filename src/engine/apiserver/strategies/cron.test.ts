import { describe, expect, it } from 'vitest';
import { CronParseError, isKnownTimeZone, parseCronSchedule } from './cron';

// Messages and semantics of the cron library the CronJob controller and validation use
// (robfig/cron/v3: parser.go, spec.go and their tests).

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => (Number.isNaN(ms) ? 'never' : new Date(ms).toISOString().replace('.000', ''));

describe('parseCronSchedule errors', () => {
  it.each([
    ['', 'empty spec string'],
    ['61 * * * *', 'end of range (61) above maximum (59): 61'],
    ['0-61 * * * *', 'end of range (61) above maximum (59): 0-61'],
    ['* 24 * * *', 'end of range (24) above maximum (23): 24'],
    ['0 0 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['0 0 * 13 *', 'end of range (13) above maximum (12): 13'],
    ['* * * * 7', 'end of range (7) above maximum (6): 7'],
    ['5-3 * * * *', 'beginning of range (5) beyond end of range (3): 5-3'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['*/2/3 * * * *', 'too many slashes: */2/3'],
    ['a * * * *', 'failed to parse int from a: strconv.Atoi: parsing "a": invalid syntax'],
    ['-1 * * * *', 'failed to parse int from : strconv.Atoi: parsing "": invalid syntax'],
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['* * * * * *', 'expected exactly 5 fields, found 6: [* * * * * *]'],
    ['@unrecognized', 'unrecognized descriptor: @unrecognized'],
    ['@every Xm', 'failed to parse duration @every Xm: time: invalid duration "Xm"'],
    ['TZ=Mars/Base * * * * *', 'provided bad location Mars/Base: unknown time zone Mars/Base'],
  ])('%j → %s', (spec, want) => {
    expect(() => parseCronSchedule(spec)).toThrow(new CronParseError(want));
  });

  it.each([
    '* * * * *',
    '*/5 * * * *',
    '0 9 * * MON-FRI',
    '0 0 1 jan,Jul *',
    '@yearly',
    '@annually',
    '@monthly',
    '@weekly',
    '@daily',
    '@midnight',
    '@hourly',
    '@every 1h30m',
    '0 0 ? * *',
    'CRON_TZ=UTC * * * * *',
  ])('accepts %j', (spec) => {
    expect(() => parseCronSchedule(spec)).not.toThrow();
  });
});

describe('next', () => {
  it.each([
    ['*/15 * * * *', '2025-01-15T10:07:33Z', '2025-01-15T10:15:00Z'],
    ['* * * * *', '2025-01-15T10:07:00Z', '2025-01-15T10:08:00Z'],
    ['0 0 * * *', '2025-01-15T10:30:00Z', '2025-01-16T00:00:00Z'],
    ['@hourly', '2025-01-15T10:30:00Z', '2025-01-15T11:00:00Z'],
    ['30 10 * * *', '2025-01-15T10:30:00Z', '2025-01-16T10:30:00Z'],
    // 2025-01-18 is a Saturday.
    ['0 9 * * MON-FRI', '2025-01-18T12:00:00Z', '2025-01-20T09:00:00Z'],
    ['0 0 1 * *', '2025-01-15T10:30:00Z', '2025-02-01T00:00:00Z'],
    ['@yearly', '2025-01-15T10:30:00Z', '2026-01-01T00:00:00Z'],
    ['@weekly', '2025-01-15T10:30:00Z', '2025-01-19T00:00:00Z'],
    ['0 0 29 2 *', '2025-01-15T10:30:00Z', '2028-02-29T00:00:00Z'],
    // With both day fields restricted, either may match: the 13th or a Friday (the 17th).
    ['0 0 13 * FRI', '2025-01-14T00:00:00Z', '2025-01-17T00:00:00Z'],
    // With day-of-week a star, only the day of the month counts.
    ['0 0 13 * *', '2025-01-14T00:00:00Z', '2025-02-13T00:00:00Z'],
    ['0 0 30 2 *', '2025-01-15T10:30:00Z', 'never'],
    ['@every 90s', '2025-01-15T10:30:00.500Z', '2025-01-15T10:31:30Z'],
  ])('%s after %s → %s', (spec, after, want) => {
    expect(iso(parseCronSchedule(spec).next(at(after)))).toBe(want);
  });

  it('runs in a time zone', () => {
    const s = parseCronSchedule('0 9 * * *');
    // 09:00 in New York is 14:00 UTC in winter and 13:00 UTC in summer.
    expect(iso(s.next(at('2025-01-15T10:30:00Z'), 'America/New_York'))).toBe('2025-01-15T14:00:00Z');
    expect(iso(s.next(at('2025-07-15T10:30:00Z'), 'America/New_York'))).toBe('2025-07-15T13:00:00Z');
    expect(iso(s.next(at('2025-01-15T10:30:00Z'), 'Asia/Tokyo'))).toBe('2025-01-16T00:00:00Z');
  });

  it('skips a time the spring-forward gap removes', () => {
    // 2025-03-09 02:30 does not exist in New York; the next 02:30 is the following day.
    expect(iso(parseCronSchedule('30 2 * * *').next(at('2025-03-09T05:00:00Z'), 'America/New_York'))).toBe('2025-03-10T06:30:00Z');
  });

  it('honours CRON_TZ in the spec over the one given', () => {
    expect(iso(parseCronSchedule('CRON_TZ=Asia/Tokyo 0 9 * * *').next(at('2025-01-15T10:30:00Z'), 'America/New_York'))).toBe(
      '2025-01-16T00:00:00Z',
    );
  });
});

describe('isKnownTimeZone', () => {
  it.each([
    ['UTC', true],
    ['Europe/Berlin', true],
    ['US/Eastern', true],
    ['Mars/Base', false],
    ['america/new_york', false],
  ])('%s → %s', (tz, want) => {
    expect(isKnownTimeZone(tz)).toBe(want);
  });
});
