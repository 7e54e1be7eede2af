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
  // (admission:end)

  // -- kube-controller-manager --
  // (controllers:start)
  // (controllers:end)

  // -- kube-scheduler --
  // (scheduler:start)
  // (scheduler:end)

  // -- the machines: kubelets --
  // (kubelet:start)
  // (kubelet:end)

  void ctx;
  void api;
  void manager;
}
