import type { Ingress, IngressClass, NetworkPolicy } from 'kubernetes-types/networking/v1';
import { formatLabelSelector } from '../labels';
import { ageColumn, as, nameColumn } from './common';
import { loadBalancerAddresses } from './services';
import type { ColumnDef } from './types';

/** Up to three rule hosts, `*` when no rule names one. */
export function ingressHosts(ingress: Ingress): string {
  const rules = ingress.spec?.rules ?? [];
  const list: string[] = [];
  let more = false;
  for (const rule of rules) {
    if (list.length === 3) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (list.length === 0) return '*';
  const joined = list.join(',');
  return more ? `${joined} + ${rules.length - 3} more...` : joined;
}

export const ingressColumns: ColumnDef[] = [
  nameColumn,
  {
    name: 'Class',
    cell: (o) => as<Ingress>(o).spec?.ingressClassName ?? '<none>',
  },
  { name: 'Hosts', cell: (o) => ingressHosts(as<Ingress>(o)) },
  {
    name: 'Address',
    cell: (o, _now, opts) => loadBalancerAddresses(as<Ingress>(o).status?.loadBalancer?.ingress, opts?.wide ?? false),
  },
  {
    name: 'Ports',
    cell: (o) => ((as<Ingress>(o).spec?.tls ?? []).length > 0 ? '80, 443' : '80'),
  },
  ageColumn,
];

export const ingressClassColumns: ColumnDef[] = [
  nameColumn,
  {
    name: 'Controller',
    cell: (o) => as<IngressClass>(o).spec?.controller ?? '',
  },
  {
    name: 'Parameters',
    cell: (o) => {
      const p = as<IngressClass>(o).spec?.parameters;
      if (!p) return '<none>';
      return `${p.kind}${p.apiGroup != null ? `.${p.apiGroup}` : ''}/${p.name}`;
    },
  },
  ageColumn,
];

export const networkPolicyColumns: ColumnDef[] = [
  nameColumn,
  {
    name: 'Pod-Selector',
    cell: (o) => formatLabelSelector(as<NetworkPolicy>(o).spec?.podSelector),
  },
  ageColumn,
];
