import { describe, expect, it } from 'vitest';
import { emptyLine, feed, type LineState, redraw, remember } from './lineeditor';

function typed(data: string, state: LineState = emptyLine()): LineState {
  const r = feed(state, data);
  expect(r.action).toBeUndefined();
  return r.state;
}

describe('line editor', () => {
  it('inserts at the cursor and moves with arrows, Home/End and ^A/^E', () => {
    let s = typed('kubectl get pods');
    s = typed('\x1b[D\x1b[D\x1b[D\x1b[D\x1b[Dx', s);
    expect([s.buffer, s.cursor]).toEqual(['kubectl getx pods', 12]);
    s = typed('\x01k \x05!', s);
    expect(s.buffer).toBe('k kubectl getx pods!');
    expect(s.cursor).toBe(s.buffer.length);
  });

  it('deletes: backspace, Delete, ^U, ^K, ^W, Alt+D', () => {
    expect(typed('abc\x7f').buffer).toBe('ab');
    expect(typed('abc\x01\x1b[3~').buffer).toBe('bc');
    expect(typed('abc def\x1b[D\x1b[D\x15').buffer).toBe('ef');
    expect(typed('abc def\x1b[D\x1b[D\x0b').buffer).toBe('abc d');
    expect(typed('get pods -n  \x17').buffer).toBe('get pods ');
    expect(typed('get pods\x01\x1bd').buffer).toBe(' pods');
    expect(typed('one two\x1b[1;5D\x1b[1;5D').cursor).toBe(0);
  });

  it('Enter submits and remembers; up/down browse the history and keep the draft', () => {
    let r = feed(emptyLine(), 'kubectl get pods\r');
    expect(r.action).toEqual({ kind: 'submit', line: 'kubectl get pods' });
    r = feed(r.state, 'sim status\r');
    let s = typed('half', r.state);
    s = typed('\x1b[A', s);
    expect(s.buffer).toBe('sim status');
    s = typed('\x1b[A\x1b[A', s);
    expect(s.buffer).toBe('kubectl get pods');
    s = typed('\x1b[B\x1b[B', s);
    expect(s.buffer).toBe('half');
    expect(s.cursor).toBe(4);
  });

  it('a paste with several lines submits one at a time and keeps the rest', () => {
    const r = feed(emptyLine(), 'k get ns\r\nk get pods\nrest');
    expect(r.action).toEqual({ kind: 'submit', line: 'k get ns' });
    expect(r.rest).toBe('k get pods\nrest');
  });

  it('^C abandons the line, ^L asks to clear, Tab asks to complete', () => {
    expect(feed(emptyLine(), 'abc\x03more')).toMatchObject({ action: { kind: 'cancel' }, rest: 'more', state: { buffer: '' } });
    expect(feed(emptyLine(), 'abc\x0c')).toMatchObject({ action: { kind: 'clear' }, state: { buffer: 'abc' } });
    expect(feed(emptyLine(), 'k get po\t')).toMatchObject({ action: { kind: 'complete' }, state: { buffer: 'k get po' } });
  });

  it('ignores unknown escape sequences', () => {
    expect(typed('a\x1b[15~b\x1b[1;2Pc').buffer).toBe('abc');
  });

  it('history skips blanks and repeats', () => {
    expect(remember(remember(remember([], 'a'), 'a'), '  ')).toEqual(['a']);
  });

  it('redraws a wrapped line from the prompt and puts the cursor back', () => {
    const prev = { buffer: 'abcdefgh', cursor: 8 };
    const next = { ...emptyLine(), buffer: 'abcdefghi', cursor: 3 };
    // prompt "$ " (2) + 8 chars on 5 columns: the cursor was on row 2.
    expect(redraw(prev, next, '$ ', 2, 5)).toBe('\x1b[2A\r\x1b[J$ abcdefghi\x1b[1A\r');
    // Exactly filling the row: force the wrap so the cursor is where the next character goes.
    expect(redraw({ buffer: '', cursor: 0 }, { ...emptyLine(), buffer: 'abc', cursor: 3 }, '$ ', 2, 5)).toBe('\r\x1b[J$ abc \r');
    expect(redraw({ buffer: '', cursor: 0 }, { ...emptyLine(), buffer: 'ab', cursor: 2 }, '$ ', 2, 80)).toBe('\r\x1b[J$ ab');
    expect(redraw({ buffer: 'ab', cursor: 2 }, { ...emptyLine(), buffer: 'ab', cursor: 1 }, '$ ', 2, 80)).toBe('\r\x1b[J$ ab\r\x1b[3C');
  });
});
