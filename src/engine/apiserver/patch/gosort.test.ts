import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goStableSort } from './gosort';

describe('goStableSort', () => {
  it('is a stable sort for a consistent comparator', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ k: fc.nat(5), id: fc.nat() }), { maxLength: 80 }), (xs) => {
        const expected = [...xs].sort((a, b) => a.k - b.k);
        expect(goStableSort(xs, (a, b) => a.k < b.k)).toEqual(expected);
      }),
    );
  });
  it('reverses a list when everything is "less" (what the server does with unknown elements)', () => {
    const xs = Array.from({ length: 45 }, (_, i) => i);
    expect(goStableSort(xs, () => true)).toEqual([...xs].reverse());
  });
});
