import type { Pod } from 'kubernetes-types/core/v1';
import type { HttpAnswer } from '../kubelet/shell/host';
import type { Dataplane, PortState } from './dataplane';
import { type ClusterDns, type DnsResponse, type QType, recordData, type Upstream } from './dns';
import { cidrContains, isLoopback, parseCidr, parseIPv4 } from './ip';
import type { PolicyEngine, PolicyPeer, PolicyVerdict } from './policy';
import type { KubeProxy } from './proxy';
import { NODE_RESOLV } from './resolvconf';
import type { HttpRequestInfo } from './ingress-serve';
import type { Hop } from './trace';
import type { ClusterViews } from './views';

/** Who opens a connection: a pod (possibly on the host network) or a machine outside the cluster. */
export interface Client {
  /** `ns/name` when the client is a pod. */
  pod?: string;
  /** The pod object, for policy selectors (current labels). */
  podObject?: Pod;
  ip: string;
  node?: string;
  hostNetwork: boolean;
  external: boolean;
}

/** The parts of the network a request goes through. */
export interface NetParts {
  views: ClusterViews;
  proxy: KubeProxy;
  policy: PolicyEngine;
  dns: ClusterDns;
  dataplane: Dataplane;
  upstream: Upstream;
  /** The cluster's pod network: addresses in it that no pod holds lead nowhere. */
  podCIDR: { base: number; bits: number };
  /**
   * An HTTP request that reached a pod: what an ingress controller there makes of it (see
   * ingress-serve.ts), or undefined when the pod's process answers for itself.
   */
  ingress?: (pod: string, ip: string, port: number, path: string, req: HttpRequestInfo, hops: Hop[], source: string) => HttpAnswer | ConnectError | undefined;
}

/** Where an address leads once kube-proxy is done with it. */
type Place =
  | { kind: 'pod'; pod: string; node?: string }
  | { kind: 'node'; node: string }
  | { kind: 'loopback' }
  | { kind: 'outside' }
  | { kind: 'unroutable' };

/** The far end of an opened path: the address and port packets reach, and the source address it sees. */
export interface Path {
  ip: string;
  port: number;
  source: string;
  place: Place;
}

export type ConnectError = 'connection refused' | 'timed out';

/** The service range: addresses here that no Service holds lead nowhere. */
const SERVICE_CIDR = parseCidr('10.96.0.0/12') as { base: number; bits: number };
/** The Docker network's gateway: the host, and the name server of the nodes. */
const HOST_GATEWAY = NODE_RESOLV.nameservers[0];

function locate(parts: NetParts, ip: string): Place {
  const pod = parts.dataplane.podAt(ip);
  if (pod) return { kind: 'pod', pod, node: parts.dataplane.nodeOfPod(pod) };
  const node = parts.views.nodeAt(ip);
  if (node) return { kind: 'node', node };
  const n = parseIPv4(ip);
  if (n === undefined || cidrContains(parts.podCIDR, n) || cidrContains(SERVICE_CIDR, n)) return { kind: 'unroutable' };
  return { kind: 'outside' };
}

function policyHop(direction: 'egress' | 'ingress', pod: string, v: PolicyVerdict): Hop {
  return { kind: 'policy', direction, pod, verdict: v.selecting.length === 0 ? 'not isolated' : v.allowed ? 'allowed' : 'denied', selecting: v.selecting, allowedBy: v.allowedBy };
}

export interface OpenOptions {
  /** Record policy verdicts only where a pod is isolated (for the many small DNS exchanges). */
  quietPolicy?: boolean;
}

/**
 * Open a path from `client` to `ip:port`: kube-proxy's translation, the route, then the
 * source pod's egress policy and the destination pod's ingress policy, as a packet meets them.
 * Hops are appended to `hops`. Policy drops and unroutable addresses time out; a rejected
 * Service port is refused at once.
 */
export function open(parts: NetParts, client: Client, ip: string, port: number, protocol: string, hops: Hop[], opts: OpenOptions = {}): Path | ConnectError {
  // The pod's own addresses never leave its network namespace.
  if (isLoopback(ip) || (!client.external && ip === client.ip && !client.hostNetwork)) {
    hops.push({ kind: 'route', address: ip, to: 'loopback', pod: client.pod });
    const own: Place = client.pod && !client.hostNetwork ? { kind: 'pod', pod: client.pod, node: client.node } : client.node ? { kind: 'node', node: client.node } : { kind: 'loopback' };
    return { ip: client.ip, port, source: client.ip, place: own };
  }
  const receiving = parts.views.nodeAt(ip);
  if (receiving && parts.dataplane.nodeDown(receiving)) {
    hops.push({ kind: 'route', address: ip, to: 'down', node: receiving });
    return 'timed out';
  }
  let target = ip;
  let targetPort = port;
  let source = client.ip;
  const routed = parts.proxy.route(ip, port, protocol, { ip: client.ip, node: client.node, external: client.external });
  if (routed.kind !== 'pass') hops.push(routed.hop);
  if (routed.kind === 'reject') return 'connection refused';
  if (routed.kind === 'drop') return 'timed out';
  if (routed.kind === 'dnat') {
    target = routed.ip;
    targetPort = routed.port;
    if (routed.snat) source = routed.snat;
  }
  let place = locate(parts, target);
  let forwarded = false;
  if (routed.kind === 'pass' && place.kind === 'node') {
    // The CNI portmap plugin: a pod's hostPort on its node's address leads to the pod.
    const hp = parts.views.hostPortPod(place.node, port, protocol);
    const key = hp ? `${hp.pod.metadata.namespace}/${hp.pod.metadata.name}` : undefined;
    const podIP = key ? parts.dataplane.podIP(key) : undefined;
    if (hp && key && podIP && podIP !== target) {
      hops.push({ kind: 'hostPort', address: `${target}:${port}`, pod: key, endpoint: `${podIP}:${hp.containerPort}` });
      target = podIP;
      targetPort = hp.containerPort;
      place = { kind: 'pod', pod: key, node: place.node };
      forwarded = true;
    }
  }
  if (client.external && place.kind === 'pod' && routed.kind === 'pass' && !forwarded) {
    // The host has no route into the pod network.
    hops.push({ kind: 'route', address: target, to: 'unroutable' });
    return 'timed out';
  }
  if (place.kind === 'unroutable') {
    hops.push({ kind: 'route', address: target, to: 'unroutable' });
    return 'timed out';
  }
  const hostNode = place.kind === 'pod' || place.kind === 'node' ? place.node : undefined;
  if (hostNode && parts.dataplane.nodeDown(hostNode)) {
    // A machine that is down answers nothing: the packets are lost.
    hops.push({ kind: 'route', address: target, to: 'down', pod: place.kind === 'pod' ? place.pod : undefined, node: hostNode });
    return 'timed out';
  }
  if (place.kind === 'outside' && !client.external && client.node) {
    // Leaving the cluster, pod traffic is masqueraded to its node's address.
    source = parts.views.nodeIP(client.node) ?? source;
  }
  if (place.kind === 'pod') hops.push({ kind: 'route', address: target, to: 'pod', pod: place.pod, node: place.node });
  else if (place.kind === 'node') hops.push({ kind: 'route', address: target, to: 'node', node: place.node });
  else hops.push({ kind: 'route', address: target, to: 'outside' });

  const dstPod = place.kind === 'pod' ? parts.views.pod(place.pod) : undefined;
  const sameNode = (node: string | undefined, addr: string) => !!node && parts.views.nodeIP(node) === addr;
  const samePod = !!client.pod && place.kind === 'pod' && place.pod === client.pod;
  // Egress of a pod on the pod network (host-network pods are not subject to NetworkPolicy).
  if (client.podObject && client.pod && !client.hostNetwork && !samePod && !sameNode(client.node, target)) {
    const peer: PolicyPeer = { ip: target, pod: dstPod && !dstPod.spec?.hostNetwork ? dstPod : undefined };
    const v = parts.policy.egress(client.podObject, peer, targetPort, protocol);
    if (!opts.quietPolicy || v.selecting.length) hops.push(policyHop('egress', client.pod, v));
    if (!v.allowed) return 'timed out';
  }
  // Ingress of the destination pod; traffic from its own node is always allowed.
  if (dstPod && place.kind === 'pod' && !dstPod.spec?.hostNetwork && !samePod && !sameNode(place.node, source)) {
    const fromPod = source === client.ip && client.podObject && !client.hostNetwork ? client.podObject : undefined;
    const v = parts.policy.ingress(dstPod, { ip: source, pod: fromPod }, targetPort, protocol);
    if (!opts.quietPolicy || v.selecting.length) hops.push(policyHop('ingress', place.pod, v));
    if (!v.allowed) return 'timed out';
  }
  return { ip: target, port: targetPort, source, place };
}

/** Open a TCP (or UDP) connection and see whether anything listens there. */
export function connect(parts: NetParts, client: Client, ip: string, port: number, protocol: string, hops: Hop[]): (Path & { program?: string }) | ConnectError {
  const path = open(parts, client, ip, port, protocol, hops);
  if (typeof path === 'string') return path;
  if (path.place.kind === 'outside') {
    hops.push({ kind: 'answer', result: 'timed out' });
    return 'timed out';
  }
  const state: PortState = parts.dataplane.port(path.ip, path.port, protocol);
  const pod = path.place.kind === 'pod' ? path.place.pod : undefined;
  hops.push({ kind: 'answer', result: state.state, pod });
  return state.state === 'open' ? { ...path, program: state.program } : state.state;
}

/**
 * An HTTP GET over a new connection: the process's answer, or the connection error. `req` is
 * what the client sends beyond the path (the Host header, TLS), which an ingress controller reads.
 */
export function httpGet(parts: NetParts, client: Client, ip: string, port: number, path: string, hops: Hop[], req: HttpRequestInfo = {}): HttpAnswer | ConnectError {
  const p = open(parts, client, ip, port, 'TCP', hops);
  if (typeof p === 'string') return p;
  if (p.place.kind === 'outside') {
    hops.push({ kind: 'answer', result: 'timed out' });
    return 'timed out';
  }
  if (p.place.kind === 'pod' && parts.ingress) {
    const served = parts.ingress(p.place.pod, p.ip, p.port, path, req, hops, p.source);
    if (served !== undefined) return served;
  }
  const answer = parts.dataplane.http(p.ip, p.port, path, p.source);
  const pod = p.place.kind === 'pod' ? p.place.pod : undefined;
  if (typeof answer === 'string') {
    hops.push({ kind: 'answer', result: answer, pod });
    return answer === 'connection refused' ? 'connection refused' : 'timed out';
  }
  hops.push({ kind: 'answer', result: String(answer.status), status: answer.status, pod });
  return answer;
}

/**
 * One DNS question over UDP to `server`: it must reach a CoreDNS process (through the kube-dns
 * Service, past both pods' policies) or the node's resolver; otherwise the client hears nothing.
 */
export function exchange(parts: NetParts, client: Client, server: string, name: string, type: QType, hops: Hop[]): DnsResponse | 'timed out' {
  const dnsHops: Hop[] = [];
  const p = open(parts, client, server, 53, 'UDP', dnsHops, { quietPolicy: true });
  let response: DnsResponse | 'timed out' = 'timed out';
  let via: string | undefined;
  if (typeof p !== 'string') {
    if (p.place.kind === 'outside') {
      if (p.ip === HOST_GATEWAY) response = parts.upstream(name.toLowerCase().replace(/\.$/, ''), type);
    } else {
      const state = parts.dataplane.port(p.ip, p.port, 'UDP');
      if (state.state === 'open' && state.program === 'coredns') {
        response = parts.dns.query(name, type);
        via = p.place.kind === 'pod' ? p.place.pod : undefined;
      }
    }
  }
  // Only the hops that explain a failure (or an isolated pod's verdicts) are worth drawing.
  for (const h of dnsHops) if (h.kind === 'policy' || (response === 'timed out' && h.kind !== 'route')) hops.push(h);
  hops.push({
    kind: 'dns',
    name,
    type,
    server,
    rcode: response === 'timed out' ? 'timed out' : response.rcode,
    answers: response === 'timed out' ? [] : response.answers.map(recordData),
    via,
  });
  return response;
}
