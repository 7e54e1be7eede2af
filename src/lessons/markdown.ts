/**
 * The Markdown lessons are written in, parsed into a small tree the UI renders element by element.
 * There is no HTML passthrough: raw HTML stays text (and validation rejects it, so an author hears
 * about it), and a link keeps its target only when it is http(s), mailto or an in-page anchor.
 * Supported: paragraphs, headings, bullet and numbered lists, block quotes, fenced code blocks,
 * inline code, **strong**, *emphasis*, [links](https://…).
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] };

export type Block =
  | { type: 'heading'; level: number; children: Inline[] }
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'list'; ordered: boolean; items: Inline[][] }
  | { type: 'quote'; children: Block[] }
  | { type: 'code'; lang?: string; text: string };

export interface ParsedMarkdown {
  blocks: Block[];
  /** What an author wrote that the renderer will not honour (raw HTML, unsafe links). */
  problems: string[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([\w+-]*)\s*$/;
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^ {0,3}[-*+]\s+(.*)$/;
const ORDERED = /^ {0,3}\d{1,9}[.)]\s+(.*)$/;
const QUOTE = /^ {0,3}>\s?(.*)$/;
const RAW_HTML = /<\/?[A-Za-z][^>]*>|<!--|<![A-Za-z[]|<\?/;

/** Only these link targets survive; everything else (javascript:, data:, vbscript:, file:…) is dropped. */
export function safeHref(href: string): string | undefined {
  // Browsers ignore control characters and white space inside a scheme ("java\tscript:"), so we do too.
  const cleaned = [...href].filter((ch) => ch.charCodeAt(0) > 0x20 && ch.charCodeAt(0) !== 0x7f).join('');
  if (/^https?:\/\/[^/]/i.test(cleaned) || /^mailto:[^/]/i.test(cleaned) || /^#[\w-]*$/.test(cleaned)) return cleaned;
  return undefined;
}

export function parseMarkdown(source: string): ParsedMarkdown {
  const problems: string[] = [];
  const blocks = parseBlocks(source.replace(/\r\n?/g, '\n').split('\n'), problems);
  return { blocks, problems: [...new Set(problems)] };
}

function parseBlocks(lines: string[], problems: string[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  const inline = (text: string) => parseInline(text, problems);
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i].trim().startsWith(fence[1])) body.push(lines[i++]);
      i++;
      blocks.push({ type: 'code', lang: fence[2] || undefined, text: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ type: 'heading', level: heading[1].length, children: inline(heading[2]) });
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i])) inner.push((QUOTE.exec(lines[i++]) as RegExpExecArray)[1]);
      blocks.push({ type: 'quote', children: parseBlocks(inner, problems) });
      continue;
    }
    const ordered = ORDERED.test(line);
    if (ordered || BULLET.test(line)) {
      const marker = ordered ? ORDERED : BULLET;
      const items: string[] = [];
      while (i < lines.length) {
        const m = marker.exec(lines[i]);
        if (m) items.push(m[1]);
        else if (lines[i].trim() && /^\s/.test(lines[i]) && items.length) items[items.length - 1] += `\n${lines[i].trim()}`;
        else break;
        i++;
      }
      blocks.push({ type: 'list', ordered, items: items.map(inline) });
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i].trim() && !FENCE.test(lines[i]) && !HEADING.test(lines[i]) && !QUOTE.test(lines[i]) && !BULLET.test(lines[i]) && !ORDERED.test(lines[i])) {
      para.push(lines[i].trim());
      i++;
    }
    blocks.push({ type: 'paragraph', children: inline(para.join('\n')) });
  }
  return blocks;
}

function parseInline(text: string, problems: string[]): Inline[] {
  const out: Inline[] = [];
  let buf = '';
  const flush = () => {
    if (!buf) return;
    if (RAW_HTML.test(buf)) problems.push(`raw HTML is not allowed (write it in \`code\` to show it): ${excerpt(buf)}`);
    out.push({ type: 'text', text: buf });
    buf = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length && /[!-/:-@[-`{-~]/.test(text[i + 1])) {
      buf += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      let run = 1;
      while (text[i + run] === '`') run++;
      const fence = '`'.repeat(run);
      const end = text.indexOf(fence, i + run);
      if (end > 0) {
        flush();
        out.push({ type: 'code', text: text.slice(i + run, end).replace(/\n/g, ' ').trim() || ' ' });
        i = end + run;
        continue;
      }
      buf += fence;
      i += run;
      continue;
    }
    if ((c === '*' || c === '_') && text[i + 1] === c) {
      const end = text.indexOf(c + c, i + 2);
      if (end > i + 2 && !/\s/.test(text[i + 2])) {
        flush();
        out.push({ type: 'strong', children: parseInline(text.slice(i + 2, end), problems) });
        i = end + 2;
        continue;
      }
    }
    if ((c === '*' || c === '_') && text[i + 1] && !/\s/.test(text[i + 1]) && !(c === '_' && /\w/.test(text[i - 1] ?? ''))) {
      const end = findCloser(text, c, i + 1);
      if (end > 0) {
        flush();
        out.push({ type: 'em', children: parseInline(text.slice(i + 1, end), problems) });
        i = end + 1;
        continue;
      }
    }
    if (c === '[') {
      const close = text.indexOf('](', i + 1);
      const end = close > 0 ? closingParen(text, close + 2) : -1;
      if (close > 0 && end > 0 && !text.slice(i + 1, close).includes('[')) {
        flush();
        const label = parseInline(text.slice(i + 1, close), problems);
        const raw = text.slice(close + 2, end).trim();
        const href = safeHref(raw);
        if (href) out.push({ type: 'link', href, children: label });
        else {
          problems.push(`link target not allowed (use http, https, mailto or #anchor): ${excerpt(raw)}`);
          out.push(...label);
        }
        i = end + 1;
        continue;
      }
    }
    buf += c;
    i++;
  }
  flush();
  return out;
}

/** The `)` that ends a link target, counting nested parentheses (`javascript:alert(1)` is one target). */
function closingParen(text: string, from: number): number {
  let depth = 0;
  for (let j = from; j < text.length; j++) {
    if (text[j] === '(') depth++;
    else if (text[j] === ')') {
      if (depth === 0) return j;
      depth--;
    } else if (text[j] === '\n') return -1;
  }
  return -1;
}

/** The closing single `*`/`_` of an emphasis, not preceded by white space. */
function findCloser(text: string, c: string, from: number): number {
  for (let j = from + 1; j < text.length; j++) {
    if (text[j] === c && !/\s/.test(text[j - 1]) && text[j + 1] !== c) return j;
  }
  return -1;
}

function excerpt(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}

/** Plain text of inline nodes (for titles, screen readers and tests). */
export function inlineText(nodes: Inline[]): string {
  return nodes.map((n) => (n.type === 'text' || n.type === 'code' ? n.text : inlineText(n.children))).join('');
}
