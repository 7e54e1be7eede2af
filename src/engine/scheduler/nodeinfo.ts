import type { ContainerImage, Node, Taint } from 'kubernetes-types/core/v1';
import type { Stored } from '../api/types';
import type { NodeView } from './nodeselector';
import type { HostPort, PodInfo } from './podinfo';
import { type Allocatable, addResources, emptyResources, nodeAllocatable, type Resources } from './resources';

const ANY_IP = '0.0.0.0';
const HOSTNAME_LABEL = 'kubernetes.io/hostname';
const ZONE_LABEL = 'topology.kubernetes.io/zone';

/**
 * Node label keys and values are shared strings: every node of a zone then points at one
 * "zone-a", and the per-node loops of a scheduling cycle touch far less memory.
 */
const interned = new Map<string, string>();
function intern(s: string): string {
  let v = interned.get(s);
  if (v === undefined) {
    if (interned.size > 100_000) interned.clear();
    interned.set(s, s);
    v = s;
  }
  return v;
}

function internLabels(labels: Readonly<Record<string, string>> | undefined): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  if (labels) for (const k of Object.keys(labels)) out[intern(k)] = intern(labels[k]);
  return out;
}

/** Where each hot number sits in a node's row of {@link NodeNumbers}. */
export const Hot = {
  allocCPU: 0,
  allocMemory: 1,
  allocEphemeral: 2,
  allocPods: 3,
  reqCPU: 4,
  reqMemory: 5,
  reqEphemeral: 6,
  nonZeroCPU: 7,
  nonZeroMemory: 8,
  numPods: 9,
  numTaints: 10,
  numImages: 11,
  /** 1 when the node is cordoned. */
  unschedulable: 12,
} as const;
/** 13 numbers, padded to two cache lines. */
const ROW = 16;

/**
 * The numbers filters and scores read for hundreds of nodes per pod, one row per node slot in
 * one flat array. As object fields they were scattered over the heap, and the memory amounts
 * (past the small-integer range) each sat in a box of their own: at 5,000 nodes every node a
 * pod looked at cost several cache misses. Rows next to each other are read one after another.
 */
export class NodeNumbers {
  a: Float64Array;

  constructor(rows = 1) {
    this.a = new Float64Array(rows * ROW);
  }

  /** Room for rows up to `slot`, keeping what is there. */
  ensure(slot: number): void {
    if ((slot + 1) * ROW <= this.a.length) return;
    const bigger = new Float64Array(Math.max((slot + 1) * ROW, 2 * this.a.length));
    bigger.set(this.a);
    this.a = bigger;
  }
}

/**
 * One node and the pods on it, with running totals (framework.NodeInfo). Totals are kept up to
 * date on every pod add/remove, so a filter is a few comparisons rather than a walk over pods.
 */
export class NodeInfo implements NodeView {
  /** First, so that the filters' reads of the node object itself stay in one cache line. */
  private readonly numbers: NodeNumbers;
  /** Where this node's row starts in `numbers` (see {@link Hot}). */
  readonly row: number;
  readonly slot: number;
  readonly name: string;
  node: Stored<Node> | undefined;
  labels: Readonly<Record<string, string>> = {};
  /** The two topology labels every spreading pod reads, kept on the node itself. */
  private hostnameLabel: string | undefined;
  private zoneLabel: string | undefined;
  taints: readonly Taint[] = [];
  allocatable: Allocatable = { ...emptyResources(), pods: 0 };
  /** Sum of the pods' requests. */
  readonly requested: Resources = emptyResources();
  /** Sum with the scoring defaults for containers without requests. */
  readonly nonZeroRequested = { milliCPU: 0, memory: 0 };
  readonly pods = new Map<string, PodInfo>();
  readonly podsWithAffinity = new Map<string, PodInfo>();
  readonly podsWithRequiredAntiAffinity = new Map<string, PodInfo>();
  /** host IP → "protocol/port" → how many pods hold it */
  readonly usedPorts = new Map<string, Map<string, number>>();
  /** Image name → size in bytes, from node.status.images. */
  images: ReadonlyMap<string, number> = new Map();
  /** The Node's status.images the `images` map was built from. */
  private imageList: readonly ContainerImage[] | undefined;
  /**
   * ImageLocality's last score for this node: the same images at the same image generation
   * (no node's images changed since) score the same, so the pods of one workload reuse it.
   */
  imageScoreKey = '';
  imageScoreGen = -1;
  imageScore = 0;

  /**
   * @param slot a small number the scheduler cache gives each node it tracks (reused once the
   *   node is gone), for per-node counts kept in flat arrays (see PodMatchIndex).
   * @param numbers the cache's table the hot numbers live in, at row `slot`; without it (a
   *   copy for a what-if, a test) the node has a table of its own.
   */
  constructor(name: string, slot = 0, numbers?: NodeNumbers) {
    this.numbers = numbers ?? new NodeNumbers();
    this.row = numbers ? slot * ROW : 0;
    this.slot = slot;
    this.name = name;
    numbers?.ensure(slot);
    // A slot given again starts from nothing.
    this.numbers.a.fill(0, this.row, this.row + ROW);
  }

  get allocCPU(): number {
    return this.numbers.a[this.row + Hot.allocCPU];
  }
  get allocMemory(): number {
    return this.numbers.a[this.row + Hot.allocMemory];
  }
  get allocEphemeral(): number {
    return this.numbers.a[this.row + Hot.allocEphemeral];
  }
  get allocPods(): number {
    return this.numbers.a[this.row + Hot.allocPods];
  }
  get reqCPU(): number {
    return this.numbers.a[this.row + Hot.reqCPU];
  }
  get reqMemory(): number {
    return this.numbers.a[this.row + Hot.reqMemory];
  }
  get reqEphemeral(): number {
    return this.numbers.a[this.row + Hot.reqEphemeral];
  }
  get nonZeroCPU(): number {
    return this.numbers.a[this.row + Hot.nonZeroCPU];
  }
  get nonZeroMemory(): number {
    return this.numbers.a[this.row + Hot.nonZeroMemory];
  }
  get numPods(): number {
    return this.numbers.a[this.row + Hot.numPods];
  }
  get numTaints(): number {
    return this.numbers.a[this.row + Hot.numTaints];
  }
  get numImages(): number {
    return this.numbers.a[this.row + Hot.numImages];
  }
  get unschedulable(): boolean {
    return this.numbers.a[this.row + Hot.unschedulable] !== 0;
  }

  /** Copy the totals the fields hold into the row (after any change to them). */
  private writeNumbers(): void {
    const a = this.numbers.a;
    const r = this.row;
    a[r + Hot.allocCPU] = this.allocatable.milliCPU;
    a[r + Hot.allocMemory] = this.allocatable.memory;
    a[r + Hot.allocEphemeral] = this.allocatable.ephemeralStorage;
    a[r + Hot.allocPods] = this.allocatable.pods;
    a[r + Hot.reqCPU] = this.requested.milliCPU;
    a[r + Hot.reqMemory] = this.requested.memory;
    a[r + Hot.reqEphemeral] = this.requested.ephemeralStorage;
    a[r + Hot.nonZeroCPU] = this.nonZeroRequested.milliCPU;
    a[r + Hot.nonZeroMemory] = this.nonZeroRequested.memory;
    a[r + Hot.numPods] = this.pods.size;
    a[r + Hot.numTaints] = this.taints.length;
    a[r + Hot.numImages] = this.images.size;
    a[r + Hot.unschedulable] = this.node?.spec?.unschedulable ? 1 : 0;
  }

  setNode(node: Stored<Node> | undefined): void {
    this.node = node;
    this.labels = internLabels(node?.metadata.labels);
    this.hostnameLabel = this.labels[HOSTNAME_LABEL];
    this.zoneLabel = this.labels[ZONE_LABEL];
    this.taints = node?.spec?.taints ?? [];
    this.allocatable = node ? nodeAllocatable(node) : { ...emptyResources(), pods: 0 };
    // Heartbeats rewrite the Node often; its image list rarely changes, so the map is kept when it does not.
    const list = node?.status?.images;
    if (!node || !sameImageList(this.imageList, list)) {
      const images = new Map<string, number>();
      for (const img of list ?? []) {
        for (const n of img.names ?? []) images.set(n, img.sizeBytes ?? 0);
      }
      this.images = images;
    }
    this.imageList = list;
    this.writeNumbers();
  }

  addPod(p: PodInfo): void {
    this.update(p, 1);
  }

  removePod(uid: string): PodInfo | undefined {
    const p = this.pods.get(uid);
    if (p) this.update(p, -1);
    return p;
  }

  /** Replace a pod's record without touching totals (its requests and ports do not change). */
  replacePod(p: PodInfo): void {
    if (!this.pods.has(p.uid)) {
      this.addPod(p);
      return;
    }
    this.pods.set(p.uid, p);
    if (p.hasAffinity) this.podsWithAffinity.set(p.uid, p);
    if (p.hasRequiredAntiAffinity) this.podsWithRequiredAntiAffinity.set(p.uid, p);
  }

  /** `labels[key]`, without touching the labels object for hostname and zone. */
  label(key: string): string | undefined {
    if (key === HOSTNAME_LABEL) return this.hostnameLabel;
    if (key === ZONE_LABEL) return this.zoneLabel;
    return this.labels[key];
  }


  get podCount(): number {
    return this.numPods;
  }

  /** HostPortInfo.CheckConflict: 0.0.0.0 clashes with every address. */
  portConflict(hp: HostPort): boolean {
    if (hp.port <= 0) return false;
    const pp = `${hp.protocol}/${hp.port}`;
    if (hp.ip === ANY_IP) {
      for (const m of this.usedPorts.values()) if (m.has(pp)) return true;
      return false;
    }
    return !!this.usedPorts.get(ANY_IP)?.has(pp) || !!this.usedPorts.get(hp.ip)?.has(pp);
  }

  /** A deep enough copy for a what-if (preemption, nominated pods): pods and totals are copied. */
  clone(): NodeInfo {
    const c = new NodeInfo(this.name, this.slot);
    c.node = this.node;
    c.labels = this.labels;
    c.hostnameLabel = this.hostnameLabel;
    c.zoneLabel = this.zoneLabel;
    c.taints = this.taints;
    c.allocatable = this.allocatable;
    c.images = this.images;
    addResources(c.requested, this.requested);
    c.nonZeroRequested.milliCPU = this.nonZeroRequested.milliCPU;
    c.nonZeroRequested.memory = this.nonZeroRequested.memory;
    for (const [k, v] of this.pods) c.pods.set(k, v);
    for (const [k, v] of this.podsWithAffinity) c.podsWithAffinity.set(k, v);
    for (const [k, v] of this.podsWithRequiredAntiAffinity) c.podsWithRequiredAntiAffinity.set(k, v);
    for (const [ip, m] of this.usedPorts) c.usedPorts.set(ip, new Map(m));
    c.writeNumbers();
    return c;
  }

  private update(p: PodInfo, sign: 1 | -1): void {
    if (sign > 0) {
      this.pods.set(p.uid, p);
      if (p.hasAffinity) this.podsWithAffinity.set(p.uid, p);
      if (p.hasRequiredAntiAffinity) this.podsWithRequiredAntiAffinity.set(p.uid, p);
    } else {
      this.pods.delete(p.uid);
      this.podsWithAffinity.delete(p.uid);
      this.podsWithRequiredAntiAffinity.delete(p.uid);
    }
    addResources(this.requested, p.requests, sign);
    this.nonZeroRequested.milliCPU += sign * p.nonZeroCPU;
    this.nonZeroRequested.memory += sign * p.nonZeroMemory;
    this.writeNumbers();
    for (const hp of p.hostPorts) {
      let m = this.usedPorts.get(hp.ip);
      if (!m) {
        m = new Map();
        this.usedPorts.set(hp.ip, m);
      }
      const pp = `${hp.protocol}/${hp.port}`;
      const n = (m.get(pp) ?? 0) + sign;
      if (n <= 0) m.delete(pp);
      else m.set(pp, n);
      if (!m.size) this.usedPorts.delete(hp.ip);
    }
  }
}

function sameImageList(a: readonly ContainerImage[] | undefined, b: readonly ContainerImage[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.sizeBytes !== y.sizeBytes) return false;
    const xn = x.names ?? [];
    const yn = y.names ?? [];
    if (xn.length !== yn.length) return false;
    for (let j = 0; j < xn.length; j++) if (xn[j] !== yn[j]) return false;
  }
  return true;
}
