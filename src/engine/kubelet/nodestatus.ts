import type { ContainerImage, Node, NodeCondition, NodeStatus } from 'kubernetes-types/core/v1';
import { parseQuantity } from '../api/quantity';
import { deepEqual } from '../apiserver/apiserver';
import { KUBERNETES_VERSION } from '../sim/version';
import type { MachineState } from './state';

/**
 * The Node object a kind node's kubelet registers, and the status setters it runs every
 * nodeStatusUpdateFrequency (10 s): conditions with their real reasons and messages,
 * capacity, addresses, nodeInfo and the image list.
 */
export const CONTAINER_RUNTIME_VERSION = 'containerd://1.7.24';
export const KERNEL_VERSION = '6.8.0-51-generic';
export const OS_IMAGE = 'Debian GNU/Linux 12 (bookworm)';
export const EPHEMERAL_STORAGE = '102625208Ki';
export const MAX_PODS = 110;
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
export const LEASE_DURATION_SECONDS = 40;
export const HEARTBEAT_MS = 10_000;
/** nodeStatusReportFrequency: an unchanged status is still posted this often. */
export const STATUS_REPORT_MS = 5 * 60_000;

export const NETWORK_NOT_READY =
  'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized';
const RUNTIME_NOT_CHECKED = 'container runtime status check may not have completed yet';

export function nodeLabels(m: MachineState): Record<string, string> {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': m.spec.name,
    'kubernetes.io/os': 'linux',
  };
  if (m.spec.controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  if (m.spec.zone) labels['topology.kubernetes.io/zone'] = m.spec.zone;
  return { ...labels, ...(m.spec.labels ?? {}) };
}

function canonical(q: string | number): string {
  try {
    return parseQuantity(q).canonical();
  } catch {
    return String(q);
  }
}

export function capacity(m: MachineState): Record<string, string> {
  return {
    cpu: canonical(m.spec.cpu),
    'ephemeral-storage': EPHEMERAL_STORAGE,
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: canonical(m.spec.memory),
    pods: String(m.spec.pods ?? MAX_PODS),
  };
}

/** The images on the machine, largest first, as node.status.images lists them. */
export function imageList(m: MachineState): ContainerImage[] {
  return Object.values(m.images)
    .map((i) => ({ names: i.names.slice(0, 5), sizeBytes: i.size }))
    .sort((a, b) => b.sizeBytes - a.sizeBytes || a.names[0].localeCompare(b.names[0]));
}

/** The object the kubelet creates when it registers (`kubelet --register-node`). */
export function initialNode(m: MachineState): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: m.spec.name,
      labels: nodeLabels(m),
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    // No podCIDR: the node IPAM controller (kube-controller-manager) hands one out.
    spec: {
      providerID: `kind://docker/kind/${m.spec.name}`,
      ...(m.spec.taints?.length ? { taints: m.spec.taints.map((t) => ({ ...t })) } : {}),
    },
  };
}

interface Setter {
  type: string;
  /** [status, reason, message, event] when the kubelet sees the problem, and when it does not. */
  on: [string, string, string];
  off: [string, string, string];
}

const PRESSURE: Record<'memory' | 'disk' | 'pid', Setter> = {
  memory: {
    type: 'MemoryPressure',
    on: ['KubeletHasInsufficientMemory', 'kubelet has insufficient memory available', 'NodeHasInsufficientMemory'],
    off: ['KubeletHasSufficientMemory', 'kubelet has sufficient memory available', 'NodeHasSufficientMemory'],
  },
  disk: {
    type: 'DiskPressure',
    on: ['KubeletHasDiskPressure', 'kubelet has disk pressure', 'NodeHasDiskPressure'],
    off: ['KubeletHasNoDiskPressure', 'kubelet has no disk pressure', 'NodeHasNoDiskPressure'],
  },
  pid: {
    type: 'PIDPressure',
    on: ['KubeletHasInsufficientPID', 'kubelet has insufficient PID available', 'NodeHasInsufficientPID'],
    off: ['KubeletHasSufficientPID', 'kubelet has sufficient PID available', 'NodeHasSufficientPID'],
  },
};

/**
 * Run the kubelet's status setters over the node's current status (as the API has it): the
 * result, and the node events the transitions record (`NodeHasSufficientMemory`, `NodeReady` …).
 */
export function computeNodeStatus(
  m: MachineState,
  current: NodeStatus | undefined,
  timestamp: string,
  podCIDR?: string,
): { status: NodeStatus; events: string[] } {
  const events: string[] = [];
  const conditions: NodeCondition[] = (current?.conditions ?? []).map((c) => ({
    ...c,
  }));
  const find = (type: string) => conditions.find((c) => c.type === type);
  for (const kind of ['memory', 'disk', 'pid'] as const) {
    const s = PRESSURE[kind];
    let c = find(s.type);
    if (!c) {
      c = { type: s.type, status: 'Unknown' };
      conditions.push(c);
    }
    c.lastHeartbeatTime = timestamp;
    const on = m.pressure[kind];
    const want = on ? 'True' : 'False';
    if (c.status !== want) {
      const [reason, message, event] = on ? s.on : s.off;
      c.status = want;
      c.reason = reason;
      c.message = message;
      c.lastTransitionTime = timestamp;
      events.push(event);
    }
  }
  // Ready is the last condition (kubelets keep it last for old control planes).
  const problems: string[] = [];
  if (!m.runtimeUp) problems.push(RUNTIME_NOT_CHECKED);
  // The CNI plugin (kindnet) writes its configuration only once the Node has a podCIDR to hand out.
  else if (!m.cni || !podCIDR) problems.push(NETWORK_NOT_READY);
  const ready: NodeCondition = problems.length
    ? {
        type: 'Ready',
        status: 'False',
        reason: 'KubeletNotReady',
        message: problems.join(','),
        lastHeartbeatTime: timestamp,
      }
    : {
        type: 'Ready',
        status: 'True',
        reason: 'KubeletReady',
        message: 'kubelet is posting ready status',
        lastHeartbeatTime: timestamp,
      };
  const old = find('Ready');
  if (old) {
    if (old.status === ready.status) ready.lastTransitionTime = old.lastTransitionTime;
    else {
      ready.lastTransitionTime = timestamp;
      events.push(ready.status === 'True' ? 'NodeReady' : 'NodeNotReady');
    }
    conditions.splice(conditions.indexOf(old), 1);
  } else ready.lastTransitionTime = timestamp;
  const ordered = [...conditions.filter((c) => c.type !== 'Ready'), ready];
  const cap = capacity(m);
  const status: NodeStatus = {
    addresses: [
      { type: 'InternalIP', address: m.ip },
      { type: 'Hostname', address: m.spec.name },
    ],
    allocatable: { ...cap },
    capacity: cap,
    conditions: ordered,
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    images: imageList(m),
    nodeInfo: {
      architecture: 'amd64',
      bootID: m.bootID,
      containerRuntimeVersion: CONTAINER_RUNTIME_VERSION,
      kernelVersion: KERNEL_VERSION,
      kubeProxyVersion: '',
      kubeletVersion: KUBERNETES_VERSION,
      machineID: m.machineID,
      operatingSystem: 'linux',
      osImage: OS_IMAGE,
      systemUUID: m.systemUUID,
    },
    // containerd 1.7 supports neither recursive read-only mounts nor user namespaces.
    runtimeHandlers: ['runc', '', 'test-handler'].map((name) => ({
      name,
      features: { recursiveReadOnlyMounts: false, userNamespaces: false },
    })),
  } as NodeStatus;
  // kubeProxyVersion is no longer set (DisableNodeKubeProxyVersion is on by default since v1.31).
  delete (status.nodeInfo as { kubeProxyVersion?: string }).kubeProxyVersion;
  // Keep anything others own (volumesInUse/volumesAttached by the attach-detach controller …).
  for (const [k, v] of Object.entries(current ?? {})) {
    if (!(k in status)) (status as Record<string, unknown>)[k] = v;
  }
  return { status, events };
}

/** Does the new status differ from the old in anything but heartbeat times (nodeStatusHasChanged)? */
export function nodeStatusChanged(a: NodeStatus | undefined, b: NodeStatus): boolean {
  const strip = (s: NodeStatus | undefined) => ({
    ...s,
    conditions: (s?.conditions ?? []).map((c) => ({
      ...c,
      lastHeartbeatTime: undefined,
    })),
  });
  return !deepEqual(strip(a), strip(b));
}
