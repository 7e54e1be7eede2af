import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { kubeletHarness } from './testing';

const nginx = (name: string, extra: Partial<NonNullable<Pod['spec']>['containers'][number]> = {}): Pod => ({
  metadata: { name },
  spec: { containers: [{ name: 'nginx', image: 'nginx', ...extra }] },
});

describe('node registration and heartbeats', () => {
  it('registers a Node the way a kind node looks', () => {
    const h = kubeletHarness();
    h.fleet.add({
      name: 'control-plane',
      cpu: '2',
      memory: '4Gi',
      controlPlane: true,
      taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
    });
    h.advance(3000);
    h.machine('worker-1', { zone: 'zone-a' });
    h.advance(3000);
    const cp = h.api.get<Node>('nodes', '', 'control-plane');
    const w = h.api.get<Node>('nodes', '', 'worker-1');
    expect(w.spec?.podCIDR).toBe('10.244.1.0/24');
    expect(cp.metadata.labels).toMatchObject({
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': 'control-plane',
      'kubernetes.io/os': 'linux',
      'node-role.kubernetes.io/control-plane': '',
      'node.kubernetes.io/exclude-from-external-load-balancers': '',
    });
    expect(w.metadata.labels?.['topology.kubernetes.io/zone']).toBe('zone-a');
    expect(w.metadata.labels?.['node-role.kubernetes.io/control-plane']).toBeUndefined();
    // The node IPAM controller hands out 10.244.0.0/24, 10.244.1.0/24 … in the order the Nodes register
    // (kubeadm init's control plane first, then the node that joins).
    expect(cp.spec).toMatchObject({
      podCIDR: '10.244.0.0/24',
      podCIDRs: ['10.244.0.0/24'],
      providerID: 'kind://docker/kind/control-plane',
      taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
    });
    expect(w.status?.capacity).toEqual({
      cpu: '2',
      'ephemeral-storage': '102625208Ki',
      'hugepages-1Gi': '0',
      'hugepages-2Mi': '0',
      memory: '4Gi',
      pods: '110',
    });
    expect(w.status?.allocatable).toEqual(w.status?.capacity);
    expect(w.status?.addresses).toEqual([
      { type: 'InternalIP', address: '172.18.0.3' },
      { type: 'Hostname', address: 'worker-1' },
    ]);
    expect(w.status?.nodeInfo).toMatchObject({
      kubeletVersion: 'v1.32.2',
      containerRuntimeVersion: 'containerd://1.7.24',
      osImage: 'Debian GNU/Linux 12 (bookworm)',
      operatingSystem: 'linux',
      architecture: 'amd64',
    });
    expect(w.status?.nodeInfo?.machineID).toMatch(/^[0-9a-f]{32}$/);
    const types = w.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message]);
    expect(types).toEqual([
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
      ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
    ]);
    expect(w.status?.daemonEndpoints).toEqual({
      kubeletEndpoint: { Port: 10250 },
    });
    expect(w.status?.images?.some((i) => i.names?.includes('registry.k8s.io/coredns/coredns:v1.11.3'))).toBe(true);
    expect(h.events('worker-1')).toEqual([
      'Starting: Starting kubelet.',
      'NodeHasSufficientMemory: Node worker-1 status is now: NodeHasSufficientMemory',
      'NodeHasNoDiskPressure: Node worker-1 status is now: NodeHasNoDiskPressure',
      'NodeHasSufficientPID: Node worker-1 status is now: NodeHasSufficientPID',
      'NodeAllocatableEnforced: Updated Node Allocatable limit across pods',
      'NodeReady: Node worker-1 status is now: NodeReady',
    ]);
  });

  it('renews its Lease every 10 s and posts an unchanged status only every 5 minutes', () => {
    const h = kubeletHarness();
    h.machine('worker-1');
    h.advance(5000);
    const lease = h.api.get<Lease>('coordination.k8s.io/leases', 'kube-node-lease', 'worker-1');
    expect(lease.spec).toMatchObject({
      holderIdentity: 'worker-1',
      leaseDurationSeconds: 40,
    });
    expect(lease.spec?.renewTime).toMatch(/^2025-01-06T09:00:0\d\.\d{6}Z$/);
    expect(lease.metadata?.ownerReferences?.[0]).toMatchObject({
      apiVersion: 'v1',
      kind: 'Node',
      name: 'worker-1',
    });
    const first = lease.spec?.renewTime;
    const nodeRV = h.api.get<Node>('nodes', '', 'worker-1').metadata.resourceVersion;
    h.advance(11_000);
    expect(h.api.get<Lease>('coordination.k8s.io/leases', 'kube-node-lease', 'worker-1').spec?.renewTime).not.toBe(first);
    expect(h.api.get<Node>('nodes', '', 'worker-1').metadata.resourceVersion).toBe(nodeRV);
    h.advance(5 * 60_000);
    expect(h.api.get<Node>('nodes', '', 'worker-1').metadata.resourceVersion).not.toBe(nodeRV);
  });

  it('stays NotReady until a CNI plugin runs on the node', () => {
    const h = kubeletHarness({ requireCni: true });
    h.machine('worker-1');
    h.advance(30_000);
    const ready = () => h.api.get<Node>('nodes', '', 'worker-1').status?.conditions?.find((c) => c.type === 'Ready');
    expect(ready()).toMatchObject({
      status: 'False',
      reason: 'KubeletNotReady',
      message: expect.stringContaining('cni plugin not initialized'),
    });
    h.run(
      {
        metadata: { name: 'app' },
        spec: { containers: [{ name: 'app', image: 'nginx' }] },
      },
      'worker-1',
    );
    h.advance(20_000);
    expect(h.pod('app')?.status?.phase).toBe('Pending');
    expect(h.events('app')).toContain(
      'NetworkNotReady: network is not ready: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
    );
    h.run(
      {
        metadata: { name: 'kindnet-x', namespace: 'kube-system' },
        spec: {
          hostNetwork: true,
          containers: [
            {
              name: 'kindnet-cni',
              image: 'docker.io/kindest/kindnetd:v20241108-5c6d2daf',
            },
          ],
        },
      },
      'worker-1',
    );
    h.advance(15_000);
    expect(ready()?.status).toBe('True');
    expect(h.events('worker-1')).toContain('NodeReady: Node worker-1 status is now: NodeReady');
    h.advance(20_000);
    expect(h.pod('app')?.status?.phase).toBe('Running');
  });
});

describe('pods on a node', () => {
  it('runs a bound pod to Running and Ready with the real events in order', () => {
    const h = kubeletHarness();
    h.machine('worker-1');
    h.advance(3000);
    h.run(nginx('web'), 'worker-1');
    const p0 = h.pod('web');
    expect(p0?.status?.phase).toBe('Pending');
    expect(p0?.status?.containerStatuses?.[0]).toMatchObject({
      name: 'nginx',
      ready: false,
      restartCount: 0,
      image: 'nginx',
      imageID: '',
      started: false,
      state: { waiting: { reason: 'ContainerCreating' } },
    });
    h.advance(10_000);
    const p = h.pod('web');
    expect(p?.status?.phase).toBe('Running');
    expect(p?.status?.podIP).toBe('10.244.0.2');
    expect(p?.status?.podIPs).toEqual([{ ip: '10.244.0.2' }]);
    expect(p?.status?.hostIP).toBe('172.18.0.2');
    expect(p?.status?.qosClass).toBe('BestEffort');
    expect(p?.status?.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ]);
    const cs = p?.status?.containerStatuses?.[0];
    expect(cs).toMatchObject({
      name: 'nginx',
      ready: true,
      started: true,
      restartCount: 0,
      image: 'docker.io/library/nginx:latest',
      lastState: {},
    });
    expect(cs?.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(cs?.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(cs?.state?.running?.startedAt).toBeDefined();
    const ev = h.events('web');
    expect(ev[0]).toBe('Pulling: Pulling image "nginx"');
    expect(ev[1]).toMatch(/^Pulled: Successfully pulled image "nginx" in \d+(\.\d+)?m?s \(\d+(\.\d+)?m?s including waiting\)\. Image size: 72195292 bytes\.$/);
    expect(ev.slice(2)).toEqual(['Created: Created container: nginx', 'Started: Started container nginx']);
    // A settled pod is left alone.
    const rv = h.pod('web')?.metadata?.resourceVersion;
    h.fleet.reconcile('default/web');
    h.settle();
    expect(h.pod('web')?.metadata?.resourceVersion).toBe(rv);
  });

  it('gives ErrImagePull then ImagePullBackOff for a tag that does not exist', () => {
    const h = kubeletHarness();
    h.machine('worker-1');
    h.advance(3000);
    h.run(nginx('bad', { image: 'nginx:1.99' }), 'worker-1');
    h.advance(3000);
    const waiting = () => h.container('bad')?.state?.waiting;
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      h.advance(1000);
      if (waiting()?.reason) seen.add(waiting()?.reason as string);
    }
    expect(seen.has('ErrImagePull')).toBe(true);
    expect(seen.has('ImagePullBackOff')).toBe(true);
    const err =
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.99": failed to resolve reference "docker.io/library/nginx:1.99": docker.io/library/nginx:1.99: not found';
    const ev = h.events('bad');
    expect(ev).toContain(`Failed: Failed to pull image "nginx:1.99": ${err}`);
    expect(ev).toContain('Failed: Error: ErrImagePull');
    expect(ev).toContain('BackOff: Back-off pulling image "nginx:1.99"');
    expect(ev).toContain('Failed: Error: ImagePullBackOff');
    if (waiting()?.reason === 'ImagePullBackOff') expect(waiting()?.message).toBe(`Back-off pulling image "nginx:1.99": ErrImagePull: ${err}`);
    expect(h.pod('bad')?.status?.phase).toBe('Pending');
  });

  it('restarts a crashing container with CrashLoopBackOff', () => {
    const h = kubeletHarness();
    h.machine('worker-1');
    h.advance(3000);
    h.run(
      {
        metadata: { name: 'crash' },
        spec: {
          containers: [
            {
              name: 'c',
              image: 'busybox:1.36',
              command: ['sh', '-c', 'echo boom; exit 3'],
            },
          ],
        },
      },
      'worker-1',
    );
    h.advance(60_000);
    const cs = h.container('crash');
    expect(cs?.restartCount).toBeGreaterThanOrEqual(2);
    expect(cs?.lastState?.terminated).toMatchObject({
      exitCode: 3,
      reason: 'Error',
    });
    expect(h.events('crash').some((e) => /^BackOff: Back-off restarting failed container c in pod crash_default\(/.test(e))).toBe(true);
    expect(h.pod('crash')?.status?.phase).toBe('Running');
    expect(h.fleet.logs('default', 'crash', 'c')).toBe('boom\n');
  });
});
