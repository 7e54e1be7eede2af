import type { CustomResourceDefinition } from 'kubernetes-types/apiextensions/v1';
import type { ResourceType } from '../../engine/apiserver/registry';
import { resourceKey } from '../../engine/apiserver/registry';
import type { Ctx } from '../command';
import { type ColumnDef, columnsFor, customResourceColumns } from '../printers/columns';

const BUILTIN_GROUPS = new Set([
  '',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'apps',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  // Served by metrics-server, whose tables have their own columns.
  'metrics.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
]);

/** The columns the server's table printer uses for a resource (a CRD's printer columns for custom resources). */
export function tableColumns(ctx: Ctx, rt: ResourceType): ColumnDef[] {
  if (BUILTIN_GROUPS.has(rt.group)) return columnsFor(resourceKey(rt));
  const crd = ctx.api.find<CustomResourceDefinition>('apiextensions.k8s.io/customresourcedefinitions', '', `${rt.plural}.${rt.group}`);
  const version = crd?.spec?.versions?.find((v) => v.name === rt.version);
  return customResourceColumns(version?.additionalPrinterColumns);
}
