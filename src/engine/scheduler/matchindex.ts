import type { Selector } from '../api/labels';
import type { NodeInfo } from './nodeinfo';

/** How many pods a selector matches on one node: all of them, and those not being deleted. */
export interface MatchCount {
  all: number;
  live: number;
}

/** What the index needs to know of an assigned pod. */
export interface IndexedPod {
  readonly uid: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  /** The node the pod is counted on (kept while pods remain even if the Node object is gone). */
  readonly node: NodeInfo;
  readonly terminating: boolean;
}

interface Entry {
  readonly key: string;
  readonly namespace: string;
  readonly selector: Selector;
  readonly anchor: string | undefined;
  readonly perNode: Map<NodeInfo, MatchCount>;
  /** Live counts by NodeInfo.slot, the same numbers as perNode's, in one flat array. */
  live: Int32Array;
  /** Live counts summed per value of a node label (topology key), kept up to date once asked for. */
  domains?: Map<string, DomainCounts>;
}

interface DomainCounts {
  /** The node generation the sums were made at: any node change since makes them stale. */
  gen: number;
  readonly counts: Map<string, number>;
}

/** Enough for every workload a large cluster spreads at once; older entries are rebuilt on demand. */
const MAX_ENTRIES = 4096;

/**
 * Per-node counts of the assigned pods a (namespace, label selector) pair matches, kept up to
 * date as pods come and go. Topology spreading and inter-pod affinity ask for such counts for
 * every pod they place; scanning all pods each time would be quadratic in cluster size.
 *
 * An entry is built on first use and then maintained. Entries are found from a pod's labels
 * through an "anchor" (one exact `key=value` requirement of the selector), so a pod event only
 * touches the selectors that could match it.
 */
export class PodMatchIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly anchored = new Map<string, Set<Entry>>();
  private readonly unanchored = new Map<string, Set<Entry>>();
  private nodeGen = 0;

  constructor(private readonly podsInNamespace: (namespace: string) => Iterable<IndexedPod>) {}

  private keyOf(namespace: string, selector: Selector): string {
    let text = selectorText.get(selector);
    if (text === undefined) {
      text = selector.toString();
      selectorText.set(selector, text);
    }
    return `${namespace}\u0000${text}`;
  }

  counts(namespace: string, selector: Selector): ReadonlyMap<NodeInfo, MatchCount> {
    if (!selector.selectable) return EMPTY;
    const key = this.keyOf(namespace, selector);
    let e = this.entries.get(key);
    if (e) {
      // Most recently used last: Map keeps insertion order, so re-insert.
      this.entries.delete(key);
      this.entries.set(key, e);
      return e.perNode;
    }
    e = this.build(key, namespace, selector);
    this.entries.set(key, e);
    this.link(e);
    if (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.values().next().value as Entry;
      this.entries.delete(oldest.key);
      this.unlink(oldest);
    }
    return e.perNode;
  }

  /**
   * Live matching pods per value of node label `key` ('' for nodes without it), over nodes that
   * still have a Node object: the per-domain sums topology spreading needs, without walking
   * every node for every pod.
   */
  domainCounts(namespace: string, selector: Selector, key: string): ReadonlyMap<string, number> {
    if (!selector.selectable) return EMPTY_DOMAINS;
    this.counts(namespace, selector);
    const e = this.entries.get(this.keyOf(namespace, selector)) as Entry;
    e.domains ??= new Map();
    let d = e.domains.get(key);
    if (!d || d.gen !== this.nodeGen) {
      const counts = new Map<string, number>();
      for (const [node, c] of e.perNode) {
        if (!c.live || !node.node) continue;
        const v = node.label(key) ?? '';
        counts.set(v, (counts.get(v) ?? 0) + c.live);
      }
      d = { gen: this.nodeGen, counts };
      e.domains.set(key, d);
    }
    return d.counts;
  }

  /** {@link counts}' live numbers as a flat array by NodeInfo.slot (past its end: none). */
  liveBySlot(namespace: string, selector: Selector): ArrayLike<number> {
    if (!selector.selectable) return NO_LIVE;
    this.counts(namespace, selector);
    return (this.entries.get(this.keyOf(namespace, selector)) as Entry).live;
  }

  /** A node appeared, went or changed its labels: per-domain sums are made again when next asked. */
  nodesChanged(): void {
    this.nodeGen++;
  }

  add(p: IndexedPod): void {
    this.apply(p, 1);
  }

  remove(p: IndexedPod): void {
    this.apply(p, -1);
  }

  clear(): void {
    this.entries.clear();
    this.anchored.clear();
    this.unanchored.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private build(key: string, namespace: string, selector: Selector): Entry {
    const anchorReq = selector.requirements.find(
      (r) => (r.operator === '=' || r.operator === '==' || r.operator === 'in') && r.values.length === 1,
    );
    const e: Entry = {
      key,
      namespace,
      selector,
      anchor: anchorReq ? `${namespace}\u0000${anchorReq.key}\u0000${anchorReq.values[0]}` : undefined,
      perNode: new Map(),
      live: NO_LIVE,
    };
    for (const p of this.podsInNamespace(namespace)) {
      if (selector.matches(p.labels)) this.bump(e, p, 1);
    }
    return e;
  }

  private link(e: Entry): void {
    const map = e.anchor ? this.anchored : this.unanchored;
    const k = e.anchor ?? e.namespace;
    let set = map.get(k);
    if (!set) {
      set = new Set();
      map.set(k, set);
    }
    set.add(e);
  }

  private unlink(e: Entry): void {
    const map = e.anchor ? this.anchored : this.unanchored;
    const k = e.anchor ?? e.namespace;
    const set = map.get(k);
    set?.delete(e);
    if (set && !set.size) map.delete(k);
  }

  private apply(p: IndexedPod, sign: 1 | -1): void {
    if (!this.entries.size) return;
    const loose = this.unanchored.get(p.namespace);
    if (loose) for (const e of loose) if (e.selector.matches(p.labels)) this.bump(e, p, sign);
    for (const k in p.labels) {
      const set = this.anchored.get(`${p.namespace}\u0000${k}\u0000${p.labels[k]}`);
      if (set) for (const e of set) if (e.selector.matches(p.labels)) this.bump(e, p, sign);
    }
  }

  private bump(e: Entry, p: IndexedPod, sign: 1 | -1): void {
    bump(e.perNode, p, sign);
    if (!p.terminating) {
      const slot = p.node.slot;
      if (slot >= e.live.length) {
        const grown = new Int32Array(Math.max(slot + 1, 2 * e.live.length, 64));
        grown.set(e.live);
        e.live = grown;
      }
      e.live[slot] += sign;
    }
    if (!e.domains || p.terminating || !p.node.node) return;
    for (const [key, d] of e.domains) {
      if (d.gen !== this.nodeGen) continue;
      const v = p.node.label(key) ?? '';
      const n = (d.counts.get(v) ?? 0) + sign;
      if (n > 0) d.counts.set(v, n);
      else d.counts.delete(v);
    }
  }
}

const EMPTY: ReadonlyMap<NodeInfo, MatchCount> = new Map();
const EMPTY_DOMAINS: ReadonlyMap<string, number> = new Map();
const NO_LIVE = new Int32Array(0);
/** Selectors are immutable: their canonical text is computed once. */
const selectorText = new WeakMap<Selector, string>();

function bump(perNode: Map<NodeInfo, MatchCount>, p: IndexedPod, sign: 1 | -1): void {
  let c = perNode.get(p.node);
  if (!c) {
    c = { all: 0, live: 0 };
    perNode.set(p.node, c);
  }
  c.all += sign;
  if (!p.terminating) c.live += sign;
  if (c.all <= 0) perNode.delete(p.node);
}
