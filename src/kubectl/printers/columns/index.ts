import { horizontalPodAutoscalerColumns, podDisruptionBudgetColumns } from './autoscaling';
import { cronJobColumns, jobColumns } from './batch';
import {
  componentStatusColumns,
  configMapColumns,
  namespaceColumns,
  podTemplateColumns,
  resourceQuotaColumns,
  secretColumns,
  serviceAccountColumns,
} from './config';
import { createdAtColumns, nameAgeColumns } from './defaults';
import { endpointSliceColumns, endpointsColumns } from './endpoints';
import { eventColumns, eventsV1Columns } from './events';
import {
  apiServiceColumns,
  certificateSigningRequestColumns,
  controllerRevisionColumns,
  flowSchemaColumns,
  leaseColumns,
  priorityClassColumns,
  priorityLevelConfigurationColumns,
  runtimeClassColumns,
  validatingAdmissionPolicyBindingColumns,
  validatingAdmissionPolicyColumns,
  webhookConfigurationColumns,
} from './misc';
import { ingressClassColumns, ingressColumns, networkPolicyColumns } from './networking';
import { nodeColumns } from './nodes';
import { metricsColumns } from './metrics';
import { podColumns } from './pods';
import { clusterRoleBindingColumns, roleBindingColumns } from './rbac';
import { serviceColumns } from './services';
import {
  csiDriverColumns,
  csiNodeColumns,
  csiStorageCapacityColumns,
  persistentVolumeClaimColumns,
  persistentVolumeColumns,
  storageClassColumns,
  volumeAttachmentColumns,
} from './storage';
import type { ColumnDef } from './types';
import {
  daemonSetColumns,
  deploymentColumns,
  replicaSetColumns,
  replicationControllerColumns,
  statefulSetColumns,
} from './workloads';

export { customResourceColumns } from './crd';
export { createdAtColumns, nameAgeColumns } from './defaults';
export type { CellOptions, ColumnDef } from './types';

/** Table columns by resource key (`pods`, `apps/deployments`), as the v1.32 API server defines them. */
const COLUMNS: Record<string, ColumnDef[]> = {
  pods: podColumns,
  podtemplates: podTemplateColumns,
  replicationcontrollers: replicationControllerColumns,
  services: serviceColumns,
  endpoints: endpointsColumns,
  nodes: nodeColumns,
  events: eventColumns,
  namespaces: namespaceColumns,
  secrets: secretColumns,
  serviceaccounts: serviceAccountColumns,
  configmaps: configMapColumns,
  persistentvolumes: persistentVolumeColumns,
  persistentvolumeclaims: persistentVolumeClaimColumns,
  resourcequotas: resourceQuotaColumns,
  componentstatuses: componentStatusColumns,
  limitranges: createdAtColumns,
  'apps/deployments': deploymentColumns,
  'apps/replicasets': replicaSetColumns,
  'apps/statefulsets': statefulSetColumns,
  'apps/daemonsets': daemonSetColumns,
  'apps/controllerrevisions': controllerRevisionColumns,
  'batch/jobs': jobColumns,
  'batch/cronjobs': cronJobColumns,
  'autoscaling/horizontalpodautoscalers': horizontalPodAutoscalerColumns,
  'policy/poddisruptionbudgets': podDisruptionBudgetColumns,
  'networking.k8s.io/ingresses': ingressColumns,
  'networking.k8s.io/ingressclasses': ingressClassColumns,
  'networking.k8s.io/networkpolicies': networkPolicyColumns,
  'rbac.authorization.k8s.io/roles': createdAtColumns,
  'rbac.authorization.k8s.io/clusterroles': createdAtColumns,
  'rbac.authorization.k8s.io/rolebindings': roleBindingColumns,
  'rbac.authorization.k8s.io/clusterrolebindings': clusterRoleBindingColumns,
  'storage.k8s.io/storageclasses': storageClassColumns,
  'storage.k8s.io/csidrivers': csiDriverColumns,
  'storage.k8s.io/csinodes': csiNodeColumns,
  'storage.k8s.io/csistoragecapacities': csiStorageCapacityColumns,
  'storage.k8s.io/volumeattachments': volumeAttachmentColumns,
  'coordination.k8s.io/leases': leaseColumns,
  'scheduling.k8s.io/priorityclasses': priorityClassColumns,
  'node.k8s.io/runtimeclasses': runtimeClassColumns,
  'discovery.k8s.io/endpointslices': endpointSliceColumns,
  'events.k8s.io/events': eventsV1Columns,
  'admissionregistration.k8s.io/mutatingwebhookconfigurations': webhookConfigurationColumns,
  'admissionregistration.k8s.io/validatingwebhookconfigurations': webhookConfigurationColumns,
  'admissionregistration.k8s.io/validatingadmissionpolicies': validatingAdmissionPolicyColumns,
  'admissionregistration.k8s.io/validatingadmissionpolicybindings': validatingAdmissionPolicyBindingColumns,
  'flowcontrol.apiserver.k8s.io/flowschemas': flowSchemaColumns,
  'flowcontrol.apiserver.k8s.io/prioritylevelconfigurations': priorityLevelConfigurationColumns,
  'certificates.k8s.io/certificatesigningrequests': certificateSigningRequestColumns,
  'apiextensions.k8s.io/customresourcedefinitions': createdAtColumns,
  'apiregistration.k8s.io/apiservices': apiServiceColumns,
  'metrics.k8s.io/nodes': metricsColumns,
  'metrics.k8s.io/pods': metricsColumns,
};

/**
 * The table columns for a resource key (`pods`, `apps/deployments`). Anything without its
 * own printer (custom resources without printer columns) gets NAME and AGE; for custom
 * resources with additionalPrinterColumns use customResourceColumns.
 */
export function columnsFor(resourceKey: string): ColumnDef[] {
  return COLUMNS[resourceKey] ?? nameAgeColumns;
}
