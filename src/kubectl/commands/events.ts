import type { Event } from 'kubernetes-types/core/v1';
import type { Stored } from '../../engine/api/types';
import type { Command, Ctx } from '../command';
import { usageError } from '../errors';
import { help } from '../help/events';
import { parseFormat } from '../output/format';
import { ObjectPrinter } from '../output/print';
import { humanDuration } from '../printers/duration';
import { tabwrite } from '../printers/tabwriter';
import { mappingFor } from '../resource/mapping';
import { watchEvents } from './eventswatch';

function since(ctx: Ctx, ts: string | null | undefined): string {
  if (!ts) return '<unknown>';
  return humanDuration(ctx.now() - Date.parse(ts));
}

/** LAST SEEN as kubectl events and describe show it: `5s`, or `5s (x3 over 2m)`. */
export function eventInterval(ctx: Ctx, e: Event): string {
  const first = e.eventTime ? since(ctx, e.eventTime) : since(ctx, e.firstTimestamp);
  if (e.series) return `${since(ctx, e.series.lastObservedTime)} (x${e.series.count} over ${first})`;
  if ((e.count ?? 0) > 1) return `${since(ctx, e.lastTimestamp)} (x${e.count} over ${first})`;
  return first;
}

const eventTime = (e: Event) => Date.parse(e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? '') || 0;
const esc = (s: string | undefined) => (s ?? '').replaceAll('\x1b', '^[').replaceAll('\r', '\\r');

export const eventsCommand: Command = {
  name: 'events',
  help,
  async run(ctx) {
    const f = ctx.flags;
    const types = f.strings('types');
    for (const t of types) {
      if (t.toLowerCase() !== 'normal' && t.toLowerCase() !== 'warning') throw new Error('valid --types are Normal or Warning');
    }
    if (ctx.args.length) throw usageError(ctx.path, `unexpected args: [${ctx.args.join(' ')}]`);
    const allNamespaces = f.bool('all-namespaces');
    let filter: ((e: Event) => boolean) | undefined;
    const forObject = f.string('for');
    if (forObject) {
      const parts = forObject.split('/');
      if (parts.length !== 2) {
        if (parts.length > 2) throw new Error('arguments in resource/name form may not have more than one slash');
        throw new Error('--for must be in resource/name form');
      }
      const rt = mappingFor(ctx.cluster.registry, parts[0].toLowerCase());
      const apiVersion = rt.group ? `${rt.group}/${rt.version}` : rt.version;
      filter = (e) => e.involvedObject.kind === rt.kind && e.involvedObject.apiVersion === apiVersion && e.involvedObject.name === parts[1];
    }
    const matches = (e: Event) => (!types.length || types.some((t) => t.toLowerCase() === (e.type ?? '').toLowerCase())) && (!filter || filter(e));
    if (f.bool('watch')) {
      await watchEvents(ctx, allNamespaces ? undefined : ctx.namespace, matches, (e) => eventRow(ctx, e, allNamespaces));
      return;
    }
    let events = ctx.api.list<Event>('events', allNamespaces ? undefined : ctx.namespace).items as Stored<Event>[];
    events = events.filter(matches);
    if (!events.length) {
      ctx.io.err(allNamespaces ? 'No events found.\n' : `No events found in ${ctx.namespace} namespace.\n`);
      return;
    }
    events = [...events].sort((a, b) => eventTime(a) - eventTime(b));
    const format = parseFormat(ctx);
    if (format.type !== 'default') {
      const printer = new ObjectPrinter(ctx, format);
      printer.print({ apiVersion: 'v1', kind: 'EventList', metadata: {}, items: events } as never, '');
      return;
    }
    let text = '';
    if (!f.bool('no-headers')) text += eventHeader(allNamespaces);
    for (const e of events) text += eventRow(ctx, e, allNamespaces);
    ctx.io.out(tabwrite(text));
  },
};

export const eventHeader = (allNamespaces: boolean) => `${allNamespaces ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`;

/** One line of kubectl's event table (tab-separated, before alignment). */
function eventRow(ctx: Ctx, e: Stored<Event>, allNamespaces: boolean): string {
  const ns = allNamespaces ? `${e.metadata.namespace}\t` : '';
  return `${ns}${eventInterval(ctx, e)}\t${esc(e.type)}\t${esc(e.reason)}\t${esc(e.involvedObject.kind)}/${esc(e.involvedObject.name)}\t${esc((e.message ?? '').trim())}\n`;
}
