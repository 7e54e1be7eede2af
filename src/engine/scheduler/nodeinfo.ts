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

/**
 * One node and the pods on it, with running totals (framework.NodeInfo). Totals are kept up to
 * date on every pod add/remove, so a filter is a few comparisons rather than a walk over pods.
 */
export class NodeInfo implements NodeView {
  node: Stored<Node> | undefined;
  labels: Readonly<Record<string, string>> = {};
  /** The two topology labels every spreading pod reads, kept on the node itself. */
  private hostnameLabel: string | undefined;
  private zoneLabel: string | undefined;
  taints: readonly Taint[] = [];
  unschedulable = false;
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
  /**
   * The hot numbers as plain fields: filters and scores read them for hundreds of nodes per
   * pod, and one object holding them beats four small ones scattered in memory.
   */
  allocCPU = 0;
  allocMemory = 0;
  allocEphemeral = 0;
  allocPods = 0;
  reqCPU = 0;
  reqMemory = 0;
  reqEphemeral = 0;
  nonZeroCPU = 0;
  nonZeroMemory = 0;
  numPods = 0;
  numTaints = 0;
  numImages = 0;
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
   */
  constructor(
    readonly name: string,
    readonly slot = 0,
  ) {}

  setNode(node: Stored<Node> | undefined): void {
    this.node = node;
    this.labels = internLabels(node?.metadata.labels);
    this.hostnameLabel = this.labels[HOSTNAME_LABEL];
    this.zoneLabel = this.labels[ZONE_LABEL];
    this.taints = node?.spec?.taints ?? [];
    this.unschedulable = !!node?.spec?.unschedulable;
    this.allocatable = node ? nodeAllocatable(node) : { ...emptyResources(), pods: 0 };
    this.allocCPU = this.allocatable.milliCPU;
    this.allocMemory = this.allocatable.memory;
    this.allocEphemeral = this.allocatable.ephemeralStorage;
    this.allocPods = this.allocatable.pods;
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
    this.numTaints = this.taints.length;
    this.numImages = this.images.size;
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
    c.unschedulable = this.unschedulable;
    c.allocatable = this.allocatable;
    c.allocCPU = this.allocCPU;
    c.allocMemory = this.allocMemory;
    c.allocEphemeral = this.allocEphemeral;
    c.allocPods = this.allocPods;
    c.images = this.images;
    c.numTaints = this.numTaints;
    c.numImages = this.numImages;
    addResources(c.requested, this.requested);
    c.nonZeroRequested.milliCPU = this.nonZeroRequested.milliCPU;
    c.nonZeroRequested.memory = this.nonZeroRequested.memory;
    c.reqCPU = this.reqCPU;
    c.reqMemory = this.reqMemory;
    c.reqEphemeral = this.reqEphemeral;
    c.nonZeroCPU = this.nonZeroCPU;
    c.nonZeroMemory = this.nonZeroMemory;
    c.numPods = this.numPods;
    for (const [k, v] of this.pods) c.pods.set(k, v);
    for (const [k, v] of this.podsWithAffinity) c.podsWithAffinity.set(k, v);
    for (const [k, v] of this.podsWithRequiredAntiAffinity) c.podsWithRequiredAntiAffinity.set(k, v);
    for (const [ip, m] of this.usedPorts) c.usedPorts.set(ip, new Map(m));
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
    this.reqCPU = this.requested.milliCPU;
    this.reqMemory = this.requested.memory;
    this.reqEphemeral = this.requested.ephemeralStorage;
    this.nonZeroCPU = this.nonZeroRequested.milliCPU;
    this.nonZeroMemory = this.nonZeroRequested.memory;
    this.numPods = this.pods.size;
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
