import { describe, expect, it } from 'vitest';
import { Random } from './random';

describe('Random', () => {
  it('one seed gives one sequence per stream; streams do not disturb each other', () => {
    const a = new Random(7);
    const b = new Random(7);
    const xs = Array.from({ length: 5 }, () => a.stream('uid').next());
    b.stream('names').next(); // drawing elsewhere changes nothing for 'uid'
    expect(Array.from({ length: 5 }, () => b.stream('uid').next())).toEqual(xs);
    expect(new Random(8).stream('uid').next()).not.toBe(xs[0]);
  });

  it('restores exactly from a snapshot', () => {
    const a = new Random(3);
    a.stream('x').next();
    a.stream('y').int(10);
    const b = new Random(3);
    b.restore(JSON.parse(JSON.stringify(a.snapshot())));
    expect(b.stream('x').next()).toBe(a.stream('x').next());
    expect(b.stream('y').uuid()).toBe(a.stream('y').uuid());
  });

  it('makes version-4 UUIDs and stays in range', () => {
    const s = new Random(1).stream('uid');
    for (let i = 0; i < 200; i++) {
      expect(s.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const n = s.int(7);
      expect(n >= 0 && n < 7).toBe(true);
    }
  });
});
