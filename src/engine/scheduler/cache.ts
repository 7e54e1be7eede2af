import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { Labels, Selector } from '../api/labels';
import type { Stored } from '../api/types';
import { defaultSelector } from './defaultselector';
import { type IndexedPod, type MatchCount, PodMatchIndex } from './matchindex';
import { NodeInfo, NodeNumbers } from './nodeinfo';
import { NodeTree } from './nodetree';
import { type PodInfo, refreshPodInfo } from './podinfo';
import type { ClusterView, Listers } from './view';

/** An assigned (or assumed) pod as the cache holds it. */
interface CachedPod extends IndexedPod {
  readonly nodeName: string;
  info: PodInfo;
  /** Placed by this scheduler and waiting for its binding to be visible. */
  assumed: boolean;
}

/** The claims a pod's volumes use, as `namespace/name` (ephemeral volumes: `<pod>-<volume>`). */
export function podClaimKeys(pod: Pod): string[] {
  const ns = pod.metadata?.namespace ?? '';
  const out: string[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (v.persistentVolumeClaim) out.push(`${ns}/${v.persistentVolumeClaim.claimName}`);
    else if (v.ephemeral) out.push(`${ns}/${pod.metadata?.name}-${v.name}`);
  }
  return out;
}

/**
 * The scheduler's cache: nodes with the pods assigned to them and running totals, kept current
 * from the pod and node informers (internal/cache). Everything a scheduling cycle reads comes
 * from here, maintained incrementally, so that one cycle costs about the same in a cluster of
 * four nodes or five thousand.
 */
export class SchedulerCache implements ClusterView {
  private readonly nodes = new Map<string, NodeInfo>();
  private readonly tree = new NodeTree();
  private ordered: NodeInfo[] | undefined;
  /** Each of `ordered`'s rows in {@link numbers}. */
  private orderedRows = new Int32Array(0);
  private readonly pods = new Map<string, CachedPod>();
  private readonly byNamespace = new Map<string, Map<string, CachedPod>>();
  private readonly withAffinity = new Set<NodeInfo>();
  private readonly withRequiredAntiAffinity = new Set<NodeInfo>();
  private readonly imageNodes = new Map<string, number>();
  /** Node slots (see NodeInfo.slot): the next never given, and those of nodes gone. */
  private nextSlot = 0;
  private readonly freeSlots: number[] = [];
  /** The nodes' hot numbers, a row per slot. */
  private readonly numbers = new NodeNumbers();
  /** Moves whenever any node's images (or the nodes counted) change. */
  private imageGen = 0;
  private readonly claims = new Map<string, number>();
  /** Distinct node label values, per key; dropped whenever any node's labels may have changed. */
  private labelValueCache = new Map<string, { values: Set<string>; missing: boolean }>();
  readonly index = new PodMatchIndex((ns) => this.byNamespace.get(ns)?.values() ?? []);

  constructor(readonly listers: Listers) {}

  // ---- nodes ----

  addNode(node: Stored<Node>): void {
    const name = node.metadata.name;
    const info = this.nodes.get(name) ?? new NodeInfo(name, this.takeSlot(), this.numbers);
    this.nodes.set(name, info);
    const before = info.node ? info.images : undefined;
    info.setNode(node);
    this.recountImages(before, info.images);
    this.tree.add(node);
    this.ordered = undefined;
    this.labelValueCache.clear();
    this.index.nodesChanged();
  }

  updateNode(old: Stored<Node>, node: Stored<Node>): void {
    const info = this.nodes.get(node.metadata.name);
    if (!info?.node) {
      this.addNode(node);
      return;
    }
    const images = info.images;
    info.setNode(node);
    this.recountImages(images, info.images);
    const before = this.tree.size;
    this.tree.update(old, node);
    if (this.tree.size !== before || zoneChanged(old, node)) this.ordered = undefined;
    if (!sameLabels(old.metadata.labels ?? {}, node.metadata.labels ?? {})) {
      this.labelValueCache.clear();
      this.index.nodesChanged();
    }
  }

  removeNode(name: string): void {
    const info = this.nodes.get(name);
    if (!info) return;
    this.recountImages(info.images, undefined);
    this.tree.remove(name);
    this.ordered = undefined;
    this.labelValueCache.clear();
    this.index.nodesChanged();
    // Pods still bound to a deleted node stay counted on a node-less entry until they go, as upstream.
    if (info.podCount) info.setNode(undefined);
    else {
      this.nodes.delete(name);
      this.freeSlots.push(info.slot);
      this.withAffinity.delete(info);
      this.withRequiredAntiAffinity.delete(info);
    }
  }

  // ---- pods ----

  /** An assigned pod appeared (or this scheduler's assumption became real). */
  addPod(pod: Stored<Pod>): void {
    const existing = this.pods.get(pod.metadata.uid);
    if (existing) {
      this.updatePod(existing.info.pod, pod);
      return;
    }
    this.insert(refreshPodInfo(undefined, pod), pod.spec?.nodeName ?? '', false);
  }

  updatePod(_old: Stored<Pod>, pod: Stored<Pod>): void {
    const prev = this.pods.get(pod.metadata.uid);
    const nodeName = pod.spec?.nodeName ?? '';
    if (!prev) {
      this.insert(refreshPodInfo(undefined, pod), nodeName, false);
      return;
    }
    const info = refreshPodInfo(prev.info, pod);
    if (prev.nodeName !== nodeName) {
      this.drop(prev);
      this.insert(info, nodeName, false);
      return;
    }
    const labelsChanged = prev.labels !== info.labels && !sameLabels(prev.labels, info.labels);
    if (labelsChanged || prev.terminating !== info.terminating) {
      this.index.remove(prev);
      const next = this.record(info, nodeName, false);
      this.pods.set(next.uid, next);
      this.byNamespace.get(next.namespace)?.set(next.uid, next);
      this.index.add(next);
      prev.node.replacePod(info);
      return;
    }
    prev.info = info;
    prev.assumed = false;
    prev.node.replacePod(info);
  }

  removePod(uid: string): void {
    const prev = this.pods.get(uid);
    if (prev) this.drop(prev);
  }

  /** Count a pod on a node before its binding is visible (the binding cycle is still running). */
  assume(info: PodInfo, nodeName: string): void {
    const prev = this.pods.get(info.uid);
    if (prev) this.drop(prev);
    this.insert(info, nodeName, true);
  }

  /** Undo an assumption whose binding failed. */
  forget(uid: string): void {
    const prev = this.pods.get(uid);
    if (prev?.assumed) this.drop(prev);
  }

  /** The node a pod is counted on, if any. */
  nodeOf(uid: string): string | undefined {
    return this.pods.get(uid)?.nodeName;
  }

  has(uid: string): boolean {
    return this.pods.has(uid);
  }

  podCount(): number {
    return this.pods.size;
  }

  clear(): void {
    this.nodes.clear();
    for (const n of this.tree.list()) this.tree.remove(n);
    this.ordered = undefined;
    this.pods.clear();
    this.byNamespace.clear();
    this.withAffinity.clear();
    this.withRequiredAntiAffinity.clear();
    this.imageNodes.clear();
    this.imageGen++;
    this.claims.clear();
    this.index.clear();
  }

  // ---- ClusterView ----

  nodeInfos(): readonly NodeInfo[] {
    if (!this.ordered) {
      this.ordered = this.tree.list().map((n) => this.nodes.get(n) as NodeInfo);
      this.orderedRows = Int32Array.from(this.ordered, (n) => n.row);
    }
    return this.ordered;
  }

  nodeRows(): { numbers: Float64Array; rows: Int32Array } {
    this.nodeInfos();
    return { numbers: this.numbers.a, rows: this.orderedRows };
  }

  labelValues(key: string): { readonly values: ReadonlySet<string>; readonly missing: boolean } {
    let e = this.labelValueCache.get(key);
    if (!e) {
      e = { values: new Set(), missing: false };
      for (const n of this.nodeInfos()) {
        const v = n.labels[key];
        if (v === undefined) e.missing = true;
        else e.values.add(v);
      }
      this.labelValueCache.set(key, e);
    }
    return e;
  }

  nodeInfo(name: string): NodeInfo | undefined {
    const n = this.nodes.get(name);
    return n?.node ? n : undefined;
  }

  nodesWithAffinityPods(): Iterable<NodeInfo> {
    return [...this.withAffinity].filter((n) => n.node);
  }

  nodesWithRequiredAntiAffinityPods(): Iterable<NodeInfo> {
    return [...this.withRequiredAntiAffinity].filter((n) => n.node);
  }

  podCounts(namespace: string, selector: Selector): ReadonlyMap<NodeInfo, MatchCount> {
    return this.index.counts(namespace, selector);
  }

  podLiveCountsBySlot(namespace: string, selector: Selector): ArrayLike<number> {
    return this.index.liveBySlot(namespace, selector);
  }

  podCountsByDomain(namespace: string, selector: Selector, topologyKey: string): ReadonlyMap<string, number> {
    return this.index.domainCounts(namespace, selector, topologyKey);
  }

  *namespaces(): Iterable<[string, Labels]> {
    for (const ns of this.listers.namespaces()) yield [ns.metadata?.name ?? '', ns.metadata?.labels ?? {}];
  }

  namespaceLabels(name: string): Labels | undefined {
    const ns = this.listers.namespace(name);
    return ns ? (ns.metadata?.labels ?? {}) : undefined;
  }

  imageGeneration(): number {
    return this.imageGen;
  }

  imageNodeCount(image: string): number {
    return this.imageNodes.get(image) ?? 0;
  }

  claimUsers(claimKey: string): number {
    return this.claims.get(claimKey) ?? 0;
  }

  defaultSpreadSelector(pod: Pod): Selector {
    return defaultSelector(pod, this.listers);
  }

  persistentVolumeClaim(namespace: string, name: string) {
    return this.listers.persistentVolumeClaim(namespace, name);
  }

  persistentVolume(name: string) {
    return this.listers.persistentVolume(name);
  }

  persistentVolumes() {
    return this.listers.persistentVolumes();
  }

  storageClass(name: string) {
    return this.listers.storageClass(name);
  }

  podDisruptionBudgets() {
    return this.listers.podDisruptionBudgets();
  }

  // ---- internals ----

  private record(info: PodInfo, nodeName: string, assumed: boolean): CachedPod {
    let node = this.nodes.get(nodeName);
    if (!node) {
      node = new NodeInfo(nodeName, this.takeSlot(), this.numbers);
      this.nodes.set(nodeName, node);
    }
    return { uid: info.uid, namespace: info.namespace, labels: info.labels, nodeName, node, terminating: info.terminating, info, assumed };
  }

  private insert(info: PodInfo, nodeName: string, assumed: boolean): void {
    const rec = this.record(info, nodeName, assumed);
    this.pods.set(rec.uid, rec);
    let ns = this.byNamespace.get(rec.namespace);
    if (!ns) {
      ns = new Map();
      this.byNamespace.set(rec.namespace, ns);
    }
    ns.set(rec.uid, rec);
    this.index.add(rec);
    const node = rec.node;
    node.addPod(info);
    if (node.podsWithAffinity.size) this.withAffinity.add(node);
    if (node.podsWithRequiredAntiAffinity.size) this.withRequiredAntiAffinity.add(node);
    for (const c of podClaimKeys(info.pod)) this.claims.set(c, (this.claims.get(c) ?? 0) + 1);
  }

  private drop(rec: CachedPod): void {
    this.pods.delete(rec.uid);
    const ns = this.byNamespace.get(rec.namespace);
    ns?.delete(rec.uid);
    if (ns && !ns.size) this.byNamespace.delete(rec.namespace);
    this.index.remove(rec);
    const node = rec.node;
    node.removePod(rec.uid);
    if (!node.podsWithAffinity.size) this.withAffinity.delete(node);
    if (!node.podsWithRequiredAntiAffinity.size) this.withRequiredAntiAffinity.delete(node);
    if (!node.node && !node.podCount && this.nodes.get(rec.nodeName) === node) {
      this.nodes.delete(rec.nodeName);
      this.freeSlots.push(node.slot);
    }
    for (const c of podClaimKeys(rec.info.pod)) {
      const n = (this.claims.get(c) ?? 0) - 1;
      if (n > 0) this.claims.set(c, n);
      else this.claims.delete(c);
    }
  }

  private takeSlot(): number {
    return this.freeSlots.pop() ?? this.nextSlot++;
  }

  /** A node's images went from `before` to `after` (either may be absent). */
  private recountImages(before: ReadonlyMap<string, number> | undefined, after: ReadonlyMap<string, number> | undefined): void {
    if (before === after) return;
    this.imageGen++;
    for (const name of before?.keys() ?? []) {
      const n = (this.imageNodes.get(name) ?? 0) - 1;
      if (n > 0) this.imageNodes.set(name, n);
      else this.imageNodes.delete(name);
    }
    for (const name of after?.keys() ?? []) this.imageNodes.set(name, (this.imageNodes.get(name) ?? 0) + 1);
  }
}

function sameLabels(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (a[k] !== b[k]) return false;
  return true;
}

function zoneChanged(old: Node, node: Node): boolean {
  const a = old.metadata?.labels ?? {};
  const b = node.metadata?.labels ?? {};
  return (
    a['topology.kubernetes.io/zone'] !== b['topology.kubernetes.io/zone'] ||
    a['topology.kubernetes.io/region'] !== b['topology.kubernetes.io/region'] ||
    a['failure-domain.beta.kubernetes.io/zone'] !== b['failure-domain.beta.kubernetes.io/zone'] ||
    a['failure-domain.beta.kubernetes.io/region'] !== b['failure-domain.beta.kubernetes.io/region']
  );
}
