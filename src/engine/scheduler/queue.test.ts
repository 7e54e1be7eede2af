import { describe, expect, it } from 'vitest';
import { Clock } from '../sim/clock';
import { Action } from './events';
import { Framework } from './framework';
import { SchedulingQueue } from './queue';
import { makeNode, makePod } from './testing';

const START = Date.UTC(2025, 0, 6, 9, 0, 0);

function setup() {
  const clock = new Clock(START);
  let kicks = 0;
  const q = new SchedulingQueue(clock, new Framework(), () => {
    kicks++;
  });
  const advance = (ms: number) => {
    const end = clock.now() + ms;
    while (clock.runNext(end));
    clock.moveTo(end);
  };
  return { clock, q, advance, kicks: () => kicks };
}

describe('SchedulingQueue', () => {
  it('pops by priority, then by arrival', () => {
    const { q } = setup();
    q.add(makePod('low-1', { priority: 0 }));
    q.add(makePod('high', { priority: 100 }));
    q.add(makePod('low-2', { priority: 0 }));
    expect([q.pop(), q.pop(), q.pop(), q.pop()].map((p) => p?.info.name)).toEqual(['high', 'low-1', 'low-2', undefined]);
  });

  it('backs off 1 s, 2 s, 4 s … up to 10 s after attempts that failed for no plugin', () => {
    const { q, advance } = setup();
    q.add(makePod('p'));
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const qp = q.pop();
      expect(qp?.attempts).toBe(i + 1);
      q.addUnschedulable(qp as never, new Set());
      expect(q.placement('default/p')).toBe('backoff');
      let waited = 0;
      while (q.placement('default/p') !== 'active') {
        advance(100);
        waited += 100;
      }
      waits.push(waited);
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);
  });

  it('keeps an unschedulable pod until an event one of its plugins cares about', () => {
    const { q, advance } = setup();
    q.add(makePod('p', { cpu: '3' }));
    const qp = q.pop();
    q.addUnschedulable(qp as never, new Set(['NodeResourcesFit', 'TaintToleration']));
    expect(q.placement('default/p')).toBe('unschedulable');
    // A tainted node too small for the pod, and a label change that frees nothing: no move.
    const taint = [{ key: 'k', effect: 'NoSchedule' as const }];
    q.onEvent({ resource: 'Node', action: Action.Add, label: 'NodeAdd' }, undefined, makeNode('small', { cpu: '2', taints: taint }));
    const n = makeNode('w', { cpu: '2', taints: [{ key: 'k', effect: 'NoSchedule' }] });
    q.onEvent({ resource: 'Node', action: Action.UpdateNodeLabel, label: 'NodeLabelChange' }, n, { ...n, metadata: { ...n.metadata, labels: { a: 'b' } } });
    expect(q.placement('default/p')).toBe('unschedulable');
    advance(5000);
    // The taint goes: TaintToleration says this may help.
    q.onEvent({ resource: 'Node', action: Action.UpdateNodeTaint, label: 'NodeTaintChange' }, n, makeNode('w', { cpu: '2' }));
    expect(q.placement('default/p')).toBe('active');
  });

  it('moves a pod rejected on a cordoned node when the node is uncordoned, after its backoff', () => {
    const { q, advance } = setup();
    q.add(makePod('p'));
    q.addUnschedulable(q.pop() as never, new Set(['NodeUnschedulable']));
    const cordoned = makeNode('w', { unschedulable: true });
    q.onEvent({ resource: 'Node', action: Action.UpdateNodeTaint, label: 'NodeSpecUnschedulableChange' }, cordoned, makeNode('w'));
    // Still inside its 1 s backoff: the backoff queue first.
    expect(q.placement('default/p')).toBe('backoff');
    advance(1000);
    expect(q.placement('default/p')).toBe('active');
  });

  it('moves a pod when an assigned pod that held its resources is deleted', () => {
    const { q } = setup();
    q.add(makePod('p'));
    q.addUnschedulable(q.pop() as never, new Set(['NodeResourcesFit']));
    q.onEvent({ resource: 'Pod', action: Action.Delete, label: 'AssignedPodDelete' }, makePod('unassigned'), undefined);
    expect(q.placement('default/p')).toBe('unschedulable');
    q.onEvent({ resource: 'Pod', action: Action.Delete, label: 'AssignedPodDelete' }, makePod('gone', { node: 'w' }), undefined);
    expect(q.placement('default/p')).toBe('backoff');
  });

  it('flushes pods that waited more than 5 minutes, at the next 30 s sweep', () => {
    const { q, advance, clock } = setup();
    advance(12_000); // fail at :12, so the 5 minutes end between two sweeps
    q.add(makePod('p'));
    q.addUnschedulable(q.pop() as never, new Set(['NodeResourcesFit']));
    const failedAt = clock.now();
    advance(5 * 60_000);
    expect(q.placement('default/p')).toBe('unschedulable');
    while (q.placement('default/p') === 'unschedulable') advance(1000);
    // Sweeps run every 30 s: the first one after 5 min 0 s has passed.
    expect(clock.now() - failedAt).toBe(5 * 60_000 + 18_000);
    expect(q.placement('default/p')).toBe('active');
  });

  it('an event during the attempt sends the pod to backoff rather than the pool', () => {
    const { q } = setup();
    q.add(makePod('p'));
    const qp = q.pop();
    q.onEvent({ resource: 'Node', action: Action.Add, label: 'NodeAdd' }, undefined, makeNode('new'));
    q.addUnschedulable(qp as never, new Set(['NodeResourcesFit']));
    expect(q.placement('default/p')).toBe('backoff');
  });

  it('keeps gated pods out until their gates are removed', () => {
    const { q } = setup();
    const gated = makePod('g', { spec: { schedulingGates: [{ name: 'example.com/wait' }] } });
    q.add(gated);
    expect(q.placement('default/g')).toBe('gated');
    expect(q.pop()).toBeUndefined();
    q.update(gated, makePod('g', { uid: gated.metadata.uid }));
    expect(q.pop()?.info.name).toBe('g');
  });

  it('snapshots and restores its pods', () => {
    const { q, clock } = setup();
    const a = makePod('a');
    const b = makePod('b');
    q.add(a);
    q.add(b);
    q.addUnschedulable(q.pop() as never, new Set(['NodeResourcesFit']));
    const snap = JSON.parse(JSON.stringify(q.snapshot()));
    const q2 = new SchedulingQueue(clock, new Framework(), () => {});
    q2.restore(snap, (key) => ({ 'default/a': a, 'default/b': b })[key]);
    expect(q2.placement('default/a')).toBe('unschedulable');
    expect(q2.pop()?.info.name).toBe('b');
  });
});
