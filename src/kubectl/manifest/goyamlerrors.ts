import type { YAMLError } from 'yaml';

/**
 * go-yaml (libyaml) words and places its errors differently from the YAML parser used here, and
 * learners see those texts, so this re-reads a document that failed to parse with libyaml's
 * block-structure rules and reports the first problem as libyaml would:
 * `line 5: mapping values are not allowed in this context`.
 *
 * libyaml's line numbers have a quirk kept here: scanner errors report the 1-based line of the
 * problem, parser errors the 0-based one (so the line before it).
 */
export function goYamlError(text: string, fallback: YAMLError): string {
  try {
    const found = new BlockScanner(text).run();
    if (found) return found;
  } catch {
    // fall through to the generic wording
  }
  const offset = fallback.pos?.[0] ?? 0;
  const line = text.slice(0, offset).split('\n').length;
  return `line ${line}: did not find expected key`;
}

interface Level {
  indent: number;
  kind: 'map' | 'seq';
  /** A sequence at its parent key's column (`key:\n- a`). */
  indentless?: boolean;
}

class Found {
  constructor(readonly message: string) {}
}

const scanner = (line0: number, msg: string) => new Found(`line ${line0 + 1}: ${msg}`);
const parser = (line0: number, msg: string) => new Found(line0 === 0 ? msg : `line ${line0}: ${msg}`);

class BlockScanner {
  private readonly lines: string[];
  private readonly eofLine: number;
  private stack: Level[] = [];
  /** The column of the key or entry whose plain scalar value may continue on more-indented lines. */
  private plainOwner: number | undefined;
  /** A key or entry ended with nothing after it: the next deeper line opens its value. */
  private pending: { indent: number; kind: 'map' | 'seq' } | undefined;
  private i = 0;

  constructor(text: string) {
    this.lines = text.split('\n');
    this.eofLine = this.lines.length - 1;
  }

  run(): string | undefined {
    try {
      for (this.i = 0; this.i < this.lines.length; this.i++) this.line(this.lines[this.i]);
    } catch (e) {
      if (e instanceof Found) return e.message;
      throw e;
    }
    return undefined;
  }

  private line(raw: string): void {
    const lead = /^[ \t]*/.exec(raw)?.[0] ?? '';
    const content = raw.slice(lead.length);
    if (content === '' || content.startsWith('#')) return;
    if (/^(---|\.\.\.)(\s|$)/.test(raw) || raw.startsWith('%')) {
      this.stack = [];
      this.plainOwner = undefined;
      this.pending = undefined;
      return;
    }
    const tab = lead.indexOf('\t');
    if (tab >= 0 && (this.plainOwner === undefined || tab < this.plainOwner)) {
      throw scanner(this.i, 'found character that cannot start any token');
    }
    const indent = lead.length;
    if (this.plainOwner !== undefined && indent > this.plainOwner) {
      if (mappingIndicator(content) >= 0) throw scanner(this.i, 'mapping values are not allowed in this context');
      return;
    }
    this.plainOwner = undefined;
    this.segment(indent, content);
  }

  /** One node starting at `col` on the current line. */
  private segment(col: number, content: string): void {
    const isEntry = /^-(\s|$)/.test(content);
    if (this.pending) {
      const p = this.pending;
      this.pending = undefined;
      if (col > p.indent) {
        this.stack.push({ indent: col, kind: isEntry ? 'seq' : 'map' });
        this.node(col, content, isEntry);
        return;
      }
      if (col === p.indent && p.kind === 'map' && isEntry) {
        this.stack.push({ indent: col, kind: 'seq', indentless: true });
        this.node(col, content, isEntry);
        return;
      }
    }
    while (this.stack.length && this.top().indent > col) this.stack.pop();
    if (this.stack.length && this.top().indentless && this.top().indent === col && !isEntry) this.stack.pop();
    if (!this.stack.length) {
      this.stack.push({ indent: col, kind: isEntry ? 'seq' : 'map' });
      this.node(col, content, isEntry);
      return;
    }
    const top = this.top();
    const owner = top.indentless ? (this.stack[this.stack.length - 2] ?? top) : top;
    if (col > top.indent) {
      throw parser(this.i, owner.kind === 'map' ? 'did not find expected key' : "did not find expected '-' indicator");
    }
    if (top.kind === 'map' && isEntry) throw parser(this.i, 'did not find expected key');
    if (top.kind === 'seq' && !isEntry) throw parser(this.i, "did not find expected '-' indicator");
    this.node(col, content, isEntry);
  }

  private node(col: number, content: string, isEntry: boolean): void {
    if (isEntry) {
      const rest = content.slice(1);
      const pad = /^\s*/.exec(rest)?.[0].length ?? 0;
      const inner = rest.slice(pad);
      if (inner === '' || inner.startsWith('#')) {
        this.pending = { indent: col, kind: 'seq' };
        return;
      }
      const innerCol = col + 1 + pad;
      if (/^-(\s|$)/.test(inner)) {
        this.stack.push({ indent: innerCol, kind: 'seq' });
        this.node(innerCol, inner, true);
        return;
      }
      if (keyEnd(inner) >= 0) {
        this.stack.push({ indent: innerCol, kind: 'map' });
        this.keyLine(innerCol, inner);
        return;
      }
      this.value(col, inner);
      return;
    }
    if (keyEnd(content) >= 0) {
      this.keyLine(col, content);
      return;
    }
    // A scalar where a key was expected: libyaml gives up at the next token.
    if (this.top()?.kind === 'map' && this.stack.length) {
      this.value(col, content);
      throw scanner(this.nextContentLine(), "could not find expected ':'");
    }
    this.value(col, content);
  }

  private keyLine(col: number, content: string): void {
    const end = keyEnd(content);
    const after = content.slice(end + 1);
    const value = after.trimStart();
    if (value === '' || value.startsWith('#')) {
      this.pending = { indent: col, kind: 'map' };
      return;
    }
    this.value(col, value);
  }

  /** A value on the current line, owned by the key or entry at `owner`. */
  private value(owner: number, text: string): void {
    let v = text;
    // Anchors and tags come before the value itself.
    while (/^[&!]\S*(\s+|$)/.test(v)) v = v.replace(/^[&!]\S*\s*/, '');
    if (v === '' || v.startsWith('#')) {
      this.pending = { indent: owner, kind: 'map' };
      return;
    }
    const c = v[0];
    if (c === '@' || c === '`' || c === '\t') throw scanner(this.i, 'found character that cannot start any token');
    if (c === '"' || c === "'") {
      this.quoted(v);
      return;
    }
    if (c === '{' || c === '[') {
      this.flow(v);
      return;
    }
    if (c === '|' || c === '>') {
      this.blockScalar(owner);
      return;
    }
    if (c === '*') return;
    if (/^-(\s|$)/.test(v)) throw scanner(this.i, 'block sequence entries are not allowed in this context');
    if (mappingIndicator(v) >= 0) throw scanner(this.i, 'mapping values are not allowed in this context');
    this.plainOwner = owner;
  }

  private quoted(v: string): void {
    const q = v[0];
    let text = v.slice(1);
    for (;;) {
      for (let k = 0; k < text.length; k++) {
        if (q === '"' && text[k] === '\\') {
          k++;
          continue;
        }
        if (text[k] === q) {
          if (q === "'" && text[k + 1] === "'") {
            k++;
            continue;
          }
          return;
        }
      }
      if (this.i >= this.eofLine) throw scanner(this.eofLine, 'found unexpected end of stream');
      this.i++;
      text = this.lines[this.i];
    }
  }

  private flow(v: string): void {
    const closers: string[] = [];
    let text = v;
    let quote = '';
    // Whether a node is expected next (just after `[`, `{` or `,`), as libyaml's parser tracks.
    let wantNode = false;
    for (;;) {
      for (let k = 0; k < text.length; k++) {
        const ch = text[k];
        if (quote) {
          if (quote === '"' && ch === '\\') k++;
          else if (ch === quote) quote = '';
          continue;
        }
        if (ch === '"' || ch === "'") {
          quote = ch;
          wantNode = false;
        } else if (ch === '{' || ch === '[') {
          closers.push(ch === '{' ? '}' : ']');
          wantNode = true;
        } else if (ch === '}' || ch === ']') {
          if (closers.pop() !== ch) throw parser(this.i, `did not find expected ',' or '${ch === '}' ? ']' : '}'}'`);
          wantNode = false;
          if (!closers.length) return;
        } else if (ch === ',') wantNode = true;
        else if (ch === '#' && (k === 0 || /\s/.test(text[k - 1]))) break;
        else if (!/\s/.test(ch) && ch !== ':') wantNode = false;
      }
      if (this.i >= this.eofLine) {
        if (quote) throw scanner(this.eofLine, 'found unexpected end of stream');
        if (wantNode) throw parser(this.eofLine, 'did not find expected node content');
        throw parser(this.eofLine, `did not find expected ',' or '${closers[closers.length - 1] ?? '}'}'`);
      }
      this.i++;
      text = this.lines[this.i];
    }
  }

  private blockScalar(owner: number): void {
    while (this.i + 1 < this.lines.length) {
      const next = this.lines[this.i + 1];
      const indent = /^ */.exec(next)?.[0].length ?? 0;
      if (next.trim() !== '' && indent <= owner) break;
      this.i++;
    }
  }

  private nextContentLine(): number {
    for (let k = this.i + 1; k < this.lines.length; k++) {
      const t = this.lines[k].trim();
      if (t !== '' && !t.startsWith('#')) return k;
    }
    return this.eofLine;
  }

  private top(): Level {
    return this.stack[this.stack.length - 1];
  }
}

/** Where a plain scalar's text has a `: ` (or a final `:`), or -1; a ` #` comment ends the scan. */
function mappingIndicator(text: string): number {
  for (let k = 0; k < text.length; k++) {
    if (text[k] === '#' && k > 0 && /\s/.test(text[k - 1])) return -1;
    if (text[k] === ':' && (k + 1 === text.length || /\s/.test(text[k + 1]))) return k;
  }
  return -1;
}

/** The index of the `:` ending a mapping key at the start of `text`, or -1. */
function keyEnd(text: string): number {
  const c = text[0];
  if (c === '"' || c === "'") {
    for (let k = 1; k < text.length; k++) {
      if (c === '"' && text[k] === '\\') {
        k++;
        continue;
      }
      if (text[k] === c) {
        const rest = text.slice(k + 1);
        const m = /^\s*:(\s|$)/.exec(rest);
        return m ? k + 1 + rest.indexOf(':') : -1;
      }
    }
    return -1;
  }
  if (c === '{' || c === '[' || c === '|' || c === '>' || c === '#') return -1;
  return mappingIndicator(text);
}
