import type { Service } from 'kubernetes-types/core/v1';
import type { DnsEndpoint } from './endpoints';
import { dashedIP, fromReverseName, undashIP } from './ip';
import { CLUSTER_DOMAIN } from './resolvconf';

/** The TTL kind's Corefile gives cluster records (`kubernetes … { ttl 30 }`). */
export const CLUSTER_TTL = 30;

export type QType = 'A' | 'AAAA' | 'SRV' | 'PTR' | 'CNAME' | 'TXT' | 'ANY';

export type DnsRecord =
  | { type: 'A'; name: string; ttl: number; address: string }
  | { type: 'CNAME'; name: string; ttl: number; target: string }
  | { type: 'SRV'; name: string; ttl: number; priority: number; weight: number; port: number; target: string }
  | { type: 'PTR'; name: string; ttl: number; target: string };

/** One DNS answer: NOERROR with no records is NODATA (the name exists, not with that type). */
export interface DnsResponse {
  rcode: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL';
  answers: DnsRecord[];
  /** Address records for SRV targets (the additional section). */
  additional: DnsRecord[];
}

/** What CoreDNS's kubernetes plugin reads from the API (its informer caches). */
export interface DnsView {
  namespaceExists(ns: string): boolean;
  service(ns: string, name: string): Service | undefined;
  /** Addresses served for a Service (ready ones, or all when it publishes not-ready addresses). */
  endpoints(svc: Service): DnsEndpoint[];
  /** Services whose cluster IPs include `ip` (for reverse lookups). */
  servicesByIP(ip: string): Service[];
  /** Services that have `ip` as a served endpoint, with the endpoint's hostname. */
  endpointOwners(ip: string): { service: Service; hostname?: string }[];
}

/** Names outside the cluster zone go to the node's resolver; the sandbox has no Internet. */
export type Upstream = (name: string, type: QType) => DnsResponse;

export const offlineUpstream: Upstream = () => nxdomain();

const NODATA = (): DnsResponse => ({ rcode: 'NOERROR', answers: [], additional: [] });
function nxdomain(): DnsResponse {
  return { rcode: 'NXDOMAIN', answers: [], additional: [] };
}

/** A parsed name under the cluster zone: `[_port._proto.|endpoint.]service.namespace.svc|pod`. */
interface ParsedName {
  kind: 'svc' | 'pod' | '';
  namespace: string;
  service: string;
  endpoint: string;
  port: string;
  protocol: string;
}

const ZONE_SUFFIX = `.${CLUSTER_DOMAIN}`;

function parseClusterName(rel: string): ParsedName | undefined {
  const empty: ParsedName = { kind: '', namespace: '', service: '', endpoint: '', port: '', protocol: '' };
  if (rel === '') return empty;
  const segs = rel.split('.');
  const kind = segs[segs.length - 1];
  if (kind !== 'svc' && kind !== 'pod') return undefined;
  const r: ParsedName = { ...empty, kind };
  const rest = segs.slice(0, -1);
  if (rest.length > 4) return undefined;
  r.namespace = rest[rest.length - 1] ?? '';
  r.service = rest[rest.length - 2] ?? '';
  if (rest.length === 3) r.endpoint = rest[0];
  if (rest.length === 4) {
    r.port = rest[0].replace(/^_/, '');
    r.protocol = rest[1].replace(/^_/, '');
  }
  return r;
}

function matchPort(want: string, name: string, wantProto: string, proto: string): boolean {
  return (want === '' || want.toLowerCase() === name.toLowerCase()) && (wantProto === '' || wantProto.toLowerCase() === proto.toLowerCase());
}

/** A served address or SRV target: what CoreDNS builds from a Service or an endpoint. */
interface Backend {
  address: string;
  port: number;
  /** The owner name an SRV record points at. */
  target: string;
}

/** How CoreDNS names an endpoint: its hostname, else its address with dashes. */
export function endpointName(ep: { ip: string; hostname?: string }): string {
  return ep.hostname || dashedIP(ep.ip);
}

/**
 * The cluster DNS server as CoreDNS serves it with kind's Corefile: the kubernetes plugin for
 * `cluster.local` (`pods insecure`) and reverse zones, everything else forwarded upstream, and
 * `loadbalance` shuffling address records. Record shapes follow the Kubernetes DNS specification.
 */
export class ClusterDns {
  constructor(
    private readonly view: DnsView,
    private readonly shuffle: <T>(items: T[]) => T[] = (x) => x,
    private readonly upstream: Upstream = offlineUpstream,
  ) {}

  query(qname: string, qtype: QType, depth = 0): DnsResponse {
    const name = qname.toLowerCase().replace(/\.$/, '');
    if (qtype === 'PTR') {
      const ip = fromReverseName(name);
      if (ip) return this.reverse(name, ip);
    }
    if (name === CLUSTER_DOMAIN || name.endsWith(ZONE_SUFFIX)) {
      return this.cluster(name, name === CLUSTER_DOMAIN ? '' : name.slice(0, -ZONE_SUFFIX.length), qtype, depth);
    }
    return this.upstream(name, qtype);
  }

  private reverse(name: string, ip: string): DnsResponse {
    // A Service's cluster IP first; otherwise the first endpoint that has the address.
    let target: string | undefined;
    const svc = this.view.servicesByIP(ip)[0];
    if (svc) target = `${svc.metadata?.name}.${svc.metadata?.namespace}.svc.${CLUSTER_DOMAIN}`;
    else {
      const owner = this.view.endpointOwners(ip)[0];
      if (owner) target = `${endpointName({ ip, hostname: owner.hostname })}.${owner.service.metadata?.name}.${owner.service.metadata?.namespace}.svc.${CLUSTER_DOMAIN}`;
    }
    // No cluster record: the Corefile lets in-addr.arpa fall through to the forwarder.
    if (!target) return this.upstream(name, 'PTR');
    return { rcode: 'NOERROR', answers: [{ type: 'PTR', name, ttl: CLUSTER_TTL, target }], additional: [] };
  }

  private cluster(name: string, rel: string, qtype: QType, depth: number): DnsResponse {
    const r = parseClusterName(rel);
    if (!r) return nxdomain();
    if (r.kind === '') return NODATA();
    if (r.kind === 'pod') return this.pod(name, r, qtype);
    if (r.namespace === '') return NODATA();
    if (!this.view.namespaceExists(r.namespace)) return nxdomain();
    if (r.service === '') return NODATA();
    const svc = this.view.service(r.namespace, r.service);
    if (!svc) return nxdomain();
    if (svc.spec?.type === 'ExternalName') return this.externalName(name, r, svc, qtype, depth);
    const backends = this.backends(r, svc);
    if (!backends.length) return nxdomain();
    return this.answer(name, qtype, backends);
  }

  private pod(name: string, r: ParsedName, qtype: QType): DnsResponse {
    // `pods insecure`: any dashed address in an existing namespace answers with that address.
    const ip = r.endpoint === '' && r.port === '' ? undashIP(r.service) : undefined;
    if (!ip || !this.view.namespaceExists(r.namespace)) return nxdomain();
    if (qtype !== 'A' && qtype !== 'ANY') return NODATA();
    return { rcode: 'NOERROR', answers: [{ type: 'A', name, ttl: CLUSTER_TTL, address: ip }], additional: [] };
  }

  private externalName(name: string, r: ParsedName, svc: Service, qtype: QType, depth: number): DnsResponse {
    const target = (svc.spec?.externalName ?? '').toLowerCase().replace(/\.$/, '');
    if (r.endpoint !== '' || !target) return nxdomain();
    const cname: DnsRecord = { type: 'CNAME', name, ttl: CLUSTER_TTL, target };
    if (qtype === 'CNAME' || depth >= 8) return { rcode: 'NOERROR', answers: [cname], additional: [] };
    // The plugin looks the target up itself (in the zone, or through the forwarder) and adds what it finds.
    const chased = this.query(target, qtype, depth + 1);
    return { rcode: 'NOERROR', answers: [cname, ...chased.answers], additional: chased.additional };
  }

  private backends(r: ParsedName, svc: Service): Backend[] {
    const ns = svc.metadata?.namespace;
    const svcFqdn = `${svc.metadata?.name}.${ns}.svc.${CLUSTER_DOMAIN}`;
    const headless = svc.spec?.clusterIP === 'None';
    const out: Backend[] = [];
    if (headless || r.endpoint !== '') {
      for (const ep of this.view.endpoints(svc)) {
        const epName = endpointName(ep);
        if (r.endpoint !== '' && r.endpoint !== epName) continue;
        const target = `${epName}.${svcFqdn}`;
        // An endpoint without ports still has an address record (CoreDNS keeps a sentinel port).
        if (!ep.ports.length) {
          if (r.port === '' && r.protocol === '') out.push({ address: ep.ip, port: -1, target });
          continue;
        }
        for (const p of ep.ports) if (matchPort(r.port, p.name, r.protocol, p.protocol)) out.push({ address: ep.ip, port: p.port, target });
      }
      return out;
    }
    const ips = svc.spec?.clusterIPs ?? (svc.spec?.clusterIP ? [svc.spec.clusterIP] : []);
    for (const p of svc.spec?.ports ?? []) {
      if (!matchPort(r.port, p.name ?? '', r.protocol, p.protocol ?? 'TCP')) continue;
      for (const ip of ips) out.push({ address: ip, port: p.port, target: svcFqdn });
    }
    return out;
  }

  private answer(name: string, qtype: QType, backends: Backend[]): DnsResponse {
    if (qtype === 'A' || qtype === 'ANY') {
      const seen = new Set<string>();
      const answers: DnsRecord[] = [];
      for (const b of backends) {
        if (seen.has(b.address)) continue;
        seen.add(b.address);
        answers.push({ type: 'A', name, ttl: CLUSTER_TTL, address: b.address });
      }
      return { rcode: 'NOERROR', answers: this.shuffle(answers), additional: [] };
    }
    if (qtype === 'SRV') {
      // Every record has priority 0 and an equal share of 100 as weight, as CoreDNS computes it.
      const weight = Math.floor(100 / backends.length);
      const seen = new Set<string>();
      const answers: DnsRecord[] = [];
      const additional: DnsRecord[] = [];
      for (const b of backends) {
        if (b.port < 0 || seen.has(`${b.target}:${b.port}`)) continue;
        seen.add(`${b.target}:${b.port}`);
        answers.push({ type: 'SRV', name, ttl: CLUSTER_TTL, priority: 0, weight, port: b.port, target: b.target });
        if (!additional.some((a) => a.name === b.target)) additional.push({ type: 'A', name: b.target, ttl: CLUSTER_TTL, address: b.address });
      }
      return { rcode: 'NOERROR', answers, additional };
    }
    return NODATA();
  }
}

/** `Name: … Address: …` lines aside, the record as `dig` would print its data. */
export function recordData(r: DnsRecord): string {
  switch (r.type) {
    case 'A':
      return r.address;
    case 'CNAME':
    case 'PTR':
      return `${r.target}.`;
    case 'SRV':
      return `${r.priority} ${r.weight} ${r.port} ${r.target}.`;
  }
}
