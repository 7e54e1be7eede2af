import type { Event } from 'kubernetes-types/core/v1';
import type { Stored } from '../../engine/api/types';
import type { Ctx } from '../command';
import { parseFormat } from '../output/format';
import { ObjectPrinter } from '../output/print';
import { FOREVER_MS } from '../poll';
import { tabwrite } from '../printers/tabwriter';
import { eventHeader } from './events';
import { WATCH_QUIET_MS } from './getwatch';

/**
 * `kubectl events --watch`: kubectl watches without a list first, so the events there now come
 * as the watch's first ADDED events (in the server's order, not sorted), then every event
 * recorded or updated (a repeat raises its count) as it happens. Deleted events (expired after
 * an hour) are not printed. The header goes with the first row; each row is flushed on its own,
 * so rows are aligned one by one, as kubectl's tab writer does.
 *
 * In the terminal it runs until Ctrl-C; headless (nothing can interrupt, sleeping advances the
 * clock at once) it ends after WATCH_QUIET_MS without a new event, as `get -w` does.
 */
export async function watchEvents(ctx: Ctx, namespace: string | undefined, matches: (e: Event) => boolean, row: (e: Stored<Event>) => string): Promise<void> {
  const f = ctx.flags;
  const format = parseFormat(ctx);
  const objects = format.type === 'default' ? undefined : new ObjectPrinter(ctx, format);
  let header = !f.bool('no-headers');
  const pending: Stored<Event>[] = [];
  const print = () => {
    let out = '';
    for (const e of pending.splice(0)) {
      if (objects) {
        objects.print(e, '');
        continue;
      }
      out += tabwrite(`${header ? eventHeader(f.bool('all-namespaces')) : ''}${row(e)}`);
      header = false;
    }
    if (out) ctx.io.out(out);
  };
  const stop = ctx.api.watch<Event>('events', namespace, {}, (e) => {
    if (e.type !== 'DELETED' && matches(e.object)) pending.push(e.object as Stored<Event>);
  });
  try {
    const interactive = !!ctx.env.waitForInterrupt;
    const start = ctx.now();
    let last = start;
    for (;;) {
      if (pending.length) {
        print();
        last = ctx.now();
      }
      const now = ctx.now();
      if (now - start >= FOREVER_MS || (!interactive && now - last >= WATCH_QUIET_MS)) return;
      await ctx.env.sleep(1000);
    }
  } finally {
    stop();
  }
}
