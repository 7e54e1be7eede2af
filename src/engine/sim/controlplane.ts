import { defaultTolerationSecondsAdmission } from '../apiserver/admission/tolerations';
import { priorityAdmission } from '../apiserver/admission/priority';
import { serviceAccountAdmission } from '../apiserver/admission/serviceaccount';
import { serviceAllocationAdmission } from '../apiserver/admission/serviceips';
import { GarbageCollector } from '../controllers/garbagecollector';
import { NamespaceController } from '../controllers/namespace';
import { RootCAPublisher, ServiceAccountController } from '../controllers/serviceaccount';
import type { Cluster } from './cluster';

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
  // (admission:end)

  // -- kube-controller-manager --
  // (controllers:start)
  manager.add(new NamespaceController(ctx));
  manager.add(new ServiceAccountController(ctx));
  manager.add(new RootCAPublisher(ctx));
  manager.add(new GarbageCollector(ctx));
  // (controllers:end)

  // -- kube-scheduler --
  // (scheduler:start)
  // (scheduler:end)

  // -- the machines: kubelets --
  // (kubelet:start)
  // (kubelet:end)

}
