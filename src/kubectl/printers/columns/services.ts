import type { LoadBalancerIngress, Service, ServicePort } from 'kubernetes-types/core/v1';
import { compareGoStrings } from '../gofmt';
import { formatLabels } from '../labels';
import { ageColumn, as, nameColumn } from './common';
import type { ColumnDef } from './types';

const LOAD_BALANCER_WIDTH = 16;

/**
 * Load balancer addresses (IP, else hostname), sorted and de-duplicated. Without `-o wide`
 * a list longer than 16 characters is cut to 13 and marked with `...`.
 */
export function loadBalancerAddresses(ingress: readonly LoadBalancerIngress[] | undefined, wide: boolean): string {
  const set = new Set<string>();
  for (const i of ingress ?? []) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  let r = [...set].sort(compareGoStrings).join(',');
  if (!wide && r.length > LOAD_BALANCER_WIDTH) r = `${r.slice(0, LOAD_BALANCER_WIDTH - 3)}...`;
  return r;
}

export function serviceExternalIP(svc: Service, wide: boolean): string {
  const externalIPs = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerAddresses(svc.status?.loadBalancer?.ingress, wide);
      if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return svc.spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** `80/TCP`, or `80:30080/TCP` when a node port is allocated, comma-separated. */
export function servicePorts(ports: readonly ServicePort[] | undefined): string {
  const text = (ports ?? [])
    .map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port}/${p.protocol ?? ''}`))
    .join(',');
  return text || '<none>';
}

export const serviceColumns: ColumnDef[] = [
  nameColumn,
  { name: 'Type', cell: (o) => as<Service>(o).spec?.type ?? '' },
  {
    name: 'Cluster-IP',
    cell: (o) => as<Service>(o).spec?.clusterIPs?.[0] ?? '<none>',
  },
  {
    name: 'External-IP',
    cell: (o, _now, opts) => serviceExternalIP(as<Service>(o), opts?.wide ?? false),
  },
  { name: 'Port(s)', cell: (o) => servicePorts(as<Service>(o).spec?.ports) },
  ageColumn,
  {
    name: 'Selector',
    wide: true,
    cell: (o) => formatLabels(as<Service>(o).spec?.selector),
  },
];
