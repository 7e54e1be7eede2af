/**
 * A stream of JSON values decoded as Go's encoding/json Decoder does, with its error texts:
 * `json: offset 7: invalid character '}' looking for beginning of value`, `unexpected EOF`.
 */
export class JsonStreamError extends Error {}

export function decodeJsonStream(text: string): { values: unknown[]; error?: JsonStreamError } {
  const values: unknown[] = [];
  const p = new Parser(text);
  try {
    for (;;) {
      p.skipSpace();
      if (p.pos >= text.length) break;
      values.push(p.value('looking for beginning of value'));
    }
    return { values };
  } catch (e) {
    if (e instanceof JsonStreamError) return { values, error: e };
    throw e;
  }
}

class Parser {
  pos = 0;
  constructor(private readonly text: string) {}

  skipSpace(): void {
    while (this.pos < this.text.length && ' \t\r\n'.includes(this.text[this.pos])) this.pos++;
  }

  private fail(context: string): never {
    if (this.pos >= this.text.length) throw new JsonStreamError('unexpected EOF');
    throw new JsonStreamError(`json: offset ${this.pos + 1}: invalid character ${quoteChar(this.text[this.pos])} ${context}`);
  }

  value(context: string): unknown {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    if (c === 't') return this.literal('true', true);
    if (c === 'f') return this.literal('false', false);
    if (c === 'n') return this.literal('null', null);
    return this.fail(context);
  }

  private object(): Record<string, unknown> {
    this.pos++;
    const out: Record<string, unknown> = {};
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') this.fail('looking for beginning of object key string');
      const key = this.string();
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.fail('after object key');
      this.pos++;
      out[key] = this.value('looking for beginning of value');
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === '}') {
        this.pos++;
        return out;
      }
      this.fail('after object key:value pair');
    }
  }

  private array(): unknown[] {
    this.pos++;
    const out: unknown[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value('looking for beginning of value'));
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === ']') {
        this.pos++;
        return out;
      }
      this.fail('after array element');
    }
  }

  private string(): string {
    const start = this.pos;
    this.pos++;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === '"') {
        this.pos++;
        return JSON.parse(this.text.slice(start, this.pos)) as string;
      }
      if (c === '\\') {
        const e = this.text[this.pos + 1];
        if (e === undefined) break;
        if (!'"\\/bfnrtu'.includes(e)) {
          this.pos++;
          this.fail('in string escape code');
        }
        if (e === 'u') {
          for (let k = 2; k < 6; k++) {
            if (this.pos + k >= this.text.length) {
              this.pos = this.text.length;
              this.fail('');
            }
            if (!/[0-9a-fA-F]/.test(this.text[this.pos + k])) {
              this.pos += k;
              this.fail('in \\u hexadecimal character escape');
            }
          }
          this.pos += 6;
          continue;
        }
        this.pos += 2;
        continue;
      }
      if (c < ' ') this.fail('in string literal');
      this.pos++;
    }
    return this.fail('');
  }

  private number(): number {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(this.text.slice(this.pos));
    if (!m || m[0] === '-') {
      this.pos += m ? 1 : 0;
      this.fail('in numeric literal');
    }
    this.pos += (m as RegExpExecArray)[0].length;
    return Number((m as RegExpExecArray)[0]);
  }

  private literal(word: string, value: unknown): unknown {
    for (let k = 0; k < word.length; k++) {
      if (this.pos >= this.text.length) this.fail('');
      if (this.text[this.pos] !== word[k]) this.fail(`in literal ${word} (expecting ${quoteChar(word[k])})`);
      this.pos++;
    }
    return value;
  }
}

/** encoding/json's quoteChar. */
function quoteChar(c: string): string {
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  const code = c.codePointAt(0) ?? 0;
  if (code < 0x20) return `'${JSON.stringify(c).slice(1, -1)}'`;
  return `'${c}'`;
}
