import type {
  Namespace,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  ReplicationController,
  Service,
} from 'kubernetes-types/core/v1';
import type { ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { Labels, Selector } from '../api/labels';
import type { MatchCount } from './matchindex';
import type { NodeInfo } from './nodeinfo';

/**
 * The cluster as the plugins see it during a scheduling cycle (the framework's shared lister
 * and informer listers). Plugins read only through this, which keeps them pure and lets tests
 * hand them a cluster built from plain objects.
 */
export interface ClusterView {
  /** Every node, in the order the scheduler examines them. */
  nodeInfos(): readonly NodeInfo[];
  nodeInfo(name: string): NodeInfo | undefined;
  /**
   * The nodes' hot numbers (see nodeinfo's Hot) and, for each node of {@link nodeInfos} in the
   * same order, where its row starts: what quick filters read without touching the node objects.
   */
  nodeRows?(): { numbers: Float64Array; rows: Int32Array };
  /** Nodes hosting at least one pod with pod (anti-)affinity. */
  nodesWithAffinityPods(): Iterable<NodeInfo>;
  /** Nodes hosting at least one pod with required pod anti-affinity. */
  nodesWithRequiredAntiAffinityPods(): Iterable<NodeInfo>;
  /**
   * Per node, the assigned pods of `namespace` that `selector` matches. Keys may include nodes
   * whose Node object is gone (`node.node` unset) while their pods remain.
   */
  podCounts(namespace: string, selector: Selector): ReadonlyMap<NodeInfo, MatchCount>;
  /**
   * The live pods `selector` matches in `namespace`, summed per value of the node label
   * `topologyKey` ('' for nodes without it) over nodes that have a Node object.
   */
  podCountsByDomain(namespace: string, selector: Selector, topologyKey: string): ReadonlyMap<string, number>;
  /**
   * The live matching pods per node as a flat array indexed by NodeInfo.slot (reading past its
   * end means none): what scoring reads for hundreds of nodes per pod without a map look-up each.
   */
  podLiveCountsBySlot(namespace: string, selector: Selector): ArrayLike<number>;
  /**
   * The distinct values of a node label over all nodes, and whether some node lacks it:
   * lets a plugin stop looking for topology domains once it has seen them all.
   */
  labelValues(key: string): { readonly values: ReadonlySet<string>; readonly missing: boolean };
  /** Every namespace with its labels. */
  namespaces(): Iterable<[string, Labels]>;
  namespaceLabels(name: string): Labels | undefined;
  /** On how many nodes an image (by any of its names) is present. */
  imageNodeCount(image: string): number;
  /** Changes whenever an image count may have changed: scores derived from them can be reused until then. */
  imageGeneration(): number;
  /** How many assigned pods use a claim (`namespace/name`). */
  claimUsers(claimKey: string): number;
  /** Selector of the Services, ReplicationController, ReplicaSet or StatefulSet that own or select the pod (helper.DefaultSelector). */
  defaultSpreadSelector(pod: Pod): Selector;
  persistentVolumeClaim(namespace: string, name: string): PersistentVolumeClaim | undefined;
  persistentVolume(name: string): PersistentVolume | undefined;
  persistentVolumes(): Iterable<PersistentVolume>;
  storageClass(name: string): StorageClass | undefined;
  podDisruptionBudgets(): Iterable<PodDisruptionBudget>;
}

/** Where the cache reads objects other than pods and nodes (informers in the engine, arrays in tests). */
export interface Listers {
  namespaces(): Iterable<Namespace>;
  namespace(name: string): Namespace | undefined;
  servicesIn(namespace: string): Iterable<Service>;
  replicaSet(namespace: string, name: string): ReplicaSet | undefined;
  replicationController(namespace: string, name: string): ReplicationController | undefined;
  statefulSet(namespace: string, name: string): StatefulSet | undefined;
  persistentVolumeClaim(namespace: string, name: string): PersistentVolumeClaim | undefined;
  persistentVolume(name: string): PersistentVolume | undefined;
  persistentVolumes(): Iterable<PersistentVolume>;
  storageClass(name: string): StorageClass | undefined;
  podDisruptionBudgets(): Iterable<PodDisruptionBudget>;
}
