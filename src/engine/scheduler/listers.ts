import type {
  Namespace,
  PersistentVolume,
  PersistentVolumeClaim,
  ReplicationController,
  Service,
} from 'kubernetes-types/core/v1';
import type { ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { KObject } from '../api/types';
import type { InformerFactory } from '../controllers/informer';
import type { Listers } from './view';

const NS_INDEX = 'namespace';

/** Listers over the shared informers, with a namespace index where the scheduler lists by namespace. */
export function informerListers(informers: InformerFactory): Listers {
  const namespaces = informers.for<Namespace & KObject>('namespaces');
  const services = informers.for<Service & KObject>('services');
  services.addIndex(NS_INDEX, (s) => [s.metadata.namespace ?? '']);
  const replicaSets = informers.for<ReplicaSet & KObject>('apps/replicasets');
  const statefulSets = informers.for<StatefulSet & KObject>('apps/statefulsets');
  const rcs = informers.for<ReplicationController & KObject>('replicationcontrollers');
  const pvcs = informers.for<PersistentVolumeClaim & KObject>('persistentvolumeclaims');
  const pvs = informers.for<PersistentVolume & KObject>('persistentvolumes');
  const classes = informers.for<StorageClass & KObject>('storage.k8s.io/storageclasses');
  const pdbs = informers.for<PodDisruptionBudget & KObject>('policy/poddisruptionbudgets');
  return {
    namespaces: () => namespaces.list(),
    namespace: (name) => namespaces.get('', name),
    servicesIn: (ns) => services.byIndex(NS_INDEX, ns),
    replicaSet: (ns, name) => replicaSets.get(ns, name),
    replicationController: (ns, name) => rcs.get(ns, name),
    statefulSet: (ns, name) => statefulSets.get(ns, name),
    persistentVolumeClaim: (ns, name) => pvcs.get(ns, name),
    persistentVolume: (name) => pvs.get('', name),
    persistentVolumes: () => pvs.list(),
    storageClass: (name) => classes.get('', name),
    podDisruptionBudgets: () => pdbs.list(),
  };
}

/** Listers over plain arrays, for tests and tools. */
export function staticListers(objs: {
  namespaces?: Namespace[];
  services?: Service[];
  replicaSets?: ReplicaSet[];
  statefulSets?: StatefulSet[];
  replicationControllers?: ReplicationController[];
  persistentVolumeClaims?: PersistentVolumeClaim[];
  persistentVolumes?: PersistentVolume[];
  storageClasses?: StorageClass[];
  podDisruptionBudgets?: PodDisruptionBudget[];
} = {}): Listers {
  const byName = <T extends { metadata?: { name?: string; namespace?: string } }>(list: T[] | undefined, ns: string, name: string) =>
    (list ?? []).find((o) => o.metadata?.name === name && (o.metadata?.namespace ?? '') === ns);
  return {
    namespaces: () => objs.namespaces ?? [],
    namespace: (name) => byName(objs.namespaces, '', name),
    servicesIn: (ns) => (objs.services ?? []).filter((s) => (s.metadata?.namespace ?? '') === ns),
    replicaSet: (ns, name) => byName(objs.replicaSets, ns, name),
    replicationController: (ns, name) => byName(objs.replicationControllers, ns, name),
    statefulSet: (ns, name) => byName(objs.statefulSets, ns, name),
    persistentVolumeClaim: (ns, name) => byName(objs.persistentVolumeClaims, ns, name),
    persistentVolume: (name) => byName(objs.persistentVolumes, '', name),
    persistentVolumes: () => objs.persistentVolumes ?? [],
    storageClass: (name) => byName(objs.storageClasses, '', name),
    podDisruptionBudgets: () => objs.podDisruptionBudgets ?? [],
  };
}
