import type { Event, ObjectReference } from 'kubernetes-types/core/v1';
import { hash53 } from '../api/hash';
import { LruMap } from '../api/lru';
import { isStatusError } from '../api/status';
import type { KObject } from '../api/types';
import type { ApiServer } from './apiserver';

/** client-go's EventCorrelator keeps this many aggregation keys per recorder. */
export const LRU_ENTRIES = 4096;

export interface EventSource {
  component: string;
  host?: string;
}

/**
 * Records core/v1 Events the way client-go's recorder does: an identical event (same object,
 * source, type, reason and message) is not written again but counted, with `lastTimestamp` moved.
 */
export class EventRecorder {
  /**
   * Per source (component and host, as each client has its own correlator): aggregation key →
   * event name, least recently used first, at most LRU_ENTRIES (client-go's maxLruCacheEntries):
   * an event not seen for a long while starts a new Event, as upstream. The key is kept as its
   * 53-bit hash: every kubelet remembers every pod's events, and at 150,000 pods the key strings
   * alone took hundreds of megabytes. A hit is checked against the Event it names.
   */
  private readonly seen = new Map<string, LruMap<number, string>>();
  private seq = 0;
  /** The last millisecond an event was named at, in nanoseconds (see nanosHex). */
  private baseMs = Number.NaN;
  private baseNanos = 0n;

  constructor(private readonly api: ApiServer) {}

  event(obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource, fieldPath?: string): void {
    const meta = obj.metadata ?? {};
    // Fields added in their printed order, absent ones left out (no `delete`: it slows the object).
    const ref: ObjectReference = { apiVersion: obj.apiVersion, kind: obj.kind, name: meta.name };
    if (meta.namespace) ref.namespace = meta.namespace;
    ref.uid = meta.uid;
    ref.resourceVersion = meta.resourceVersion;
    if (fieldPath) ref.fieldPath = fieldPath;
    // Events about cluster-scoped objects (nodes) live in the default namespace.
    const namespace = meta.namespace || 'default';
    // The aggregation key within one source's cache (the source is the cache's own key).
    const key = hash53(aggregationKey(ref.kind, namespace, ref.name, ref.uid, fieldPath, type, reason, message));
    const now = this.api.clock.timestamp();
    const sourceKey = `${source.component}\u0000${source.host ?? ''}`;
    const cache = this.cacheFor(sourceKey);
    // A hit makes the entry the most recently used.
    const known = cache.get(key);
    if (known !== undefined) {
      const existing = this.api.find<Event>('events', namespace, known);
      if (existing && sameEvent(existing, ref, type, reason, message, source)) {
        try {
          this.api.update<Event>('events', namespace, {
            ...existing,
            count: (existing.count ?? 1) + 1,
            lastTimestamp: now,
          });
          return;
        } catch (e) {
          if (!isStatusError(e)) throw e;
        }
      }
    }
    const name = `${meta.name}.${this.nanosHex()}`;
    const event: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: ref,
      reason,
      message,
      type,
      source: source.host ? { component: source.component, host: source.host } : { component: source.component },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    };
    try {
      this.api.create('events', namespace, event, { owned: true });
      cache.set(key, name);
    } catch (e) {
      // A namespace being deleted refuses new events; the recorder drops them as client-go does.
      if (!isStatusError(e)) throw e;
    }
  }

  /**
   * The event name's suffix: the time in nanoseconds, in hex, as client-go names events
   * (`<object>.<UnixNano hex>`); the sequence keeps names within one millisecond apart.
   */
  private nanosHex(): string {
    const now = this.api.clock.now();
    if (now !== this.baseMs) {
      this.baseMs = now;
      this.baseNanos = BigInt(now) * 1_000_000n;
    }
    return (this.baseNanos + BigInt(this.seq++ % 1_000_000)).toString(16);
  }

  private cacheFor(sourceKey: string): LruMap<number, string> {
    let cache = this.seen.get(sourceKey);
    if (!cache) {
      cache = new LruMap(LRU_ENTRIES);
      this.seen.set(sourceKey, cache);
    }
    return cache;
  }

  /**
   * Saved keys carry their source in front: `component␀host␀#<hash>`, with the event's name.
   * Snapshots from before keys were hashed hold the whole key
   * (`component␀host␀kind␀namespace␀name␀uid␀fieldPath␀type␀reason␀message`) and the event's
   * name and namespace; they restore too.
   */
  snapshot(): { seen: [string, string][]; seq: number } {
    const seen: [string, string][] = [];
    for (const [sourceKey, cache] of this.seen) for (const [k, name] of cache.entries()) seen.push([`${sourceKey}\u0000#${k}`, name]);
    return { seen, seq: this.seq };
  }

  restore(state: { seen: [string, string | [string, string]][]; seq: number }): void {
    this.seen.clear();
    for (const [k, v] of state.seen) {
      const name = typeof v === 'string' ? v : v[0];
      const parts = k.split('\u0000', 2);
      const sourceKey = `${parts[0]}\u0000${parts[1] ?? ''}`;
      const rest = k.slice(sourceKey.length + 1);
      const key = rest.startsWith('#') && !rest.includes('\u0000') ? Number(rest.slice(1)) : hash53(rest);
      this.cacheFor(sourceKey).set(key, name);
    }
    this.seq = state.seq;
  }
}

function aggregationKey(...parts: (string | undefined)[]): string {
  return parts.map((p) => p ?? '').join('\u0000');
}

/** Whether a remembered Event is the one this key stands for (the hash is not proof). */
function sameEvent(e: Event, ref: ObjectReference, type: string, reason: string, message: string, source: EventSource): boolean {
  const o = e.involvedObject;
  return (
    e.type === type &&
    e.reason === reason &&
    e.message === message &&
    o.uid === ref.uid &&
    o.name === ref.name &&
    o.kind === ref.kind &&
    (o.fieldPath ?? '') === (ref.fieldPath ?? '') &&
    e.source?.component === source.component &&
    (e.source?.host ?? '') === (source.host ?? '')
  );
}
