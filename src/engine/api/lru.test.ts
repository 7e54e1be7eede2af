import { describe, expect, it } from 'vitest';
import { LruMap } from './lru';

describe('LruMap', () => {
  it('evicts the least recently used, counting a get as a use', () => {
    const m = new LruMap<string, number>(3);
    m.set('a', 1);
    m.set('b', 2);
    m.set('c', 3);
    expect(m.get('a')).toBe(1);
    m.set('d', 4);
    expect([m.has('a'), m.has('b'), m.has('c'), m.has('d')]).toEqual([true, false, true, true]);
    // peek does not count as a use.
    expect(m.peek('c')).toBe(3);
    m.set('e', 5);
    expect(m.entries()).toEqual([
      ['a', 1],
      ['d', 4],
      ['e', 5],
    ]);
  });

  it('behaves as a reference LRU over a long mixed run of sets, gets and deletes', () => {
    const limit = 50;
    const m = new LruMap<number, number>(limit);
    const ref = new Map<number, number>();
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let i = 0; i < 20_000; i++) {
      const k = next() % 120;
      const op = next() % 10;
      if (op < 5) {
        m.set(k, i);
        ref.delete(k);
        ref.set(k, i);
        if (ref.size > limit) ref.delete(ref.keys().next().value as number);
      } else if (op < 9) {
        const v = ref.get(k);
        expect(m.get(k)).toBe(v);
        if (v !== undefined) {
          ref.delete(k);
          ref.set(k, v);
        }
      } else {
        expect(m.delete(k)).toBe(ref.delete(k));
      }
      expect(m.size).toBe(ref.size);
    }
    expect(m.entries()).toEqual([...ref]);
  });
});
