import fc from 'fast-check';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { describe, expect, it } from 'vitest';
import {
  everything,
  formatLabelSelector,
  labelSelectorAsMap,
  labelsContain,
  newRequirement,
  nothing,
  type Operator,
  parseSelector,
  type Requirement,
  requirementMatches,
  requirementToString,
  SelectorParseError,
  selectorFromLabelSelector,
  selectorFromSet,
  validatedSelectorFromSet,
} from './labels';

// Cases below are taken from apimachinery's pkg/labels/selector_test.go and
// pkg/apis/meta/v1/helpers_test.go unless marked otherwise.

const labelValueRegexMsg =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const nameRegexMsg =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

function req(key: string, operator: Operator, values: string[] = []): Requirement {
  return newRequirement(key, operator, values);
}

describe('parseSelector', () => {
  it.each([
    'x=a,y=b,z=c',
    '',
    'x!=a,y=b',
    'x=',
    'x= ',
    'x=,z= ',
    'x= ,z= ',
    '!x',
    'x>1',
    'x>1,z<5',
  ])('round-trips %j (spaces dropped)', (text) => {
    expect(parseSelector(text).toString()).toBe(text.replaceAll(' ', ''));
  });

  it.each(['x=a||y=b', 'x==a==b', '!x=a', 'x<a'])('rejects %j', (text) => {
    expect(() => parseSelector(text)).toThrow(SelectorParseError);
  });

  it('is deterministic whatever the input order', () => {
    expect(parseSelector('x=a,a=x').toString()).toBe(parseSelector('a=x,x=a').toString());
  });

  const matchCases: [string, Record<string, string>, boolean][] = [
    ['', { x: 'y' }, true],
    ['x=y', { x: 'y' }, true],
    ['x=y,z=w', { x: 'y', z: 'w' }, true],
    ['x!=y,z!=w', { x: 'z', z: 'a' }, true],
    ['notin=in', { notin: 'in' }, true],
    ['x', { x: 'z' }, true],
    ['!x', { y: 'z' }, true],
    ['x>1', { x: '2' }, true],
    ['x<1', { x: '0' }, true],
    ['x=z', {}, false],
    ['x=y', { x: 'z' }, false],
    ['x=y,z=w', { x: 'w', z: 'w' }, false],
    ['x!=y,z!=w', { x: 'z', z: 'w' }, false],
    ['x', { y: 'z' }, false],
    ['!x', { x: 'z' }, false],
    ['x>1', { x: '0' }, false],
    ['x<1', { x: '2' }, false],
    ['foo=bar', { foo: 'bar', baz: 'blah' }, true],
    ['baz=blah', { foo: 'bar', baz: 'blah' }, true],
    ['foo=bar,baz=blah', { foo: 'bar', baz: 'blah' }, true],
    ['foo=blah', { foo: 'bar', baz: 'blah' }, false],
    ['baz=bar', { foo: 'bar', baz: 'blah' }, false],
    ['foo=bar,foobar=bar,baz=blah', { foo: 'bar', baz: 'blah' }, false],
  ];
  it.each(matchCases)('%j matches %j → %s', (text, labels, want) => {
    expect(parseSelector(text).matches(labels)).toBe(want);
  });

  // TestSetSelectorParser: input, canonical output when valid (undefined = must fail).
  const parserCases: [string, string | undefined][] = [
    ['', ''],
    ['\rx', 'x'],
    ['this-is-a-dns.domain.com/key-with-dash', 'this-is-a-dns.domain.com/key-with-dash'],
    [
      'this-is-another-dns.domain.com/key-with-dash in (so,what)',
      'this-is-another-dns.domain.com/key-with-dash in (so,what)',
    ],
    ['0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)', '0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)'],
    ['foo  in\t (abc)', 'foo in (abc)'],
    ['x notin\n (abc)', 'x notin (abc)'],
    ['x  notin\t\t\t(abc,def)', 'x notin (abc,def)'],
    ['x in (abc,def)', 'x in (abc,def)'],
    ['x in (abc,)', 'x in (,abc)'],
    ['x in ()', 'x in ()'],
    ['x notin (abc,,def),bar,z in (),w', 'bar,w,x notin (,abc,def),z in ()'],
    ['x,y in (a)', 'x,y in (a)'],
    ['x=a', 'x=a'],
    ['x>1', 'x>1'],
    ['x<7', 'x<7'],
    ['x=a,y!=b', 'x=a,y!=b'],
    ['x=a,y!=b,z in (h,i,j)', 'x=a,y!=b,z in (h,i,j)'],
    ['x=a||y=b', undefined],
    ['x,,y', undefined],
    [',x,y', undefined],
    ['x nott in (y)', undefined],
    ['x notin ( )', 'x notin ()'],
    ['x notin (, a)', 'x notin (,a)'],
    ['a in (xyz),', undefined],
    ['a in (xyz)b notin ()', undefined],
    ['a ', 'a'],
    ['a in (x,y,notin, z,in)', 'a in (in,notin,x,y,z)'],
    ['a in (xyz abc)', undefined],
    ['a notin(', undefined],
    ['a (', undefined],
    ['(', undefined],
  ];
  it.each(parserCases)('parses %j', (text, want) => {
    if (want === undefined) expect(() => parseSelector(text)).toThrow(SelectorParseError);
    else expect(parseSelector(text).toString()).toBe(want);
  });

  it('keeps requirements on the same key and sorts by key', () => {
    const s = parseSelector('z,x!=a,z in (b,a)');
    expect(s.requirements.map((r) => r.key)).toEqual(['x', 'z', 'z']);
    expect(s.toString()).toBe('x!=a,z,z in (a,b)');
  });

  it('de-duplicates and sorts set values', () => {
    expect(parseSelector('x in (b,a,b)').requirements[0].values).toEqual(['a', 'b']);
  });

  // Error texts as apimachinery's parser produces them (derived from its source).
  const errorCases: [string, string][] = [
    ['(', "found '(', expected: !, identifier, or 'end of string'"],
    [',x', "found ',', expected: !, identifier, or 'end of string'"],
    ['x,,y', "found ',', expected: identifier after ','"],
    ['a in (xyz),', "found '', expected: identifier after ','"],
    ['a in (xyz)b notin ()', "found 'b', expected: ',' or 'end of string'"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    ['x==a==b', "found '==', expected: ',' or 'end of string'"],
    ['a (', "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"],
    ['x nott in (y)', "unable to parse requirement: found 'nott', expected: in, notin, =, ==, !=, gt, lt"],
    ['a in (xyz abc)', "unable to parse requirement: found 'abc', expected: ',' or ')'"],
    ['a notin(', "unable to parse requirement: found '', expected: ',', ')' or identifier"],
    ['a in x', "unable to parse requirement: found 'x' expected: '('"],
    ['a in (=)', "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ['a in (x,=)', "unable to parse requirement: found '=', expected: ',', or identifier"],
    ['a=(', "unable to parse requirement: found '(', expected: identifier"],
    ['!,', "unable to parse requirement: found ',', expected: identifier"],
    ['x<a', 'unable to parse requirement: values[0]: Invalid value: "a": for \'Gt\', \'Lt\' operators, the value must be an integer'],
    ['x=a||y', `unable to parse requirement: values[0][x]: Invalid value: "a||y": ${labelValueRegexMsg}`],
    ['app-', `unable to parse requirement: <nil>: Invalid value: "app-": ${nameRegexMsg}`],
    [
      'x>-1',
      `unable to parse requirement: values[0][x]: Invalid value: "-1": ${labelValueRegexMsg}`,
    ],
    [
      'x<b-',
      `unable to parse requirement: [values[0]: Invalid value: "b-": for 'Gt', 'Lt' operators, the value must be an integer, values[0][x]: Invalid value: "b-": ${labelValueRegexMsg}]`,
    ],
  ];
  it.each(errorCases)('%j fails with the upstream message', (text, message) => {
    expect(() => parseSelector(text)).toThrow(new SelectorParseError(message));
  });

  it('treats in/notin as values inside a list and as keys in exact matches', () => {
    expect(parseSelector('in=notin').matches({ in: 'notin' })).toBe(true);
    expect(parseSelector('x in (in)').matches({ x: 'in' })).toBe(true);
  });

  it('accepts the longest operator token', () => {
    expect(parseSelector('x!=a').requirements[0].operator).toBe('!=');
    expect(parseSelector('x==a').requirements[0].operator).toBe('==');
    expect(parseSelector('x==a').toString()).toBe('x==a');
  });
});

describe('requirements', () => {
  it('builds valid requirements', () => {
    expect(req('x3', 'in', ['foo']).values).toEqual(['foo']);
    expect(req('x11', 'gt', ['1']).operator).toBe('gt');
    expect(req('x6', 'exists').values).toEqual([]);
  });

  // TestRequirementConstructor: which field is reported.
  const invalidCases: [string, Operator, string[] | null, string][] = [
    ['x1', 'in', [], 'values: Invalid value: []string{}: for \'in\', \'notin\' operators, values set can\'t be empty'],
    ['x1', 'in', null, "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty"],
    [
      'x5',
      '=',
      ['bar', 'foo'],
      'values: Invalid value: []string{"bar", "foo"}: exact-match compatibility requires one single value',
    ],
    [
      'x8',
      'exists',
      ['foo'],
      'values: Invalid value: []string{"foo"}: values set must be empty for exists and does not exist',
    ],
    ['x13', 'gt', [], "values: Invalid value: []string{}: for 'Gt', 'Lt' operators, exactly one value is required"],
    ['x14', 'gt', ['bar'], 'values[0]: Invalid value: "bar": for \'Gt\', \'Lt\' operators, the value must be an integer'],
    [
      'a'.repeat(254),
      'exists',
      [],
      `key: Invalid value: "${'a'.repeat(254)}": name part must be no more than 63 characters`,
    ],
    ['x17', '=', ['a b'], `values[0][x17]: Invalid value: "a b": ${labelValueRegexMsg}`],
    [
      'x16',
      '=',
      ['a'.repeat(254)],
      `values[0][x16]: Invalid value: "${'a'.repeat(254)}": must be no more than 63 characters`,
    ],
    [
      'x18',
      'unsupportedOp' as Operator,
      [],
      'operator: Unsupported value: "unsupportedOp": supported values: "in", "notin", "=", "==", "!=", "gt", "lt", "exists", "!"',
    ],
  ];
  it.each(invalidCases)('rejects %s %s %j', (key, op, values, message) => {
    expect(() => newRequirement(key, op, values)).toThrow(new SelectorParseError(message));
  });

  // TestToString
  it.each([
    [[req('x', 'in', ['abc', 'def']), req('y', 'notin', ['jkl']), req('z', 'exists')], 'x in (abc,def),y notin (jkl),z'],
    [[req('x', 'notin', ['abc', 'def']), req('y', '!=', ['jkl']), req('z', '!')], 'x notin (abc,def),y!=jkl,!z'],
    [[req('x', 'notin', ['abc']), req('y', 'in', ['jkl', 'mno']), req('z', 'notin', [''])], 'x notin (abc),y in (jkl,mno),z notin ()'],
    [[req('x', '=', ['abc']), req('y', '==', ['jkl']), req('z', '!=', ['a']), req('z', 'exists')], 'x=abc,y==jkl,z!=a,z'],
    [[req('x', 'gt', ['2']), req('y', 'lt', ['8']), req('z', 'exists')], 'x>2,y<8,z'],
  ])('prints %#', (reqs, want) => {
    expect(everything().add(...reqs).toString()).toBe(want);
  });

  it('prints values sorted without reordering the requirement', () => {
    const r = req('environment', 'in', ['prod', 'dev']);
    expect(requirementToString(r)).toBe('environment in (dev,prod)');
    expect(r.values).toEqual(['prod', 'dev']);
    expect(requirementToString(req('environment', 'notin', ['dev']))).toBe('environment notin (dev)');
  });

  // TestRequirementSelectorMatching
  it.each([
    [{ x: 'foo', y: 'baz' }, [req('x', 'in', ['foo']), req('y', 'notin', ['alpha'])], true],
    [{ x: 'foo', y: 'baz' }, [req('x', 'in', ['foo']), req('y', 'in', ['alpha'])], false],
    [{ y: '' }, [req('x', 'notin', ['']), req('y', 'exists')], true],
    [{ y: '' }, [req('x', '!'), req('y', 'exists')], true],
    [{ y: '' }, [req('x', 'notin', ['']), req('y', '!')], false],
    [{ y: 'baz' }, [req('x', 'in', [''])], false],
    [{ z: '2' }, [req('z', 'gt', ['1'])], true],
    [{ z: 'v2' }, [req('z', 'gt', ['1'])], false],
  ] as [Record<string, string>, Requirement[], boolean][])('matches %j → %#', (labels, reqs, want) => {
    expect(everything().add(...reqs).matches(labels)).toBe(want);
  });

  it('compares gt/lt as 64-bit integers', () => {
    expect(requirementMatches(req('x', 'gt', ['9223372036854775806']), { x: '9223372036854775807' })).toBe(true);
    expect(requirementMatches(req('x', 'lt', ['1']), { x: '9223372036854775808' })).toBe(false);
    expect(requirementMatches(req('x', 'lt', ['1']), { x: '-5' })).toBe(true);
    expect(requirementMatches(req('x', 'gt', ['1']), undefined)).toBe(false);
  });

  // TestRequiresExactMatch
  it.each([
    [[req('key', 'in', ['value'])], 'key', 'value'],
    [[req('key', 'in', ['value', 'value2'])], 'key', undefined],
    [[req('key', 'in', ['value', 'value1']), req('key2', 'in', ['value2'])], 'key2', 'value2'],
    [[req('key', '=', ['value'])], 'key', 'value'],
    [[req('key', '==', ['value'])], 'key', 'value'],
    [[req('key', '!=', ['value'])], 'key', undefined],
    [[req('key', 'in', ['value']), req('key2', 'in', ['value2'])], 'key', 'value'],
  ] as [Requirement[], string, string | undefined][])('requiresExactMatch %#', (reqs, key, want) => {
    expect(everything().add(...reqs).requiresExactMatch(key)).toBe(want);
  });
});

describe('selectorFromSet', () => {
  it.each([
    [{}, { foo: 'bar', baz: 'blah' }, true],
    [{ foo: 'bar' }, { foo: 'bar', baz: 'blah' }, true],
    [{ baz: 'blah' }, { foo: 'bar', baz: 'blah' }, true],
    [{ foo: 'bar', baz: 'blah' }, { foo: 'bar', baz: 'blah' }, true],
    [{ foo: 'bar', nope: 'x' }, { foo: 'bar', baz: 'blah' }, false],
  ])('%j matches %j → %s', (set, labels, want) => {
    expect(selectorFromSet(set).matches(labels)).toBe(want);
  });

  it('prints sorted (TestSetSelectorString)', () => {
    expect(selectorFromSet({}).toString()).toBe('');
    expect(selectorFromSet({ app: 'foo' }).toString()).toBe('app=foo');
    expect(selectorFromSet({ app: 'foo', a: 'b' }).toString()).toBe('a=b,app=foo');
  });

  it('treats nil and empty sets as everything', () => {
    expect(selectorFromSet(undefined).empty()).toBe(true);
    expect(selectorFromSet({}).empty()).toBe(true);
    expect(selectorFromSet({}).matches({ a: 'b' })).toBe(true);
    expect(everything().empty()).toBe(true);
  });

  it('validates when asked (TestValidatedSelectorFromSet)', () => {
    expect(validatedSelectorFromSet({ key: 'val' }).toString()).toBe('key=val');
    const long = 'axahm2EJ8Phiephe2eixohbee9eGeiyees1thuozi1xoh0GiuH3diewi8iem7Nui';
    expect(() => validatedSelectorFromSet({ Key: long })).toThrow(
      `values[0][Key]: Invalid value: "${long}": must be no more than 63 characters`,
    );
  });
});

describe('selectorFromLabelSelector', () => {
  const matchLabels = { foo: 'bar' };
  const matchExpressions = [{ key: 'baz', operator: 'In', values: ['qux', 'norf'] }];

  it.each([
    [{ matchLabels }, 'foo=bar'],
    [{ matchExpressions }, 'baz in (norf,qux)'],
    [{ matchLabels, matchExpressions }, 'baz in (norf,qux),foo=bar'],
  ] as [LabelSelector, string][])('converts %j', (ls, want) => {
    expect(selectorFromLabelSelector(ls).toString()).toBe(parseSelector(want).toString());
  });

  it('selects nothing for null and everything for {}', () => {
    for (const ls of [null, undefined]) {
      const s = selectorFromLabelSelector(ls);
      expect(s.matches({})).toBe(false);
      expect(s.matches({ a: 'b' })).toBe(false);
      expect(s.empty()).toBe(false);
      expect(s.selectable).toBe(false);
      expect(s.toString()).toBe('');
    }
    expect(nothing().matches({})).toBe(false);
    const all = selectorFromLabelSelector({});
    expect(all.matches({})).toBe(true);
    expect(all.empty()).toBe(true);
    expect(selectorFromLabelSelector({ matchLabels: {}, matchExpressions: [] }).empty()).toBe(true);
  });

  it('matches Exists and DoesNotExist expressions', () => {
    const s = selectorFromLabelSelector({
      matchExpressions: [
        { key: 'tier', operator: 'Exists' },
        { key: 'canary', operator: 'DoesNotExist' },
        { key: 'env', operator: 'NotIn', values: ['dev'] },
      ],
    });
    expect(s.toString()).toBe('!canary,env notin (dev),tier');
    expect(s.matches({ tier: 'web' })).toBe(true);
    expect(s.matches({ tier: 'web', env: 'prod' })).toBe(true);
    expect(s.matches({ tier: 'web', env: 'dev' })).toBe(false);
    expect(s.matches({ tier: 'web', canary: 'true' })).toBe(false);
    expect(s.matches({})).toBe(false);
  });

  it('rejects values on Exists', () => {
    expect(() =>
      selectorFromLabelSelector({ matchExpressions: [{ key: 'baz', operator: 'Exists', values: ['qux', 'norf'] }] }),
    ).toThrow('values: Invalid value: []string{"qux", "norf"}: values set must be empty for exists and does not exist');
  });

  it('reports an empty In list as a nil list', () => {
    expect(() => selectorFromLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] })).toThrow(
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    );
  });

  it('rejects unknown operators', () => {
    expect(() => selectorFromLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Equals' }] })).toThrow(
      new SelectorParseError('"Equals" is not a valid label selector operator'),
    );
  });

  it('formats for describe', () => {
    expect(formatLabelSelector(null)).toBe('<none>');
    expect(formatLabelSelector({})).toBe('<none>');
    expect(formatLabelSelector({ matchLabels: { app: 'web' } })).toBe('app=web');
    expect(formatLabelSelector({ matchLabels: { app: 'web', tier: 'fe' } })).toBe('app=web,tier=fe');
    expect(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Bogus' }] })).toBe('<error>');
  });

  // TestLabelSelectorAsMap
  it('converts to a map where possible', () => {
    expect(labelSelectorAsMap(null)).toBeUndefined();
    expect(labelSelectorAsMap({ matchLabels })).toEqual({ foo: 'bar' });
    expect(
      labelSelectorAsMap({ matchLabels, matchExpressions: [{ key: 'baz', operator: 'In', values: ['norf'] }] }),
    ).toEqual({ foo: 'bar', baz: 'norf' });
    expect(() =>
      labelSelectorAsMap({ matchLabels, matchExpressions: [{ key: 'baz', operator: 'In', values: ['norf', 'qux'] }] }),
    ).toThrow('operator "In" without a single value cannot be converted into the old label selector format');
    expect(() =>
      labelSelectorAsMap({ matchLabels, matchExpressions: [{ key: 'baz', operator: 'NotIn', values: ['norf'] }] }),
    ).toThrow('operator "NotIn" cannot be converted into the old label selector format');
    expect(() => labelSelectorAsMap({ matchExpressions: [{ key: 'baz', operator: 'Exists' }] })).toThrow(
      'operator "Exists" cannot be converted into the old label selector format',
    );
    expect(() => labelSelectorAsMap({ matchExpressions: [{ key: 'baz', operator: 'Foo' }] })).toThrow(
      '"Foo" is not a valid selector operator',
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Properties.

const keyArb = fc.oneof(
  fc.stringMatching(/^[a-z0-9]([a-z0-9._-]{0,8}[a-z0-9])?$/),
  fc
    .tuple(fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,6}[a-z0-9])?(\.[a-z]{2,3})?$/), fc.stringMatching(/^[A-Za-z0-9]{1,6}$/))
    .map(([p, n]) => `${p}/${n}`),
);
const valueArb = fc.oneof(fc.constant(''), fc.stringMatching(/^[A-Za-z0-9]([A-Za-z0-9._-]{0,6}[A-Za-z0-9])?$/));
const intArb = fc.integer({ min: -5, max: 5 }).map(String);
const labelsArb = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'example.com/d'), fc.oneof(valueArb, intArb, fc.constantFrom('x', 'y')), {
  maxKeys: 4,
});

const requirementArb: fc.Arbitrary<Requirement> = fc.oneof(
  fc.record({ key: keyArb, operator: fc.constantFrom<Operator>('=', '==', '!='), values: valueArb.map((v) => [v]) }),
  fc.record({
    key: keyArb,
    operator: fc.constantFrom<Operator>('in', 'notin'),
    values: fc.uniqueArray(valueArb, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ key: keyArb, operator: fc.constantFrom<Operator>('exists', '!'), values: fc.constant([]) }),
  fc.record({
    key: keyArb,
    operator: fc.constantFrom<Operator>('gt', 'lt'),
    values: fc.integer({ min: 0, max: 9 }).map((n) => [String(n)]),
  }),
);
// Requirements over a small key set, so that they actually meet the labels under test.
const smallRequirementArb: fc.Arbitrary<Requirement> = requirementArb.chain((r) =>
  fc.constantFrom('a', 'b', 'c', 'example.com/d').map((key) => ({ ...r, key })),
);

describe('properties', () => {
  it('toString → parse → toString is stable, and the reparsed selector matches alike', () => {
    fc.assert(
      fc.property(fc.array(smallRequirementArb, { maxLength: 4 }), labelsArb, (reqs, labels) => {
        const s = everything().add(...reqs.map((r) => newRequirement(r.key, r.operator, r.values)));
        const text = s.toString();
        const reparsed = parseSelector(text);
        expect(reparsed.toString()).toBe(text);
        expect(reparsed.matches(labels)).toBe(s.matches(labels));
      }),
    );
  });

  it('arbitrary valid requirements print and reparse identically', () => {
    fc.assert(
      fc.property(fc.array(requirementArb, { maxLength: 5 }), (reqs) => {
        const text = everything().add(...reqs).toString();
        expect(parseSelector(text).toString()).toBe(text);
      }),
    );
  });

  it('selectorFromSet(s) matches labels iff s ⊆ labels', () => {
    fc.assert(
      fc.property(labelsArb, labelsArb, (set, labels) => {
        expect(selectorFromSet(set).matches(labels)).toBe(labelsContain(labels, set));
        expect(selectorFromSet(set).matches({ ...labels, ...set })).toBe(true);
      }),
    );
  });

  it('a selector is the conjunction of its requirements', () => {
    fc.assert(
      fc.property(fc.array(smallRequirementArb, { maxLength: 4 }), labelsArb, (reqs, labels) => {
        const s = everything().add(...reqs);
        expect(s.matches(labels)).toBe(reqs.every((r) => requirementMatches(r, labels)));
      }),
    );
  });

  it('in/notin and =/!= are complements', () => {
    fc.assert(
      fc.property(smallRequirementArb, labelsArb, (r, labels) => {
        const flip: Partial<Record<Operator, Operator>> = { in: 'notin', notin: 'in', '=': '!=', '!=': '=', exists: '!', '!': 'exists' };
        const op = flip[r.operator];
        if (!op) return;
        expect(requirementMatches({ ...r, operator: op }, labels)).toBe(!requirementMatches(r, labels));
      }),
    );
  });

  it('never throws anything but SelectorParseError', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '=', '!', '(', ')', ',', ' ', 'in', 'notin', '<', '>', '1', '/', '-', '.') , maxLength: 20 }), (text) => {
        try {
          const s = parseSelector(text);
          // Whatever parses must print to something that parses to the same thing.
          expect(parseSelector(s.toString()).toString()).toBe(s.toString());
        } catch (e) {
          expect(e).toBeInstanceOf(SelectorParseError);
        }
      }),
    );
  });
});
