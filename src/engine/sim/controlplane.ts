import { defaultTolerationSecondsAdmission } from '../apiserver/admission/tolerations';
import { priorityAdmission } from '../apiserver/admission/priority';
import { serviceAccountAdmission } from '../apiserver/admission/serviceaccount';
import { serviceAllocationAdmission } from '../apiserver/admission/serviceips';
import { APIServerEndpointsController } from '../controllers/apiserverendpoints';
import { GarbageCollector } from '../controllers/garbagecollector';
import { NamespaceController } from '../controllers/namespace';
import { NodeIpamController } from '../controllers/nodeipam';
import { RootCAPublisher, ServiceAccountController } from '../controllers/serviceaccount';
import { DaemonSetController } from '../controllers/daemonset/controller';
import { DeploymentController } from '../controllers/deployment/controller';
import { REPLICATION_CONTROLLER, ReplicaSetController } from '../controllers/replicaset/controller';
import { StatefulSetController } from '../controllers/statefulset/controller';
import { CronJobController } from '../controllers/cronjob/controller';
import { JobController } from '../controllers/job/controller';
import { TTLAfterFinishedController } from '../controllers/job/ttl';
import { DisruptionController } from '../controllers/disruption';
import { HorizontalController } from '../controllers/hpa/controller';
import { EndpointsController } from '../controllers/endpoints';
import { EndpointSliceController } from '../controllers/endpointslice/controller';
import { apiExtensionsControllers } from '../apiextensions';
import { limitRangerAdmission } from '../apiserver/admission/limitranger';
import { podSecurityAdmission } from '../apiserver/admission/podsecurity';
import { defaultIngressClassAdmission } from '../apiserver/admission/ingressclass';
import { resourceQuotaAdmission } from '../apiserver/admission/resourcequota';
import { claimResizeAdmission, defaultStorageClassAdmission, storageProtectionAdmission } from '../apiserver/admission/storage';
import { installRbac } from '../apiserver/authz';
import { ClusterRoleAggregationController } from '../controllers/clusterroleaggregation';
import { PersistentVolumeController } from '../controllers/persistentvolume/controller';
import { ExpandController } from '../controllers/persistentvolume/expand';
import { LocalPathProvisioner } from '../controllers/provisioner/localpath';
import { PVCProtectionController, PVProtectionController } from '../controllers/pvcprotection/controller';
import { ResourceQuotaController } from '../controllers/resourcequota/controller';
import type { Cluster } from './cluster';
import { installScheduler } from '../scheduler/install';
import { KubeletFleet } from '../kubelet/fleet';
import { installMetrics } from '../metrics/install';
import { installNetwork } from '../network/install';
import { NodeLifecycleController, PodGCController, TaintEvictionController } from '../controllers/nodelifecycle';

/**
 * Everything that runs in the sandbox's control plane and on its simulated machines. Each part
 * is a Controller on the shared informers; at each instant the manager works their queues in
 * the order they are added here.
 */
export function installControlPlane(cluster: Cluster): void {
  const ctx = cluster.context;
  const { api, manager } = cluster;

  // -- admission plugins (API server), in the order the real chain runs them --
  // (admission:start)
  api.use(serviceAccountAdmission);
  api.use(priorityAdmission);
  api.use(defaultTolerationSecondsAdmission);
  api.use(serviceAllocationAdmission());
  api.use(limitRangerAdmission(cluster.informers));
  api.use(defaultStorageClassAdmission);
  api.use(defaultIngressClassAdmission);
  api.use(storageProtectionAdmission);
  api.use(podSecurityAdmission);
  api.use(claimResizeAdmission);
  // RBAC: every verb is authorized; role and binding writes are checked for escalation.
  installRbac(api, cluster.informers);
  // ResourceQuota charges what everything before it let through: it stays last.
  api.use(resourceQuotaAdmission(cluster.informers));
  // (admission:end)

  // -- kube-controller-manager --
  // (controllers:start)
  manager.add(new NamespaceController(ctx));
  // --allocate-node-cidrs: every Node gets its pod range from the cluster CIDR.
  manager.add(new NodeIpamController(ctx, { clusterCIDR: cluster.clusterCIDR }));
  manager.add(new ServiceAccountController(ctx));
  manager.add(new RootCAPublisher(ctx));
  manager.add(new GarbageCollector(ctx));
  manager.add(new APIServerEndpointsController(ctx));
  manager.add(new ReplicaSetController(ctx));
  manager.add(new ReplicaSetController(ctx, REPLICATION_CONTROLLER));
  manager.add(new DeploymentController(ctx));
  manager.add(new DaemonSetController(ctx));
  manager.add(new StatefulSetController(ctx));
  manager.add(new JobController(ctx));
  manager.add(new CronJobController(ctx));
  manager.add(new TTLAfterFinishedController(ctx));
  manager.add(new DisruptionController(ctx));
  manager.add(new HorizontalController(ctx));
  manager.add(new EndpointsController(ctx));
  manager.add(new EndpointSliceController(ctx));
  // CustomResourceDefinitions: the API server's apiextensions controllers, and lessons' behaviours.
  for (const c of apiExtensionsControllers(ctx)) manager.add(c);
  manager.add(new ClusterRoleAggregationController(ctx));
  manager.add(new ResourceQuotaController(ctx));
  manager.add(new PersistentVolumeController(ctx));
  manager.add(new ExpandController(ctx));
  manager.add(new PVCProtectionController(ctx));
  manager.add(new PVProtectionController(ctx));
  // kind's local-path-provisioner (runs as a Deployment in local-path-storage).
  manager.add(new LocalPathProvisioner(ctx));
  // (controllers:end)

  // -- kube-scheduler --
  // (scheduler:start)
  installScheduler(cluster);
  // (scheduler:end)

  // -- the network: CoreDNS, kube-proxy, policy enforcement, load-balancer provider --
  // (network:start)
  installNetwork(cluster);
  // (network:end)

  // -- the machines: kubelets --
  // (kubelet:start)
  // The node lifecycle, taint eviction and pod GC controllers (kube-controller-manager) watch the machines.
  manager.add(new NodeLifecycleController(ctx));
  manager.add(new TaintEvictionController(ctx));
  manager.add(new PodGCController(ctx));
  const fleet = manager.add(new KubeletFleet(ctx));
  cluster.machines = fleet;
  // Load on pods (`sim load`), metrics-server's scrapes and the metrics.k8s.io API it serves.
  installMetrics(cluster, fleet);
  // (kubelet:end)

}
