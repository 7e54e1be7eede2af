import type { Cluster } from '../sim/cluster';
import { Scheduler, type SchedulerOptions } from './scheduler';

const schedulers = new WeakMap<Cluster, Scheduler>();

/** Start kube-scheduler in a cluster's control plane (called from installControlPlane). */
export function installScheduler(cluster: Cluster, opts: SchedulerOptions = {}): Scheduler {
  const s = cluster.manager.add(new Scheduler(cluster.context, opts));
  schedulers.set(cluster, s);
  return s;
}

/** The cluster's scheduler, e.g. to ask `schedulerOf(cluster).explain(namespace, name)`. */
export function schedulerOf(cluster: Cluster): Scheduler {
  const s = schedulers.get(cluster);
  if (!s) throw new Error('this cluster runs no scheduler');
  return s;
}
