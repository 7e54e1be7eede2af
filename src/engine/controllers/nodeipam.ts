import type { Node } from 'kubernetes-types/core/v1';
import { clone } from '../api/types';
import { type Cidr, formatIPv4, parseCidr } from '../network/ip';
import { Controller, type ControllerContext } from './controller';
import type { Informer } from './informer';

/** kind's pod network (`networking.podSubnet`) and kube-controller-manager's default --node-cidr-mask-size. */
export const DEFAULT_CLUSTER_CIDR = '10.244.0.0/16';
export const DEFAULT_NODE_CIDR_MASK_SIZE = 24;

/** The range allocator's retries of a node it could not serve back off like its rate-limited queue, up to this. */
const MAX_RETRY_MS = 1000 * 1000;
const BASE_RETRY_MS = 5;

/** The recorder the range allocator creates (`EventSource{Component: "cidrAllocator"}`). */
const SOURCE = { component: 'cidrAllocator' };

export interface NodeIpamOptions {
  clusterCIDR?: string;
  nodeCIDRMaskSize?: number;
}

interface NodeIpamState {
  clusterCIDR: string;
  nodeCIDRMaskSize: number;
  /** Failed attempts per node still waiting for a range (for the back-off). */
  retries: Record<string, number>;
}

/**
 * The node IPAM controller's range allocator (kube-controller-manager with
 * --allocate-node-cidrs=true): each Node gets the next free `/nodeCIDRMaskSize` of the cluster
 * CIDR as spec.podCIDR(s), and a deleted Node's range is free again. When every range is taken
 * the node still exists but gets none: the allocator records `CIDRNotAvailable` on it and keeps
 * retrying, and the node's CNI has no range to hand out, so the node stays NotReady.
 */
export class NodeIpamController extends Controller {
  private readonly nodes: Informer<Node>;
  private cluster: Cidr;
  private maskSize: number;
  /** One flag per sub-range of the cluster CIDR (cidrset's bitmap) and who holds it. */
  private used!: Uint8Array;
  private holder = new Map<number, string>();
  /** cidrset's nextCandidate: allocation goes round the range from after the last one handed out. */
  private next = 0;
  private retries: Record<string, number> = {};
  private clusterText: string;

  /** The cluster's pod network (kube-controller-manager's --cluster-cidr). */
  get clusterCIDR(): string {
    return this.clusterText;
  }

  constructor(ctx: ControllerContext, opts: NodeIpamOptions = {}) {
    super('node-ipam-controller', ctx);
    this.clusterText = opts.clusterCIDR ?? DEFAULT_CLUSTER_CIDR;
    this.maskSize = opts.nodeCIDRMaskSize ?? DEFAULT_NODE_CIDR_MASK_SIZE;
    this.cluster = NodeIpamController.parse(this.clusterText, this.maskSize);
    this.reset();
    this.nodes = ctx.informers.for<Node>('nodes');
    this.nodes.addHandlers({
      add: (n) => this.queue.add(n.metadata.name),
      update: (n, old) => {
        if (n.spec?.podCIDR !== old.spec?.podCIDR) this.queue.add(n.metadata.name);
      },
      delete: (n) => this.release(n),
    });
  }

  private static parse(text: string, maskSize: number): Cidr {
    const cidr = parseCidr(text);
    if (!cidr || maskSize < cidr.bits || maskSize > 30) {
      throw new Error(`invalid cluster CIDR ${text} with node CIDR mask size ${maskSize}`);
    }
    return cidr;
  }

  /** How many node ranges the cluster CIDR holds. */
  capacity(): number {
    return 2 ** (this.maskSize - this.cluster.bits);
  }

  private reset(): void {
    this.used = new Uint8Array(this.capacity());
    this.holder.clear();
    this.next = 0;
  }

  private rangeText(i: number): string {
    return `${formatIPv4(this.cluster.base + i * 2 ** (32 - this.maskSize))}/${this.maskSize}`;
  }

  /** The sub-range index of a podCIDR, or undefined when it is not one of ours. */
  private indexOf(podCIDR: string): number | undefined {
    const c = parseCidr(podCIDR);
    if (!c || c.bits !== this.maskSize) return undefined;
    const i = (c.base - this.cluster.base) / 2 ** (32 - this.maskSize);
    return Number.isInteger(i) && i >= 0 && i < this.used.length ? i : undefined;
  }

  /** occupyCIDRs: a range a node already has is taken (after a restart, or one set by hand). */
  private occupy(node: Node): void {
    const i = node.spec?.podCIDR ? this.indexOf(node.spec.podCIDR) : undefined;
    if (i === undefined) return;
    this.used[i] = 1;
    this.holder.set(i, node.metadata?.name ?? '');
  }

  private release(node: Node): void {
    delete this.retries[node.metadata?.name ?? ''];
    const i = node.spec?.podCIDR ? this.indexOf(node.spec.podCIDR) : undefined;
    if (i === undefined || this.holder.get(i) !== node.metadata?.name) return;
    this.used[i] = 0;
    this.holder.delete(i);
    // A range is free again: nodes still waiting for one try at once.
    for (const name of Object.keys(this.retries)) this.queue.add(name);
  }

  /** cidrset.AllocateNext: the first free range at or after nextCandidate, wrapping round. */
  private allocateNext(): number | undefined {
    const n = this.used.length;
    for (let k = 0; k < n; k++) {
      const i = (this.next + k) % n;
      if (!this.used[i]) {
        this.used[i] = 1;
        this.next = (i + 1) % n;
        return i;
      }
    }
    return undefined;
  }

  reconcile(name: string): number | undefined {
    const node = this.nodes.get('', name);
    if (!node) return undefined;
    if (node.spec?.podCIDR) {
      delete this.retries[name];
      this.occupy(node);
      return undefined;
    }
    const i = this.allocateNext();
    if (i === undefined) {
      // RecordNodeStatusChange(node, "CIDRNotAvailable"), then the key goes back on the rate-limited queue.
      this.ctx.events.event(node, 'Normal', 'CIDRNotAvailable', `Node ${name} status is now: CIDRNotAvailable`, SOURCE);
      const tries = (this.retries[name] ?? 0) + 1;
      this.retries[name] = tries;
      return Math.min(BASE_RETRY_MS * 2 ** Math.min(tries - 1, 30), MAX_RETRY_MS);
    }
    const cidr = this.rangeText(i);
    const next = clone(node);
    next.spec = { ...next.spec, podCIDR: cidr, podCIDRs: [cidr] };
    try {
      this.api.update<Node>('nodes', '', next);
    } catch (e) {
      // The write failed (a conflict): the range goes back and the node is tried again.
      this.used[i] = 0;
      throw e;
    }
    this.holder.set(i, name);
    delete this.retries[name];
    return undefined;
  }

  snapshotState(): NodeIpamState {
    return { clusterCIDR: this.clusterText, nodeCIDRMaskSize: this.maskSize, retries: { ...this.retries } };
  }

  /** After a restore the allocator rebuilds its bitmap from the Nodes, as it does when it starts. */
  restoreState(state: unknown): void {
    const s = state as Partial<NodeIpamState>;
    if (typeof s?.clusterCIDR === 'string' && typeof s.nodeCIDRMaskSize === 'number') {
      this.clusterText = s.clusterCIDR;
      this.maskSize = s.nodeCIDRMaskSize;
      this.cluster = NodeIpamController.parse(this.clusterText, this.maskSize);
    }
    this.retries = { ...(s?.retries ?? {}) };
    this.reset();
    const nodes = [...this.nodes.list()].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    for (const n of nodes) this.occupy(n);
    // cidrset's nextCandidate is not persisted upstream either; continue after the highest range in use.
    for (let i = this.used.length - 1; i >= 0; i--) {
      if (this.used[i]) {
        this.next = (i + 1) % this.used.length;
        break;
      }
    }
  }

  /** The ranges handed out, by node (for tests and `sim status`). */
  allocations(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [i, name] of this.holder) out[name] = this.rangeText(i);
    return out;
  }
}
