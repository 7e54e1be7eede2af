import type { Container, Node, Pod, Taint } from 'kubernetes-types/core/v1';
import type { Stored } from '../api/types';
import { SchedulerCache } from './cache';
import { CycleState } from './cyclestate';
import { staticListers } from './listers';
import type { NodeInfo } from './nodeinfo';
import { newPodInfo, type PodInfo } from './podinfo';
import type { Plugin } from './plugin';
import type { ClusterView, Listers } from './view';

/**
 * Builders for scheduler tests: nodes and pods as the API server would store them, and a
 * cache (the plugins' ClusterView) filled from them.
 */
let uid = 0;

export interface NodeOpts {
  cpu?: string;
  memory?: string;
  pods?: number;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  images?: { names: string[]; sizeBytes: number }[];
  extra?: Record<string, string>;
}

export function makeNode(name: string, o: NodeOpts = {}): Stored<Node> {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      uid: `node-${name}`,
      resourceVersion: '1',
      creationTimestamp: '2025-01-06T09:00:00Z',
      labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...o.labels },
    },
    spec: { taints: o.taints, unschedulable: o.unschedulable },
    status: {
      allocatable: { cpu: o.cpu ?? '2', memory: o.memory ?? '4Gi', pods: String(o.pods ?? 110), ...o.extra },
      capacity: { cpu: o.cpu ?? '2', memory: o.memory ?? '4Gi', pods: String(o.pods ?? 110), ...o.extra },
      conditions: [{ type: 'Ready', status: 'True' }],
      images: o.images,
    },
  };
}

export interface PodOpts {
  namespace?: string;
  labels?: Record<string, string>;
  node?: string;
  cpu?: string;
  memory?: string;
  containers?: Container[];
  initContainers?: Container[];
  spec?: Partial<NonNullable<Pod['spec']>>;
  priority?: number;
  uid?: string;
  deleting?: boolean;
  startTime?: string;
  status?: Pod['status'];
}

export function makePod(name: string, o: PodOpts = {}): Stored<Pod> {
  const requests: Record<string, string> = {};
  if (o.cpu) requests.cpu = o.cpu;
  if (o.memory) requests.memory = o.memory;
  const containers = o.containers ?? [{ name: 'c', image: 'nginx', resources: Object.keys(requests).length ? { requests } : {} }];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      uid: o.uid ?? `uid-${name}-${++uid}`,
      resourceVersion: '1',
      creationTimestamp: '2025-01-06T09:00:00Z',
      labels: o.labels,
      ...(o.deleting ? { deletionTimestamp: '2025-01-06T09:01:00Z' } : {}),
    },
    spec: {
      containers,
      initContainers: o.initContainers,
      nodeName: o.node,
      schedulerName: 'default-scheduler',
      priority: o.priority ?? 0,
      ...o.spec,
    },
    status: o.status ?? { phase: o.node ? 'Running' : 'Pending', ...(o.startTime ? { startTime: o.startTime } : {}) },
  };
}

export function buildCache(nodes: Stored<Node>[], pods: Stored<Pod>[] = [], listers: Listers = staticListers()): SchedulerCache {
  const c = new SchedulerCache(listers);
  for (const n of nodes) c.addNode(n);
  for (const p of pods) if (p.spec?.nodeName) c.addPod(p);
  return c;
}

export function info(pod: Stored<Pod>): PodInfo {
  return newPodInfo(pod);
}

/** A plugin's raw scores for `nodes`, as a plain array. */
export function scoreNodes(plugin: Plugin, st: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], view: ClusterView): number[] {
  const out = new Float64Array(nodes.length);
  plugin.score?.(st, pod, nodes, view, out);
  return [...out];
}

export function state(): CycleState {
  return new CycleState();
}

export function nodeOf(cache: SchedulerCache, name: string): NodeInfo {
  const n = cache.nodeInfo(name);
  if (!n) throw new Error(`no node ${name}`);
  return n;
}
