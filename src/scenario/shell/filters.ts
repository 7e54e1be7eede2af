import type { Outcome } from '../expect';
import { AwkError, runAwk } from './awk';

/** A text command of the learner's shell: arguments (without the name) and stdin in, output out. */
export type Filter = (args: string[], stdin: string) => Outcome;

const ok = (stdout: string): Outcome => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string, exitCode = 1): Outcome => ({
  stdout: '',
  stderr: stderr.endsWith('\n') ? stderr : `${stderr}\n`,
  exitCode,
});

function linesOf(text: string): string[] {
  if (!text) return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const joinLines = (lines: string[]) => lines.map((l) => `${l}\n`).join('');

/**
 * Short options as GNU tools read them: `-iv` is `-i -v`, `-n5` and `-n 5` give n a value,
 * `--` ends them. `withValue` lists the letters that take one.
 */
function options(args: string[], withValue: string, name: string): { flags: Map<string, string>; rest: string[]; error?: string } {
  const flags = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      rest.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const key = eq < 0 ? a.slice(2) : a.slice(2, eq);
      flags.set(key, eq < 0 ? '' : a.slice(eq + 1));
      continue;
    }
    if (!a.startsWith('-') || a === '-' || /^-\d+$/.test(a)) {
      if (/^-\d+$/.test(a) && (name === 'head' || name === 'tail')) flags.set('n', a.slice(1));
      else rest.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (withValue.includes(c)) {
        const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (value === undefined)
          return {
            flags,
            rest,
            error: `${name}: option requires an argument -- '${c}'`,
          };
        flags.set(c, value);
        break;
      }
      flags.set(c, '');
    }
  }
  return { flags, rest };
}

/** A basic regular expression (grep without -E) as a JavaScript one: `\|`, `\+`, `\(` are the operators there. */
function basicToExtended(re: string): string {
  let out = '';
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\' && i + 1 < re.length) {
      const n = re[++i];
      out += '|+?(){}'.includes(n) ? n : `\\${n}`;
    } else if ('|+?(){}'.includes(c)) out += `\\${c}`;
    else out += c;
  }
  return out;
}

const grep: Filter = (args, stdin) => {
  const { flags, rest, error } = options(args, 'efA', 'grep');
  if (error) return fail(error, 2);
  const patterns = flags.has('e') ? [flags.get('e') ?? ''] : rest.splice(0, 1);
  if (!patterns.length) return fail("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.", 2);
  if (rest.length) return fail(`grep: ${rest[0]}: No such file or directory`, 2);
  const extended = flags.has('E');
  const fixed = flags.has('F');
  let source = patterns[0]
    .split('\n')
    .map((p) => (fixed ? p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : extended ? p : basicToExtended(p)))
    .join('|');
  if (flags.has('w')) source = `(?<![A-Za-z0-9_])(?:${source})(?![A-Za-z0-9_])`;
  if (flags.has('x')) source = `^(?:${source})$`;
  let re: RegExp;
  try {
    re = new RegExp(source, flags.has('i') || flags.has('ignore-case') ? 'i' : '');
  } catch {
    return fail('grep: Unmatched ( or \\(', 2);
  }
  const invert = flags.has('v');
  const matched = linesOf(stdin).filter((l) => re.test(l) !== invert);
  if (flags.has('c'))
    return {
      stdout: `${matched.length}\n`,
      stderr: '',
      exitCode: matched.length ? 0 : 1,
    };
  if (flags.has('q')) return { stdout: '', stderr: '', exitCode: matched.length ? 0 : 1 };
  return {
    stdout: joinLines(matched),
    stderr: '',
    exitCode: matched.length ? 0 : 1,
  };
};

function count(name: 'head' | 'tail', args: string[], stdin: string): Outcome {
  const { flags, rest, error } = options(args, 'nc', name);
  if (error) return fail(error);
  if (rest.length) return fail(`${name}: cannot open '${rest[0]}' for reading: No such file or directory`);
  const spec = flags.get('n') ?? '10';
  const fromStart = spec.startsWith('+');
  const n = Number(spec.replace(/^[+]/, ''));
  if (!Number.isInteger(n)) return fail(`${name}: invalid number of lines: ‘${spec}’`);
  const lines = linesOf(stdin);
  if (name === 'head') return ok(joinLines(n < 0 ? lines.slice(0, Math.max(0, lines.length + n)) : lines.slice(0, n)));
  return ok(joinLines(fromStart ? lines.slice(Math.max(0, n - 1)) : n === 0 ? [] : lines.slice(-Math.abs(n))));
}

const wc: Filter = (args, stdin) => {
  const { flags, rest } = options(args, '', 'wc');
  if (rest.length) return fail(`wc: ${rest[0]}: No such file or directory`);
  const counts: number[] = [];
  const all = !flags.has('l') && !flags.has('w') && !flags.has('c') && !flags.has('m');
  if (all || flags.has('l')) counts.push((stdin.match(/\n/g) ?? []).length);
  if (all || flags.has('w')) counts.push(stdin.split(/\s+/).filter(Boolean).length);
  if (all || flags.has('c') || flags.has('m')) counts.push(new TextEncoder().encode(stdin).length);
  // GNU wc pads to a common width of 7 when it prints more than one count of stdin.
  return ok(`${counts.length === 1 ? String(counts[0]) : counts.map((c) => String(c).padStart(7)).join(' ')}\n`);
};

const sort: Filter = (args, stdin) => {
  const { flags, rest, error } = options(args, 'kt', 'sort');
  if (error) return fail(error, 2);
  if (rest.length) return fail(`sort: cannot read: ${rest[0]}: No such file or directory`, 2);
  const sep = flags.get('t');
  const keySpec = flags.get('k');
  const keyField = keySpec ? Number.parseInt(keySpec, 10) : 0;
  const numeric = flags.has('n') || /n/.test(keySpec ?? '');
  const key = (line: string): string => {
    if (!keyField) return line;
    const fields = sep !== undefined ? line.split(sep) : line.trim().split(/\s+/);
    return fields.slice(keyField - 1, keySpec?.includes(',') ? Number.parseInt(keySpec.split(',')[1], 10) : undefined).join(sep ?? ' ');
  };
  const cmp = (a: string, b: string): number => {
    const ka = key(a);
    const kb = key(b);
    if (numeric) {
      const d = (Number.parseFloat(ka) || 0) - (Number.parseFloat(kb) || 0);
      if (d) return d;
    } else if (ka !== kb) return ka < kb ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
  };
  let lines = linesOf(stdin).sort(cmp);
  if (flags.has('r')) lines.reverse();
  if (flags.has('u')) lines = lines.filter((l, i) => i === 0 || cmp(lines[i - 1], l) !== 0);
  return ok(joinLines(lines));
};

const uniq: Filter = (args, stdin) => {
  const { flags } = options(args, '', 'uniq');
  const groups: { line: string; n: number }[] = [];
  for (const line of linesOf(stdin)) {
    const last = groups[groups.length - 1];
    if (last && last.line === line) last.n++;
    else groups.push({ line, n: 1 });
  }
  const kept = groups.filter((g) => (flags.has('d') ? g.n > 1 : flags.has('u') ? g.n === 1 : true));
  return ok(joinLines(kept.map((g) => (flags.has('c') ? `${String(g.n).padStart(7)} ${g.line}` : g.line))));
};

/** `1,3`, `2-`, `-2`, `1-3` as a test on a 1-based index. */
function ranges(list: string): ((n: number) => boolean) | undefined {
  const parts = list.split(',').map((p) => {
    const m = /^(\d*)(-?)(\d*)$/.exec(p);
    if (!m || (!m[1] && !m[3])) return undefined;
    const from = m[1] ? Number(m[1]) : 1;
    const to = m[2] ? (m[3] ? Number(m[3]) : Infinity) : from;
    return (n: number) => n >= from && n <= to;
  });
  if (parts.some((p) => !p)) return undefined;
  return (n) => parts.some((p) => p?.(n));
}

const cut: Filter = (args, stdin) => {
  const { flags, error } = options(args, 'dfc', 'cut');
  if (error) return fail(error);
  const list = flags.get('f') ?? flags.get('c');
  if (list === undefined) return fail("cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.");
  const pick = ranges(list);
  if (!pick) return fail(`cut: invalid field value ‘${list}’`);
  const delim = flags.get('d') ?? '\t';
  if (delim.length !== 1) return fail('cut: the delimiter must be a single character');
  const out = linesOf(stdin).map((line) => {
    if (!flags.has('f')) return [...line].filter((_, i) => pick(i + 1)).join('');
    if (!line.includes(delim)) return line;
    return line
      .split(delim)
      .filter((_, i) => pick(i + 1))
      .join(delim);
  });
  return ok(joinLines(out));
};

const awk: Filter = (args, stdin) => {
  let sep: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-F') sep = args[++i];
    else if (args[i].startsWith('-F')) sep = args[i].slice(2);
    else rest.push(args[i]);
  }
  if (!rest.length) return fail('usage: awk [-F fs][-v var=value][prog | -f progfile][file ...]', 2);
  if (rest.length > 1) return fail(`awk: can't open file ${rest[1]}`, 2);
  try {
    return ok(runAwk(rest[0], stdin, sep === '\\t' ? '\t' : sep));
  } catch (e) {
    if (e instanceof AwkError) return fail(`awk: ${e.message}`, 2);
    throw e;
  }
};

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < bytes.length ? B64[n & 63] : '=');
  }
  return out;
}

function fromBase64(text: string): Uint8Array | undefined {
  const clean = text.replace(/[\s]/g, '');
  if (/[^A-Za-z0-9+/=]/.test(clean) || /=[^=]/.test(clean)) return undefined;
  const bytes: number[] = [];
  let bits = 0;
  let acc = 0;
  for (const c of clean.replace(/=+$/, '')) {
    acc = (acc << 6) | B64.indexOf(c);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((acc >> bits) & 255);
    }
  }
  return new Uint8Array(bytes);
}

const base64: Filter = (args, stdin) => {
  const { flags, rest, error } = options(args, 'w', 'base64');
  if (error) return fail(error);
  if (rest.length) return fail(`base64: ${rest[0]}: No such file or directory`);
  if (flags.has('d') || flags.has('decode')) {
    const bytes = fromBase64(stdin);
    if (!bytes) return fail('base64: invalid input');
    return ok(new TextDecoder().decode(bytes));
  }
  const encoded = toBase64(new TextEncoder().encode(stdin));
  const width = Number(flags.get('w') ?? flags.get('wrap') ?? 76);
  const lines = width > 0 ? (encoded.match(new RegExp(`.{1,${width}}`, 'g')) ?? []) : [encoded];
  return ok(encoded ? joinLines(lines) : '');
};

/** A tr set: ranges (`a-z`), escapes (`\n`), and the classes people use. */
function trSet(spec: string): string[] {
  const s = spec
    .replace(/\[:upper:\]/g, 'A-Z')
    .replace(/\[:lower:\]/g, 'a-z')
    .replace(/\[:digit:\]/g, '0-9')
    .replace(/\[:space:\]/g, ' \t\n\r\f\v')
    .replace(/\[:alpha:\]/g, 'A-Za-z')
    .replace(/\[:alnum:\]/g, 'A-Za-z0-9');
  const chars: string[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      const n = s[++i];
      c = n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n;
    }
    if (s[i + 1] === '-' && i + 2 < s.length) {
      const end = s[i + 2];
      for (let k = c.charCodeAt(0); k <= end.charCodeAt(0); k++) chars.push(String.fromCharCode(k));
      i += 2;
    } else chars.push(c);
  }
  return chars;
}

const tr: Filter = (args, stdin) => {
  const { flags, rest } = options(args, '', 'tr');
  const del = flags.has('d');
  const squeeze = flags.has('s');
  if (!rest.length || (!del && !squeeze && rest.length < 2)) return fail(`tr: missing operand\nTry 'tr --help' for more information.`);
  const from = trSet(rest[0]);
  const to = rest[1] !== undefined ? trSet(rest[1]) : [];
  let out = '';
  for (const c of stdin) {
    const i = from.indexOf(c);
    if (del && i >= 0) continue;
    const mapped = !del && i >= 0 && to.length ? to[Math.min(i, to.length - 1)] : c;
    const squeezeSet = to.length && !del ? to : from;
    if (squeeze && out.endsWith(mapped) && squeezeSet.includes(mapped)) continue;
    out += mapped;
  }
  return ok(out);
};

/** `echo [-n] [-e] words…` as bash's builtin. */
export const echo: Filter = (args) => {
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length && /^-[neE]+$/.test(args[i]); i++) {
    if (args[i].includes('n')) newline = false;
    if (args[i].includes('e')) escapes = true;
  }
  let text = args.slice(i).join(' ');
  if (escapes) text = text.replace(/\\([ntr\\])/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : '\\'));
  return ok(newline ? `${text}\n` : text);
};

/** `printf FORMAT [ARGS…]` as bash's builtin: %s %d %i %% and backslash escapes; the format repeats for extra arguments. */
export const printf: Filter = (args) => {
  if (!args.length) return fail('printf: usage: printf [-v var] format [arguments]', 2);
  const [format, ...rest] = args;
  const escapes = (s: string) => s.replace(/\\([ntr\\])/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : '\\'));
  let out = '';
  let k = 0;
  do {
    let used = 0;
    out += escapes(format).replace(/%([-0-9]*)([sdi%])/g, (_, width: string, conv: string) => {
      if (conv === '%') return '%';
      used++;
      const v = rest[k++] ?? '';
      const text = conv === 's' ? v : String(Number.parseInt(v, 10) || 0);
      const n = Number.parseInt(width, 10);
      if (!n) return text;
      return n < 0 ? text.padEnd(-n) : text.padStart(n);
    });
    if (!used) break;
  } while (k < rest.length);
  return ok(out);
};

/** The text commands a learner's shell has, by name. */
export const FILTERS: Record<string, Filter> = {
  grep,
  egrep: (args, stdin) => grep(['-E', ...args], stdin),
  head: (args, stdin) => count('head', args, stdin),
  tail: (args, stdin) => count('tail', args, stdin),
  wc,
  sort,
  uniq,
  cut,
  awk,
  base64,
  tr,
  echo,
  printf,
  true: () => ok(''),
  false: () => ({ stdout: '', stderr: '', exitCode: 1 }),
};
