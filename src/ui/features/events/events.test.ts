import type { Event } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { eventsFor, lastSeen, objectRef, recentEvents } from './events';

const ev = (name: string, at: string, over: Partial<Event> = {}): Event => ({
  metadata: { name, namespace: 'default' },
  involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'default', uid: 'u1' },
  reason: 'Pulled',
  message: 'ok',
  type: 'Normal',
  lastTimestamp: at,
  ...over,
});

describe('events', () => {
  it('last seen prefers the series, then lastTimestamp, then eventTime', () => {
    expect(lastSeen(ev('a', '2025-01-06T09:00:00Z'))).toBe(Date.UTC(2025, 0, 6, 9));
    expect(lastSeen({ involvedObject: {}, metadata: {}, eventTime: '2025-01-06T09:00:01.000000Z' })).toBe(Date.UTC(2025, 0, 6, 9, 0, 1));
    expect(lastSeen({ involvedObject: {}, metadata: {} })).toBe(0);
  });
  it('object column and newest-first listing with filters', () => {
    const list = [ev('a', '2025-01-06T09:00:00Z'), ev('b', '2025-01-06T09:01:00Z', { type: 'Warning' }), ev('c', '2025-01-06T09:02:00Z', { metadata: { name: 'c', namespace: 'kube-system' } })];
    expect(objectRef(list[0])).toBe('pod/web-1');
    expect(recentEvents(list).map((e) => e.metadata?.name)).toEqual(['c', 'b', 'a']);
    expect(recentEvents(list, { warningsOnly: true }).map((e) => e.metadata?.name)).toEqual(['b']);
    expect(recentEvents(list, { namespace: 'default', limit: 1 }).map((e) => e.metadata?.name)).toEqual(['b']);
  });
  it('events for one object, by uid or by name', () => {
    const list = [ev('b', '2025-01-06T09:01:00Z'), ev('a', '2025-01-06T09:00:00Z'), ev('x', '2025-01-06T09:00:00Z', { involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'default', uid: 'old' } })];
    expect(eventsFor(list, { kind: 'Pod', name: 'web-1', namespace: 'default', uid: 'u1' }).map((e) => e.metadata?.name)).toEqual(['a', 'b']);
    expect(eventsFor(list, { kind: 'Pod', name: 'web-1', namespace: 'default' })).toHaveLength(3);
    expect(eventsFor(list, { kind: 'Node', name: 'web-1' })).toHaveLength(0);
  });
});
