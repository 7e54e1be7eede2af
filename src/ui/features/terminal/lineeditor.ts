/**
 * A line editor for the terminal, as a shell's readline does it: insert and delete at the
 * cursor, word and line kills, history with up/down, ^C and ^L. Pure: it takes what xterm
 * sends (keys arrive as characters and escape sequences) and returns what to draw.
 */
export interface LineState {
  buffer: string;
  cursor: number;
  history: readonly string[];
  /** Where up/down is in the history; history.length means the line being typed. */
  index: number;
  /** The line being typed, kept while browsing the history. */
  draft: string;
}

export type LineAction = { kind: 'submit'; line: string } | { kind: 'cancel' } | { kind: 'clear' } | { kind: 'complete' };

export interface FeedResult {
  state: LineState;
  /** The action that stopped the feed, if any; `rest` is what was not consumed yet. */
  action?: LineAction;
  rest: string;
}

export const HISTORY_LIMIT = 500;

export function emptyLine(history: readonly string[] = []): LineState {
  return { buffer: '', cursor: 0, history, index: history.length, draft: '' };
}

const ESCAPES: Record<string, string> = {
  '\x1b[D': 'left',
  '\x1b[C': 'right',
  '\x1b[A': 'up',
  '\x1b[B': 'down',
  '\x1bOD': 'left',
  '\x1bOC': 'right',
  '\x1bOA': 'up',
  '\x1bOB': 'down',
  '\x1b[H': 'home',
  '\x1b[F': 'end',
  '\x1bOH': 'home',
  '\x1bOF': 'end',
  '\x1b[1~': 'home',
  '\x1b[4~': 'end',
  '\x1b[3~': 'delete',
  '\x1b[1;5D': 'wordLeft',
  '\x1b[1;5C': 'wordRight',
  '\x1b[1;3D': 'wordLeft',
  '\x1b[1;3C': 'wordRight',
  '\x1bb': 'wordLeft',
  '\x1bf': 'wordRight',
  '\x1b\x7f': 'killWordBack',
  '\x1bd': 'killWordForward',
};

/** The length of the escape sequence at the start of `s` (CSI, SS3 or Alt+key). */
function escapeLength(s: string): number {
  if (s.length < 2) return s.length;
  if (s[1] === '[') {
    let i = 2;
    while (i < s.length && /[0-9;?]/.test(s[i])) i++;
    return Math.min(i + 1, s.length);
  }
  if (s[1] === 'O') return Math.min(3, s.length);
  return 2;
}

function wordLeft(buf: string, cur: number): number {
  let i = cur;
  while (i > 0 && buf[i - 1] === ' ') i--;
  while (i > 0 && buf[i - 1] !== ' ') i--;
  return i;
}

function wordRight(buf: string, cur: number): number {
  let i = cur;
  while (i < buf.length && buf[i] === ' ') i++;
  while (i < buf.length && buf[i] !== ' ') i++;
  return i;
}

function edit(s: LineState, buffer: string, cursor: number): LineState {
  return { ...s, buffer, cursor };
}

function browse(s: LineState, index: number): LineState {
  if (index < 0 || index > s.history.length || index === s.index) return s;
  const draft = s.index === s.history.length ? s.buffer : s.draft;
  const buffer = index === s.history.length ? draft : s.history[index];
  return { ...s, index, draft, buffer, cursor: buffer.length };
}

function step(s: LineState, key: string): LineState {
  const { buffer: b, cursor: c } = s;
  switch (key) {
    case 'left':
      return edit(s, b, Math.max(0, c - 1));
    case 'right':
      return edit(s, b, Math.min(b.length, c + 1));
    case 'home':
      return edit(s, b, 0);
    case 'end':
      return edit(s, b, b.length);
    case 'wordLeft':
      return edit(s, b, wordLeft(b, c));
    case 'wordRight':
      return edit(s, b, wordRight(b, c));
    case 'up':
      return browse(s, s.index - 1);
    case 'down':
      return browse(s, s.index + 1);
    case 'backspace':
      return c > 0 ? edit(s, b.slice(0, c - 1) + b.slice(c), c - 1) : s;
    case 'delete':
      return c < b.length ? edit(s, b.slice(0, c) + b.slice(c + 1), c) : s;
    case 'killStart':
      return edit(s, b.slice(c), 0);
    case 'killEnd':
      return edit(s, b.slice(0, c), c);
    case 'killWordBack': {
      const w = wordLeft(b, c);
      return edit(s, b.slice(0, w) + b.slice(c), w);
    }
    case 'killWordForward': {
      const w = wordRight(b, c);
      return edit(s, b.slice(0, c) + b.slice(w), c);
    }
    default:
      return s;
  }
}

const CONTROL: Record<string, string> = {
  '\x7f': 'backspace',
  '\b': 'backspace',
  '\x01': 'home',
  '\x05': 'end',
  '\x02': 'left',
  '\x06': 'right',
  '\x10': 'up',
  '\x0e': 'down',
  '\x15': 'killStart',
  '\x0b': 'killEnd',
  '\x17': 'killWordBack',
  '\x04': 'delete',
};

/** Add a submitted line to the history (not blanks, not a repeat of the last one), keeping the last HISTORY_LIMIT. */
export function remember(history: readonly string[], line: string): readonly string[] {
  if (!line.trim() || history[history.length - 1] === line) return history;
  return [...history, line].slice(-HISTORY_LIMIT);
}

/** Feed what the terminal sent; stop at the first action (Enter, ^C, ^L, Tab). */
export function feed(state: LineState, data: string): FeedResult {
  let s = state;
  let i = 0;
  while (i < data.length) {
    const ch = data[i];
    if (ch === '\r' || ch === '\n') {
      // A pasted CRLF is one Enter.
      const next = ch === '\r' && data[i + 1] === '\n' ? i + 2 : i + 1;
      const line = s.buffer;
      const history = remember(s.history, line);
      return { state: emptyLine(history), action: { kind: 'submit', line }, rest: data.slice(next) };
    }
    if (ch === '\x03') return { state: emptyLine(s.history), action: { kind: 'cancel' }, rest: data.slice(i + 1) };
    if (ch === '\x0c') return { state: s, action: { kind: 'clear' }, rest: data.slice(i + 1) };
    if (ch === '\t') return { state: s, action: { kind: 'complete' }, rest: data.slice(i + 1) };
    if (ch === '\x1b') {
      const n = escapeLength(data.slice(i));
      const key = ESCAPES[data.slice(i, i + n)];
      if (key) s = step(s, key);
      i += n;
      continue;
    }
    const control = CONTROL[ch];
    if (control) s = step(s, control);
    else if (ch >= ' ') {
      // Insert the run of plain characters at once (a paste can be long).
      let j = i;
      while (j < data.length && data[j] >= ' ' && data[j] !== '\x7f') j++;
      const text = data.slice(i, j);
      s = edit(s, s.buffer.slice(0, s.cursor) + text + s.buffer.slice(s.cursor), s.cursor + text.length);
      i = j;
      continue;
    }
    i++;
  }
  return { state: s, rest: '' };
}

/** Columns a string takes in the terminal (East Asian wide characters take two). */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    w += (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) || (cp >= 0x20000 && cp <= 0x3fffd) ? 2 : 1;
  }
  return w;
}

/**
 * What to write to redraw the input line after an edit: go back to where the prompt starts
 * (the line may wrap over several rows), erase, draw prompt and buffer, put the cursor in place.
 * `prevCursor` is where the cursor was drawn, in characters after the prompt.
 */
export function redraw(prev: { buffer: string; cursor: number }, next: LineState, prompt: string, promptWidth: number, cols: number): string {
  const width = Math.max(1, cols);
  const prevPos = promptWidth + displayWidth(prev.buffer.slice(0, prev.cursor));
  let out = '';
  const up = Math.floor(prevPos / width);
  if (up > 0) out += `\x1b[${up}A`;
  out += '\r\x1b[J';
  out += prompt + next.buffer;
  const endPos = promptWidth + displayWidth(next.buffer);
  // At the very end of a full row the cursor waits at the last column: make it wrap now.
  if (endPos > 0 && endPos % width === 0) out += ' \r';
  const curPos = promptWidth + displayWidth(next.buffer.slice(0, next.cursor));
  const rowsBack = Math.floor(endPos / width) - Math.floor(curPos / width);
  const col = curPos % width;
  if (rowsBack > 0 || col !== endPos % width) {
    if (rowsBack > 0) out += `\x1b[${rowsBack}A`;
    out += '\r';
    if (col > 0) out += `\x1b[${col}C`;
  }
  return out;
}
