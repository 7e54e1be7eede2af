import type { Service, ServicePort } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { RandomStream } from '../sim/random';
import { endpointsForPort, type ServiceEndpoint } from './endpoints';
import type { Hop } from './trace';

/** What kube-proxy watches: Services by the addresses they claim, their slices, and the nodes. */
export interface ProxyView {
  /** Services with `ip` as a cluster IP. */
  byClusterIP(ip: string): Service[];
  /** Services with `ip` as a load-balancer ingress address or an external IP. */
  byExternalIP(ip: string): Service[];
  /** Services with a node port `port`. */
  byNodePort(port: number): Service[];
  /** The node whose address `ip` is, if any. */
  nodeAt(ip: string): string | undefined;
  nodeIP(node: string): string | undefined;
  nodeZone(node: string): string | undefined;
  /** Nodes a load balancer may send to (not excluded, not down), by name. */
  lbNodes(): string[];
  slices(svc: Service): readonly EndpointSlice[];
}

/** Who is connecting: a pod (on a node), a node itself, or a machine outside the cluster. */
export interface ProxyClient {
  ip: string;
  /** The node the packet leaves from (a pod's node), for internal traffic policy. */
  node?: string;
  /** From outside the cluster (the learner's machine, the Docker network). */
  external: boolean;
}

export type ProxyResult =
  /** Not a Service address: the packet goes where its destination says. */
  | { kind: 'pass' }
  /** REJECT: the client gets `connection refused` at once. */
  | { kind: 'reject'; hop: Hop }
  /** Dropped (or never matched and lost): the client times out. */
  | { kind: 'drop'; hop: Hop }
  /** DNAT to an endpoint; `snat` when the source is masqueraded to a node address. */
  | { kind: 'dnat'; ip: string; port: number; endpoint: ServiceEndpoint; snat?: string; hop: Hop };

/** Session affinity memory: per Service port and client address, the endpoint and when it was last used. */
export type AffinityState = Record<string, { endpoint: string; at: number }>;

const DEFAULT_AFFINITY_SECONDS = 10800;
/** Sweep expired affinity entries once the table grows past this. */
const AFFINITY_SWEEP = 4096;

type Via = 'clusterIP' | 'nodePort' | 'loadBalancer' | 'externalIP';

interface Match {
  svc: Service;
  port: ServicePort;
  via: Via;
  /** The node that received the packet, for node ports and load balancers. */
  node?: string;
}

function serviceKey(svc: Service): string {
  return `${svc.metadata?.namespace}/${svc.metadata?.name}`;
}

function portLabel(p: ServicePort): string {
  return p.name ? p.name : String(p.port);
}

/** FNV-1a: a stable spread of load-balancer addresses over nodes. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * kube-proxy in iptables mode, as one function of the packet: Service addresses are translated
 * to an endpoint picked uniformly at random (seeded) from the usable ones, as the `statistic`
 * cascade does; ClientIP affinity keeps a client on its endpoint while it keeps coming back
 * within the timeout; a port with no endpoints at all is rejected, one whose traffic policy is
 * Local and has none on the node is dropped.
 */
export class KubeProxy {
  affinity: AffinityState = {};

  constructor(
    private readonly view: ProxyView,
    private readonly random: () => RandomStream,
    private readonly now: () => number,
  ) {}

  route(ip: string, port: number, protocol: string, client: ProxyClient): ProxyResult {
    const match = this.match(ip, port, protocol, client);
    if (match === undefined) return { kind: 'pass' };
    if ('drop' in match) return { kind: 'drop', hop: match.drop };
    const { svc, port: sp, via } = match;
    const endpoints = endpointsForPort(this.view.slices(svc), sp);
    const hopBase = { kind: 'service' as const, service: serviceKey(svc), port: portLabel(sp), address: `${ip}:${port}`, via, candidates: 0 };
    const hasAny = endpoints.some((e) => e.ready || (e.serving && e.terminating));
    if (!hasAny) return { kind: 'reject', hop: { ...hopBase, reason: 'no endpoints' } };
    const fromOutside = client.external && via !== 'clusterIP';
    const localOnly = fromOutside ? svc.spec?.externalTrafficPolicy === 'Local' : via === 'clusterIP' && svc.spec?.internalTrafficPolicy === 'Local';
    const node = fromOutside ? match.node : client.node;
    const usable = localOnly ? localEndpoints(endpoints, node) : this.clusterEndpoints(endpoints, node);
    if (!usable.length) return { kind: 'drop', hop: { ...hopBase, node, reason: 'no local endpoints' } };
    const { endpoint, reason } = this.pick(svc, sp, usable, client.ip);
    // Traffic from outside to a Cluster-policy port is masqueraded to the receiving node's address.
    const snat = fromOutside && !localOnly && match.node ? this.view.nodeIP(match.node) : undefined;
    return {
      kind: 'dnat',
      ip: endpoint.ip,
      port: endpoint.port,
      endpoint,
      snat,
      hop: { ...hopBase, candidates: usable.length, endpoint: `${endpoint.ip}:${endpoint.port}`, pod: endpoint.pod, node: endpoint.nodeName, reason },
    };
  }

  private match(ip: string, port: number, protocol: string, client: ProxyClient): Match | { drop: Hop } | undefined {
    const portOf = (svc: Service, pick: (p: ServicePort) => boolean) => (svc.spec?.ports ?? []).find((p) => (p.protocol ?? 'TCP') === protocol && pick(p));
    const lost = (svc: Service, via: Via): { drop: Hop } => ({
      drop: { kind: 'service', service: serviceKey(svc), port: String(port), address: `${ip}:${port}`, via, candidates: 0, reason: 'no such port' },
    });
    const clusterIP = this.view.byClusterIP(ip);
    if (clusterIP.length) {
      for (const svc of clusterIP) {
        const p = portOf(svc, (q) => q.port === port);
        if (p) return client.external ? lost(svc, 'clusterIP') : { svc, port: p, via: 'clusterIP' };
      }
      // No rule matches: the packet leaves for an address nobody has.
      return lost(clusterIP[0], 'clusterIP');
    }
    const external = this.view.byExternalIP(ip);
    if (external.length) {
      for (const svc of external) {
        const p = portOf(svc, (q) => q.port === port);
        if (!p) continue;
        const lb = (svc.status?.loadBalancer?.ingress ?? []).some((i) => i.ip === ip);
        const node = client.external ? this.lbNode(ip, svc, p) : undefined;
        return { svc, port: p, via: lb ? 'loadBalancer' : 'externalIP', node };
      }
      return lost(external[0], 'loadBalancer');
    }
    const node = this.view.nodeAt(ip);
    if (node) {
      for (const svc of this.view.byNodePort(port)) {
        const p = portOf(svc, (q) => q.nodePort === port);
        if (p) return { svc, port: p, via: 'nodePort', node };
      }
    }
    return undefined;
  }

  /**
   * The node a load balancer hands a connection to: with the Local policy one that has a ready
   * endpoint (the others fail its health check), else any node it may use, spread by address.
   */
  private lbNode(ip: string, svc: Service, sp: ServicePort): string | undefined {
    let nodes = this.view.lbNodes();
    if (svc.spec?.externalTrafficPolicy === 'Local') {
      const ready = new Set(endpointsForPort(this.view.slices(svc), sp).filter((e) => e.ready && e.nodeName).map((e) => e.nodeName as string));
      nodes = nodes.filter((n) => ready.has(n));
    }
    if (!nodes.length) return undefined;
    return [...nodes].sort((a, b) => hash(`${ip}/${a}`) - hash(`${ip}/${b}`) || a.localeCompare(b))[0];
  }

  /** Ready endpoints (narrowed by topology hints when usable), else serving terminating ones. */
  private clusterEndpoints(endpoints: ServiceEndpoint[], node: string | undefined): ServiceEndpoint[] {
    const ready = endpoints.filter((e) => e.ready);
    if (ready.length) {
      const zone = node ? this.view.nodeZone(node) : undefined;
      if (zone && ready.every((e) => e.hintZones?.length) && ready.some((e) => e.hintZones?.includes(zone))) {
        return ready.filter((e) => e.hintZones?.includes(zone));
      }
      return ready;
    }
    return endpoints.filter((e) => e.serving && e.terminating);
  }

  private pick(svc: Service, sp: ServicePort, usable: ServiceEndpoint[], clientIP: string): { endpoint: ServiceEndpoint; reason: 'random' | 'affinity' } {
    if (svc.spec?.sessionAffinity !== 'ClientIP') return { endpoint: usable[this.random().int(usable.length)], reason: 'random' };
    const timeoutMs = (svc.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_AFFINITY_SECONDS) * 1000;
    const key = `${serviceKey(svc)}:${portLabel(sp)}|${clientIP}`;
    const now = this.now();
    const remembered = this.affinity[key];
    let endpoint: ServiceEndpoint | undefined;
    let reason: 'random' | 'affinity' = 'random';
    if (remembered && now - remembered.at <= timeoutMs) {
      endpoint = usable.find((e) => `${e.ip}:${e.port}` === remembered.endpoint);
      if (endpoint) reason = 'affinity';
    }
    endpoint ??= usable[this.random().int(usable.length)];
    this.affinity[key] = { endpoint: `${endpoint.ip}:${endpoint.port}`, at: now };
    this.sweep(now);
    return { endpoint, reason };
  }

  /** Forget affinity entries older than the longest timeout Kubernetes allows (one day). */
  private sweep(now: number): void {
    const keys = Object.keys(this.affinity);
    if (keys.length < AFFINITY_SWEEP) return;
    for (const k of keys) if (now - this.affinity[k].at > 86_400_000) delete this.affinity[k];
  }
}

/** Endpoints on `node`: ready ones, else serving terminating ones. */
function localEndpoints(endpoints: ServiceEndpoint[], node: string | undefined): ServiceEndpoint[] {
  if (!node) return [];
  const local = endpoints.filter((e) => e.nodeName === node);
  const ready = local.filter((e) => e.ready);
  return ready.length ? ready : local.filter((e) => e.serving && e.terminating);
}
