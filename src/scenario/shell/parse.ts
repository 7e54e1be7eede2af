import { ShellSyntaxError } from '../shellwords';

/** A piece of a word: text as written, a `$VAR`, or a `$(command)`; `quoted` ones are not split. */
export type Part =
  { t: 'lit'; s: string; quoted: boolean } | { t: 'var'; name: string; fallback?: Word; quoted: boolean } | { t: 'cmd'; src: string; quoted: boolean };

export type Word = Part[];

/** `>file`, `2>>file`, `<file`, `2>&1`. */
export interface Redirect {
  fd: number;
  /** `<<`: a here-document; `target` is its text. */
  op: '>' | '>>' | '<' | '>&' | '<<';
  target: Word;
}

export interface SimpleCommand {
  assigns: { name: string; value: Word }[];
  words: Word[];
  redirects: Redirect[];
}

export type Pipeline = SimpleCommand[];

/**
 * Pipelines joined by `;`, `&&` and `||`; `op` says how each one follows the one before.
 * `background`: it ended with `&` (it starts, and the line goes on without waiting for it to stop).
 */
export type List = {
  op: ';' | '&&' | '||';
  pipeline: Pipeline;
  background?: boolean;
}[];

type Token =
  { k: 'word'; word: Word; raw: string } | { k: 'op'; op: string } | { k: 'redir'; fd: number; op: Redirect['op'] } | { k: 'heredoc'; fd: number; word: Word };

/** A here-document's text with `$VAR` and `$(…)` expanded (an unquoted delimiter), as one quoted word. */
function heredocWord(body: string): Word {
  const word: Word = [];
  const lit = (s: string) => {
    const last = word[word.length - 1];
    if (last?.t === 'lit') last.s += s;
    else word.push({ t: 'lit', s, quoted: true });
  };
  for (let i = 0; i < body.length;) {
    const c = body[i];
    if (c === '\\' && '$`\\'.includes(body[i + 1] ?? '')) {
      lit(body[i + 1]);
      i += 2;
    } else if (c === '$') {
      const d = dollar(body, i, true);
      if (d) {
        word.push(d.part);
        i = d.next;
      } else {
        lit('$');
        i++;
      }
    } else {
      lit(c);
      i++;
    }
  }
  if (!word.length) lit('');
  return word;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const OPERATOR_CHARS = '|&;<>\n';

/** Where the `)` closing a `$(` that starts at `from` (just after the `(`) is; quotes and nesting respected. */
function closingParen(line: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < line.length) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) break;
      i = end + 1;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < line.length && line[i] !== '"') i += line[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
    i++;
  }
  throw new ShellSyntaxError("unexpected EOF while looking for matching `)'");
}

/**
 * Read a `$…` at `i` (pointing at the `$`). Returns the part and the index after it, or
 * undefined when the `$` is just a character (`$` at the end, `$%`).
 */
function dollar(line: string, i: number, quoted: boolean): { part: Part; next: number } | undefined {
  const c = line[i + 1];
  if (c === '(') {
    const end = closingParen(line, i + 2);
    return {
      part: { t: 'cmd', src: line.slice(i + 2, end), quoted },
      next: end + 1,
    };
  }
  if (c === '{') {
    const end = line.indexOf('}', i + 2);
    if (end < 0) throw new ShellSyntaxError("unexpected EOF while looking for matching `}'");
    const body = line.slice(i + 2, end);
    const m = /^([A-Za-z_][A-Za-z0-9_]*|\?)(?::?-(.*))?$/s.exec(body);
    if (!m) throw new ShellSyntaxError(`\${${body}}: bad substitution`);
    const fallback = m[2] !== undefined ? tokenize(m[2], true)[0] : undefined;
    const fb = fallback?.k === 'word' ? fallback.word : m[2] !== undefined ? [] : undefined;
    return {
      part: { t: 'var', name: m[1], fallback: fb, quoted },
      next: end + 1,
    };
  }
  if (c === '?' || c === '$' || c === '#' || (c !== undefined && /[0-9]/.test(c))) {
    return { part: { t: 'var', name: c, quoted }, next: i + 2 };
  }
  const m = NAME.exec(line.slice(i + 1));
  if (!m) return undefined;
  return { part: { t: 'var', name: m[0], quoted }, next: i + 1 + m[0].length };
}

/**
 * Split a line into words and operators as bash does: quotes, backslashes (a backslash before a
 * newline joins lines), `#` comments, `$VAR`, `${VAR}`, `${VAR:-x}`, `$(…)` and `` `…` ``.
 * `single` reads the whole text as one word (the fallback of `${VAR:-a b}`).
 */
function tokenize(input: string, single = false): Token[] {
  // Here-documents are cut out of the text as they are read.
  let line = input;
  const tokens: Token[] = [];
  let word: Word = [];
  let raw = '';
  let inWord = false;
  const lit = (s: string, quoted: boolean) => {
    const last = word[word.length - 1];
    if (last?.t === 'lit' && last.quoted === quoted) last.s += s;
    else word.push({ t: 'lit', s, quoted });
  };
  const endWord = () => {
    if (inWord) tokens.push({ k: 'word', word, raw });
    word = [];
    raw = '';
    inWord = false;
  };
  let i = 0;
  while (i < line.length) {
    const ch = line[i];
    const start = i;
    if (ch === '\\') {
      if (line[i + 1] === '\n') i += 2;
      else if (i + 1 < line.length) {
        lit(line[i + 1], true);
        inWord = true;
        i += 2;
      } else {
        lit('\\', false);
        inWord = true;
        i++;
      }
    } else if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new ShellSyntaxError("unexpected EOF while looking for matching `''");
      lit(line.slice(i + 1, end), true);
      inWord = true;
      i = end + 1;
    } else if (ch === '"') {
      i++;
      inWord = true;
      lit('', true);
      for (;;) {
        if (i >= line.length) throw new ShellSyntaxError('unexpected EOF while looking for matching `"\'');
        const c = line[i];
        if (c === '"') {
          i++;
          break;
        }
        if (c === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1])) {
          if (line[i + 1] !== '\n') lit(line[i + 1], true);
          i += 2;
        } else if (c === '$') {
          const d = dollar(line, i, true);
          if (d) {
            word.push(d.part);
            i = d.next;
          } else {
            lit('$', true);
            i++;
          }
        } else if (c === '`') {
          const end = line.indexOf('`', i + 1);
          if (end < 0) throw new ShellSyntaxError("unexpected EOF while looking for matching ``'");
          word.push({ t: 'cmd', src: line.slice(i + 1, end), quoted: true });
          i = end + 1;
        } else {
          lit(c, true);
          i++;
        }
      }
    } else if (ch === '$') {
      const d = dollar(line, i, false);
      if (d) {
        word.push(d.part);
        i = d.next;
      } else {
        lit('$', false);
        i++;
      }
      inWord = true;
    } else if (ch === '`') {
      const end = line.indexOf('`', i + 1);
      if (end < 0) throw new ShellSyntaxError("unexpected EOF while looking for matching ``'");
      word.push({ t: 'cmd', src: line.slice(i + 1, end), quoted: false });
      inWord = true;
      i = end + 1;
    } else if (!single && (ch === ' ' || ch === '\t')) {
      endWord();
      i++;
      continue;
    } else if (!single && ch === '#' && !inWord) {
      // A comment runs to the end of the line.
      const nl = line.indexOf('\n', i);
      i = nl < 0 ? line.length : nl;
      continue;
    } else if (!single && OPERATOR_CHARS.includes(ch)) {
      // `2>` is a redirection of fd 2 only when the digit stands alone as the word so far.
      let fd = -1;
      if ((ch === '>' || ch === '<') && inWord && /^[0-9]$/.test(raw) && word.length === 1) fd = Number(raw);
      if (fd < 0) endWord();
      else {
        word = [];
        raw = '';
        inWord = false;
      }
      const two = line.slice(i, i + 2);
      if (two === '<<' && line[i + 2] !== '<') {
        // A here-document: its text runs from the next line to a line holding just the delimiter.
        let j = i + 2;
        const stripTabs = line[j] === '-';
        if (stripTabs) j++;
        while (line[j] === ' ' || line[j] === '\t') j++;
        let k = j;
        while (k < line.length && !' \t\n|&;<>'.includes(line[k])) k++;
        const rawDelim = line.slice(j, k);
        if (!rawDelim) throw syntaxError('newline');
        const delim = rawDelim.replace(/['"\\]/g, '');
        const nl = line.indexOf('\n', k);
        let body = '';
        if (nl >= 0) {
          const lines = line.slice(nl + 1).split('\n');
          const trim = (l: string) => (stripTabs ? l.replace(/^\t+/, '') : l);
          const end = lines.findIndex((l) => trim(l) === delim);
          const kept = (end < 0 ? lines : lines.slice(0, end)).map(trim);
          body = kept.length && !(end < 0 && kept.join('') === '') ? `${kept.join('\n')}\n` : '';
          line = line.slice(0, nl + 1) + (end < 0 ? '' : lines.slice(end + 1).join('\n'));
        }
        const quoted = rawDelim !== delim;
        tokens.push({ k: 'heredoc', fd: fd >= 0 ? fd : 0, word: quoted ? [{ t: 'lit', s: body, quoted: true }] : heredocWord(body) });
        i = k;
      } else if (ch === '>' || ch === '<') {
        let op: Redirect['op'] = ch;
        let len = 1;
        if (two === '>>') {
          op = '>>';
          len = 2;
        } else if (two === '>&') {
          op = '>&';
          len = 2;
        } else if (two === '>|') len = 2;
        tokens.push({ k: 'redir', fd: fd >= 0 ? fd : ch === '<' ? 0 : 1, op });
        i += len;
      } else if (ch === '&' && two === '>>') {
        throw new ShellSyntaxError("syntax error near unexpected token `>>'");
      } else if (ch === '&' && line[i + 1] === '>') {
        // `&>file`: stdout and stderr both.
        tokens.push({ k: 'redir', fd: 1, op: '>' });
        tokens.push({ k: 'op', op: '&>' });
        i += 2;
      } else if (two === '&&' || two === '||' || two === ';;') {
        tokens.push({ k: 'op', op: two });
        i += 2;
      } else {
        tokens.push({ k: 'op', op: ch === '\n' ? ';' : ch });
        i++;
      }
      continue;
    } else {
      lit(ch, false);
      inWord = true;
      i++;
    }
    raw += line.slice(start, i);
  }
  endWord();
  if (single && !tokens.length) tokens.push({ k: 'word', word: [], raw: '' });
  return tokens;
}

function syntaxError(token: string): ShellSyntaxError {
  return new ShellSyntaxError(`syntax error near unexpected token \`${token}'`);
}

/** Parse a command line into pipelines joined by `;`, `&&`, `||`. */
export function parseLine(line: string): List {
  const tokens = tokenize(line);
  const list: List = [];
  let op: List[number]['op'] = ';';
  let pipeline: Pipeline = [];
  let cmd: SimpleCommand = { assigns: [], words: [], redirects: [] };
  let empty = true;
  const endCommand = (token: string) => {
    if (empty) throw syntaxError(token);
    pipeline.push(cmd);
    cmd = { assigns: [], words: [], redirects: [] };
    empty = true;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.k === 'word') {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(t.raw);
      if (!cmd.words.length && m && t.word[0]?.t === 'lit' && !t.word[0].quoted && t.word[0].s.startsWith(m[0])) {
        const first = { ...t.word[0], s: t.word[0].s.slice(m[0].length) };
        cmd.assigns.push({ name: m[1], value: [first, ...t.word.slice(1)] });
      } else cmd.words.push(t.word);
      empty = false;
    } else if (t.k === 'heredoc') {
      cmd.redirects.push({ fd: t.fd, op: '<<', target: t.word });
      empty = false;
    } else if (t.k === 'redir') {
      const next = tokens[i + 1];
      if (next?.k === 'op' && next.op === '&>') {
        // `&>file` is `>file 2>&1`.
        const target = tokens[i + 2];
        if (target?.k !== 'word') throw syntaxError(target?.k === 'op' ? target.op : 'newline');
        cmd.redirects.push({ fd: 1, op: '>', target: target.word }, { fd: 2, op: '>&', target: [{ t: 'lit', s: '1', quoted: false }] });
        i += 2;
      } else {
        if (next?.k !== 'word') throw syntaxError(next?.k === 'op' ? next.op : 'newline');
        cmd.redirects.push({ fd: t.fd, op: t.op, target: next.word });
        i++;
      }
      empty = false;
    } else if (t.op === '|') {
      endCommand('|');
    } else if (t.op === ';' || t.op === '&&' || t.op === '||' || t.op === '&') {
      if (empty && !pipeline.length && t.op === ';' && tokens[i - 1] === undefined) throw syntaxError(';');
      if (empty && !pipeline.length) {
        // `a;` at the end, or `a; ;`: bash allows only the first.
        if (t.op !== ';' || i === 0 || (tokens[i - 1].k === 'op' && (tokens[i - 1] as { op: string }).op !== ';')) throw syntaxError(t.op);
        continue;
      }
      endCommand(t.op);
      list.push(t.op === '&' ? { op, pipeline, background: true } : { op, pipeline });
      pipeline = [];
      op = t.op === '&' ? ';' : t.op;
    } else throw syntaxError(t.op);
  }
  if (!empty) endCommand('newline');
  else if (pipeline.length) throw syntaxError('newline');
  if (pipeline.length) list.push({ op, pipeline });
  else if (op !== ';') throw syntaxError('newline');
  return list;
}
