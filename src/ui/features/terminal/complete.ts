import type { LineState } from './lineeditor';

export interface CompletionResult {
  state: LineState;
  /** Several candidates and nothing more to insert: show them, as a shell does on a second Tab. */
  list?: string[];
}

function commonPrefix(values: string[]): string {
  let p = values[0] ?? '';
  for (const v of values) while (!v.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/** Put a completion into the line: the only candidate (and a space), else as much as all candidates share. */
export function applyCompletion(state: LineState, candidates: readonly string[]): CompletionResult {
  const values = [...new Set(candidates)];
  const start = state.buffer.lastIndexOf(' ', state.cursor - 1) + 1;
  const partial = state.buffer.slice(start, state.cursor);
  const matching = values.filter((v) => v.startsWith(partial));
  if (!matching.length) return { state };
  const insert = (text: string): LineState => {
    const buffer = state.buffer.slice(0, start) + text + state.buffer.slice(state.cursor);
    return { ...state, buffer, cursor: start + text.length };
  };
  if (matching.length === 1) {
    const v = matching[0];
    const open = v.endsWith('=') || v.endsWith('/');
    const next = state.buffer[state.cursor];
    return { state: insert(open || next === ' ' ? v : `${v} `) };
  }
  const shared = commonPrefix(matching);
  if (shared.length > partial.length) return { state: insert(shared) };
  return { state, list: matching };
}

/** Candidates laid out in columns across the terminal's width, as bash lists them. */
export function columns(values: readonly string[], width: number): string {
  const w = Math.max(...values.map((v) => v.length)) + 2;
  const perRow = Math.max(1, Math.floor(width / w));
  const rows = Math.ceil(values.length / perRow);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < perRow; c++) {
      const v = values[c * rows + r];
      if (v !== undefined) line += v.padEnd(w);
    }
    lines.push(line.trimEnd());
  }
  return `${lines.join('\n')}\n`;
}
