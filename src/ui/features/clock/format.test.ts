import { describe, expect, it } from 'vitest';
import { formatAge, formatElapsed, formatSimTime } from './format';

describe('clock formats', () => {
  it('simulated time in UTC to the second', () => {
    expect(formatSimTime(Date.UTC(2025, 0, 6, 9, 3, 12, 999))).toBe('2025-01-06 09:03:12');
  });
  it('ages as kubectl prints them (duration.HumanDuration)', () => {
    expect(formatAge(45_000)).toBe('45s');
    expect(formatAge(119_000)).toBe('119s');
    expect(formatAge(192_000)).toBe('3m12s');
    expect(formatAge(300_000)).toBe('5m');
    expect(formatAge(65 * 60_000)).toBe('65m');
    expect(formatAge(3 * 3600_000 + 5 * 60_000)).toBe('3h5m');
    expect(formatAge(20 * 3600_000)).toBe('20h');
    expect(formatAge(76 * 3600_000)).toBe('3d4h');
    expect(formatAge(12 * 86400_000)).toBe('12d');
  });
  it('elapsed time to the second', () => {
    expect(formatElapsed(7000)).toBe('7s');
    expect(formatElapsed(247_000)).toBe('4m07s');
    expect(formatElapsed(3723_000)).toBe('1h02m03s');
    expect(formatElapsed(3 * 86400_000 + 4 * 3600_000 + 5 * 60_000 + 6000)).toBe('3d 04:05:06');
  });
});
