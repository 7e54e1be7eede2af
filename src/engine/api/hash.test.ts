import { describe, expect, it } from 'vitest';
import { hash53 } from './hash';

describe('hash53', () => {
  it('gives the same safe integer for the same string, however the string was built', () => {
    const built = ['Pod', 'default', 'web-1', 'Started container web'].join('\u0000');
    const h = hash53(built);
    expect(hash53(`Pod\u0000default\u0000web-1\u0000Started container web`)).toBe(h);
    expect(Number.isSafeInteger(h)).toBe(true);
    expect(h).toBeGreaterThanOrEqual(0);
  });

  it('tells apart 300,000 keys that differ in one character or one place', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) {
      seen.add(hash53(`Pod\u0000default\u0000scale-${i}\u0000uid\u0000\u0000Normal\u0000Pulled\u0000pulled`));
      seen.add(hash53(`Pod\u0000default\u0000scale-${i}\u0000uid\u0000\u0000Normal\u0000Pulled\u0000pulleD`));
      seen.add(hash53(`${i}`));
    }
    expect(seen.size).toBe(300_000);
  });

  it('spreads short keys over the high bits too', () => {
    let high = 0;
    for (let i = 0; i < 1000; i++) if (hash53(String(i)) >= 2 ** 52) high++;
    // Half of the values should fall in the top half of the range.
    expect(high).toBeGreaterThan(400);
    expect(high).toBeLessThan(600);
  });

  it('hashes the empty string and long strings', () => {
    expect(hash53('')).not.toBe(hash53('\u0000'));
    expect(hash53('x'.repeat(10_000))).not.toBe(hash53('x'.repeat(10_001)));
  });
});
