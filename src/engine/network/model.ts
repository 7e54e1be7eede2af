import type { Pod } from 'kubernetes-types/core/v1';
import { Controller, type ControllerContext } from '../controllers/controller';
import { DEFAULT_CLUSTER_CIDR } from '../controllers/nodeipam';
import type { PodRuntime } from '../kubelet/state';
import type { Dataplane } from './dataplane';
import { ClusterDns, type DnsResponse, offlineUpstream, type QType, type Upstream } from './dns';
import { podHosts } from './hosts';
import { PolicyEngine } from './policy';
import { type AffinityState, KubeProxy } from './proxy';
import { type HttpRequestInfo, type IngressAnswer, serveIngress } from './ingress-serve';
import { type Client, type ConnectError, connect, exchange, httpGet, type NetParts } from './request';
import { type LookupResult, lookupHost } from './resolver';
import { NODE_RESOLV, podResolvConf } from './resolvconf';
import { type Trace, TraceRing, type TraceState } from './trace';
import { parseCidr } from './ip';
import { ClusterViews } from './views';

/** What the network model keeps beyond API objects: kube-proxy's affinity memory and the traces. */
interface NetworkState {
  affinity: AffinityState;
  traces: TraceState;
  /** Ingress controllers' round-robin position per upstream. */
  upstreams?: Record<string, number>;
}

/** A data plane with no machines: every address is unreachable (until the kubelets attach). */
const NO_MACHINES: Dataplane = {
  podAt: () => undefined,
  nodeOfPod: () => undefined,
  nodeDown: () => true,
  podIP: () => undefined,
  port: () => ({ state: 'timed out' }),
  http: () => 'timed out',
};

export interface RequestResult {
  /** The HTTP answer, or what the client reports: `bad address`, `connection refused`, `timed out`. */
  answer: IngressAnswer | ConnectError | 'bad address';
  trace: Trace;
}

/**
 * The cluster network: CoreDNS, kube-proxy and NetworkPolicy enforcement over the simulated
 * machines. It is a controller only to live in the manager (snapshot state, a first reconcile
 * that hooks into the kubelets); the objects it reads come from the shared informers.
 */
export class NetworkModel extends Controller {
  readonly views: ClusterViews;
  readonly proxy: KubeProxy;
  readonly policy: PolicyEngine;
  readonly dns: ClusterDns;
  /** Where names outside the cluster are resolved: the sandbox is offline by default. */
  upstream: Upstream = offlineUpstream;
  private dataplane: Dataplane = NO_MACHINES;
  private readonly ring = new TraceRing();
  private upstreams: Record<string, number> = {};
  /** The cluster's pod network, as its node IPAM controller has it (installNetwork wires it). */
  podNetwork: () => string = () => DEFAULT_CLUSTER_CIDR;

  private podCIDR(): { base: number; bits: number } {
    const text = this.podNetwork();
    if (text !== this.cidrText) {
      this.cidrText = text;
      this.cidr = parseCidr(text) ?? (parseCidr(DEFAULT_CLUSTER_CIDR) as { base: number; bits: number });
    }
    return this.cidr as { base: number; bits: number };
  }

  private cidrText = '';
  private cidr: { base: number; bits: number } | undefined;
  /** Called on the first reconcile and after a restore: hooks the model into the machines. */
  private attachHook?: () => void;

  constructor(ctx: ControllerContext) {
    super('network', ctx);
    this.views = new ClusterViews(ctx.informers);
    this.views.nodeDown = (node) => this.dataplane.nodeDown(node);
    this.proxy = new KubeProxy(this.views, () => ctx.random.stream('kube-proxy'), () => ctx.clock.now());
    this.policy = new PolicyEngine(this.views);
    this.dns = new ClusterDns(this.views, (items) => shuffle(items, () => ctx.random.stream('coredns')), (name, type) => this.upstream(name, type));
  }

  /** Run `hook` on the first reconcile (before the kubelets' first work at that instant) and after restores. */
  onAttach(hook: () => void): void {
    this.attachHook = hook;
    hook();
    this.queue.add('attach');
  }

  reconcile(key: string): void {
    if (key === 'attach') this.attachHook?.();
  }

  /** Use these machines as the data plane. */
  attach(dataplane: Dataplane): void {
    this.dataplane = dataplane;
  }

  private get parts(): NetParts {
    const parts: NetParts = {
      views: this.views,
      proxy: this.proxy,
      policy: this.policy,
      dns: this.dns,
      dataplane: this.dataplane,
      upstream: this.upstream,
      podCIDR: this.podCIDR(),
      ingress: (pod, ip, port, path, req, hops, source) => serveIngress(parts, pod, ip, port, path, req, hops, (upstream, n) => this.nextUpstream(upstream, n), source),
    };
    return parts;
  }

  /** nginx's round robin over an upstream's endpoints. */
  private nextUpstream(upstream: string, count: number): number {
    const i = (this.upstreams[upstream] ?? 0) % count;
    this.upstreams[upstream] = (i + 1) % count;
    return i;
  }

  // ---- clients ----

  /** A pod as a client; undefined when it has no sandbox (not scheduled, not started, gone). */
  podClient(namespace: string, name: string): Client | undefined {
    const key = `${namespace}/${name}`;
    const pod = this.views.pod(key);
    const ip = this.dataplane.podIP(key);
    if (!pod || !ip) return undefined;
    const hostNetwork = !!pod.spec?.hostNetwork;
    return { pod: key, podObject: pod, ip, node: this.dataplane.nodeOfPod(key) ?? pod.spec?.nodeName, hostNetwork, external: false };
  }

  /** The kubelet's view of a pod it runs, as a client (labels from the API when it is the same pod). */
  runtimeClient(rt: PodRuntime): Client {
    const api = this.views.pod(rt.key);
    const pod: Pod = api && api.metadata.uid === rt.uid ? api : rt.pod;
    const node = this.dataplane.nodeOfPod(rt.key) ?? rt.pod.spec?.nodeName;
    const ip = rt.ip ?? (node ? this.views.nodeIP(node) : undefined) ?? '';
    return { pod: rt.key, podObject: pod, ip, node, hostNetwork: !!rt.pod.spec?.hostNetwork, external: false };
  }

  /** A machine outside the cluster on the Docker network (the learner's own computer). */
  externalClient(ip = NODE_RESOLV.nameservers[0]): Client {
    return { ip, hostNetwork: false, external: true };
  }

  // ---- operations (each leaves a trace) ----

  /** Resolve a name as a program in the client pod would (search path, ndots, /etc/hosts). */
  lookup(client: Client, name: string, type: QType = 'A', trace = this.begin(client, `resolve ${name}`)): LookupResult {
    const pod = client.podObject;
    const conf = pod ? podResolvConf(pod) : { ...NODE_RESOLV, searches: [...NODE_RESOLV.searches] };
    const node = client.node ? { name: client.node, ip: this.views.nodeIP(client.node) } : undefined;
    const hosts = pod ? podHosts(pod, client.ip, node) : { localhost: '127.0.0.1' };
    const result = lookupHost(name, conf, hosts, (server, qname, qtype) => exchange(this.parts, client, server, qname, qtype, trace.hops), type);
    if (result.source === 'hosts') trace.hops.push({ kind: 'hosts', name, address: result.addresses[0] });
    trace.outcome = result.outcome === 'ok' ? `resolved ${result.addresses.join(' ')}` : result.outcome;
    return result;
  }

  /** One question to one server (as `nslookup NAME SERVER` asks), without the search path. */
  query(client: Client, server: string, name: string, type: QType = 'A'): DnsResponse | 'timed out' {
    const trace = this.begin(client, `query ${type} ${name} @${server}`);
    const r = exchange(this.parts, client, server, name, type, trace.hops);
    trace.outcome = r === 'timed out' ? r : r.rcode;
    return r;
  }

  /** Open a connection to an address (as `nc -z` does): `open`, or the error. */
  connect(client: Client, ip: string, port: number, protocol = 'TCP', trace = this.begin(client, `${protocol.toLowerCase()} ${ip}:${port}`)): 'open' | ConnectError {
    const r = connect(this.parts, client, ip, port, protocol, trace.hops);
    trace.outcome = typeof r === 'string' ? r : 'open';
    return typeof r === 'string' ? r : 'open';
  }

  /** An HTTP GET to an address (the name already resolved); `req` carries the Host header and TLS. */
  httpGet(client: Client, ip: string, port: number, path: string, trace = this.begin(client, `http://${ip}:${port}${path}`), req: HttpRequestInfo = {}): IngressAnswer | ConnectError {
    const r = httpGet(this.parts, client, ip, port, path, trace.hops, req);
    trace.outcome = typeof r === 'string' ? r : 'handshake' in r && r.handshake ? 'certificate not trusted' : String(r.status);
    return r;
  }

  /** `wget http://host[:port]/path` end to end: resolve, connect through Services and policies, GET. */
  request(client: Client, url: string): RequestResult {
    const m = /^(?:(https?):\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
    const trace = this.begin(client, url);
    if (!m) {
      trace.outcome = 'bad address';
      return { answer: 'bad address', trace };
    }
    const port = m[3] ? Number(m[3]) : m[1] === 'https' ? 443 : 80;
    const resolved = this.lookup(client, m[2], 'A', trace);
    if (resolved.outcome !== 'ok') {
      trace.outcome = 'bad address';
      return { answer: 'bad address', trace };
    }
    const answer = this.httpGet(client, resolved.addresses[0], port, m[4] ?? '/', trace, { host: m[3] ? `${m[2]}:${m[3]}` : m[2], tls: m[1] === 'https' });
    trace.request = url;
    return { answer, trace };
  }

  // ---- traces ----

  /** The most recent requests, oldest first (a bounded ring). */
  traces(): Trace[] {
    return this.ring.list();
  }

  clearTraces(): void {
    this.ring.clear();
  }

  /** Start a trace for `client` at the current instant. */
  begin(client: Client, request: string): Trace {
    return this.ring.begin(this.ctx.clock.now(), { pod: client.pod, address: client.ip }, request);
  }

  /** The newest trace when it is a name lookup by the same client at this instant (to append the request to it). */
  pendingLookup(client: Client, address: string): Trace | undefined {
    const t = this.ring.last();
    if (!t || t.at !== this.ctx.clock.now() || t.from.pod !== client.pod || t.from.address !== client.ip) return undefined;
    if (!t.request.startsWith('resolve ') || !t.outcome.startsWith('resolved ') || !t.outcome.slice(9).split(' ').includes(address)) return undefined;
    return t;
  }

  // ---- snapshots ----

  snapshotState(): NetworkState {
    return { affinity: structuredClone(this.proxy.affinity), traces: this.ring.snapshot(), upstreams: { ...this.upstreams } };
  }

  restoreState(state: unknown): void {
    const s = state as Partial<NetworkState> | undefined;
    this.proxy.affinity = structuredClone(s?.affinity ?? {});
    this.ring.restore(s?.traces);
    this.upstreams = { ...(s?.upstreams ?? {}) };
    this.views.reset();
    this.attachHook?.();
  }
}

/** Fisher–Yates with a seeded stream: CoreDNS's loadbalance plugin shuffles address records. */
function shuffle<T>(items: T[], stream: () => { int(n: number): number }): T[] {
  if (items.length < 2) return items;
  const s = stream();
  for (let i = items.length - 1; i > 0; i--) {
    const j = s.int(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
