import { describe, expect, it } from 'vitest';
import { Clock } from '../sim/clock';
import { WorkQueue } from './workqueue';

describe('WorkQueue', () => {
  it('deduplicates keys and drains in order', () => {
    const q = new WorkQueue('q', new Clock(0));
    q.add('a');
    q.add('b');
    q.add('a');
    expect(q.drain()).toEqual(['a', 'b']);
    expect(q.drain()).toEqual([]);
  });

  it('delays on the simulated clock; the earliest delay wins', () => {
    const clock = new Clock(0);
    const q = new WorkQueue('q', clock);
    q.addAfter('k', 5000);
    q.addAfter('k', 2000);
    q.addAfter('k', 9000);
    while (clock.runNext(1999));
    expect(q.length()).toBe(0);
    while (clock.runNext(2000));
    expect(q.drain()).toEqual(['k']);
    while (clock.runNext(100_000));
    expect(q.length()).toBe(0);
  });

  it('backs off exponentially per key until forgotten', () => {
    const clock = new Clock(0);
    const q = new WorkQueue('q', clock);
    const due: number[] = [];
    for (let i = 0; i < 4; i++) {
      q.addRateLimited('k');
      while (!q.length() && clock.runNext(Number.MAX_SAFE_INTEGER));
      due.push(clock.now());
      q.drain();
    }
    expect(due).toEqual([5, 15, 35, 75]);
    q.forget('k');
    q.addRateLimited('k');
    expect(clock.nextDue()).toBe(80);
  });
});
