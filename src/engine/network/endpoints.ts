import type { ServicePort } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';

/** The label that ties an EndpointSlice to its Service. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

/** One backend of one Service port, as kube-proxy reads it from the EndpointSlices. */
export interface ServiceEndpoint {
  ip: string;
  /** The port packets are sent to (the controller resolved named target ports per pod). */
  port: number;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  nodeName?: string;
  zone?: string;
  /** `ns/name` of the pod behind it, when the slice says. */
  pod?: string;
  /** Zones the topology hints assign it to, when the slice has hints. */
  hintZones?: string[];
}

/** One address as CoreDNS sees it: only ready ones are served (nil ready counts as ready). */
export interface DnsEndpoint {
  ip: string;
  hostname?: string;
  ports: { name: string; port: number; protocol: string }[];
}

/** Conditions as the API defines their absence: ready unknown is ready; serving defers to ready. */
function conditions(ep: EndpointSlice['endpoints'][number]): { ready: boolean; serving: boolean; terminating: boolean } {
  const ready = ep.conditions?.ready ?? true;
  return { ready, serving: ep.conditions?.serving ?? ready, terminating: ep.conditions?.terminating ?? false };
}

function usable(slice: EndpointSlice): boolean {
  return slice.addressType === 'IPv4';
}

/**
 * The endpoints of one Service port across its slices: the slice port with the same name and
 * protocol gives the number. An address listed twice (slices overlap while they are being
 * rewritten) counts once; slices are read in name order so the choice is stable.
 */
export function endpointsForPort(slices: readonly EndpointSlice[], svcPort: ServicePort): ServiceEndpoint[] {
  const name = svcPort.name ?? '';
  const protocol = svcPort.protocol ?? 'TCP';
  const seen = new Set<string>();
  const out: ServiceEndpoint[] = [];
  const sorted = [...slices].sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  for (const slice of sorted) {
    if (!usable(slice)) continue;
    const sp = (slice.ports ?? []).find((p) => (p.name ?? '') === name && (p.protocol ?? 'TCP') === protocol);
    if (!sp || sp.port == null) continue;
    for (const ep of slice.endpoints ?? []) {
      const ip = ep.addresses?.[0];
      if (!ip) continue;
      const key = `${ip}:${sp.port}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const ref = ep.targetRef;
      out.push({
        ip,
        port: sp.port,
        ...conditions(ep),
        nodeName: ep.nodeName,
        zone: ep.zone,
        pod: ref?.kind === 'Pod' && ref.name ? `${ref.namespace ?? slice.metadata?.namespace}/${ref.name}` : undefined,
        hintZones: ep.hints?.forZones?.map((z) => z.name),
      });
    }
  }
  out.sort((a, b) => (a.ip === b.ip ? a.port - b.port : a.ip < b.ip ? -1 : 1));
  return out;
}

/**
 * The addresses CoreDNS serves for a Service: endpoints whose ready condition is not false (or
 * every endpoint when the Service publishes not-ready addresses), merged across slices.
 */
export function dnsEndpoints(slices: readonly EndpointSlice[], publishNotReady: boolean): DnsEndpoint[] {
  const byIP = new Map<string, DnsEndpoint>();
  const sorted = [...slices].sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  for (const slice of sorted) {
    if (!usable(slice)) continue;
    const ports = (slice.ports ?? []).filter((p) => p.port != null).map((p) => ({ name: p.name ?? '', port: p.port as number, protocol: p.protocol ?? 'TCP' }));
    for (const ep of slice.endpoints ?? []) {
      if (!publishNotReady && !conditions(ep).ready) continue;
      for (const ip of ep.addresses ?? []) {
        let entry = byIP.get(ip);
        if (!entry) {
          entry = { ip, hostname: ep.hostname ?? undefined, ports: [] };
          byIP.set(ip, entry);
        }
        for (const p of ports) if (!entry.ports.some((q) => q.name === p.name && q.port === p.port && q.protocol === p.protocol)) entry.ports.push(p);
      }
    }
  }
  return [...byIP.values()];
}
