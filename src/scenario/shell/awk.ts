/**
 * The little awk people pipe kubectl into: `awk '{print $1}'`, `awk 'NR>1 {print $1, $3}'`,
 * `awk '$3 == "Running" {print $1}'`, `awk '/web/ {print $NF}'`, `-F:`. One pattern-action
 * rule (or several separated by `;`-free blocks), `print` of fields, NF, NR and strings.
 */

interface Rule {
  pattern?: (ctx: Line) => boolean;
  /** Expressions print joins with OFS (a comma) or concatenates (juxtaposition). */
  print?: Expr[][];
}

interface Line {
  fields: string[];
  record: string;
  nr: number;
}

type Expr = (l: Line) => string;

export class AwkError extends Error {}

function field(l: Line, n: number): string {
  if (n === 0) return l.record;
  return l.fields[n - 1] ?? '';
}

/** One term: `$1`, `$NF`, `$(NF-1)`, `NF`, `NR`, `"text"`, a number. */
function term(src: string, pos: { i: number }): Expr {
  const s = src.slice(pos.i);
  let m = /^\$\(NF-(\d+)\)/.exec(s);
  if (m) {
    pos.i += m[0].length;
    const k = Number(m[1]);
    return (l) => field(l, l.fields.length - k);
  }
  m = /^\$NF/.exec(s);
  if (m) {
    pos.i += m[0].length;
    return (l) => field(l, l.fields.length);
  }
  m = /^\$(\d+)/.exec(s);
  if (m) {
    pos.i += m[0].length;
    const n = Number(m[1]);
    return (l) => field(l, n);
  }
  m = /^NF\b/.exec(s);
  if (m) {
    pos.i += 2;
    return (l) => String(l.fields.length);
  }
  m = /^NR\b/.exec(s);
  if (m) {
    pos.i += 2;
    return (l) => String(l.nr);
  }
  m = /^"((?:[^"\\]|\\.)*)"/.exec(s);
  if (m) {
    pos.i += m[0].length;
    const text = m[1].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
    return () => text;
  }
  m = /^-?\d+(\.\d+)?/.exec(s);
  if (m) {
    pos.i += m[0].length;
    const text = m[0];
    return () => text;
  }
  throw new AwkError(`syntax error at source line 1 near ${JSON.stringify(s.slice(0, 10))}`);
}

function skip(src: string, pos: { i: number }): void {
  while (pos.i < src.length && /\s/.test(src[pos.i])) pos.i++;
}

function asNumber(s: string): number | undefined {
  return /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(s) ? Number(s) : undefined;
}

/** awk compares as numbers when both sides look numeric, else as strings. */
function compare(a: string, op: string, b: string): boolean {
  const x = asNumber(a);
  const y = asNumber(b);
  const [l, r]: [number | string, number | string] = x !== undefined && y !== undefined ? [x, y] : [a, b];
  switch (op) {
    case '==':
      return l === r;
    case '!=':
      return l !== r;
    case '<':
      return l < r;
    case '<=':
      return l <= r;
    case '>':
      return l > r;
    default:
      return l >= r;
  }
}

function pattern(src: string): (l: Line) => boolean {
  const p = src.trim();
  const regex = /^\/((?:[^/\\]|\\.)*)\/$/.exec(p);
  if (regex) {
    const re = new RegExp(regex[1]);
    return (l) => re.test(l.record);
  }
  const pos = { i: 0 };
  const left = term(p, pos);
  skip(p, pos);
  const rest = p.slice(pos.i);
  const match = /^(!?~)\s*\/((?:[^/\\]|\\.)*)\/$/.exec(rest);
  if (match) {
    const re = new RegExp(match[2]);
    const negate = match[1] === '!~';
    return (l) => re.test(left(l)) !== negate;
  }
  const op = /^(==|!=|<=|>=|<|>)/.exec(rest);
  if (!op) {
    if (rest) throw new AwkError(`syntax error at source line 1 near ${JSON.stringify(rest.slice(0, 10))}`);
    return (l) => {
      const v = left(l);
      return v !== '' && v !== '0';
    };
  }
  pos.i += op[0].length;
  skip(p, pos);
  const right = term(p, pos);
  skip(p, pos);
  if (pos.i < p.length) throw new AwkError(`syntax error at source line 1 near ${JSON.stringify(p.slice(pos.i, pos.i + 10))}`);
  return (l) => compare(left(l), op[1], right(l));
}

function printList(src: string): Expr[][] {
  const body = src.trim();
  if (!body) return [[(l) => l.record]];
  const groups: Expr[][] = [[]];
  const pos = { i: 0 };
  while (pos.i < body.length) {
    skip(body, pos);
    if (body[pos.i] === ',') {
      groups.push([]);
      pos.i++;
      continue;
    }
    if (pos.i >= body.length) break;
    groups[groups.length - 1].push(term(body, pos));
  }
  return groups;
}

/** Compile a program: rules `pattern { print … }`, `pattern` alone, or `{ print … }`. */
export function compileAwk(program: string): Rule[] {
  const rules: Rule[] = [];
  let rest = program.trim();
  while (rest) {
    const open = rest.indexOf('{');
    if (open < 0) {
      rules.push({ pattern: pattern(rest) });
      break;
    }
    const close = rest.indexOf('}', open);
    if (close < 0) throw new AwkError('syntax error at source line 1: missing }');
    const pat = rest.slice(0, open).trim();
    const action = rest
      .slice(open + 1, close)
      .trim()
      .replace(/;\s*$/, '');
    if (action && !/^print\b/.test(action)) throw new AwkError(`syntax error at source line 1 near ${JSON.stringify(action.slice(0, 10))}`);
    rules.push({
      pattern: pat ? pattern(pat) : undefined,
      print: printList(action.replace(/^print\b/, '')),
    });
    rest = rest.slice(close + 1).trim();
  }
  return rules;
}

/** Run `awk [-F sep] program` over input text. */
export function runAwk(program: string, input: string, separator?: string): string {
  const rules = compileAwk(program);
  const lines = input.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let out = '';
  const split = (s: string) =>
    separator === undefined || separator === ' '
      ? s
          .trim()
          .split(/[ \t]+/)
          .filter(Boolean)
      : s.split(separator.length === 1 ? separator : new RegExp(separator));
  lines.forEach((record, n) => {
    const l: Line = { record, fields: split(record), nr: n + 1 };
    for (const r of rules) {
      if (r.pattern && !r.pattern(l)) continue;
      out += `${(r.print ?? [[(x: Line) => x.record]]).map((g) => g.map((e) => e(l)).join('')).join(' ')}\n`;
    }
  });
  return out;
}
