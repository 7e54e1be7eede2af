import type { Node } from 'kubernetes-types/core/v1';
import { compareGoStrings } from '../gofmt';
import { ageColumn, as, nameColumn } from './common';
import type { ColumnDef } from './types';

const ROLE_PREFIX = 'node-role.kubernetes.io/';

/** Ready / NotReady / Unknown from the Ready condition, plus SchedulingDisabled when cordoned. */
export function nodeStatus(node: Node): string {
  const status: string[] = [];
  // The last Ready condition wins, as the upstream map of conditions keeps the last one.
  const ready = (node.status?.conditions ?? []).filter((c) => c.type === 'Ready').pop();
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  else status.push('Unknown');
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

/** Roles from `node-role.kubernetes.io/<role>` labels and the `kubernetes.io/role` label, sorted. */
export function nodeRoles(node: Node): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX)) {
      const role = k.slice(ROLE_PREFIX.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') {
      roles.add(v);
    }
  }
  const list = [...roles].sort(compareGoStrings);
  return list.length > 0 ? list.join(',') : '<none>';
}

function address(node: Node, type: string): string {
  return (node.status?.addresses ?? []).find((a) => a.type === type)?.address ?? '<none>';
}

const orUnknown = (s: string | undefined): string => s || '<unknown>';

export const nodeColumns: ColumnDef[] = [
  nameColumn,
  { name: 'Status', cell: (o) => nodeStatus(as<Node>(o)) },
  { name: 'Roles', cell: (o) => nodeRoles(as<Node>(o)) },
  ageColumn,
  {
    name: 'Version',
    cell: (o) => as<Node>(o).status?.nodeInfo?.kubeletVersion ?? '',
  },
  {
    name: 'Internal-IP',
    wide: true,
    cell: (o) => address(as<Node>(o), 'InternalIP'),
  },
  {
    name: 'External-IP',
    wide: true,
    cell: (o) => address(as<Node>(o), 'ExternalIP'),
  },
  {
    name: 'OS-Image',
    wide: true,
    cell: (o) => orUnknown(as<Node>(o).status?.nodeInfo?.osImage),
  },
  {
    name: 'Kernel-Version',
    wide: true,
    cell: (o) => orUnknown(as<Node>(o).status?.nodeInfo?.kernelVersion),
  },
  {
    name: 'Container-Runtime',
    wide: true,
    cell: (o) => orUnknown(as<Node>(o).status?.nodeInfo?.containerRuntimeVersion),
  },
];
