import type { ClusterRoleBinding, RoleBinding, Subject } from 'kubernetes-types/rbac/v1';
import { ageColumn, as, nameColumn } from './common';
import type { ColumnDef } from './types';

/** Users, groups and service accounts (`namespace/name`) of a binding, each joined with ", ". */
function subjects(list: readonly Subject[] | undefined, kind: 'User' | 'Group' | 'ServiceAccount'): string {
  return (list ?? [])
    .filter((s) => s.kind === kind)
    .map((s) => (kind === 'ServiceAccount' ? `${s.namespace ?? ''}/${s.name}` : s.name))
    .join(', ');
}

const bindingColumns = (): ColumnDef[] => [
  nameColumn,
  {
    name: 'Role',
    cell: (o) => {
      const ref = as<RoleBinding | ClusterRoleBinding>(o).roleRef;
      return `${ref?.kind ?? ''}/${ref?.name ?? ''}`;
    },
  },
  ageColumn,
  {
    name: 'Users',
    wide: true,
    cell: (o) => subjects(as<RoleBinding>(o).subjects, 'User'),
  },
  {
    name: 'Groups',
    wide: true,
    cell: (o) => subjects(as<RoleBinding>(o).subjects, 'Group'),
  },
  {
    name: 'ServiceAccounts',
    wide: true,
    cell: (o) => subjects(as<RoleBinding>(o).subjects, 'ServiceAccount'),
  },
];

export const roleBindingColumns = bindingColumns();
export const clusterRoleBindingColumns = bindingColumns();
