import type { Endpoints } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { ageColumn, as, listWithMore, nameColumn } from './common';
import type { ColumnDef } from './types';

const MAX = 3;

/** net.JoinHostPort: IPv6 addresses get brackets. */
const hostPort = (ip: string, port: number | undefined): string =>
  ip.includes(':') ? `[${ip}]:${port ?? 0}` : `${ip}:${port ?? 0}`;

/** Up to three `ip:port` pairs (bare IPs for port-less subsets), then ` + N more...`. */
export function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    if (ports.length === 0) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === MAX) break;
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === MAX) break;
        list.push(hostPort(a.ip, port.port));
      }
    }
  }
  const joined = list.join(',');
  // "more" is only noticed when an address was skipped for lack of room.
  return count > list.length && list.length === MAX ? `${joined} + ${count - MAX} more...` : joined;
}

export const endpointsColumns: ColumnDef[] = [
  nameColumn,
  { name: 'Endpoints', cell: (o) => formatEndpoints(as<Endpoints>(o)) },
  ageColumn,
];

export function formatSlicePorts(slice: EndpointSlice): string {
  const ports = (slice.ports ?? []).map((p) => (p.port != null ? String(p.port) : (p.name ?? '*')));
  return listWithMore(ports, MAX, '<unset>');
}

export function formatSliceEndpoints(slice: EndpointSlice): string {
  const addresses = (slice.endpoints ?? []).flatMap((e) => e.addresses ?? []);
  return listWithMore(addresses, MAX, '<unset>');
}

export const endpointSliceColumns: ColumnDef[] = [
  nameColumn,
  { name: 'AddressType', cell: (o) => as<EndpointSlice>(o).addressType ?? '' },
  { name: 'Ports', cell: (o) => formatSlicePorts(as<EndpointSlice>(o)) },
  {
    name: 'Endpoints',
    cell: (o) => formatSliceEndpoints(as<EndpointSlice>(o)),
  },
  ageColumn,
];
