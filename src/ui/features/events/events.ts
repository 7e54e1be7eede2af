import type { Event } from 'kubernetes-types/core/v1';
import type { KObject } from '../../../engine/api/types';

/** When an event was last seen (ms), as kubectl's LAST SEEN column takes it. */
export function lastSeen(e: Event): number {
  const t = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp;
  return t ? Date.parse(t) : 0;
}

/** The OBJECT column: `pod/web-7d4b9c8f5d-x2kq9`. */
export function objectRef(e: Event): string {
  return `${(e.involvedObject?.kind ?? '').toLowerCase()}/${e.involvedObject?.name ?? ''}`;
}

/** Newest first, at most `limit`; ties keep a stable order by name. */
export function recentEvents(events: Iterable<KObject>, opts: { limit?: number; warningsOnly?: boolean; namespace?: string } = {}): Event[] {
  // Thousands of events with a big cluster: parse each time once, not once per comparison.
  const keyed: { e: Event; t: number; name: string }[] = [];
  for (const o of events) {
    const e = o as Event;
    if ((opts.warningsOnly && e.type !== 'Warning') || (opts.namespace && e.metadata?.namespace !== opts.namespace)) continue;
    keyed.push({ e, t: lastSeen(e), name: e.metadata?.name ?? '' });
  }
  keyed.sort((a, b) => b.t - a.t || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return keyed.slice(0, opts.limit ?? 200).map((k) => k.e);
}

/** The events about one object (by uid when known, else kind, namespace and name), oldest first as describe lists them. */
export function eventsFor(events: Iterable<KObject>, target: { kind: string; name: string; namespace?: string; uid?: string }): Event[] {
  return ([...events] as Event[])
    .filter((e) => {
      const o = e.involvedObject;
      if (!o) return false;
      if (target.uid && o.uid) return o.uid === target.uid;
      return o.kind === target.kind && o.name === target.name && (o.namespace ?? '') === (target.namespace ?? '');
    })
    .sort((a, b) => lastSeen(a) - lastSeen(b));
}
