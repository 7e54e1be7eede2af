import type { Node, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { kubeletHarness } from '../../kubelet/testing';
import { NodeLifecycleController } from './controller';
import { PodGCController } from './podgc';
import { TaintEvictionController } from './tainteviction';

const TOLERATIONS = [
  {
    key: 'node.kubernetes.io/not-ready',
    operator: 'Exists',
    effect: 'NoExecute',
    tolerationSeconds: 300,
  },
  {
    key: 'node.kubernetes.io/unreachable',
    operator: 'Exists',
    effect: 'NoExecute',
    tolerationSeconds: 300,
  },
];

function cluster() {
  const h = kubeletHarness({
    extra: [(c) => new NodeLifecycleController(c), (c) => new TaintEvictionController(c), (c) => new PodGCController(c)],
  });
  h.machine('worker-1', { zone: 'zone-a' });
  h.machine('worker-2', { zone: 'zone-b' });
  h.advance(60_000);
  const web = h.run(
    {
      metadata: { name: 'web' },
      spec: {
        tolerations: TOLERATIONS,
        containers: [{ name: 'nginx', image: 'nginx' }],
      },
    },
    'worker-1',
  );
  h.advance(30_000);
  const node = (name: string) => h.api.get<Node>('nodes', '', name);
  const ready = (name: string) => node(name).status?.conditions?.find((c) => c.type === 'Ready');
  return { h, web, node, ready };
}

describe('node lifecycle controller', () => {
  it('registers nodes and leaves healthy ones alone', () => {
    const { h, node, ready } = cluster();
    expect(h.events('worker-1')).toContain('RegisteredNode: Node worker-1 event: Registered Node worker-1 in Controller');
    expect(ready('worker-1')?.status).toBe('True');
    expect(node('worker-1').spec?.taints).toBeUndefined();
    expect(h.pod('web')?.status?.phase).toBe('Running');
  });

  it('marks a silent node Unknown within the grace period, taints it, and evicts its pods after 300 s', () => {
    const { h, node, ready } = cluster();
    h.fleet.setDown('worker-1', true);
    const start = h.clock.now();
    const took = (() => {
      for (let t = 0; t < 120; t++) {
        h.advance(1000);
        if (ready('worker-1')?.status === 'Unknown') return h.clock.now() - start;
      }
      return undefined;
    })();
    expect(took).toBeGreaterThanOrEqual(40_000);
    expect(took).toBeLessThanOrEqual(55_000);
    expect(ready('worker-1')).toMatchObject({
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
    });
    for (const type of ['MemoryPressure', 'DiskPressure', 'PIDPressure']) {
      expect(node('worker-1').status?.conditions?.find((c) => c.type === type)).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown' });
    }
    expect(h.events('worker-1')).toContain('NodeNotReady: Node worker-1 status is now: NodeNotReady');
    expect(h.pod('web')?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
    expect(h.events('web')).toContain('NodeNotReady: Node is not ready');
    h.advance(10_000);
    const taints = node('worker-1').spec?.taints ?? [];
    expect(taints.map((t) => `${t.key}:${t.effect}`).sort()).toEqual(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
    expect(taints.every((t) => t.timeAdded)).toBe(true);
    expect(ready('worker-2')?.status).toBe('True');
    // Five minutes of toleration, then the taint eviction controller deletes the pod.
    h.advance(280_000);
    expect(h.pod('web')?.metadata?.deletionTimestamp).toBeUndefined();
    h.advance(30_000);
    expect(h.events('web')).toContain('TaintManagerEviction: Marking for deletion Pod default/web');
    const deleted = h.pod('web');
    expect(deleted?.metadata?.deletionTimestamp).toBeDefined();
    expect(deleted?.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager' });
    // Its kubelet cannot confirm: it stays Terminating.
    h.advance(120_000);
    expect(h.pod('web')).toBeDefined();
    // The machine answers again: the kubelet stops the containers and the pod goes.
    h.fleet.setDown('worker-1', false);
    h.advance(20_000);
    expect(h.pod('web')).toBeUndefined();
    expect(ready('worker-1')?.status).toBe('True');
    expect(node('worker-1').spec?.taints).toBeUndefined();
    expect(h.events('worker-1')).toContain('NodeReady: Node worker-1 status is now: NodeReady');
  });

  it('turns conditions and cordoning into NoSchedule taints', () => {
    const { h, node } = cluster();
    h.fleet.setPressure('worker-2', 'memory', true);
    h.advance(15_000);
    expect(node('worker-2').status?.conditions?.find((c) => c.type === 'MemoryPressure')).toMatchObject({
      status: 'True',
      reason: 'KubeletHasInsufficientMemory',
      message: 'kubelet has insufficient memory available',
    });
    expect(node('worker-2').spec?.taints?.map((t) => `${t.key}:${t.effect}`)).toEqual(['node.kubernetes.io/memory-pressure:NoSchedule']);
    expect(h.events('worker-2')).toContain('NodeHasInsufficientMemory: Node worker-2 status is now: NodeHasInsufficientMemory');
    h.fleet.setPressure('worker-2', 'memory', false);
    // The kubelet holds the condition for evictionPressureTransitionPeriod (5 min); the taint follows it.
    h.advance(60_000);
    expect(node('worker-2').spec?.taints?.map((t) => t.key)).toEqual(['node.kubernetes.io/memory-pressure']);
    h.advance(5 * 60_000);
    expect(node('worker-2').spec?.taints).toBeUndefined();
    const n = node('worker-2');
    h.api.update('nodes', '', {
      ...n,
      spec: { ...n.spec, unschedulable: true },
    });
    h.settle();
    expect(node('worker-2').spec?.taints?.map((t) => `${t.key}:${t.effect}`)).toEqual(['node.kubernetes.io/unschedulable:NoSchedule']);
  });

  it('force-deletes the pods of a deleted node after the quarantine', () => {
    const { h } = cluster();
    h.fleet.remove('worker-1');
    h.advance(60_000);
    expect(h.pod('web')).toBeDefined();
    h.api.delete('nodes', '', 'worker-1');
    h.advance(70_000);
    expect(h.pod('web')).toBeUndefined();
  });

  it('evicts a pod that does not tolerate the taint at once', () => {
    const { h } = cluster();
    h.run(
      {
        metadata: { name: 'fragile' },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
      },
      'worker-2',
    );
    h.advance(10_000);
    h.fleet.setDown('worker-2', true);
    h.advance(70_000);
    expect(h.events('fragile')).toContain('TaintManagerEviction: Marking for deletion Pod default/fragile');
    expect(h.pod('fragile')?.metadata?.deletionTimestamp).toBeDefined();
  });

  it('writes nothing on a second pass over a settled cluster', () => {
    const { h } = cluster();
    const rv = h.api.store.resourceVersion();
    const nlc = h.extra[0] as NodeLifecycleController;
    nlc.reconcile('monitor');
    nlc.reconcile('node/worker-1');
    h.settle();
    // Only leases move (the kubelets' heartbeats are not due yet).
    expect(h.api.store.resourceVersion()).toBe(rv);
    expect(h.api.get<Pod>('pods', 'default', 'web').status?.phase).toBe('Running');
  });
});
