import { CmdError } from '../errors';
import { goSprint } from '../printers/gofmt';

/**
 * `-o go-template=…`: the part of Go's text/template people use with kubectl — fields
 * (`.metadata.name`, `$`, `$var`), `range`/`if`/`with`/`else`/`end`, variables, string and
 * number literals, pipelines, and the functions index, len, printf, print, println, eq, ne,
 * lt, le, gt, ge, and, or, not, plus kubectl's base64decode. Missing keys print `<no value>`
 * as kubectl's default missingkey option does.
 */
class TemplateError extends Error {}

type Token = { kind: 'text'; text: string } | { kind: 'action'; text: string; pos: number };

function lex(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    if (open < 0) {
      out.push({ kind: 'text', text: src.slice(i) });
      break;
    }
    let text = src.slice(i, open);
    let start = open + 2;
    if (src[start] === '-' && /\s/.test(src[start + 1] ?? '')) {
      text = text.replace(/\s+$/, '');
      start += 2;
    }
    if (text) out.push({ kind: 'text', text });
    const close = findClose(src, start);
    if (close < 0) throw new TemplateError(`template: output:1: unclosed action`);
    let body = src.slice(start, close);
    let next = close + 2;
    if (/\s-$/.test(body)) {
      body = body.slice(0, -2);
      while (next < src.length && /\s/.test(src[next])) next++;
    }
    out.push({ kind: 'action', text: body.trim(), pos: open });
    i = next;
  }
  return out;
}

function findClose(src: string, from: number): number {
  let quote = '';
  for (let i = from; i < src.length - 1; i++) {
    const c = src[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === '`' || c === "'") quote = c;
    else if (c === '}' && src[i + 1] === '}') return i;
  }
  return -1;
}

type Node =
  | { type: 'text'; text: string }
  | { type: 'action'; pipe: string }
  | { type: 'if' | 'with' | 'range'; pipe: string; body: Node[]; alt: Node[] };

function parse(tokens: Token[]): Node[] {
  let i = 0;
  const block = (): { nodes: Node[]; end: 'end' | 'else' | 'eof'; elsePipe?: string } => {
    const nodes: Node[] = [];
    while (i < tokens.length) {
      const t = tokens[i++];
      if (t.kind === 'text') {
        nodes.push({ type: 'text', text: t.text });
        continue;
      }
      const word = t.text.split(/\s+/)[0];
      if (t.text.startsWith('/*')) continue;
      if (word === 'end') return { nodes, end: 'end' };
      if (word === 'else') return { nodes, end: 'else', elsePipe: t.text.slice(4).trim() };
      if (word === 'if' || word === 'with' || word === 'range') {
        nodes.push(control(word, t.text.slice(word.length).trim()));
        continue;
      }
      nodes.push({ type: 'action', pipe: t.text });
    }
    return { nodes, end: 'eof' };
  };
  /** A control block up to its `{{end}}`; `{{else if …}}` nests another if in the else branch. */
  const control = (word: 'if' | 'with' | 'range', pipe: string): Node => {
    const body = block();
    let alt: Node[] = [];
    if (body.end === 'else') {
      if (body.elsePipe?.startsWith('if ')) alt = [control('if', body.elsePipe.slice(3).trim())];
      else {
        const rest = block();
        if (rest.end !== 'end') throw new TemplateError('template: output:1: unexpected EOF');
        alt = rest.nodes;
      }
    } else if (body.end !== 'end') throw new TemplateError('template: output:1: unexpected EOF');
    return { type: word, pipe, body: body.nodes, alt };
  };
  const result = block();
  if (result.end !== 'eof') throw new TemplateError(`template: output:1: unexpected {{${result.end}}}`);
  return result.nodes;
}

const NO_VALUE = Symbol('no value');

interface Scope {
  dot: unknown;
  vars: Map<string, unknown>;
}

function truthy(v: unknown): boolean {
  if (v === NO_VALUE || v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

function text(v: unknown): string {
  if (v === NO_VALUE || v === undefined) return '<no value>';
  return goSprint(v);
}

function splitWords(pipe: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < pipe.length) {
    const c = pipe[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === '`') {
      let j = i + 1;
      while (j < pipe.length && pipe[j] !== c) j += pipe[j] === '\\' && c === '"' ? 2 : 1;
      words.push(pipe.slice(i, j + 1));
      i = j + 1;
      continue;
    }
    if (c === '(' || c === ')' || c === '|') {
      words.push(c);
      i++;
      continue;
    }
    let j = i;
    while (j < pipe.length && !/[\s()|]/.test(pipe[j])) j++;
    words.push(pipe.slice(i, j));
    i = j;
  }
  return words;
}

function fieldChain(base: unknown, path: string): unknown {
  let cur = base;
  for (const key of path.split('.').filter(Boolean)) {
    if (cur === NO_VALUE || cur === null || typeof cur !== 'object' || Array.isArray(cur)) return NO_VALUE;
    const obj = cur as Record<string, unknown>;
    cur = key in obj ? obj[key] : NO_VALUE;
  }
  return cur;
}

const FUNCS: Record<string, (...args: unknown[]) => unknown> = {
  index: (v, ...keys) => keys.reduce((cur, k) => (cur && typeof cur === 'object' ? ((cur as Record<string, unknown>)[String(k)] ?? NO_VALUE) : NO_VALUE), v),
  len: (v) => (typeof v === 'string' || Array.isArray(v) ? v.length : v && typeof v === 'object' ? Object.keys(v).length : 0),
  print: (...a) => a.map(text).join(''),
  println: (...a) => `${a.map(text).join(' ')}\n`,
  printf: (f, ...a) => sprintf(String(f), a),
  eq: (a, ...b) => b.some((x) => x === a),
  ne: (a, b) => a !== b,
  lt: (a, b) => (a as number) < (b as number),
  le: (a, b) => (a as number) <= (b as number),
  gt: (a, b) => (a as number) > (b as number),
  ge: (a, b) => (a as number) >= (b as number),
  and: (...a) => a.find((x) => !truthy(x)) ?? a[a.length - 1],
  or: (...a) => a.find((x) => truthy(x)) ?? a[a.length - 1],
  not: (a) => !truthy(a),
  base64decode: (s) => {
    const bin = atob(String(s));
    return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  },
};

function sprintf(format: string, args: unknown[]): string {
  let n = 0;
  return format.replace(/%([-+ #0]*\d*(?:\.\d+)?)([vsdqf%])/g, (_, flags: string, verb: string) => {
    if (verb === '%') return '%';
    const a = args[n++];
    const width = Number(/\d+/.exec(flags)?.[0] ?? 0);
    let s = verb === 'q' ? JSON.stringify(text(a)) : verb === 'f' ? Number(a).toFixed(6) : text(a);
    if (s.length < width) s = flags.includes('-') ? s.padEnd(width) : s.padStart(width);
    return s;
  });
}

function evalPipe(pipe: string, scope: Scope): { value: unknown; declared?: string } {
  let declared: string | undefined;
  let body = pipe;
  const decl = /^(\$\w*)\s*:?=\s*(.*)$/s.exec(pipe);
  if (decl) {
    declared = decl[1];
    body = decl[2];
  }
  const words = splitWords(body);
  let pos = 0;
  const operand = (): unknown => {
    const w = words[pos++];
    if (w === '(') {
      const v = command();
      pos++;
      return v;
    }
    if (w.startsWith('"')) return JSON.parse(w);
    if (w.startsWith('`')) return w.slice(1, -1);
    if (/^-?\d+(\.\d+)?$/.test(w)) return Number(w);
    if (w === 'true' || w === 'false') return w === 'true';
    if (w === 'nil') return null;
    if (w === '.') return scope.dot;
    if (w.startsWith('.')) return fieldChain(scope.dot, w);
    if (w.startsWith('$')) {
      const dot = w.indexOf('.');
      const name = dot < 0 ? w : w.slice(0, dot);
      if (!scope.vars.has(name)) throw new TemplateError(`template: output:1: undefined variable "${name}"`);
      const v = scope.vars.get(name);
      return dot < 0 ? v : fieldChain(v, w.slice(dot));
    }
    throw new TemplateError(`template: output:1: function "${w}" not defined`);
  };
  const command = (piped?: unknown, hasPiped = false): unknown => {
    const w = words[pos];
    if (w && FUNCS[w]) {
      pos++;
      const args: unknown[] = [];
      while (pos < words.length && words[pos] !== '|' && words[pos] !== ')') args.push(operand());
      if (hasPiped) args.push(piped);
      return FUNCS[w](...args);
    }
    const v = operand();
    return v;
  };
  let value = command();
  while (words[pos] === '|') {
    pos++;
    value = command(value, true);
  }
  return { value, declared };
}

function run(nodes: Node[], scope: Scope): string {
  let out = '';
  for (const n of nodes) {
    if (n.type === 'text') out += n.text;
    else if (n.type === 'action') {
      const { value, declared } = evalPipe(n.pipe, scope);
      if (declared) scope.vars.set(declared, value);
      else out += text(value);
    } else if (n.type === 'if') {
      out += run(truthy(evalPipe(n.pipe, scope).value) ? n.body : n.alt, scope);
    } else if (n.type === 'with') {
      const v = evalPipe(n.pipe, scope).value;
      out += truthy(v) ? run(n.body, { dot: v, vars: scope.vars }) : run(n.alt, scope);
    } else {
      const m = /^(\$\w+)(?:\s*,\s*(\$\w+))?\s*:=\s*(.*)$/s.exec(n.pipe);
      const v = evalPipe(m ? m[3] : n.pipe, scope).value;
      const entries: [unknown, unknown][] = Array.isArray(v)
        ? v.map((x, i) => [i, x])
        : v && typeof v === 'object'
          ? Object.keys(v)
              .sort()
              .map((k) => [k, (v as Record<string, unknown>)[k]])
          : [];
      if (!entries.length) out += run(n.alt, scope);
      for (const [k, x] of entries) {
        const vars = new Map(scope.vars);
        if (m) {
          if (m[2]) {
            vars.set(m[1], k);
            vars.set(m[2], x);
          } else vars.set(m[1], x);
        }
        out += run(n.body, { dot: x, vars });
      }
    }
  }
  return out;
}

export function renderGoTemplate(template: string, data: unknown, _allowMissingKeys: boolean): string {
  const plain = JSON.parse(JSON.stringify(data));
  try {
    const nodes = parse(lex(template));
    return run(nodes, { dot: plain, vars: new Map([['$', plain]]) });
  } catch (e) {
    if (e instanceof TemplateError) throw new CmdError(`error: error parsing template ${template}, ${e.message}`);
    throw e;
  }
}
