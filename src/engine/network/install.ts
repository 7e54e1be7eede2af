import { DEFAULT_CLUSTER_CIDR, NodeIpamController } from '../controllers/nodeipam';
import { KubeletFleet } from '../kubelet/fleet';
import type { Cluster } from '../sim/cluster';
import { kubeletDataplane } from './dataplane';
import { IngressStatusController } from './ingress-status';
import { ServiceLBController } from './lb';
import { NetworkModel } from './model';
import { podNet } from './shellnet';

/**
 * Put the network model into a cluster: CoreDNS, kube-proxy and policy enforcement over the
 * kubelets' machines, and the load-balancer provider's service controller. The kubelet fleet
 * may be registered after this; the model hooks into it on its first reconcile (which runs
 * before the fleet's, as it is registered first) and again after a snapshot restore.
 */
export function installNetwork(cluster: Cluster): NetworkModel {
  const ctx = cluster.context;
  const model = cluster.manager.add(new NetworkModel(ctx));
  model.podNetwork = () => {
    const ipam = cluster.manager.get('node-ipam-controller');
    return ipam instanceof NodeIpamController ? ipam.clusterCIDR : DEFAULT_CLUSTER_CIDR;
  };
  cluster.manager.add(new ServiceLBController(ctx));
  // What ingress controller pods write back (status, Sync events); their routing is in the model.
  cluster.manager.add(new IngressStatusController(ctx));
  model.onAttach(() => {
    const fleet = cluster.manager.get('kubelet');
    if (!(fleet instanceof KubeletFleet)) return;
    model.attach(kubeletDataplane(fleet));
    fleet.setNetwork((_core, rt) => podNet(model, rt));
  });
  return model;
}

/** The network model of a cluster (for the UI's traces, tests and tools). */
export function networkOf(cluster: Cluster): NetworkModel {
  const model = cluster.manager.get('network');
  if (!(model instanceof NetworkModel)) throw new Error('the network model is not installed in this cluster');
  return model;
}
