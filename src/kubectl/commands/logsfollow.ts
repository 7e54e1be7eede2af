import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import type { Stored } from '../../engine/api/types';
import type { Ctx } from '../command';
import { FOREVER_MS } from '../poll';
import { WATCH_QUIET_MS } from './getwatch';
import type { KubeletApi } from './pods';

/** One container log `kubectl logs -f` follows, and what goes before each of its lines (--prefix). */
export interface LogStream {
  pod: Stored<Pod>;
  container: string;
  prefix: string;
  /** Bytes of it already printed before the follow began (they count against --limit-bytes). */
  printed?: number;
}

/** Where a stream has read up to: the time of its last line and how many lines carry that time. */
interface Cursor {
  time: number;
  sameTime: number;
  restarts: number;
  bytesLeft: number;
}

interface Line {
  time: number;
  text: string;
}

// `--timestamps` writes RFC 3339 with nanoseconds, which the kubelet derives from milliseconds.
const STAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3})\d{6}Z (.*)$/;

function statusOf(pod: Pod | undefined, container: string): ContainerStatus | undefined {
  return [...(pod?.status?.containerStatuses ?? []), ...(pod?.status?.initContainerStatuses ?? [])].find((s) => s.name === container);
}

/** The stream's lines after its cursor, read from the kubelet with timestamps (which place them in time). */
function readNew(ctx: Ctx, kubelet: KubeletApi, s: LogStream, cur: Cursor, previous: boolean): Line[] {
  const ns = s.pod.metadata.namespace ?? ctx.namespace;
  // Only the last seconds are asked for: the cursor's line and what came after it.
  const sinceSeconds = Math.max(1, Math.ceil((ctx.now() - cur.time) / 1000) + 1);
  let text: string;
  try {
    text = kubelet.logs(ns, s.pod.metadata.name, s.container, {
      timestamps: true,
      previous,
      sinceSeconds: cur.time > 0 ? sinceSeconds : undefined,
    });
  } catch {
    // The pod went away or its node stopped answering: the stream ends, as the connection would.
    return [];
  }
  const out: Line[] = [];
  let seenAtCursor = 0;
  for (const raw of text.split('\n')) {
    const m = STAMP.exec(raw);
    if (!m) continue;
    const time = Date.parse(`${m[1]}Z`);
    if (time < cur.time) continue;
    if (time === cur.time && seenAtCursor++ < cur.sameTime) continue;
    out.push({ time, text: ctx.flags.bool('timestamps') ? raw : m[2] });
  }
  for (const l of out) {
    cur.sameTime = l.time === cur.time ? cur.sameTime + 1 : 1;
    cur.time = l.time;
  }
  return out;
}

/**
 * `kubectl logs -f`: after what was already printed, the lines each container writes as they are
 * written, until every followed container has terminated (exit 0, as kubectl does when the
 * kubelet closes the stream). In the terminal Ctrl-C ends it (the clock wait rejects).
 *
 * Headless (a scenario or the CLI, where nothing can interrupt and sleeping advances simulated
 * time at once) a container that never ends would follow forever; the follow stops instead once
 * WATCH_QUIET_MS of simulated time passed without a new line, and after FOREVER_MS in any case.
 * A quiet minute is the same bound `get -w` uses, long enough for probes, restarts and periodic
 * writers in the sandbox's images to show up.
 */
export async function followLogs(ctx: Ctx, kubelet: KubeletApi, streams: LogStream[], opts: { limitBytes?: number }): Promise<void> {
  const interactive = !!ctx.env.waitForInterrupt;
  const open = new Map<LogStream, Cursor>();
  for (const s of streams) {
    const status = statusOf(s.pod, s.container);
    const cur: Cursor = {
      time: 0,
      sameTime: 0,
      restarts: status?.restartCount ?? 0,
      bytesLeft: (opts.limitBytes ?? Number.POSITIVE_INFINITY) - (s.printed ?? 0),
    };
    // Everything there now was printed already: place the cursor after it.
    readNew(ctx, kubelet, s, cur, false);
    if (status?.state?.running && cur.bytesLeft > 0) open.set(s, cur);
  }
  const start = ctx.now();
  let lastLine = start;
  while (open.size) {
    await ctx.env.sleep(1000);
    const batch: Line[] = [];
    for (const [s, cur] of open) {
      const pod = ctx.api.find<Pod>('pods', s.pod.metadata.namespace ?? ctx.namespace, s.pod.metadata.name);
      const same = pod?.metadata?.uid === s.pod.metadata.uid;
      const status = same ? statusOf(pod, s.container) : undefined;
      const restarted = (status?.restartCount ?? 0) > cur.restarts;
      const ended = !status?.state?.running || restarted;
      // Once restarted, the run being followed is the kubelet's previous log.
      for (const l of same ? readNew(ctx, kubelet, s, cur, restarted) : []) {
        if (cur.bytesLeft <= 0) break;
        const text = `${s.prefix}${l.text}\n`.slice(0, cur.bytesLeft);
        cur.bytesLeft -= text.length;
        batch.push({ time: l.time, text });
      }
      if (ended || cur.bytesLeft <= 0) open.delete(s);
    }
    if (batch.length) {
      // Streams are read side by side; their lines come out in the order they were written.
      batch.sort((a, b) => a.time - b.time);
      ctx.io.out(batch.map((l) => l.text).join(''));
      lastLine = ctx.now();
    }
    const now = ctx.now();
    if (!interactive && (now - lastLine >= WATCH_QUIET_MS || now - start >= FOREVER_MS)) return;
  }
}
