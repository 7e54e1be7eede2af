import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  escapeFieldValue,
  everythingFieldSelector,
  fieldSelectorFromSet,
  FieldSelectorParseError,
  oneTermEqualSelector,
  oneTermNotEqualSelector,
  parseFieldSelector,
  unescapeFieldValue,
} from './fields';

// Cases from apimachinery's pkg/fields/selector_test.go unless marked otherwise.

describe('parseFieldSelector', () => {
  it.each(['x=a,y=b,z=c', '', 'x!=a,y=b', 'x=a||y\\=b', 'x=a\\=\\=b'])('round-trips %j', (text) => {
    expect(parseFieldSelector(text).toString()).toBe(text);
  });

  it.each(['x=a||y=b', 'x==a==b', 'x=a,b', 'x in (a)', 'x in (a,b,c)', 'x'])('rejects %j', (text) => {
    expect(() => parseFieldSelector(text)).toThrow(FieldSelectorParseError);
  });

  it('is deterministic whatever the input order', () => {
    expect(parseFieldSelector('x=a,a=x').toString()).toBe(parseFieldSelector('a=x,x=a').toString());
    expect(parseFieldSelector('x=a,a=x').toString()).toBe('a=x,x=a');
  });

  const fieldset = { foo: 'bar', baz: 'blah', complex: '=value\\,\\' };
  it.each([
    ['', { x: 'y' }, true],
    ['x=y', { x: 'y' }, true],
    ['x=y,z=w', { x: 'y', z: 'w' }, true],
    ['x!=y,z!=w', { x: 'z', z: 'a' }, true],
    ['notin=in', { notin: 'in' }, true],
    ['x=y', { x: 'z' }, false],
    ['x=y,z=w', { x: 'w', z: 'w' }, false],
    ['x!=y,z!=w', { x: 'z', z: 'w' }, false],
    ['foo=bar', fieldset, true],
    ['baz=blah', fieldset, true],
    ['foo=bar,baz=blah', fieldset, true],
    ['foo=bar,baz=blah,complex=\\=value\\\\\\,\\\\', fieldset, true],
    ['foo=blah', fieldset, false],
    ['baz=bar', fieldset, false],
    ['foo=bar,foobar=bar,baz=blah', fieldset, false],
  ] as [string, Record<string, string>, boolean][])('%j matches %j → %s', (text, fields, want) => {
    expect(parseFieldSelector(text).matches(fields)).toBe(want);
  });

  it('compares a missing field as the empty string', () => {
    expect(parseFieldSelector('spec.nodeName=').matches({})).toBe(true);
    expect(parseFieldSelector('spec.nodeName!=').matches({ 'spec.nodeName': 'n1' })).toBe(true);
    expect(parseFieldSelector('spec.nodeName!=').matches({})).toBe(false);
  });

  it('normalises == to = and sorts terms as written', () => {
    const s = parseFieldSelector('status.phase==Running,metadata.name!=web');
    expect(s.toString()).toBe('metadata.name!=web,status.phase=Running');
    expect(s.requirements).toEqual([
      { field: 'metadata.name', op: '!=', value: 'web' },
      { field: 'status.phase', op: '=', value: 'Running' },
    ]);
  });

  it('splits on the first operator, so the field part cannot hold one', () => {
    expect(parseFieldSelector('a!=b\\=c').requirements).toEqual([{ field: 'a', op: '!=', value: 'b=c' }]);
    expect(() => parseFieldSelector('a=b!=c')).toThrow('invalid field selector: unescaped character in value: 61');
  });

  it('skips empty terms and a bare "="', () => {
    expect(parseFieldSelector('a=b,').toString()).toBe('a=b');
    expect(parseFieldSelector(',a=b').toString()).toBe('a=b');
    expect(parseFieldSelector('=').empty()).toBe(true);
    expect(parseFieldSelector('a=b,=').toString()).toBe('a=b');
  });

  it('does not trim whitespace', () => {
    expect(parseFieldSelector('a = b').requirements).toEqual([{ field: 'a ', op: '=', value: ' b' }]);
  });

  // Error texts follow upstream's fmt strings; an unescaped rune prints as its code point.
  it.each([
    ['x', "invalid selector: 'x'; can't understand 'x'"],
    ['a=b,x in (a)', "invalid selector: 'a=b,x in (a)'; can't understand 'x in (a)'"],
    ['x==a==b', 'invalid field selector: unescaped character in value: 61'],
    ['x=a,b', "invalid selector: 'x=a,b'; can't understand 'b'"],
    ['x=a\\b', 'invalid field selector: invalid escape sequence: \\b'],
    ['x=a\\', 'invalid field selector: invalid escape sequence: \\'],
  ])('%j fails with %j', (text, message) => {
    expect(() => parseFieldSelector(text)).toThrow(new FieldSelectorParseError(message));
  });

  it('handles multi-byte text', () => {
    expect(parseFieldSelector('함=수,목=록').toString()).toBe('목=록,함=수');
    expect(parseFieldSelector('함=수').matches({ 함: '수' })).toBe(true);
  });

  it('reports exact-match requirements', () => {
    expect(parseFieldSelector('spec.nodeName=n1,status.phase!=Failed').requiresExactMatch('spec.nodeName')).toBe('n1');
    expect(parseFieldSelector('status.phase!=Failed').requiresExactMatch('status.phase')).toBeUndefined();
    expect(parseFieldSelector('').requiresExactMatch('x')).toBeUndefined();
    expect(oneTermEqualSelector('test', '').requiresExactMatch('test')).toBe('');
  });
});

describe('escaping', () => {
  // TestEscapeValue
  it.each([
    ['', ''],
    ['a', 'a'],
    ['=', '\\='],
    [',', '\\,'],
    ['\\', '\\\\'],
    ['\\=\\,\\', '\\\\\\=\\\\\\,\\\\'],
  ])('%j ↔ %j', (raw, escaped) => {
    expect(escapeFieldValue(raw)).toBe(escaped);
    expect(unescapeFieldValue(escaped)).toBe(raw);
  });

  it.each(['\\', '\\\\\\', '\\a'])('rejects invalid escape %j', (text) => {
    expect(() => unescapeFieldValue(text)).toThrow(/invalid escape sequence/);
  });
});

describe('constructors', () => {
  it('builds from a set', () => {
    const s = fieldSelectorFromSet({ b: '2', a: '1' });
    expect(s.toString()).toBe('a=1,b=2');
    expect(s.matches({ a: '1', b: '2', c: '3' })).toBe(true);
    expect(s.matches({ a: '1' })).toBe(false);
    expect(fieldSelectorFromSet({}).empty()).toBe(true);
  });

  it('builds single terms', () => {
    expect(oneTermEqualSelector('x', 'y').matches({ x: 'y' })).toBe(true);
    expect(oneTermEqualSelector('x', 'y').matches({ x: 'z' })).toBe(false);
    expect(oneTermNotEqualSelector('x', 'y').matches({ x: 'z' })).toBe(true);
    expect(oneTermEqualSelector('x', 'a,b').toString()).toBe('x=a\\,b');
    expect(everythingFieldSelector().matches({})).toBe(true);
    expect(everythingFieldSelector().empty()).toBe(true);
  });
});

describe('properties', () => {
  const text = fc.string({ unit: fc.constantFrom('a', 'b', '=', ',', '\\', '!', ' ', '.', 'é'), maxLength: 12 });

  it('escape then unescape is the identity', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(unescapeFieldValue(escapeFieldValue(s))).toBe(s);
      }),
    );
  });

  it('toString → parse preserves requirements and matching', () => {
    const field = fc.stringMatching(/^[a-z][a-z.]{0,8}$/);
    const reqs = fc.array(fc.record({ field, op: fc.constantFrom<'=' | '!='>('=', '!='), value: text }), { maxLength: 4 });
    const fields = fc.dictionary(fc.constantFrom('a', 'b', 'a.b'), text, { maxKeys: 3 });
    fc.assert(
      fc.property(reqs, fields, (rs, fs) => {
        const printed = rs.map((r) => `${r.field}${r.op}${escapeFieldValue(r.value)}`).join(',');
        const s = parseFieldSelector(printed);
        const again = parseFieldSelector(s.toString());
        expect(again.toString()).toBe(s.toString());
        expect(again.matches(fs)).toBe(s.matches(fs));
        const want = rs.every((r) => ((fs[r.field] ?? '') === r.value) === (r.op === '='));
        expect(s.matches(fs)).toBe(want);
      }),
    );
  });

  it('never throws anything but FieldSelectorParseError', () => {
    fc.assert(
      fc.property(text, (s) => {
        try {
          parseFieldSelector(s);
        } catch (e) {
          expect(e).toBeInstanceOf(FieldSelectorParseError);
        }
      }),
    );
  });
});
