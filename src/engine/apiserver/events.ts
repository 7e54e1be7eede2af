import type { Event, ObjectReference } from 'kubernetes-types/core/v1';
import { isStatusError } from '../api/status';
import { LruMap } from '../api/lru';
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
   * event name, namespace, least recently used first, at most LRU_ENTRIES (client-go's
   * maxLruCacheEntries): an event not seen for a long while starts a new Event, as upstream.
   */
  private readonly seen = new Map<string, LruMap<string, [string, string]>>();
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
    const key = `${ref.kind}\u0000${namespace}\u0000${ref.name}\u0000${ref.uid}\u0000${fieldPath ?? ''}\u0000${type}\u0000${reason}\u0000${message}`;
    const now = this.api.clock.timestamp();
    const sourceKey = `${source.component}\u0000${source.host ?? ''}`;
    let cache = this.seen.get(sourceKey);
    if (!cache) {
      cache = new LruMap(LRU_ENTRIES);
      this.seen.set(sourceKey, cache);
    }
    // A hit makes the entry the most recently used.
    const known = cache.get(key);
    if (known) {
      const existing = this.api.find<Event>('events', known[1], known[0]);
      if (existing) {
        try {
          this.api.update<Event>('events', known[1], {
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
      cache.set(key, [name, namespace]);
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

  /** Saved keys carry their source in front: `component␀host␀kind␀namespace␀name␀uid␀fieldPath␀type␀reason␀message`. */
  snapshot(): { seen: [string, [string, string]][]; seq: number } {
    const seen: [string, [string, string]][] = [];
    for (const [sourceKey, cache] of this.seen) for (const [k, v] of cache.entries()) seen.push([`${sourceKey}\u0000${k}`, v]);
    return { seen, seq: this.seq };
  }

  restore(state: { seen: [string, [string, string]][]; seq: number }): void {
    this.seen.clear();
    for (const [k, v] of state.seen) {
      // The key starts with the source's component and host.
      const parts = k.split('\u0000', 2);
      const sourceKey = `${parts[0]}\u0000${parts[1] ?? ''}`;
      let cache = this.seen.get(sourceKey);
      if (!cache) {
        cache = new LruMap(LRU_ENTRIES);
        this.seen.set(sourceKey, cache);
      }
      cache.set(k.slice(sourceKey.length + 1), v);
    }
    this.seq = state.seq;
  }
}
