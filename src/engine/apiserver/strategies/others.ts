import type { Strategy } from '../strategy';
import { leaseStrategy, priorityClassStrategy, storageClassStrategy } from './cluster-config';
import { endpointSliceStrategy, ingressClassStrategy, ingressStrategy, networkPolicyStrategy } from './networking';
import { horizontalPodAutoscalerStrategy, podDisruptionBudgetStrategy } from './policy';
import { clusterRoleBindingStrategy, clusterRoleStrategy, roleBindingStrategy, roleStrategy } from './rbac';

export {
  clusterRoleBindingStrategy,
  clusterRoleStrategy,
  endpointSliceStrategy,
  horizontalPodAutoscalerStrategy,
  ingressClassStrategy,
  ingressStrategy,
  leaseStrategy,
  networkPolicyStrategy,
  podDisruptionBudgetStrategy,
  priorityClassStrategy,
  roleBindingStrategy,
  roleStrategy,
  storageClassStrategy,
};

/** Strategies of the policy, networking, RBAC, storage, scheduling, coordination, discovery and autoscaling groups. */
export const otherStrategies: Record<string, Strategy> = {
  'policy/poddisruptionbudgets': podDisruptionBudgetStrategy as Strategy,
  'autoscaling/horizontalpodautoscalers': horizontalPodAutoscalerStrategy as Strategy,
  'networking.k8s.io/ingresses': ingressStrategy as Strategy,
  'networking.k8s.io/ingressclasses': ingressClassStrategy as Strategy,
  'networking.k8s.io/networkpolicies': networkPolicyStrategy as Strategy,
  'discovery.k8s.io/endpointslices': endpointSliceStrategy as Strategy,
  'rbac.authorization.k8s.io/roles': roleStrategy as Strategy,
  'rbac.authorization.k8s.io/clusterroles': clusterRoleStrategy as Strategy,
  'rbac.authorization.k8s.io/rolebindings': roleBindingStrategy as Strategy,
  'rbac.authorization.k8s.io/clusterrolebindings': clusterRoleBindingStrategy as Strategy,
  'storage.k8s.io/storageclasses': storageClassStrategy as Strategy,
  'scheduling.k8s.io/priorityclasses': priorityClassStrategy as Strategy,
  'coordination.k8s.io/leases': leaseStrategy as Strategy,
};
