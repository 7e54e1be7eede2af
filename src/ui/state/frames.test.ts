import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { perFrame } from './frames';

describe('perFrame', () => {
  let frames: (() => void)[] = [];
  beforeEach(() => {
    frames = [];
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', (f: () => void) => frames.push(f));
    vi.stubGlobal('cancelAnimationFrame', (id: number) => {
      frames[id - 1] = () => undefined;
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('hands over everything pushed within a frame once, in order, at the next frame', () => {
    const got: number[][] = [];
    const { push } = perFrame<number>((items) => got.push(items));
    push(1);
    push(2);
    push(3);
    expect(got).toEqual([]);
    expect(frames).toHaveLength(1);
    frames[0]();
    expect(got).toEqual([[1, 2, 3]]);
    push(4);
    frames[1]();
    expect(got).toEqual([[1, 2, 3], [4]]);
    // The frame's timer was cleared: nothing is handed over twice.
    vi.advanceTimersByTime(500);
    expect(got).toEqual([[1, 2, 3], [4]]);
  });

  it('without animation frames (a hidden tab) the timer hands the items over', () => {
    const got: string[][] = [];
    const { push } = perFrame<string>((items) => got.push(items), 100);
    push('a');
    push('b');
    vi.advanceTimersByTime(99);
    expect(got).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(got).toEqual([['a', 'b']]);
    // The frame that comes late finds nothing to hand over.
    frames[0]();
    expect(got).toEqual([['a', 'b']]);
  });

  it('flush hands over at once what is waiting (the first state, before the views draw)', () => {
    const got: number[][] = [];
    const feed = perFrame<number>((items) => got.push(items));
    feed.flush();
    expect(got).toEqual([]);
    feed.push(1);
    feed.flush();
    expect(got).toEqual([[1]]);
    vi.advanceTimersByTime(500);
    expect(got).toEqual([[1]]);
  });
});
