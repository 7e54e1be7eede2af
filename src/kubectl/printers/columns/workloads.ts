import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { ReplicationController } from 'kubernetes-types/core/v1';
import { formatLabelSelector, formatLabels, selectorString } from '../labels';
import { ageColumn, as, containersColumns, int, nameColumn, templateContainers } from './common';
import type { ColumnDef } from './types';

export const deploymentColumns: ColumnDef[] = [
  nameColumn,
  {
    name: 'Ready',
    cell: (o) => `${int(as<Deployment>(o).status?.readyReplicas)}/${int(as<Deployment>(o).spec?.replicas)}`,
  },
  {
    name: 'Up-to-date',
    cell: (o) => int(as<Deployment>(o).status?.updatedReplicas),
  },
  {
    name: 'Available',
    cell: (o) => int(as<Deployment>(o).status?.availableReplicas),
  },
  ageColumn,
  ...containersColumns(templateContainers),
  // Deployments print the selector as is: empty when unset, <invalid> when it cannot be parsed.
  {
    name: 'Selector',
    wide: true,
    cell: (o) => selectorString(as<Deployment>(o).spec?.selector) ?? '<invalid>',
  },
];

export const replicaSetColumns: ColumnDef[] = [
  nameColumn,
  { name: 'Desired', cell: (o) => int(as<ReplicaSet>(o).spec?.replicas) },
  { name: 'Current', cell: (o) => int(as<ReplicaSet>(o).status?.replicas) },
  { name: 'Ready', cell: (o) => int(as<ReplicaSet>(o).status?.readyReplicas) },
  ageColumn,
  ...containersColumns(templateContainers),
  {
    name: 'Selector',
    wide: true,
    cell: (o) => formatLabelSelector(as<ReplicaSet>(o).spec?.selector),
  },
];

export const replicationControllerColumns: ColumnDef[] = [
  nameColumn,
  {
    name: 'Desired',
    cell: (o) => int(as<ReplicationController>(o).spec?.replicas),
  },
  {
    name: 'Current',
    cell: (o) => int(as<ReplicationController>(o).status?.replicas),
  },
  {
    name: 'Ready',
    cell: (o) => int(as<ReplicationController>(o).status?.readyReplicas),
  },
  ageColumn,
  ...containersColumns(templateContainers),
  {
    name: 'Selector',
    wide: true,
    cell: (o) => formatLabels(as<ReplicationController>(o).spec?.selector),
  },
];

export const statefulSetColumns: ColumnDef[] = [
  nameColumn,
  {
    name: 'Ready',
    cell: (o) => `${int(as<StatefulSet>(o).status?.readyReplicas)}/${int(as<StatefulSet>(o).spec?.replicas)}`,
  },
  ageColumn,
  ...containersColumns(templateContainers),
];

export const daemonSetColumns: ColumnDef[] = [
  nameColumn,
  {
    name: 'Desired',
    cell: (o) => int(as<DaemonSet>(o).status?.desiredNumberScheduled),
  },
  {
    name: 'Current',
    cell: (o) => int(as<DaemonSet>(o).status?.currentNumberScheduled),
  },
  { name: 'Ready', cell: (o) => int(as<DaemonSet>(o).status?.numberReady) },
  {
    name: 'Up-to-date',
    cell: (o) => int(as<DaemonSet>(o).status?.updatedNumberScheduled),
  },
  {
    name: 'Available',
    cell: (o) => int(as<DaemonSet>(o).status?.numberAvailable),
  },
  {
    name: 'Node Selector',
    cell: (o) => formatLabels(as<DaemonSet>(o).spec?.template?.spec?.nodeSelector),
  },
  ageColumn,
  ...containersColumns(templateContainers),
  {
    name: 'Selector',
    wide: true,
    cell: (o) => formatLabelSelector(as<DaemonSet>(o).spec?.selector),
  },
];
