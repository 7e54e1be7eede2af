import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clone, deepFreeze } from './types';

describe('clone', () => {
  it('copies any JSON value deeply and equal to the original', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const c = clone(v);
        expect(c).toEqual(v);
        if (v && typeof v === 'object') expect(c).not.toBe(v);
      }),
    );
  });
  it('keeps a __proto__ key from parsed input as data, not as the copy\'s prototype', () => {
    const parsed = JSON.parse('{"metadata":{"__proto__":{"polluted":true},"name":"x"}}');
    const c = clone(parsed);
    expect(c).toEqual(parsed);
    expect(Object.getPrototypeOf(c.metadata)).toBe(Object.prototype);
    expect(c.metadata.polluted).toBeUndefined();
    expect(Object.keys(c.metadata)).toEqual(['__proto__', 'name']);
  });
  it('gives a mutable copy of a frozen object, and drops undefined members', () => {
    const frozen = deepFreeze({ a: { b: [1, { c: 2 }] }, u: undefined });
    const c = clone(frozen) as { a: { b: unknown[] } };
    c.a.b.push(3);
    expect(frozen.a.b).toHaveLength(2);
    expect('u' in c).toBe(false);
  });
});
