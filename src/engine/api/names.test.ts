import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareGoStrings,
  fnv32a,
  GENERATE_NAME_ALPHABET,
  generateName,
  goQuote,
  goStringSlice,
  isCIdentifier,
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isEnvVarName,
  isHTTPHeaderName,
  isInRange,
  isQualifiedName,
  isRelaxedEnvVarName,
  isValidGroupID,
  isValidLabelValue,
  isValidPercent,
  isValidPortName,
  isValidPortNum,
  isValidUserID,
  isWildcardDNS1123Subdomain,
  MAX_GENERATED_NAME_LENGTH,
  maskTrailingDash,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  randomSuffix,
  safeEncodeString,
  stableStringify,
  templateHash,
  utf8Length,
} from './names';

// Good/bad values are taken from apimachinery's pkg/util/validation/validation_test.go and
// pkg/api/validation/generic_test.go unless marked otherwise.

const subdomainMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const labelMsg =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const dns1035Msg =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const qualifiedNamePart =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe('DNS names', () => {
  it.each([
    'a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b',
    '0', '01', '012', '1a', '1-a', '1--a--b--2',
    'a'.repeat(63),
  ])('label ok: %j', (v) => {
    expect(isDNS1123Label(v)).toEqual([]);
  });

  it.each([
    '', 'A', 'ABC', 'aBc', 'A1', 'A-1', '1-A',
    '-', 'a-', '-a', '1-', '-1',
    '_', 'a_', '_a', 'a_b', '1_', '_1', '1_2',
    '.', 'a.', '.a', 'a.b', '1.', '.1', '1.2',
    ' ', 'a ', ' a', 'a b', '1 ', ' 1', '1 2',
    'a'.repeat(64),
  ])('label bad: %j', (v) => {
    expect(isDNS1123Label(v).length).toBeGreaterThan(0);
  });

  it.each([
    'a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b',
    '0', '01', '012', '1a', '1-a', '1--a--b--2',
    'a.a', 'ab.a', 'abc.a', 'a1.a', 'a-1.a', 'a--1--2--b.a',
    'a.1', 'ab.1', 'abc.1', 'a1.1', 'a-1.1', 'a--1--2--b.1',
    '0.a', '01.a', '012.a', '1a.a', '1-a.a', '1--a--b--2',
    '0.1', '01.1', '012.1', '1a.1', '1-a.1', '1--a--b--2.1',
    'a.b.c.d.e', 'aa.bb.cc.dd.ee', '1.2.3.4.5', '11.22.33.44.55',
    'a'.repeat(253),
  ])('subdomain ok: %j', (v) => {
    expect(isDNS1123Subdomain(v)).toEqual([]);
  });

  it.each([
    '', 'A', 'ABC', 'aBc', 'A1', 'A-1', '1-A',
    '-', 'a-', '-a', '1-', '-1',
    '_', 'a_', '_a', 'a_b', '1_', '_1', '1_2',
    '.', 'a.', '.a', 'a..b', '1.', '.1', '1..2',
    ' ', 'a ', ' a', 'a b', '1 ', ' 1', '1 2',
    'A.a', 'aB.a', 'ab.A', 'A1.a', 'a1.A',
    'A.1', 'aB.1', 'A1.1', '1A.1',
    '0.A', '01.A', '012.A', '1A.a', '1a.A',
    'A.B.C.D.E', 'AA.BB.CC.DD.EE', 'a.B.c.d.e', 'aa.bB.cc.dd.ee',
    'a@b', 'a,b', 'a_b', 'a;b',
    'a:b', 'a%b', 'a?b', 'a$b',
    'a'.repeat(254),
  ])('subdomain bad: %j', (v) => {
    expect(isDNS1123Subdomain(v).length).toBeGreaterThan(0);
  });

  it.each(['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', 'a'.repeat(63)])('1035 ok: %j', (v) => {
    expect(isDNS1035Label(v)).toEqual([]);
  });

  it.each([
    '0', '01', '012', '1a', '1-a', '1--a--b--2',
    '', 'A', 'ABC', 'aBc', 'A1', 'A-1', '1-A',
    '-', 'a-', '-a', '1-', '-1',
    '_', 'a_', '_a', 'a_b', '1_', '_1', '1_2',
    '.', 'a.', '.a', 'a.b', '1.', '.1', '1.2',
    ' ', 'a ', ' a', 'a b', '1 ', ' 1', '1 2',
    'a'.repeat(64),
  ])('1035 bad: %j', (v) => {
    expect(isDNS1035Label(v).length).toBeGreaterThan(0);
  });

  it('gives the exact upstream messages', () => {
    expect(isDNS1123Subdomain('Web')).toEqual([subdomainMsg]);
    expect(isDNS1123Subdomain('a'.repeat(254))).toEqual(['must be no more than 253 characters']);
    expect(isDNS1123Subdomain('A'.repeat(254))).toEqual(['must be no more than 253 characters', subdomainMsg]);
    expect(isDNS1123Label('my_ns')).toEqual([labelMsg]);
    expect(isDNS1123Label('a.b')).toEqual(['must not contain dots']);
    expect(isDNS1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
    expect(isDNS1035Label('1web')).toEqual([dns1035Msg]);
  });

  it('counts length in UTF-8 bytes', () => {
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('수')).toBe(3);
    expect(utf8Length('😀')).toBe(4);
    expect(isValidLabelValue('é'.repeat(32))[0]).toBe('must be no more than 63 characters');
  });

  it.each(['*.example.com', '*.bar.com', '*.foo.bar.com'])('wildcard ok: %j', (v) => {
    expect(isWildcardDNS1123Subdomain(v)).toEqual([]);
  });

  it.each(['*.*.bar.com', '*.foo.*.com', '*bar.com', 'f*.bar.com', '*'])('wildcard bad: %j', (v) => {
    expect(isWildcardDNS1123Subdomain(v).length).toBeGreaterThan(0);
  });
});

describe('label keys and values', () => {
  it.each([
    'simple',
    'now-with-dashes',
    '1-starts-with-num',
    '1234',
    'simple/simple',
    'now-with-dashes/simple',
    'now-with-dashes/now-with-dashes',
    'now.with.dots/simple',
    'now-with.dashes-and.dots/simple',
    '1-num.2-num/3-num',
    '1234/5678',
    '1.2.3.4/5678',
    'Uppercase_Is_OK_123',
    'example.com/Uppercase_Is_OK_123',
    'requests.storage-foo',
    'a'.repeat(63),
    `${'a'.repeat(253)}/${'b'.repeat(63)}`,
  ])('qualified name ok: %j', (v) => {
    expect(isQualifiedName(v)).toEqual([]);
  });

  it.each([
    'nospecialchars%^=@',
    'cantendwithadash-',
    '-cantstartwithadash-',
    'only/one/slash',
    'Example.com/abc',
    'example_com/abc',
    'example.com/',
    '/simple',
    'a'.repeat(64),
    `${'a'.repeat(254)}/abc`,
  ])('qualified name bad: %j', (v) => {
    expect(isQualifiedName(v).length).toBeGreaterThan(0);
  });

  it('reports each part of a qualified name', () => {
    expect(isQualifiedName('app-')).toEqual([`name part ${qualifiedNamePart}`]);
    expect(isQualifiedName('/x')).toEqual(['prefix part must be non-empty']);
    expect(isQualifiedName('x/')).toEqual(['name part must be non-empty', `name part ${qualifiedNamePart}`]);
    expect(isQualifiedName('Example.com/x')).toEqual([`prefix part ${subdomainMsg}`]);
    expect(isQualifiedName('a'.repeat(64))).toEqual(['name part must be no more than 63 characters']);
    expect(isQualifiedName('a/b/c')).toEqual([
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ]);
  });

  it.each(['simple', 'now-with-dashes', '1-starts-with-num', 'end-with-num-1', '1234', 'a'.repeat(63), ''])(
    'label value ok: %j',
    (v) => {
      expect(isValidLabelValue(v)).toEqual([]);
    },
  );

  it.each([
    'nospecialchars%^=@',
    'Tama-nui-te-rā.is.Māori.sun',
    '\\backslashes\\are\\bad',
    '-starts-with-dash',
    'ends-with-dash-',
    '.starts.with.dot',
    'ends.with.dot.',
    'a'.repeat(64),
  ])('label value bad: %j', (v) => {
    expect(isValidLabelValue(v).length).toBeGreaterThan(0);
  });
});

describe('other formats', () => {
  it.each(['a', 'ab', 'abc', 'a1', '_a', 'a_', 'a_b', 'a_1', 'a__1__2__b', '__abc_123', 'A', 'AB', 'AbC', 'A1', '_A', 'A_', 'A_B', 'A_1', 'A__1__2__B', '__123_ABC'])(
    'C identifier ok: %j',
    (v) => {
      expect(isCIdentifier(v)).toEqual([]);
    },
  );

  it.each(['', '1', '123', '1a', '-', 'a-', '-a', '1-', '-1', '1_', '1_2', '.', 'a.', '.a', 'a.b', '1.', '.1', '1.2', ' ', 'a ', ' a', 'a b', '1 ', ' 1', '1 2', '#a#'])(
    'C identifier bad: %j',
    (v) => {
      expect(isCIdentifier(v).length).toBeGreaterThan(0);
    },
  );

  it.each([1, 2, 1000, 16384, 32768, 65535])('port ok: %d', (v) => {
    expect(isValidPortNum(v)).toEqual([]);
  });

  it.each([0, -1, 65536, 100000])('port bad: %d', (v) => {
    expect(isValidPortNum(v)).toEqual(['must be between 1 and 65535, inclusive']);
  });

  it('checks ranges and IDs', () => {
    expect(isInRange(1, 0, 10)).toEqual([]);
    expect(isInRange(25, 10, 25)).toEqual([]);
    expect(isInRange(5, -4, 2)).toEqual(['must be between -4 and 2, inclusive']);
    for (const id of [0, 1, 1000, 65535, 2147483647]) {
      expect(isValidUserID(id)).toEqual([]);
      expect(isValidGroupID(id)).toEqual([]);
    }
    for (const id of [-1, -1003, 2147483648, 4147483647]) {
      expect(isValidUserID(id)).toEqual(['must be between 0 and 2147483647, inclusive']);
      expect(isValidGroupID(id).length).toBe(1);
    }
  });

  it.each(['telnet', 're-mail-ck', 'pop3', 'a', 'a-1', '1-a', 'a-1-b-2-c', '1-a-2-b-3'])('port name ok: %j', (v) => {
    expect(isValidPortName(v)).toEqual([]);
  });

  it.each(['longerthan15characters', '', 'a'.repeat(16), '12345', '1-2-3-4', '-begin', 'end-', 'two--hyphens', 'whois++'])(
    'port name bad: %j',
    (v) => {
      expect(isValidPortName(v).length).toBeGreaterThan(0);
    },
  );

  it('gives port name messages', () => {
    expect(isValidPortName('-Http--')).toEqual([
      'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'must not contain consecutive hyphens',
      'must not begin or end with a hyphen',
    ]);
    expect(isValidPortName('8080')).toEqual(['must contain at least one letter (a-z)']);
    expect(isValidPortName('a'.repeat(16))).toEqual(['must be no more than 15 characters']);
  });

  it.each(['0%', '00000%', '1%', '01%', '99%', '100%', '101%'])('percent ok: %j', (v) => {
    expect(isValidPercent(v)).toEqual([]);
  });

  it.each(['', '0', '100', '0.0%', '99.9%', 'hundred', ' 1%', '1% ', '-0%', '-1%', '+1%'])('percent bad: %j', (v) => {
    expect(isValidPercent(v)).toEqual([
      "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
    ]);
  });

  it.each(['Accept-Encoding', 'Host', 'X-Forwarded-For', 'a', '-a', 'a--1--2--b', '--123-ABC'])('header ok: %j', (v) => {
    expect(isHTTPHeaderName(v)).toEqual([]);
  });

  it.each(['Host:', 'X-Forwarded-For:', 'X-@Home', '', '_', 'a.b', 'a b', '#a#', '{'])('header bad: %j', (v) => {
    expect(isHTTPHeaderName(v).length).toBe(1);
  });

  it.each(['a', 'good', 'good-good', 'still.good', 'this.is.also.good', '.so.is.this', 'THIS_IS_GOOD', 'so_is_this_17'])(
    'config key ok: %j',
    (v) => {
      expect(isConfigMapKey(v)).toEqual([]);
    },
  );

  it.each(['.', '..', '..bad', 'b*d', 'bad!&bad'])('config key bad: %j', (v) => {
    expect(isConfigMapKey(v).length).toBeGreaterThan(0);
  });

  it('gives config key chdir messages', () => {
    expect(isConfigMapKey('.')).toEqual(["must not be '.'"]);
    expect(isConfigMapKey('..')).toEqual(["must not be '..'"]);
    expect(isConfigMapKey('..bad')).toEqual(["must not start with '..'"]);
  });

  it.each(['-', ':', '_', '+a', '>a', '<a', 'a.', 'a..', '*a', '%a', '?a', 'a:a', 'a_a', 'aAz', '~a', '|a', 'a0a', 'a9', '/a', 'a ', '#a', '0a', '0 a', "'a", '(a', '@a'])(
    'relaxed env var ok: %j',
    (v) => {
      expect(isRelaxedEnvVarName(v)).toEqual([]);
    },
  );

  it.each(['', '=', 'a=', '1=a', 'a=b', '#%=&&', `${String.fromCharCode(1)}abc`, `${String.fromCharCode(130)}abc`, 'Ç ç', 'Ä ä', 'Ñ ñ', 'Ø ø'])(
    'relaxed env var bad: %j',
    (v) => {
      expect(isRelaxedEnvVarName(v).length).toBeGreaterThan(0);
    },
  );

  it('gives env var messages', () => {
    expect(isRelaxedEnvVarName('')).toEqual(['environment variable name must be non-empty']);
    expect(isRelaxedEnvVarName('a=b')).toEqual([
      "a valid environment variable name must consist only of printable ASCII characters other than '='",
    ]);
    expect(isEnvVarName('MY_VAR')).toEqual([]);
    expect(isEnvVarName('1VAR')).toEqual([
      "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
    ]);
    expect(isEnvVarName('..x')).toEqual(["must not start with '..'"]);
  });
});

describe('object names', () => {
  // TestMaskTrailingDash
  it.each([
    ['', ''],
    ['-', '-'],
    ['-foo', '-foo'],
    ['-foo-', '-foa'],
    ['b-', 'a'],
    ['ab', 'ab'],
  ])('masks %j as %j', (before, after) => {
    expect(maskTrailingDash(before)).toBe(after);
  });

  it('allows a trailing dash only for generateName', () => {
    expect(nameIsDNSSubdomain('web-', false)).toEqual([subdomainMsg]);
    expect(nameIsDNSSubdomain('web-', true)).toEqual([]);
    expect(nameIsDNSLabel('web-', true)).toEqual([]);
    expect(nameIsDNS1035Label('web-', true)).toEqual([]);
    expect(nameIsDNSLabel('-', true)).toEqual([labelMsg]);
    expect(nameIsDNS1035Label('1web', true)).toEqual([dns1035Msg]);
    expect(nameIsDNSSubdomain('my-app.example', false)).toEqual([]);
    expect(nameIsDNSLabel('my-app.example', false)).toEqual(['must not contain dots']);
  });
});

describe('generated names', () => {
  function seq(values: number[]): () => number {
    let i = 0;
    return () => values[i++ % values.length];
  }

  it('draws suffixes from the vowel-free alphabet', () => {
    expect(GENERATE_NAME_ALPHABET).toBe('bcdfghjklmnpqrstvwxz2456789');
    // floor(x × 27) indexes the alphabet: 0→b, 26→9, 13→r, 2→d, 8→l.
    expect(randomSuffix(seq([0, 0.999999, 0.5, 0.1, 0.3]))).toBe('b9rdl');
    expect(randomSuffix(seq([0]), 3)).toBe('bbb');
    expect(randomSuffix(seq([1]), 1)).toBe('9');
  });

  it('truncates the base like the name generator', () => {
    expect(generateName('web-', seq([0]))).toBe('web-bbbbb');
    const long = 'x'.repeat(70);
    const name = generateName(long, seq([0]));
    expect(name).toBe(`${'x'.repeat(MAX_GENERATED_NAME_LENGTH)}bbbbb`);
    expect(name.length).toBe(63);
  });

  it('encodes like rand.SafeEncodeString', () => {
    // Digits map through (code point % 27): '0'..'9' → 4 5 6 7 8 9 b c d f.
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
    expect(safeEncodeString('')).toBe('');
    expect(safeEncodeString('abc')).toBe('vwx');
    expect(safeEncodeString('é')).toBe('w\0');
  });

  it('hashes with FNV-1a', () => {
    // Standard FNV-1a 32-bit test vectors.
    expect(fnv32a('')).toBe(0x811c9dc5);
    expect(fnv32a('a')).toBe(0xe40c292c);
    expect(fnv32a('foobar')).toBe(0xbf9cf968);
  });

  it('stringifies with sorted keys', () => {
    expect(stableStringify({ b: 1, a: [2, { d: null, c: 'x' }], u: undefined })).toBe('{"a":[2,{"c":"x","d":null}],"b":1}');
    expect(stableStringify('s')).toBe('"s"');
    expect(stableStringify(undefined)).toBe('null');
  });

  it('computes a pod-template-hash-like label', () => {
    const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } };
    const h = templateHash(template);
    expect(h).toMatch(/^[456789bcdf]{1,10}$/);
    expect(templateHash(template)).toBe(h);
    expect(templateHash(JSON.parse(JSON.stringify(template)))).toBe(h);
    expect(templateHash({ spec: template.spec, metadata: template.metadata })).toBe(h);
    expect(templateHash(template, 0)).not.toBe(h);
    expect(templateHash(template, 1)).not.toBe(templateHash(template, 0));
    expect(templateHash({ ...template, spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } })).not.toBe(h);
    expect(templateHash(template)).toBe(safeEncodeString(String(fnv32a(stableStringify(template)))));
  });
});

describe('Go string helpers', () => {
  it('quotes like strconv.Quote', () => {
    expect(goQuote('abc')).toBe('"abc"');
    expect(goQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goQuote('a\nb\tc')).toBe('"a\\nb\\tc"');
    expect(goQuote('\u0001')).toBe('"\\x01"');
    expect(goQuote('rā')).toBe('"rā"');
    expect(goQuote('\u00a0')).toBe('"\\u00a0"');
    expect(goStringSlice(null)).toBe('[]string(nil)');
    expect(goStringSlice([])).toBe('[]string{}');
    expect(goStringSlice(['a', 'b'])).toBe('[]string{"a", "b"}');
  });

  it('orders strings by code point', () => {
    expect(compareGoStrings('a', 'b')).toBe(-1);
    expect(compareGoStrings('b', 'a')).toBe(1);
    expect(compareGoStrings('a', 'a')).toBe(0);
    expect(compareGoStrings('a', 'ab')).toBe(-1);
    // U+FF61 sorts before U+1F600 in UTF-8, though not in UTF-16.
    expect(compareGoStrings('\uff61', '😀')).toBe(-1);
  });
});

describe('properties', () => {
  it('valid DNS labels are valid subdomains, and 1035 labels are 1123 labels', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9-]{0,70}$/), (s) => {
        if (isDNS1123Label(s).length === 0) expect(isDNS1123Subdomain(s)).toEqual([]);
        if (isDNS1035Label(s).length === 0) expect(isDNS1123Label(s)).toEqual([]);
      }),
    );
  });

  it('a generated name from a valid generateName is a valid name', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]([-a-z0-9]{0,70})$/), fc.array(fc.double({ min: 0, max: 1, maxExcluded: true }), { minLength: 1 }), (base, draws) => {
        let i = 0;
        const next = () => draws[i++ % draws.length];
        if (nameIsDNSLabel(base.slice(0, MAX_GENERATED_NAME_LENGTH), true).length === 0) {
          expect(nameIsDNSLabel(generateName(base, next), false)).toEqual([]);
        }
      }),
    );
  });

  it('suffixes only use the alphabet', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 1 }), (draws) => {
        let i = 0;
        const s = randomSuffix(() => draws[i++ % draws.length]);
        expect(s).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      }),
    );
  });

  it('compareGoStrings agrees with UTF-8 byte order', () => {
    const enc = new TextEncoder();
    const bytesCmp = (a: string, b: string) => {
      const x = enc.encode(a);
      const y = enc.encode(b);
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
      return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
    };
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        expect(compareGoStrings(a, b)).toBe(bytesCmp(a, b));
      }),
    );
  });
});
