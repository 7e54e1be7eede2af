import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { KObject } from '../../../engine/api/types';

/** Small builders for cluster objects in tests (and the frame-time benchmark). */
export function node(name: string, opts: { ready?: boolean; cp?: boolean; unschedulable?: boolean; taints?: Node['spec'] extends infer S ? S extends { taints?: infer T } ? T : never : never } = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(opts.cp ? { 'node-role.kubernetes.io/control-plane': '' } : {}) }, creationTimestamp: '2025-01-06T09:00:00Z' },
    spec: { unschedulable: opts.unschedulable, taints: opts.taints },
    status: { conditions: [{ type: 'Ready', status: opts.ready === false ? 'Unknown' : 'True' }] },
  };
}

export function pod(name: string, opts: { ns?: string; node?: string; labels?: Record<string, string>; created?: string; ready?: boolean; owner?: { kind: string; name: string }; waiting?: string } = {}): Pod {
  const ready = opts.ready ?? true;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: opts.ns ?? 'default',
      labels: opts.labels,
      creationTimestamp: opts.created ?? '2025-01-06T09:05:00Z',
      ownerReferences: opts.owner ? [{ apiVersion: 'apps/v1', kind: opts.owner.kind, name: opts.owner.name, uid: 'u', controller: true }] : undefined,
    },
    spec: { nodeName: opts.node, containers: [{ name: 'c' }] },
    status: opts.node
      ? {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
          containerStatuses: [{ name: 'c', ready: ready && !opts.waiting, restartCount: 0, image: '', imageID: '', state: opts.waiting ? { waiting: { reason: opts.waiting } } : { running: {} } }],
        }
      : { phase: 'Pending' },
  };
}

export function service(name: string, selector?: Record<string, string>, ns = 'default'): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns, creationTimestamp: '2025-01-06T09:00:00Z' }, spec: { selector, clusterIP: '10.96.0.20', type: 'ClusterIP' } };
}

export function owner(kind: string, name: string, opts: { ns?: string; owner?: { kind: string; name: string }; replicas?: number } = {}): KObject {
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: {
      name,
      namespace: opts.ns ?? 'default',
      creationTimestamp: '2025-01-06T09:04:00Z',
      ownerReferences: opts.owner ? [{ apiVersion: 'apps/v1', kind: opts.owner.kind, name: opts.owner.name, uid: 'u', controller: true }] : undefined,
    },
    spec: { replicas: opts.replicas ?? 1 },
    status: { replicas: opts.replicas ?? 1 },
  } as KObject;
}
