import { type Node, type Part, type Redir, ShellSyntaxError, type Word } from './ast';

type Token = { t: 'word'; w: Word; raw: string; quoted: boolean } | { t: 'op'; v: string } | { t: 'redir'; fd: number; op: Redir['op'] } | { t: 'eof' };

const OP_CHARS = new Set([';', '&', '|', '(', ')', '<', '>', '\n']);
const RESERVED = new Set(['if', 'then', 'elif', 'else', 'fi', 'while', 'until', 'do', 'done', 'for', 'in', 'case', 'esac', '{', '}', '!']);

/** Find the end of a `$( … )` / `$(( … ))` starting after the opening parens; returns the index of the closing `)`. */
function matchParen(src: string, start: number): number {
  let depth = 1;
  let i = start;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0) throw new ShellSyntaxError('unterminated quoted string');
      i = end + 1;
      continue;
    }
    if (c === '"') {
      i = skipDouble(src, i + 1);
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i;
    }
    i++;
  }
  throw new ShellSyntaxError('unexpected end of file (expecting ")")');
}

function skipDouble(src: string, i: number): number {
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else if (c === '$' && src[i + 1] === '(') i = matchParen(src, i + 2) + 1;
    else i++;
  }
  throw new ShellSyntaxError('unterminated quoted string');
}

class Lexer {
  pos = 0;
  constructor(readonly src: string) {}

  /** Read a `$…` expansion at pos (pointing at `$`); returns the part and advances. */
  private dollar(quoted: boolean): Part {
    const s = this.src;
    const i = this.pos + 1;
    if (s.startsWith('((', i)) {
      const end = matchParen(s, i + 2);
      if (s[end + 1] !== ')') throw new ShellSyntaxError('missing )) in arithmetic expansion');
      this.pos = end + 2;
      return { t: 'arith', src: s.slice(i + 2, end), q: quoted };
    }
    if (s[i] === '(') {
      const end = matchParen(s, i + 1);
      this.pos = end + 1;
      return { t: 'cmd', src: s.slice(i + 1, end), q: quoted };
    }
    if (s[i] === '{') {
      const end = s.indexOf('}', i);
      if (end < 0) throw new ShellSyntaxError('bad substitution');
      const body = s.slice(i + 1, end);
      this.pos = end + 1;
      const m = /^(#?)([A-Za-z_][A-Za-z0-9_]*|[0-9?$#@*!-])(?:(:?[-=+?])(.*))?$/s.exec(body);
      if (!m) throw new ShellSyntaxError(`\${${body}}: bad substitution`);
      if (m[1]) return { t: 'var', name: m[2], q: quoted, op: '#len' };
      if (m[3]) {
        const sub = new Lexer(m[4]);
        return {
          t: 'var',
          name: m[2],
          q: quoted,
          op: m[3],
          arg: sub.wordFrom(true),
        };
      }
      return { t: 'var', name: m[2], q: quoted };
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?$#@*!-])/.exec(s.slice(i));
    if (!m) {
      this.pos = i;
      return { t: 'lit', v: '$', q: quoted };
    }
    this.pos = i + m[1].length;
    return { t: 'var', name: m[1], q: quoted };
  }

  /** Parse the whole remaining source as one word (for `${x:-word}` arguments). */
  wordFrom(quoted: boolean): Word {
    const parts: Part[] = [];
    let lit = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '$') {
        if (lit) parts.push({ t: 'lit', v: lit, q: quoted });
        lit = '';
        parts.push(this.dollar(quoted));
      } else {
        lit += c;
        this.pos++;
      }
    }
    if (lit) parts.push({ t: 'lit', v: lit, q: quoted });
    return parts;
  }

  next(): Token {
    const s = this.src;
    // Blanks and comments.
    for (;;) {
      while (this.pos < s.length && (s[this.pos] === ' ' || s[this.pos] === '\t' || (s[this.pos] === '\\' && s[this.pos + 1] === '\n'))) {
        this.pos += s[this.pos] === '\\' ? 2 : 1;
      }
      if (s[this.pos] === '#') {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
        continue;
      }
      break;
    }
    if (this.pos >= s.length) return { t: 'eof' };
    const c = s[this.pos];
    const two = s.slice(this.pos, this.pos + 2);
    // Redirections, possibly with a leading fd number.
    const fdm = /^([0-9])?(>>|>&|<&|&>|>|<)/.exec(s.slice(this.pos));
    if (fdm && (fdm[1] !== undefined || c === '>' || c === '<' || two === '&>')) {
      this.pos += fdm[0].length;
      const op = fdm[2];
      if (op === '&>') return { t: 'redir', fd: -1, op: '>' };
      const fd = fdm[1] !== undefined ? Number(fdm[1]) : op.startsWith('<') ? 0 : 1;
      return { t: 'redir', fd, op: op === '<&' ? '>&' : (op as Redir['op']) };
    }
    if (two === '&&' || two === '||' || two === ';;') {
      this.pos += 2;
      return { t: 'op', v: two };
    }
    if (OP_CHARS.has(c)) {
      this.pos++;
      return { t: 'op', v: c };
    }
    return this.word();
  }

  private word(): Token {
    const s = this.src;
    const parts: Part[] = [];
    let raw = '';
    let lit = '';
    let quotedAny = false;
    const flush = (q: boolean) => {
      if (lit) parts.push({ t: 'lit', v: lit, q });
      lit = '';
    };
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === ' ' || c === '\t' || OP_CHARS.has(c)) break;
      const start = this.pos;
      if (c === '\\') {
        if (s[this.pos + 1] === '\n') {
          this.pos += 2;
          continue;
        }
        flush(false);
        parts.push({ t: 'lit', v: s[this.pos + 1] ?? '', q: true });
        quotedAny = true;
        this.pos += 2;
      } else if (c === "'") {
        const end = s.indexOf("'", this.pos + 1);
        if (end < 0) throw new ShellSyntaxError('unterminated quoted string');
        flush(false);
        parts.push({ t: 'lit', v: s.slice(this.pos + 1, end), q: true });
        quotedAny = true;
        this.pos = end + 1;
      } else if (c === '"') {
        flush(false);
        quotedAny = true;
        this.pos++;
        let inner = '';
        const innerFlush = () => {
          parts.push({ t: 'lit', v: inner, q: true });
          inner = '';
        };
        let closed = false;
        while (this.pos < s.length) {
          const d = s[this.pos];
          if (d === '"') {
            this.pos++;
            closed = true;
            break;
          }
          if (d === '\\' && '$`"\\\n'.includes(s[this.pos + 1] ?? '')) {
            if (s[this.pos + 1] !== '\n') inner += s[this.pos + 1];
            this.pos += 2;
          } else if (d === '$') {
            if (inner) innerFlush();
            parts.push(this.dollar(true));
          } else if (d === '`') {
            if (inner) innerFlush();
            const end = s.indexOf('`', this.pos + 1);
            if (end < 0) throw new ShellSyntaxError('unterminated quoted string');
            parts.push({ t: 'cmd', src: s.slice(this.pos + 1, end), q: true });
            this.pos = end + 1;
          } else {
            inner += d;
            this.pos++;
          }
        }
        if (!closed) throw new ShellSyntaxError('unterminated quoted string');
        // An empty "" still makes a (quoted, empty) word.
        if (inner || parts.length === 0 || parts[parts.length - 1].t !== 'lit') innerFlush();
      } else if (c === '$') {
        flush(false);
        parts.push(this.dollar(false));
      } else if (c === '`') {
        flush(false);
        const end = s.indexOf('`', this.pos + 1);
        if (end < 0) throw new ShellSyntaxError('unterminated quoted string');
        parts.push({ t: 'cmd', src: s.slice(this.pos + 1, end), q: false });
        this.pos = end + 1;
      } else {
        lit += c;
        this.pos++;
      }
      raw += s.slice(start, this.pos);
    }
    flush(false);
    return { t: 'word', w: parts, raw, quoted: quotedAny };
  }
}

/** Parse a script into a tree; throws ShellSyntaxError the way `sh` reports (`syntax error: …`). */
export function parseScript(src: string): Node {
  const p = new Parser(src);
  const node = p.list(new Set());
  const t = p.peek();
  if (t.t !== 'eof') throw new ShellSyntaxError(`syntax error: unexpected "${tokenText(t)}"`);
  return node;
}

function tokenText(t: Token): string {
  if (t.t === 'op') return t.v === '\n' ? 'newline' : t.v;
  if (t.t === 'word') return t.raw;
  if (t.t === 'redir') return '>';
  return 'end of file';
}

class Parser {
  private readonly lexer: Lexer;
  private buf: Token | undefined;
  constructor(src: string) {
    this.lexer = new Lexer(src);
  }

  peek(): Token {
    if (!this.buf) this.buf = this.lexer.next();
    return this.buf;
  }

  take(): Token {
    const t = this.peek();
    this.buf = undefined;
    return t;
  }

  private isWord(t: Token, text: string): boolean {
    return t.t === 'word' && !t.quoted && t.raw === text;
  }

  private skipNewlines(): void {
    while (this.peek().t === 'op' && (this.peek() as { v: string }).v === '\n') this.take();
  }

  private expectWord(text: string): void {
    this.skipNewlines();
    const t = this.take();
    if (!this.isWord(t, text)) {
      throw new ShellSyntaxError(`syntax error: unexpected ${t.t === 'eof' ? 'end of file' : `"${tokenText(t)}"`} (expecting "${text}")`);
    }
  }

  /** A list ends at EOF, `)`, or one of the reserved words in `stop`. */
  list(stop: Set<string>): Node {
    const items: { node: Node; bg: boolean }[] = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (t.t === 'eof' || (t.t === 'op' && (t.v === ')' || t.v === ';;'))) break;
      if (t.t === 'word' && !t.quoted && stop.has(t.raw)) break;
      const node = this.andOr(stop);
      let bg = false;
      const sep = this.peek();
      if (sep.t === 'op' && (sep.v === ';' || sep.v === '&' || sep.v === '\n')) {
        this.take();
        bg = sep.v === '&';
      }
      items.push({ node, bg });
      if (!(sep.t === 'op' && (sep.v === ';' || sep.v === '&' || sep.v === '\n'))) break;
    }
    if (items.length === 1 && !items[0].bg) return items[0].node;
    return { k: 'list', items };
  }

  private andOr(stop: Set<string>): Node {
    let left = this.pipeline(stop);
    for (;;) {
      const t = this.peek();
      if (t.t === 'op' && (t.v === '&&' || t.v === '||')) {
        this.take();
        this.skipNewlines();
        const right = this.pipeline(stop);
        left = { k: t.v === '&&' ? 'and' : 'or', left, right };
      } else return left;
    }
  }

  private pipeline(stop: Set<string>): Node {
    let neg = false;
    if (this.isWord(this.peek(), '!')) {
      this.take();
      neg = true;
    }
    const cmds = [this.command(stop)];
    while (this.peek().t === 'op' && (this.peek() as { v: string }).v === '|') {
      this.take();
      this.skipNewlines();
      cmds.push(this.command(stop));
    }
    if (cmds.length === 1 && !neg) return cmds[0];
    return { k: 'pipe', cmds, neg };
  }

  private redirs(): Redir[] {
    const out: Redir[] = [];
    while (this.peek().t === 'redir') {
      const r = this.take() as { fd: number; op: Redir['op'] };
      const target = this.take();
      if (target.t !== 'word') throw new ShellSyntaxError(`syntax error: unexpected ${tokenText(target)}`);
      if (r.fd === -1) {
        out.push({ fd: 1, op: '>', target: target.w });
        out.push({ fd: 2, op: '>&', target: [{ t: 'lit', v: '1', q: false }] });
      } else out.push({ fd: r.fd, op: r.op, target: target.w });
    }
    return out;
  }

  private command(stop: Set<string>): Node {
    const t = this.peek();
    if (t.t === 'op' && t.v === '(') {
      this.take();
      const body = this.list(new Set());
      const close = this.take();
      if (!(close.t === 'op' && close.v === ')')) throw new ShellSyntaxError('syntax error: unexpected end of file (expecting ")")');
      return { k: 'group', body, redirs: this.redirs(), subshell: true };
    }
    if (t.t === 'word' && !t.quoted) {
      switch (t.raw) {
        case '{': {
          this.take();
          const body = this.list(new Set(['}']));
          this.expectWord('}');
          return { k: 'group', body, redirs: this.redirs(), subshell: false };
        }
        case 'if':
          return this.ifClause();
        case 'while':
        case 'until': {
          this.take();
          const cond = this.list(new Set(['do']));
          this.expectWord('do');
          const body = this.list(new Set(['done']));
          this.expectWord('done');
          return {
            k: 'while',
            cond,
            body,
            until: t.raw === 'until',
            redirs: this.redirs(),
          };
        }
        case 'for':
          return this.forClause();
        case 'case':
          return this.caseClause();
        default:
          if (RESERVED.has(t.raw) && t.raw !== '!' && !stop.has(t.raw)) {
            throw new ShellSyntaxError(`syntax error: unexpected "${t.raw}"`);
          }
      }
    }
    return this.simple();
  }

  private ifClause(): Node {
    this.take();
    const branches: { cond: Node; body: Node }[] = [];
    let otherwise: Node | undefined;
    const cond = this.list(new Set(['then']));
    this.expectWord('then');
    const body = this.list(new Set(['elif', 'else', 'fi']));
    branches.push({ cond, body });
    for (;;) {
      this.skipNewlines();
      const t = this.take();
      if (this.isWord(t, 'fi')) break;
      if (this.isWord(t, 'elif')) {
        const c = this.list(new Set(['then']));
        this.expectWord('then');
        branches.push({
          cond: c,
          body: this.list(new Set(['elif', 'else', 'fi'])),
        });
      } else if (this.isWord(t, 'else')) {
        otherwise = this.list(new Set(['fi']));
        this.expectWord('fi');
        break;
      } else throw new ShellSyntaxError(`syntax error: unexpected ${tokenText(t)} (expecting "fi")`);
    }
    return { k: 'if', branches, otherwise, redirs: this.redirs() };
  }

  private forClause(): Node {
    this.take();
    const nameTok = this.take();
    if (nameTok.t !== 'word' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(nameTok.raw)) {
      throw new ShellSyntaxError(`syntax error: bad for loop variable`);
    }
    let words: Word[] | null = null;
    this.skipNewlines();
    if (this.isWord(this.peek(), 'in')) {
      this.take();
      words = [];
      for (;;) {
        const t = this.peek();
        if (t.t === 'word') {
          this.take();
          words.push(t.w);
        } else break;
      }
      const sep = this.peek();
      if (sep.t === 'op' && (sep.v === ';' || sep.v === '\n')) this.take();
    } else if (this.peek().t === 'op' && (this.peek() as { v: string }).v === ';') this.take();
    this.expectWord('do');
    const body = this.list(new Set(['done']));
    this.expectWord('done');
    return { k: 'for', name: nameTok.raw, words, body, redirs: this.redirs() };
  }

  private caseClause(): Node {
    this.take();
    const wordTok = this.take();
    if (wordTok.t !== 'word') throw new ShellSyntaxError('syntax error: unexpected newline');
    this.expectWord('in');
    const arms: { patterns: Word[]; body: Node | null }[] = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (this.isWord(t, 'esac')) {
        this.take();
        break;
      }
      if (t.t === 'op' && t.v === '(') this.take();
      const patterns: Word[] = [];
      for (;;) {
        const p = this.take();
        if (p.t !== 'word') throw new ShellSyntaxError(`syntax error: unexpected ${tokenText(p)}`);
        patterns.push(p.w);
        const n = this.take();
        if (n.t === 'op' && n.v === '|') continue;
        if (n.t === 'op' && n.v === ')') break;
        throw new ShellSyntaxError(`syntax error: unexpected ${tokenText(n)} (expecting ")")`);
      }
      const body = this.list(new Set(['esac']));
      arms.push({
        patterns,
        body: body.k === 'list' && body.items.length === 0 ? null : body,
      });
      this.skipNewlines();
      const end = this.peek();
      if (end.t === 'op' && end.v === ';;') this.take();
    }
    return { k: 'case', word: wordTok.w, arms, redirs: this.redirs() };
  }

  private simple(): Node {
    const assigns: [string, Word][] = [];
    const words: Word[] = [];
    const redirs: Redir[] = [];
    for (;;) {
      const t = this.peek();
      if (t.t === 'redir') {
        redirs.push(...this.redirs());
        continue;
      }
      if (t.t !== 'word') break;
      this.take();
      const m = words.length === 0 ? /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(t.raw) : null;
      if (m && t.w[0]?.t === 'lit' && !t.w[0].q && t.w[0].v.startsWith(`${m[1]}=`)) {
        const first = t.w[0];
        const head: Part = {
          t: 'lit',
          v: first.v.slice(m[1].length + 1),
          q: false,
        };
        const rest: Word = [head, ...t.w.slice(1)].filter((p) => !(p.t === 'lit' && p.v === '' && !p.q));
        assigns.push([m[1], rest]);
      } else words.push(t.w);
    }
    if (!words.length && !assigns.length && !redirs.length) {
      const t = this.peek();
      throw new ShellSyntaxError(`syntax error: unexpected ${t.t === 'eof' ? 'end of file' : `"${tokenText(t)}"`}`);
    }
    return { k: 'simple', assigns, words, redirs };
  }
}
