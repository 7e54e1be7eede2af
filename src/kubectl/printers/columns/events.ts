import type { Event } from 'kubernetes-types/core/v1';
import type { KObject } from '../../../engine/api/types';
import { translateTimestampSince } from '../duration';
import { as, kindSlashName } from './common';
import type { ColumnDef } from './types';

/** FIRST SEEN: firstTimestamp, or eventTime for events from the events.k8s.io API. */
function firstSeen(ev: Event, now: number): string {
  if (ev.firstTimestamp) return translateTimestampSince(ev.firstTimestamp, now);
  return translateTimestampSince(ev.eventTime, now);
}

/** LAST SEEN: the series' last observation, else lastTimestamp, else the first sighting. */
function lastSeen(ev: Event, now: number): string {
  if (ev.series) return translateTimestampSince(ev.series.lastObservedTime, now);
  if (ev.lastTimestamp) return translateTimestampSince(ev.lastTimestamp, now);
  return firstSeen(ev, now);
}

function count(ev: Event): string {
  if (ev.series) return String(ev.series.count ?? 0);
  // Singleton events of the newer API carry no count.
  return String(ev.count || 1);
}

/** `component, host`, falling back to reportingController / reportingInstance. */
function source(ev: Event): string {
  const component = ev.source?.component || ev.reportingComponent || '';
  const instance = ev.source?.host || ev.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

export const eventColumns: ColumnDef[] = [
  { name: 'Last Seen', cell: (o, now) => lastSeen(as<Event>(o), now) },
  { name: 'Type', cell: (o) => as<Event>(o).type ?? '' },
  { name: 'Reason', cell: (o) => as<Event>(o).reason ?? '' },
  {
    name: 'Object',
    cell: (o) => kindSlashName(as<Event>(o).involvedObject?.kind ?? '', as<Event>(o).involvedObject?.name),
  },
  {
    name: 'Subobject',
    wide: true,
    cell: (o) => as<Event>(o).involvedObject?.fieldPath ?? '',
  },
  { name: 'Source', wide: true, cell: (o) => source(as<Event>(o)) },
  { name: 'Message', cell: (o) => (as<Event>(o).message ?? '').trim() },
  {
    name: 'First Seen',
    wide: true,
    cell: (o, now) => firstSeen(as<Event>(o), now),
  },
  { name: 'Count', wide: true, cell: (o) => count(as<Event>(o)) },
  {
    name: 'Name',
    wide: true,
    format: 'name',
    cell: (o) => o.metadata?.name ?? '',
  },
];

/** An events.k8s.io/v1 Event seen through the core/v1 field names the printer reads. */
export function coreEventView(o: KObject): Event {
  const e = o as unknown as Record<string, unknown>;
  return {
    metadata: o.metadata ?? {},
    involvedObject: (e.regarding ?? {}) as Event['involvedObject'],
    message: e.note as string | undefined,
    reason: e.reason as string | undefined,
    type: e.type as string | undefined,
    eventTime: e.eventTime as string | undefined,
    series: e.series as Event['series'],
    reportingComponent: e.reportingController as string | undefined,
    reportingInstance: e.reportingInstance as string | undefined,
    source: e.deprecatedSource as Event['source'],
    firstTimestamp: e.deprecatedFirstTimestamp as string | undefined,
    lastTimestamp: e.deprecatedLastTimestamp as string | undefined,
    count: e.deprecatedCount as number | undefined,
  };
}

/** The same table for events.k8s.io/v1 objects: the server converts them to the core shape. */
export const eventsV1Columns: ColumnDef[] = eventColumns.map((c) => ({
  ...c,
  cell: (o, now, opts) => c.cell(coreEventView(o) as unknown as KObject, now, opts),
}));
