import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Clock, parseDuration } from './clock';

describe('Clock', () => {
  it('runs timers in due order, ties in the order they were set, and moves time to each', () => {
    const clock = new Clock(1000);
    const seen: [string, number][] = [];
    clock.handle('t', (timer) => seen.push([timer.event, clock.now()]));
    clock.at(3000, 't', 'c');
    clock.at(2000, 't', 'a');
    clock.at(2000, 't', 'b');
    while (clock.runNext(10_000));
    expect(seen).toEqual([
      ['a', 2000],
      ['b', 2000],
      ['c', 3000],
    ]);
  });

  it('never runs a timer due after the limit, nor a cancelled one', () => {
    const clock = new Clock(0);
    const seen: string[] = [];
    clock.handle('t', (timer) => seen.push(timer.event));
    clock.after(5, 't', 'early');
    const id = clock.after(6, 't', 'cancelled');
    clock.after(50, 't', 'late');
    clock.cancel(id);
    while (clock.runNext(10));
    expect(seen).toEqual(['early']);
    expect(clock.nextDue()).toBe(50);
  });

  it('a snapshot restores the queue exactly, including ids and order', () => {
    const a = new Clock(0);
    a.handle('t', () => {});
    for (let i = 0; i < 20; i++) a.after((i * 7) % 5, 't', `e${i}`, { i });
    a.cancel(3);
    const b = new Clock(0);
    b.restore(JSON.parse(JSON.stringify(a.snapshot())));
    const order = (c: Clock) => {
      const out: string[] = [];
      c.handle('t', (t) => out.push(`${t.event}@${t.due}`));
      while (c.runNext(100));
      return out;
    };
    expect(order(b)).toEqual(order(a));
  });

  it('timestamps are RFC 3339 at second precision', () => {
    expect(new Clock(Date.UTC(2025, 0, 6, 9, 0, 0, 999)).timestamp()).toBe('2025-01-06T09:00:00Z');
  });

  it('runs any set of timers in nondecreasing due order', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { maxLength: 60 }), (dues) => {
        const clock = new Clock(0);
        const ran: number[] = [];
        clock.handle('t', (t) => ran.push(t.due));
        for (const d of dues) clock.at(d, 't', 'x');
        while (clock.runNext(1000));
        expect(ran).toEqual([...dues].sort((x, y) => x - y));
      }),
    );
  });
});

describe('parseDuration reads Go durations', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['1.5s', 1500],
    ['0', 0],
  ])('%s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '5', 'abc', '5x', '1m30'])('rejects %j', (text) => {
    expect(() => parseDuration(text)).toThrow(/invalid duration/);
  });
});
