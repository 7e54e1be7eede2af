import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Node, NodeCondition, Pod, Taint } from 'kubernetes-types/core/v1';
import { isStatusError } from '../../api/status';
import { clone, type KObject, type Stored } from '../../api/types';
import { Controller, type ControllerContext } from '../controller';
import type { Informer } from '../informer';
import {
  swapTaints,
  TAINT_DISK_PRESSURE,
  TAINT_MEMORY_PRESSURE,
  TAINT_NETWORK_UNAVAILABLE,
  TAINT_NOT_READY,
  TAINT_PID_PRESSURE,
  TAINT_UNREACHABLE,
  TAINT_UNSCHEDULABLE,
} from './taints';

/**
 * The node lifecycle controller (kube-controller-manager's node-lifecycle-controller): every
 * nodeMonitorPeriod it checks each node's Lease and status; a node silent for the grace period
 * gets Ready=Unknown ("Kubelet stopped posting node status."), its pods are marked not ready,
 * and — rate limited per zone — the NoExecute not-ready/unreachable taints that the taint
 * eviction controller acts on. Conditions also map to NoSchedule taints, as does cordoning.
 */
export const NODE_MONITOR_PERIOD_MS = 5_000;
/** --node-monitor-grace-period: 50 s since v1.32. */
export const NODE_MONITOR_GRACE_MS = 50_000;
export const NODE_STARTUP_GRACE_MS = 60_000;
/** --node-eviction-rate 0.1 per second per zone; --secondary-node-eviction-rate 0.01. */
const EVICTION_QPS = 0.1;
const SECONDARY_EVICTION_QPS = 0.01;
const LARGE_CLUSTER_THRESHOLD = 50;
const UNHEALTHY_ZONE_THRESHOLD = 0.55;

const COMPONENT = { component: 'node-controller' };

const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: TAINT_NOT_READY, Unknown: TAINT_UNREACHABLE },
  MemoryPressure: { True: TAINT_MEMORY_PRESSURE },
  DiskPressure: { True: TAINT_DISK_PRESSURE },
  NetworkUnavailable: { True: TAINT_NETWORK_UNAVAILABLE },
  PIDPressure: { True: TAINT_PID_PRESSURE },
};
const CONDITION_TAINT_KEYS = new Set([
  TAINT_NOT_READY,
  TAINT_UNREACHABLE,
  TAINT_MEMORY_PRESSURE,
  TAINT_DISK_PRESSURE,
  TAINT_NETWORK_UNAVAILABLE,
  TAINT_PID_PRESSURE,
]);

interface Health {
  /** When the controller last saw a sign of life (ms, its own clock). */
  probe: number;
  readyTransition: number;
  /** The Ready condition as last seen (status and the kubelet's timestamps). */
  ready?: {
    status: string;
    lastHeartbeatTime?: string;
    lastTransitionTime?: string;
  };
  leaseRenew?: string;
}

type ZoneState = 'Initial' | 'Normal' | 'FullDisruption' | 'PartialDisruption';

interface State {
  health: Record<string, Health>;
  known: string[];
  zoneStates: Record<string, ZoneState>;
  /** Per zone: nodes waiting for their NoExecute taint, the limiter's rate and last accept. */
  tainters: Record<string, { queue: string[]; qps: number; lastAccept?: number }>;
  retry: string[];
}

export function zoneKey(node: Node): string {
  const l = node.metadata?.labels ?? {};
  const region = l['topology.kubernetes.io/region'] ?? l['failure-domain.beta.kubernetes.io/region'] ?? '';
  const zone = l['topology.kubernetes.io/zone'] ?? l['failure-domain.beta.kubernetes.io/zone'] ?? '';
  return region || zone ? `${region}:\u0000:${zone}` : '';
}

function readyOf(node: Node): NodeCondition | undefined {
  return node.status?.conditions?.find((c) => c.type === 'Ready');
}

export class NodeLifecycleController extends Controller {
  private state: State = {
    health: {},
    known: [],
    zoneStates: {},
    tainters: {},
    retry: [],
  };
  private readonly nodes: Informer<Node>;
  private readonly pods: Informer<Pod>;
  private readonly leases: Informer<Lease>;

  constructor(ctx: ControllerContext) {
    super('node-lifecycle-controller', ctx);
    this.nodes = ctx.informers.for<Node>('nodes');
    this.pods = ctx.informers.for<Pod>('pods');
    this.pods.addIndex('spec.nodeName', (p) => (p.spec?.nodeName ? [p.spec.nodeName] : []));
    this.leases = ctx.informers.for<Lease>('coordination.k8s.io/leases');
    this.nodes.addHandlers({
      add: (n) => this.queue.add(`node/${n.metadata.name}`),
      update: (n) => this.queue.add(`node/${n.metadata.name}`),
    });
    this.pods.addHandlers({
      add: (p) => {
        if (p.spec?.nodeName) this.queue.add(`pod/${p.metadata.namespace}/${p.metadata.name}`);
      },
      update: (p, old) => {
        if (p.spec?.nodeName && p.spec.nodeName !== old.spec?.nodeName) this.queue.add(`pod/${p.metadata.namespace}/${p.metadata.name}`);
      },
    });
    this.queue.add('monitor');
  }

  reconcile(key: string): number | undefined {
    if (key === 'monitor') {
      this.monitorNodeHealth();
      return NODE_MONITOR_PERIOD_MS;
    }
    if (key === 'taint') return this.noExecuteTaintingPass();
    if (key.startsWith('node/')) {
      this.noScheduleTaintingPass(key.slice(5));
      return undefined;
    }
    if (key.startsWith('pod/')) this.processPod(key.slice(4));
    return undefined;
  }

  private now(): number {
    return this.ctx.clock.now();
  }

  private nodeEvent(node: Node, reason: string, message: string): void {
    const ref: KObject = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: node.metadata?.name, uid: node.metadata?.uid },
    };
    this.ctx.events.event(ref, 'Normal', reason, message, COMPONENT);
  }

  /** doNoScheduleTaintingPass: conditions and spec.unschedulable as NoSchedule taints. */
  private noScheduleTaintingPass(name: string): void {
    const node = this.nodes.get('', name);
    if (!node) return;
    const want: Taint[] = [];
    for (const c of node.status?.conditions ?? []) {
      const key = CONDITION_TAINTS[c.type]?.[c.status];
      if (key) want.push({ key, effect: 'NoSchedule' });
    }
    if (node.spec?.unschedulable) want.push({ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' });
    const have = (node.spec?.taints ?? []).filter((t) => t.effect === 'NoSchedule' && (t.key === TAINT_UNSCHEDULABLE || CONDITION_TAINT_KEYS.has(t.key)));
    const add = want.filter((w) => !have.some((h) => h.key === w.key));
    const remove = have.filter((h) => !want.some((w) => w.key === h.key));
    if (!add.length && !remove.length) return;
    swapTaints(this.api, name, add, remove);
  }

  /** tryUpdateNodeHealth: the observed Ready condition, and the current one after marking Unknown. */
  private tryUpdateNodeHealth(node: Stored<Node>): {
    observed: NodeCondition;
    current?: NodeCondition;
  } {
    const name = node.metadata.name;
    const now = this.now();
    const created = Date.parse(node.metadata.creationTimestamp);
    let h = this.state.health[name];
    const currentReady = readyOf(node);
    let observed: NodeCondition;
    let grace: number;
    if (!currentReady) {
      observed = {
        type: 'Ready',
        status: 'Unknown',
        lastHeartbeatTime: node.metadata.creationTimestamp,
        lastTransitionTime: node.metadata.creationTimestamp,
      };
      grace = NODE_STARTUP_GRACE_MS;
      if (!h) h = { probe: created, readyTransition: created };
    } else {
      observed = { ...currentReady };
      grace = NODE_MONITOR_GRACE_MS;
    }
    const saved = h?.ready;
    if (!h) h = { probe: now, readyTransition: now };
    else if (!saved && currentReady) h = { probe: now, readyTransition: now, leaseRenew: h.leaseRenew };
    else if (saved && currentReady && saved.lastHeartbeatTime !== currentReady.lastHeartbeatTime) {
      const transition = saved.lastTransitionTime !== currentReady.lastTransitionTime ? now : h.readyTransition;
      h = { probe: now, readyTransition: transition, leaseRenew: h.leaseRenew };
    }
    h.ready = currentReady
      ? {
          status: currentReady.status,
          lastHeartbeatTime: currentReady.lastHeartbeatTime,
          lastTransitionTime: currentReady.lastTransitionTime,
        }
      : undefined;
    const lease = this.leases.get('kube-node-lease', name);
    const renew = lease?.spec?.renewTime;
    if (renew && (!h.leaseRenew || h.leaseRenew < renew)) {
      h.leaseRenew = renew;
      h.probe = now;
    }
    this.state.health[name] = h;
    let current = currentReady;
    if (now > h.probe + grace) {
      const status = clone(node.status ?? {});
      const conditions = status.conditions ?? [];
      const ts = this.ctx.clock.timestamp();
      for (const type of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']) {
        const c = conditions.find((x) => x.type === type);
        if (!c) {
          conditions.push({
            type,
            status: 'Unknown',
            reason: 'NodeStatusNeverUpdated',
            message: 'Kubelet never posted node status.',
            lastHeartbeatTime: node.metadata.creationTimestamp,
            lastTransitionTime: ts,
          });
        } else if (c.status !== 'Unknown') {
          c.status = 'Unknown';
          c.reason = 'NodeStatusUnknown';
          c.message = 'Kubelet stopped posting node status.';
          c.lastTransitionTime = ts;
        }
      }
      status.conditions = conditions;
      current = conditions.find((x) => x.type === 'Ready');
      if (current?.status !== observed.status || current.lastTransitionTime !== observed.lastTransitionTime) {
        this.api.updateStatus<Node>('nodes', '', { ...node, status });
        h.readyTransition = now;
        h.ready = current
          ? {
              status: current.status,
              lastHeartbeatTime: current.lastHeartbeatTime,
              lastTransitionTime: current.lastTransitionTime,
            }
          : undefined;
      }
    }
    return { observed, current };
  }

  private monitorNodeHealth(): void {
    const nodes = this.nodes.list().sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    const names = new Set(nodes.map((n) => n.metadata.name));
    const known = new Set(this.state.known);
    for (const node of nodes) {
      const zone = zoneKey(node);
      if (!this.state.tainters[zone]) this.state.tainters[zone] = { queue: [], qps: EVICTION_QPS };
      if (known.has(node.metadata.name)) continue;
      this.nodeEvent(node, 'RegisteredNode', `Node ${node.metadata.name} event: Registered Node ${node.metadata.name} in Controller`);
      known.add(node.metadata.name);
      this.markNodeAsReachable(node);
    }
    for (const name of [...known]) {
      if (names.has(name)) continue;
      this.nodeEvent({ metadata: { name } }, 'RemovingNode', `Node ${name} event: Removing Node ${name} from Controller`);
      known.delete(name);
      delete this.state.health[name];
      for (const t of Object.values(this.state.tainters)) t.queue = t.queue.filter((n) => n !== name);
    }
    this.state.known = [...known].sort();
    const zoneConditions: Record<string, (NodeCondition | undefined)[]> = {};
    for (const node of nodes) {
      let result: { observed: NodeCondition; current?: NodeCondition };
      try {
        result = this.tryUpdateNodeHealth(node);
      } catch (e) {
        if (!isStatusError(e)) throw e;
        continue;
      }
      const { observed, current } = result;
      if (!node.metadata.labels?.['node.kubernetes.io/exclude-disruption']) {
        const zone = zoneKey(node);
        zoneConditions[zone] = [...(zoneConditions[zone] ?? []), current];
      }
      if (!current) continue;
      const fresh = this.nodes.get('', node.metadata.name) ?? node;
      this.processTaintBasedEviction(fresh, observed);
      const retry = this.state.retry.includes(node.metadata.name);
      if (current.status !== 'True' && observed.status === 'True') {
        this.nodeEvent(node, 'NodeNotReady', `Node ${node.metadata.name} status is now: NodeNotReady`);
        this.markPodsNotReady(node.metadata.name);
      } else if (retry && observed.status !== 'True') this.markPodsNotReady(node.metadata.name);
      this.state.retry = this.state.retry.filter((n) => n !== node.metadata.name);
    }
    this.handleDisruption(zoneConditions, nodes);
  }

  private processTaintBasedEviction(node: Stored<Node>, observed: NodeCondition): void {
    const taints = node.spec?.taints ?? [];
    const has = (key: string) => taints.some((t) => t.key === key && t.effect === 'NoExecute');
    if (observed.status === 'False') {
      if (has(TAINT_UNREACHABLE))
        swapTaints(this.api, node.metadata.name, [{ key: TAINT_NOT_READY, effect: 'NoExecute' }], [{ key: TAINT_UNREACHABLE, effect: 'NoExecute' }]);
      else this.markNodeForTainting(node);
    } else if (observed.status === 'Unknown') {
      if (has(TAINT_NOT_READY))
        swapTaints(this.api, node.metadata.name, [{ key: TAINT_UNREACHABLE, effect: 'NoExecute' }], [{ key: TAINT_NOT_READY, effect: 'NoExecute' }]);
      else this.markNodeForTainting(node);
    } else if (observed.status === 'True') this.markNodeAsReachable(node);
  }

  private tainter(zone: string, qps: number): State['tainters'][string] {
    if (!this.state.tainters[zone]) this.state.tainters[zone] = { queue: [], qps };
    return this.state.tainters[zone];
  }

  private markNodeForTainting(node: Node): void {
    const t = this.tainter(zoneKey(node), EVICTION_QPS);
    if (!t.queue.includes(node.metadata?.name as string)) t.queue.push(node.metadata?.name as string);
    this.queue.add('taint');
  }

  private markNodeAsReachable(node: Node): void {
    const name = node.metadata?.name as string;
    const t = this.state.tainters[zoneKey(node)];
    if (t) t.queue = t.queue.filter((n) => n !== name);
    const taints = node.spec?.taints ?? [];
    if (taints.some((x) => x.effect === 'NoExecute' && (x.key === TAINT_NOT_READY || x.key === TAINT_UNREACHABLE))) {
      swapTaints(
        this.api,
        name,
        [],
        [
          { key: TAINT_UNREACHABLE, effect: 'NoExecute' },
          { key: TAINT_NOT_READY, effect: 'NoExecute' },
        ],
      );
    }
  }

  /** doNoExecuteTaintingPass: each zone's rate limiter lets one node through every 1/qps seconds. */
  private noExecuteTaintingPass(): number | undefined {
    const now = this.now();
    let wait: number | undefined;
    for (const zone of Object.keys(this.state.tainters).sort()) {
      const t = this.state.tainters[zone];
      while (t.queue.length) {
        if (t.qps <= 0) break;
        const interval = 1000 / t.qps;
        if (t.lastAccept !== undefined && now - t.lastAccept < interval) {
          const w = t.lastAccept + interval - now;
          wait = wait === undefined ? w : Math.min(wait, w);
          break;
        }
        t.lastAccept = now;
        const name = t.queue.shift() as string;
        const node = this.nodes.get('', name);
        const ready = node ? readyOf(node) : undefined;
        if (!node || !ready) continue;
        if (ready.status === 'False')
          swapTaints(this.api, name, [{ key: TAINT_NOT_READY, effect: 'NoExecute' }], [{ key: TAINT_UNREACHABLE, effect: 'NoExecute' }]);
        else if (ready.status === 'Unknown')
          swapTaints(this.api, name, [{ key: TAINT_UNREACHABLE, effect: 'NoExecute' }], [{ key: TAINT_NOT_READY, effect: 'NoExecute' }]);
      }
    }
    return wait;
  }

  /** MarkPodsNotReady: the pods' Ready condition goes False (ContainersReady is left as is). */
  private markPodsNotReady(nodeName: string, only?: Stored<Pod>[]): void {
    const pods = (only ?? this.pods.byIndex('spec.nodeName', nodeName)).sort((a, b) =>
      `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`),
    );
    for (const pod of pods) {
      if (pod.spec?.nodeName !== nodeName) continue;
      const conditions = pod.status?.conditions ?? [];
      const ready = conditions.find((c) => c.type === 'Ready');
      if (!ready || ready.status === 'False') continue;
      const next = conditions.map((c) =>
        c.type === 'Ready'
          ? {
              ...c,
              status: 'False',
              lastTransitionTime: this.ctx.clock.timestamp(),
            }
          : c,
      );
      try {
        this.api.updateStatus<Pod>('pods', pod.metadata.namespace ?? 'default', { ...pod, status: { ...pod.status, conditions: next } });
      } catch (e) {
        if (isStatusError(e, 'NotFound')) continue;
        if (!isStatusError(e)) throw e;
        if (!this.state.retry.includes(nodeName)) this.state.retry.push(nodeName);
        continue;
      }
      this.ctx.events.event(pod, 'Warning', 'NodeNotReady', 'Node is not ready', COMPONENT);
    }
  }

  /** processPod: a pod newly assigned to a node that is not Ready is marked not ready at once. */
  private processPod(key: string): void {
    const i = key.indexOf('/');
    const pod = this.pods.get(key.slice(0, i), key.slice(i + 1));
    const nodeName = pod?.spec?.nodeName;
    if (!pod || !nodeName) return;
    const h = this.state.health[nodeName];
    if (!h?.ready || !this.nodes.get('', nodeName)) return;
    if (h.ready.status !== 'True') this.markPodsNotReady(nodeName, [pod]);
  }

  private computeZoneState(conditions: (NodeCondition | undefined)[]): ZoneState {
    let ready = 0;
    let notReady = 0;
    for (const c of conditions) {
      if (c?.status === 'True') ready++;
      else notReady++;
    }
    if (ready === 0 && notReady > 0) return 'FullDisruption';
    if (notReady > 2 && notReady / (notReady + ready) >= UNHEALTHY_ZONE_THRESHOLD) return 'PartialDisruption';
    return 'Normal';
  }

  private limiterFor(state: ZoneState, size: number): number {
    if (state === 'PartialDisruption') return size <= LARGE_CLUSTER_THRESHOLD ? 0 : SECONDARY_EVICTION_QPS;
    return EVICTION_QPS;
  }

  /** handleDisruption: when every zone is fully disrupted the controller stops tainting (the problem is likely its own). */
  private handleDisruption(zoneConditions: Record<string, (NodeCondition | undefined)[]>, nodes: Stored<Node>[]): void {
    const next: Record<string, ZoneState> = {};
    let allFull = true;
    for (const [zone, conds] of Object.entries(zoneConditions)) {
      next[zone] = this.computeZoneState(conds);
      if (next[zone] !== 'FullDisruption') allFull = false;
      if (!this.state.zoneStates[zone]) this.state.zoneStates[zone] = 'Initial';
    }
    let allWasFull = true;
    for (const [zone, st] of Object.entries(this.state.zoneStates)) {
      if (!zoneConditions[zone]) {
        delete this.state.zoneStates[zone];
        continue;
      }
      if (st !== 'FullDisruption') {
        allWasFull = false;
        break;
      }
    }
    if (allFull && allWasFull) return;
    if (allFull) {
      for (const node of nodes) this.markNodeAsReachable(this.nodes.get('', node.metadata.name) ?? node);
      for (const zone of Object.keys(this.state.zoneStates)) {
        const t = this.tainter(zone, 0);
        t.qps = 0;
        this.state.zoneStates[zone] = 'FullDisruption';
      }
      return;
    }
    if (allWasFull) {
      const now = this.now();
      for (const node of nodes) {
        const h = this.state.health[node.metadata.name];
        if (h) {
          h.probe = now;
          h.readyTransition = now;
        }
      }
      for (const zone of Object.keys(this.state.zoneStates)) {
        const t = this.tainter(zone, EVICTION_QPS);
        t.qps = this.limiterFor(next[zone], zoneConditions[zone]?.length ?? 0);
        this.state.zoneStates[zone] = next[zone];
      }
      return;
    }
    for (const [zone, st] of Object.entries(this.state.zoneStates)) {
      if (st === next[zone]) continue;
      const t = this.tainter(zone, EVICTION_QPS);
      t.qps = this.limiterFor(next[zone], zoneConditions[zone]?.length ?? 0);
      this.state.zoneStates[zone] = next[zone];
    }
  }

  override snapshotState(): unknown {
    return structuredClone(this.state);
  }

  override restoreState(state: unknown): void {
    this.state = structuredClone(state) as State;
  }
}
