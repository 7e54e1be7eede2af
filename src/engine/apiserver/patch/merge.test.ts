import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../api/types';
import { PatchError } from './errors';
import { checkMergePatchBody, createMergePatch, mergePatch } from './merge';

describe('mergePatch: RFC 7386 appendix A', () => {
  const cases: [original: unknown, patch: unknown, result: unknown][] = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [
      ['a', 'b'],
      ['c', 'd'],
      ['c', 'd'],
    ],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  for (const [original, patch, result] of cases) {
    it(`${JSON.stringify(original)} + ${JSON.stringify(patch)}`, () => {
      expect(mergePatch(original, patch)).toEqual(result);
    });
  }

  it('section 3 example', () => {
    const target = {
      title: 'Goodbye!',
      author: { givenName: 'John', familyName: 'Doe' },
      tags: ['example', 'sample'],
      content: 'This will be unchanged',
    };
    const patch = { title: 'Hello!', phoneNumber: '+01-123-456-7890', author: { familyName: null }, tags: ['example'] };
    expect(mergePatch(target, patch)).toEqual({
      title: 'Hello!',
      author: { givenName: 'John' },
      tags: ['example'],
      content: 'This will be unchanged',
      phoneNumber: '+01-123-456-7890',
    });
  });
});

describe('mergePatch: as the API server applies it', () => {
  it('a null member replaces into a value', () => {
    expect(mergePatch({ title: null }, { title: { foo: 'bar' } })).toEqual({ title: { foo: 'bar' } });
  });
  it('keeps nulls that are array elements', () => {
    expect(mergePatch({ a: [{ b: 'c' }] }, { a: [null, 1] })).toEqual({ a: [null, 1] });
    expect(mergePatch(['a', 'b'], ['a', null])).toEqual(['a', null]);
    expect(mergePatch({ a: [] }, { a: ['b', null, null, 'a'] })).toEqual({ a: ['b', null, null, 'a'] });
  });
  it('prunes null members of objects inside a new array', () => {
    expect(mergePatch({}, { a: [{ b: null, c: 1 }] })).toEqual({ a: [{ c: 1 }] });
  });
  it('scales a deployment and drops a label', () => {
    const deploy = { metadata: { name: 'web', labels: { app: 'web', env: 'dev' } }, spec: { replicas: 1 } };
    expect(mergePatch(deploy, { metadata: { labels: { env: null } }, spec: { replicas: 3 } })).toEqual({
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: { replicas: 3 },
    });
  });
  it('replaces lists whole: a merge patch cannot add one container', () => {
    const pod = { spec: { containers: [{ name: 'a', image: 'nginx' }] } };
    expect(mergePatch(pod, { spec: { containers: [{ name: 'b', image: 'redis' }] } })).toEqual({
      spec: { containers: [{ name: 'b', image: 'redis' }] },
    });
  });
});

describe('checkMergePatchBody', () => {
  it('refuses null and scalar bodies as the server does (400 Invalid JSON Patch)', () => {
    for (const body of [null, 'x', 5, true]) {
      expect(() => checkMergePatchBody(body)).toThrow(new PatchError('Invalid JSON Patch', { code: 400, reason: 'BadRequest' }));
    }
    expect(() => checkMergePatchBody({ a: 1 })).not.toThrow();
    expect(() => checkMergePatchBody([1])).not.toThrow();
  });
});

describe('createMergePatch', () => {
  const cases: [name: string, original: unknown, modified: unknown, patch: unknown][] = [
    [
      'changed nested key',
      { title: 'hello', nested: { one: 1, two: 2 } },
      { title: 'goodbye', nested: { one: 2, two: 2 } },
      { title: 'goodbye', nested: { one: 2 } },
    ],
    [
      'changed array is sent whole',
      { title: 'hello', array: ['one', 'two'], notmatch: [1, 2, 3] },
      { title: 'hello', array: ['one', 'two', 'three'], notmatch: [1, 2, 3] },
      { array: ['one', 'two', 'three'] },
    ],
    [
      'changed array of objects',
      { array: [{ banana: true }, { evil: false }] },
      { array: [{ banana: false }, { evil: true }] },
      { array: [{ banana: false }, { evil: true }] },
    ],
    ['deleted key', { title: 'hello', nested: { one: 1, two: 2 } }, { title: 'hello', nested: { one: 1 } }, { nested: { two: null } }],
    ['null to empty array', { array: null }, { array: [] }, { array: [] }],
    [
      'no difference',
      { title: 'hello', nested: { one: 1, two: [{ one: null }, { two: null }] } },
      { title: 'hello', nested: { one: 1, two: [{ one: null }, { two: null }] } },
      {},
    ],
    ['type change', { a: { b: 1 } }, { a: [1] }, { a: [1] }],
  ];
  for (const [name, original, modified, patch] of cases) {
    it(name, () => expect(createMergePatch(original, modified)).toEqual(patch));
  }
});

/** JSON documents whose objects hold no null members (a merge patch reads null as "delete"). */
// -0 is left out: JSON cannot tell it from 0.
const number = fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0));
const leaf = fc.oneof(fc.integer(), fc.string({ maxLength: 4 }), fc.boolean(), number);
const { doc } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.array(fc.oneof(leaf, fc.constant(null)), { maxLength: 3 }),
    tie('doc'),
    fc.array(tie('doc'), { maxLength: 2 }),
  ),
  doc: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e~1', 'x/y'), tie('value'), { maxKeys: 4 }),
}));

describe('merge patch properties', () => {
  it('applying createMergePatch(a, b) to a gives b', () => {
    fc.assert(
      fc.property(doc, doc, (a, b) => {
        expect(mergePatch(a, createMergePatch(a, b))).toEqual(b);
      }),
    );
  });

  it('never mutates its inputs', () => {
    fc.assert(
      fc.property(doc, doc, (a, b) => {
        const [ca, cb] = [structuredClone(a), structuredClone(b)];
        const patch = createMergePatch(deepFreeze(a), deepFreeze(b));
        mergePatch(a, deepFreeze(patch));
        expect([a, b]).toEqual([ca, cb]);
      }),
    );
  });

  it('returns a result that shares nothing with the target', () => {
    const target = { a: { b: [1] } };
    const result = mergePatch(target, { c: 1 }) as { a: { b: number[] } };
    result.a.b.push(2);
    expect(target.a.b).toEqual([1]);
  });
});
