import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import { isStatusError } from '../api/status';
import { clone, type Stored } from '../api/types';
import type { KubeletCore } from './core';
import { hexDigest, microTime } from './format';
import { computeNodeStatus, HEARTBEAT_MS, initialNode, LEASE_DURATION_SECONDS, NODE_LEASE_NAMESPACE, nodeStatusChanged, STATUS_REPORT_MS } from './nodestatus';
import type { MachineState } from './state';

/**
 * The kubelet's node-level loops: registration, the node Lease renewed every 10 s, the node
 * status computed every 10 s and posted when it changed or every 5 minutes, and mirror pods for
 * static pods.
 */
export function registerNode(core: KubeletCore, m: MachineState): void {
  if (m.registered || m.down) return;
  core.nodeEvent(m, 'Normal', 'Starting', 'Starting kubelet.');
  const now = core.ts();
  const existing = core.api.find<Node>('nodes', '', m.spec.name);
  const { status, events } = computeNodeStatus(m, existing?.status, now, existing?.spec?.podCIDR);
  if (!existing) {
    try {
      core.api.create<Node>('nodes', '', { ...initialNode(m), status });
    } catch (e) {
      if (!isStatusError(e)) throw e;
      return;
    }
    // Some servers drop status on create: post it as the kubelet's first status update does.
    const created = core.api.find<Node>('nodes', '', m.spec.name);
    if (created && nodeStatusChanged(created.status, status)) core.api.updateStatus<Node>('nodes', '', { ...created, status });
  } else {
    core.api.updateStatus<Node>('nodes', '', { ...existing, status });
  }
  for (const e of events) core.nodeEvent(m, 'Normal', e, `Node ${m.spec.name} status is now: ${e}`);
  core.nodeEvent(m, 'Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
  m.registered = true;
  m.lastReport = core.now();
  for (const name of Object.keys(m.staticPods).sort()) ensureMirror(core, m, name);
  scheduleHeartbeat(core, m, 1000 + core.stream('heartbeats').int(1000));
}

export function scheduleHeartbeat(core: KubeletCore, m: MachineState, delayMs: number): void {
  core.at(core.now() + delayMs, 'heartbeat', {
    node: m.spec.name,
    epoch: m.heartbeatEpoch,
  });
}

function renewLease(core: KubeletCore, m: MachineState, node: Stored<Node> | undefined): void {
  const now = core.now();
  const renewTime = microTime(now, core.stream('heartbeats').int(1000));
  const lease = core.api.find<Lease>('coordination.k8s.io/leases', NODE_LEASE_NAMESPACE, m.spec.name);
  try {
    if (!lease) {
      core.api.create<Lease>('coordination.k8s.io/leases', NODE_LEASE_NAMESPACE, {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: {
          name: m.spec.name,
          namespace: NODE_LEASE_NAMESPACE,
          ...(node
            ? {
                ownerReferences: [
                  {
                    apiVersion: 'v1',
                    kind: 'Node',
                    name: m.spec.name,
                    uid: node.metadata.uid,
                  },
                ],
              }
            : {}),
        },
        spec: {
          holderIdentity: m.spec.name,
          leaseDurationSeconds: LEASE_DURATION_SECONDS,
          renewTime,
        },
      });
    } else {
      const next = clone(lease);
      next.spec = {
        ...next.spec,
        holderIdentity: m.spec.name,
        leaseDurationSeconds: LEASE_DURATION_SECONDS,
        renewTime,
      };
      core.api.update('coordination.k8s.io/leases', NODE_LEASE_NAMESPACE, next);
    }
  } catch (e) {
    // The lease namespace may not exist yet, or a write raced: the next renewal retries.
    if (!isStatusError(e)) throw e;
  }
}

/** One heartbeat: renew the Lease, run the status setters, post the status if due. */
export function heartbeat(core: KubeletCore, m: MachineState): void {
  if (m.down || m.removed) return;
  m.runtimeUp = true;
  const node = core.api.find<Node>('nodes', '', m.spec.name);
  renewLease(core, m, node);
  if (node) {
    const { status, events } = computeNodeStatus(m, node.status, core.ts(), node.spec?.podCIDR);
    if (nodeStatusChanged(node.status, status) || core.now() - m.lastReport >= STATUS_REPORT_MS) {
      try {
        core.api.updateStatus<Node>('nodes', '', { ...node, status });
        m.lastReport = core.now();
        for (const e of events) core.nodeEvent(m, 'Normal', e, `Node ${m.spec.name} status is now: ${e}`);
      } catch (e) {
        if (!isStatusError(e)) throw e;
      }
    }
  }
  scheduleHeartbeat(core, m, HEARTBEAT_MS + core.stream('heartbeats').int(400));
}

/** The name a static pod's mirror pod has: `<manifest name>-<node name>`. */
export function mirrorName(manifest: Pod, node: string): string {
  return `${manifest.metadata?.name}-${node}`;
}

/** Create the mirror pod of a static pod if the API does not have it. */
export function ensureMirror(core: KubeletCore, m: MachineState, staticName: string): void {
  const manifest = m.staticPods[staticName];
  if (!manifest || m.down) return;
  const ns = manifest.metadata?.namespace ?? 'default';
  const name = mirrorName(manifest, m.spec.name);
  if (core.pods.get(ns, name)) return;
  const node = core.api.find<Node>('nodes', '', m.spec.name);
  const hash = hexDigest(`${m.spec.name}/${JSON.stringify(manifest)}`, 32);
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...clone(manifest.metadata ?? {}),
      name,
      namespace: ns,
      annotations: {
        ...(manifest.metadata?.annotations ?? {}),
        'kubernetes.io/config.hash': hash,
        'kubernetes.io/config.mirror': hash,
        'kubernetes.io/config.seen': `${new Date(core.now()).toISOString().slice(0, 23)}${String(core.stream('heartbeats').int(1_000_000)).padStart(6, '0')}Z`,
        'kubernetes.io/config.source': 'file',
      },
      ...(node
        ? {
            ownerReferences: [
              {
                apiVersion: 'v1',
                kind: 'Node',
                name: m.spec.name,
                uid: node.metadata.uid,
                controller: true,
              },
            ],
          }
        : {}),
    },
    spec: {
      ...clone(manifest.spec as NonNullable<Pod['spec']>),
      nodeName: m.spec.name,
      tolerations: manifest.spec?.tolerations ?? [{ operator: 'Exists', effect: 'NoExecute' }],
    },
  };
  try {
    core.api.create<Pod>('pods', ns, pod);
  } catch (e) {
    if (!isStatusError(e)) throw e;
  }
}

export function isMirrorPod(pod: Pod): boolean {
  return !!pod.metadata?.annotations?.['kubernetes.io/config.mirror'];
}
