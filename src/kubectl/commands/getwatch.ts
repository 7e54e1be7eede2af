import type { KObject, Stored } from '../../engine/api/types';
import type { ResourceType } from '../../engine/apiserver/registry';
import type { Ctx } from '../command';
import { tableColumns } from '../output/columns';
import type { Format } from '../output/format';
import { ObjectPrinter } from '../output/print';
import { FOREVER_MS } from '../poll';
import type { ColumnDef } from '../printers/columns/types';
import { formatLabels, labelColumnHeader } from '../printers/labels';
import { escapeCell } from '../printers/table';
import { TabWriter } from '../printers/tabwriter';
import { buildTargets, throwIfAny, visitTargets } from '../resource/builder';
import { kindPrefix } from '../resource/mapping';

/**
 * How long a watch goes on with nothing to report before the sandbox ends it: a terminal here
 * has no Ctrl-C, and the point of `-w` is to see what happens next.
 */
export const WATCH_QUIET_MS = 60_000;

type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** Prints objects as `get --watch` does: table rows under one header, widths that only grow. */
class WatchPrinter {
  private readonly tab = new TabWriter();
  private headerDone: boolean;
  private readonly columns: ColumnDef[];
  private readonly objects: ObjectPrinter | undefined;

  constructor(
    private readonly ctx: Ctx,
    private readonly rt: ResourceType,
    private readonly format: Format,
  ) {
    const f = ctx.flags;
    this.headerDone = f.bool('no-headers');
    this.columns = tableColumns(ctx, rt).filter((c) => format.type === 'wide' || !c.wide);
    this.objects = format.type === 'default' || format.type === 'wide' ? undefined : new ObjectPrinter(ctx, format);
  }

  print(obj: KObject, event: EventType): void {
    const f = this.ctx.flags;
    const events = f.bool('output-watch-events');
    if (this.objects) {
      this.objects.print(events ? ({ type: event, object: obj } as unknown as KObject) : obj, '');
      return;
    }
    const labelKeys = f.strings('label-columns');
    const withNamespace = f.bool('all-namespaces') && this.rt.namespaced;
    const nameColumn = this.columns.find((c) => c.format === 'name');
    const prefix = f.bool('show-kind') ? kindPrefix(this.rt) : undefined;
    let text = '';
    if (!this.headerDone) {
      const headers = this.columns.map((c) => c.name.toUpperCase());
      if (withNamespace) headers.unshift('NAMESPACE');
      if (events) headers.unshift('EVENT');
      headers.push(...labelKeys.map(labelColumnHeader));
      if (f.bool('show-labels')) headers.push('LABELS');
      text += `${headers.join('\t')}\n`;
      this.headerDone = true;
    }
    const cells = this.columns.map((c) => {
      const value = c.cell(obj, this.ctx.now(), { wide: this.format.type === 'wide' });
      return c === nameColumn && prefix ? `${prefix}/${value}` : value;
    });
    if (withNamespace) cells.unshift(obj.metadata?.namespace ?? '');
    if (events) cells.unshift(event);
    const labels = obj.metadata?.labels ?? {};
    cells.push(...labelKeys.map((k) => labels[k] ?? ''));
    if (f.bool('show-labels')) cells.push(formatLabels(labels));
    text += `${cells.map(escapeCell).join('\t')}\n`;
    this.tab.write(text);
    this.ctx.io.out(this.tab.flush());
  }
}

/**
 * `kubectl get -w`: the current objects, then a row for every change while simulated time
 * passes, until nothing changed for WATCH_QUIET_MS (or --request-timeout ends the watch).
 */
export async function watchGet(ctx: Ctx, format: Format): Promise<void> {
  const f = ctx.flags;
  const allNamespaces = f.bool('all-namespaces');
  const built = buildTargets(ctx, ctx.args, {
    namespace: ctx.namespace,
    explicitNamespace: ctx.explicitNamespace && !allNamespaces,
    allNamespaces,
    labelSelector: f.string('selector'),
    fieldSelector: f.string('field-selector'),
    allowEmptySelector: true,
    filenames: f.strings('filename'),
    recursive: f.bool('recursive'),
    singleResourceType: true,
  });
  const { visited, errors } = visitTargets(ctx, built);
  throwIfAny(errors);
  if (new Set(visited.map((v) => v.target.rt)).size > 1 || visited.length > 1) {
    throw new Error('watch is only supported on individual resources and resource collections - more than 1 resource was found');
  }
  if (!visited.length) return;
  const { target, objects } = visited[0];
  const printer = new WatchPrinter(ctx, target.rt, format);
  const single = target.by !== 'selector';
  if (!f.bool('watch-only')) for (const obj of objects) printer.print(obj, 'ADDED');

  const pending: { type: EventType; object: Stored }[] = [];
  const namespace = target.namespace || undefined;
  const opts = single
    ? { fieldSelector: `metadata.name=${objects[0]?.metadata.name ?? ''}` }
    : { labelSelector: f.string('selector') || undefined, fieldSelector: f.string('field-selector') || undefined };
  let skipSynthetic = single;
  const stop = ctx.api.watch(target.rt, namespace, opts, (e) => {
    // A watch on one object starts with an ADDED event for it, which kubectl does not print.
    if (skipSynthetic) {
      skipSynthetic = false;
      return;
    }
    pending.push({ type: e.type as EventType, object: e.object });
  });
  skipSynthetic = false;
  if (!single) pending.length = 0;
  try {
    const timeout = f.duration('request-timeout');
    const start = ctx.now();
    let lastChange = start;
    for (;;) {
      while (pending.length) {
        const e = pending.shift() as { type: EventType; object: Stored };
        printer.print(e.object, e.type);
        lastChange = ctx.now();
      }
      const now = ctx.now();
      if (timeout > 0 && now - start >= timeout) return;
      if (now - start >= FOREVER_MS || now - lastChange >= WATCH_QUIET_MS) return;
      await ctx.env.sleep(1000);
    }
  } finally {
    stop();
  }
}
