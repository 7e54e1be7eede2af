/**
 * Schema `pattern`s are Go (RE2) regular expressions. This compiles one to a JavaScript RegExp
 * with Go's meaning, and refuses what Go refuses (look-arounds, back-references) with Go's
 * `regexp.Compile` error text, which the API server puts in its messages.
 */

export type Compiled = { re: RegExp } | { error: string };

const cache = new Map<string, Compiled>();

const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-/:-@[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

export function compileGoRegexp(pattern: string): Compiled {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const out = compile(pattern);
  cache.set(pattern, out);
  return out;
}

function goError(code: string, expr: string): Compiled {
  return { error: `error parsing regexp: ${code}: \`${expr}\`` };
}

function compile(pattern: string): Compiled {
  let src = pattern;
  let flags = '';
  // Go allows leading flag groups such as (?i) and (?s); JavaScript takes them as flags.
  for (let m = /^\(\?([imsU]+)\)/.exec(src); m; m = /^\(\?([imsU]+)\)/.exec(src)) {
    for (const f of m[1]) if (f !== 'U' && !flags.includes(f)) flags += f;
    src = src.slice(m[0].length);
  }
  const perl = /\(\?(<[=!]|[=!])/.exec(src);
  if (perl) return goError('invalid or unsupported Perl syntax', perl[0].slice(0, 3));
  const backref = /(^|[^\\])(\\\\)*\\([1-9])/.exec(src);
  if (backref) return goError('invalid escape sequence', `\\${backref[3]}`);
  const translated = src
    .replace(/\(\?P</g, '(?<')
    .replace(/\\z/g, '$(?![\\s\\S])')
    .replace(/\\A/g, '^')
    .replace(/\[:(\^?)([a-z]+):\]/g, (all, neg: string, name: string) => {
      const cls = POSIX_CLASSES[name];
      if (!cls) return all;
      return neg ? `^${cls}` : cls;
    });
  try {
    return { re: new RegExp(translated, flags) };
  } catch (e) {
    return jsErrorToGo(src, (e as Error).message);
  }
}

/** The common ways a pattern fails, in Go's words. */
function jsErrorToGo(src: string, message: string): Compiled {
  if (/Unterminated group/i.test(message)) return goError('missing closing )', src);
  if (/Unmatched '\)'/i.test(message)) return goError('unexpected )', src);
  if (/Unterminated character class|missing \/|Unterminated/i.test(message)) {
    const at = src.lastIndexOf('[');
    return goError('missing closing ]', at >= 0 ? src.slice(at) : src);
  }
  if (/Nothing to repeat/i.test(message)) {
    const op = /(^|[(|])([*+?]|\{\d+(,\d*)?\})/.exec(src)?.[2] ?? '*';
    return goError('missing argument to repetition operator', op);
  }
  if (/numbers out of order/i.test(message)) return goError('invalid repeat count', src);
  if (/Invalid escape|\\ at end of pattern/i.test(message)) return goError('invalid escape sequence', src.slice(src.lastIndexOf('\\')));
  return goError('invalid regular expression', src);
}
