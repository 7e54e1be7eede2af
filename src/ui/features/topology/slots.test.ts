import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignSlots, slotExtent } from './slots';

describe('assignSlots', () => {
  it('keeps places, fills holes with newcomers in order', () => {
    let s = assignSlots(new Map(), ['a', 'b', 'c']);
    expect([...s]).toEqual([['a', 0], ['b', 1], ['c', 2]]);
    s = assignSlots(s, ['a', 'c']);
    expect([...s]).toEqual([['a', 0], ['c', 2]]);
    s = assignSlots(s, ['a', 'c', 'd', 'e']);
    expect(Object.fromEntries(s)).toEqual({ a: 0, c: 2, d: 1, e: 3 });
    expect(slotExtent(s)).toBe(4);
    expect(assignSlots(s, ['e', 'd', 'c', 'a'])).toBe(s);
  });

  it('property: survivors never move, and no two items share a slot', () => {
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 20 }), { maxLength: 12 }), (steps) => {
        let s = assignSlots(new Map(), []);
        for (const ids of steps) {
          const keys = ids.map(String);
          const next = assignSlots(s, keys);
          for (const k of keys) if (s.has(k)) expect(next.get(k)).toBe(s.get(k));
          expect(new Set(next.values()).size).toBe(keys.length);
          expect([...next.keys()].sort()).toEqual([...keys].sort());
          s = next;
        }
      }),
    );
  });
});
