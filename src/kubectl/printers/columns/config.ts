import type {
  ComponentStatus,
  ConfigMap,
  Namespace,
  PodTemplate,
  ResourceQuota,
  Secret,
  ServiceAccount,
} from 'kubernetes-types/core/v1';
import { compareGoStrings } from '../gofmt';
import { formatLabels } from '../labels';
import { canonicalQuantity } from '../quantity';
import { ageColumn, as, containerImages, containerNames, nameColumn } from './common';
import type { ColumnDef } from './types';

const count = (v: object | readonly unknown[] | undefined | null): number =>
  v == null ? 0 : Array.isArray(v) ? v.length : Object.keys(v).length;

export const namespaceColumns: ColumnDef[] = [
  nameColumn,
  { name: 'Status', cell: (o) => as<Namespace>(o).status?.phase ?? '' },
  ageColumn,
];

export const configMapColumns: ColumnDef[] = [
  nameColumn,
  {
    name: 'Data',
    cell: (o) => String(count(as<ConfigMap>(o).data) + count(as<ConfigMap>(o).binaryData)),
  },
  ageColumn,
];

export const secretColumns: ColumnDef[] = [
  nameColumn,
  { name: 'Type', cell: (o) => as<Secret>(o).type ?? '' },
  { name: 'Data', cell: (o) => String(count(as<Secret>(o).data)) },
  ageColumn,
];

export const serviceAccountColumns: ColumnDef[] = [
  nameColumn,
  {
    name: 'Secrets',
    cell: (o) => String(count(as<ServiceAccount>(o).secrets)),
  },
  ageColumn,
];

/** `resource: used/hard` pairs in name order, with `limits.*` in their own column. */
function quotaColumn(quota: ResourceQuota, limits: boolean): string {
  const hard = quota.status?.hard ?? {};
  const used = quota.status?.used ?? {};
  return Object.keys(hard)
    .sort(compareGoStrings)
    .filter((name) => {
      const pieces = name.split('.');
      return (pieces.length > 1 && pieces[0] === 'limits') === limits;
    })
    .map((name) => `${name}: ${canonicalQuantity(used[name])}/${canonicalQuantity(hard[name])}`)
    .join(', ');
}

// v1.32 puts AGE before REQUEST and LIMIT (later releases moved it to the end).
export const resourceQuotaColumns: ColumnDef[] = [
  nameColumn,
  ageColumn,
  { name: 'Request', cell: (o) => quotaColumn(as<ResourceQuota>(o), false) },
  { name: 'Limit', cell: (o) => quotaColumn(as<ResourceQuota>(o), true) },
];

export const podTemplateColumns: ColumnDef[] = [
  nameColumn,
  {
    name: 'Containers',
    cell: (o) => containerNames(as<PodTemplate>(o).template?.spec?.containers),
  },
  {
    name: 'Images',
    cell: (o) => containerImages(as<PodTemplate>(o).template?.spec?.containers),
  },
  {
    name: 'Pod Labels',
    cell: (o) => formatLabels(as<PodTemplate>(o).template?.metadata?.labels),
  },
];

function componentHealth(cs: ComponentStatus): {
  status: string;
  message: string;
  error: string;
} {
  const cond = (cs.conditions ?? []).find((c) => c.type === 'Healthy');
  if (!cond) return { status: 'Unknown', message: '', error: '' };
  return {
    status: cond.status === 'True' ? 'Healthy' : 'Unhealthy',
    message: cond.message ?? '',
    error: cond.error ?? '',
  };
}

export const componentStatusColumns: ColumnDef[] = [
  nameColumn,
  {
    name: 'Status',
    cell: (o) => componentHealth(as<ComponentStatus>(o)).status,
  },
  {
    name: 'Message',
    cell: (o) => componentHealth(as<ComponentStatus>(o)).message,
  },
  { name: 'Error', cell: (o) => componentHealth(as<ComponentStatus>(o)).error },
];
