import type { Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { DnsView } from './dns';
import { dnsEndpoints, SERVICE_NAME_LABEL } from './endpoints';

/** Test fixtures: API objects shaped as the API server stores them, with only what a test needs. */

export function service(ns: string, name: string, spec: Service['spec'], status?: Service['status']): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { namespace: ns, name }, spec: { type: 'ClusterIP', ...spec }, status };
}

export interface EndpointFixture {
  ip: string;
  ready?: boolean;
  serving?: boolean;
  terminating?: boolean;
  node?: string;
  hostname?: string;
  pod?: string;
  zones?: string[];
}

export function slice(ns: string, svc: string, name: string, ports: { name?: string; port: number; protocol?: string }[], endpoints: EndpointFixture[]): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { namespace: ns, name, labels: { [SERVICE_NAME_LABEL]: svc } },
    addressType: 'IPv4',
    ports: ports.map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP' })),
    endpoints: endpoints.map((e) => ({
      addresses: [e.ip],
      conditions: { ready: e.ready ?? true, serving: e.serving ?? e.ready ?? true, terminating: e.terminating ?? false },
      nodeName: e.node,
      hostname: e.hostname,
      targetRef: e.pod ? { kind: 'Pod', namespace: ns, name: e.pod } : undefined,
      hints: e.zones ? { forZones: e.zones.map((z) => ({ name: z })) } : undefined,
    })),
  };
}

export function pod(ns: string, name: string, labels: Record<string, string> = {}, ports: { name?: string; containerPort: number; protocol?: string }[] = []): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { namespace: ns, name, labels },
    spec: { containers: [{ name: 'c', image: 'nginx', ports: ports.map((p) => ({ ...p, protocol: p.protocol ?? 'TCP' })) }] },
  };
}

/** A DnsView over plain lists, as CoreDNS's caches would hold them. */
export function dnsView(namespaces: string[], services: Service[], slices: EndpointSlice[]): DnsView {
  const slicesOf = (s: Service) => slices.filter((x) => x.metadata?.namespace === s.metadata?.namespace && x.metadata?.labels?.[SERVICE_NAME_LABEL] === s.metadata?.name);
  const view: DnsView = {
    namespaceExists: (ns) => namespaces.includes(ns),
    service: (ns, name) => services.find((s) => s.metadata?.namespace === ns && s.metadata?.name === name),
    endpoints: (s) => dnsEndpoints(slicesOf(s), !!s.spec?.publishNotReadyAddresses),
    servicesByIP: (ip) => services.filter((s) => s.spec?.clusterIPs?.includes(ip) || s.spec?.clusterIP === ip),
    endpointOwners: (ip) =>
      services.flatMap((s) => {
        const ep = view.endpoints(s).find((e) => e.ip === ip);
        return ep ? [{ service: s, hostname: ep.hostname }] : [];
      }),
  };
  return view;
}
