import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { Event } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { Stored } from '../api/types';
import { controllerHarness } from '../controllers/harness';
import { Cluster } from '../sim/cluster';
import { schedulerOf } from './install';
import { numFeasibleNodesToFind, Scheduler } from './scheduler';

const CP_TAINT = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' as const };
const zones = ['zone-a', 'zone-b', 'zone-c'];

function node(name: string, o: { cpu?: string; taints?: Node['spec'] extends infer S ? S extends { taints?: infer T } ? T : never : never; labels?: Record<string, string>; unschedulable?: boolean } = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...o.labels } },
    spec: { taints: o.taints, unschedulable: o.unschedulable },
    status: {
      capacity: { cpu: o.cpu ?? '2', memory: '4Gi', pods: '110' },
      allocatable: { cpu: o.cpu ?? '2', memory: '4Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
    },
  };
}

function pod(name: string, cpu?: string, spec: Partial<NonNullable<Pod['spec']>> = {}, labels?: Record<string, string>): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels },
    spec: { containers: [{ name: 'c', image: 'nginx', resources: cpu ? { requests: { cpu } } : {} }], ...spec },
  };
}

/** A control plane with only the scheduler, and the four nodes of the default preset. */
function setup(workers = 3) {
  const h = controllerHarness((ctx) => new Scheduler(ctx));
  const scheduler = h.controllers[0] as Scheduler;
  h.api.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  h.api.create('nodes', '', node('control-plane', { taints: [CP_TAINT], labels: { 'node-role.kubernetes.io/control-plane': '' } }));
  for (let i = 0; i < workers; i++) h.api.create('nodes', '', node(`worker-${i + 1}`, { labels: { 'topology.kubernetes.io/zone': zones[i % 3] } }));
  const get = (name: string) => h.api.get<Pod>('pods', 'default', name);
  const events = (reason?: string) =>
    h.api.list<Event>('events', 'default').items.filter((e) => !reason || e.reason === reason);
  return { ...h, scheduler, get, events };
}

const PENDING_MESSAGE =
  '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.';

describe('Scheduler', () => {
  it('places three 1500m pods on the three workers and explains the fourth', () => {
    const h = setup();
    for (const n of ['big-0', 'big-1', 'big-2', 'big-3']) h.api.create('pods', 'default', pod(n, '1500m'));
    h.settle();
    const nodes = ['big-0', 'big-1', 'big-2', 'big-3'].map((n) => h.get(n).spec?.nodeName);
    expect(nodes.slice(0, 3).sort()).toEqual(['worker-1', 'worker-2', 'worker-3']);
    expect(nodes[3]).toBeUndefined();
    const pending = h.get('big-3');
    expect(pending.status?.conditions).toEqual([
      { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: '2025-01-06T09:00:00Z', reason: 'Unschedulable', message: PENDING_MESSAGE },
    ]);
    const failed = h.events('FailedScheduling');
    expect(failed.map((e) => [e.involvedObject.name, e.type, e.message, e.source?.component])).toEqual([['big-3', 'Warning', PENDING_MESSAGE, 'default-scheduler']]);
    const scheduled = h.events('Scheduled').map((e) => e.message);
    expect(scheduled).toContain(`Successfully assigned default/big-0 to ${nodes[0]}`);
    expect(scheduled).toHaveLength(3);

    const why = h.scheduler.explain('default', 'big-3');
    expect(why).toMatchObject({ result: 'Unschedulable', message: PENDING_MESSAGE, numAllNodes: 4, evaluatedNodes: 4, feasibleNodes: 0 });
    expect(why?.reasons).toEqual([
      { reason: 'Insufficient cpu', count: 3 },
      { reason: 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }', count: 1 },
    ]);
    expect(why?.nodes.find((n) => n.node === 'control-plane')).toMatchObject({ plugin: 'TaintToleration', code: 'UnschedulableAndUnresolvable' });
    expect(why?.nodes.find((n) => n.node === 'worker-1')).toMatchObject({ plugin: 'NodeResourcesFit', reasons: ['Insufficient cpu'], code: 'Unschedulable' });
    const placed = h.scheduler.explain('default', 'big-1');
    expect(placed).toMatchObject({ result: 'Scheduled', node: nodes[1] });
  });

  it('records why a node won: per-plugin scores with the weights applied', () => {
    const h = setup();
    h.api.create('pods', 'default', pod('busy', '1'));
    h.settle();
    h.api.create('pods', 'default', pod('web', '500m'));
    h.settle();
    const why = h.scheduler.explain('default', 'web');
    expect(why?.result).toBe('Scheduled');
    expect(why?.feasibleNodes).toBe(3);
    const best = why?.nodes[0];
    expect(best?.selected).toBe(true);
    expect(best?.node).not.toBe(h.get('busy').spec?.nodeName);
    expect(best?.scores?.map((s) => s.plugin)).toEqual([
      'TaintToleration',
      'NodeAffinity',
      'NodeResourcesFit',
      'PodTopologySpread',
      'InterPodAffinity',
      'NodeResourcesBalancedAllocation',
      'ImageLocality',
    ].filter((p) => best?.scores?.some((s) => s.plugin === p)));
    const fit = best?.scores?.find((s) => s.plugin === 'NodeResourcesFit');
    // An empty worker: cpu (2000 − 500)/2000 = 75, memory (4Gi − 200Mi default)/4Gi = 95 → 85.
    expect(fit).toMatchObject({ raw: 85, normalized: 85, weighted: 85 });
    // cpu 500m/2 against no memory request: 100 × (1 − 0.25/2).
    expect(best?.scores?.find((s) => s.plugin === 'NodeResourcesBalancedAllocation')).toMatchObject({ raw: 87, weighted: 87 });
    const taint = best?.scores?.find((s) => s.plugin === 'TaintToleration');
    expect(taint).toMatchObject({ raw: 0, normalized: 100, weighted: 300 });
  });

  it('does not rewrite an unchanged condition; retries after 5 minutes add to the event count', () => {
    const h = setup();
    for (const n of ['big-0', 'big-1', 'big-2', 'big-3']) h.api.create('pods', 'default', pod(n, '1500m'));
    h.settle();
    const rv = h.get('big-3').metadata.resourceVersion;
    h.advance(5 * 60_000);
    expect(h.events('FailedScheduling')[0].count).toBe(1);
    h.advance(60_000);
    expect(h.events('FailedScheduling')[0].count).toBe(2);
    expect(h.get('big-3').metadata.resourceVersion).toBe(rv);
  });

  it('schedules the pending pod once a running pod is deleted', () => {
    const h = setup();
    for (const n of ['big-0', 'big-1', 'big-2', 'big-3']) h.api.create('pods', 'default', pod(n, '1500m'));
    h.settle();
    const freed = h.get('big-1').spec?.nodeName;
    h.api.delete('pods', 'default', 'big-1', { gracePeriodSeconds: 0 });
    h.settle();
    // Still backing off from its first attempt (1 s).
    expect(h.get('big-3').spec?.nodeName).toBeUndefined();
    h.advance(1000);
    expect(h.get('big-3').spec?.nodeName).toBe(freed);
    expect(h.get('big-3').status?.conditions?.find((c) => c.type === 'PodScheduled')?.status).toBe('True');
  });

  it('waits for an uncordon, and honours nodeSelector and tolerations', () => {
    const h = setup();
    for (const w of ['worker-1', 'worker-2', 'worker-3']) {
      const n = h.api.get<Node>('nodes', '', w);
      h.api.update('nodes', '', { ...n, spec: { ...n.spec, unschedulable: true } });
    }
    h.api.create('pods', 'default', pod('p', '100m'));
    h.settle();
    expect(h.get('p').status?.conditions?.[0]?.message).toBe(
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) were unschedulable. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
    );
    const n = h.api.get<Node>('nodes', '', 'worker-2');
    h.api.update('nodes', '', { ...n, spec: { ...n.spec, unschedulable: false } });
    h.advance(1000);
    expect(h.get('p').spec?.nodeName).toBe('worker-2');

    h.api.create('pods', 'default', pod('pinned', undefined, { nodeSelector: { 'kubernetes.io/hostname': 'control-plane' } }));
    h.api.create('pods', 'default', pod('tolerant', undefined, { nodeSelector: { 'kubernetes.io/hostname': 'control-plane' }, tolerations: [{ key: CP_TAINT.key, effect: 'NoSchedule' }] }));
    h.settle();
    expect(h.get('pinned').spec?.nodeName).toBeUndefined();
    expect(h.get('pinned').status?.conditions?.[0]?.message).toBe(
      "0/4 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) were unschedulable. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.",
    );
    expect(h.get('tolerant').spec?.nodeName).toBe('control-plane');
  });

  it('explains a DaemonSet-style pod pinned to a full node', () => {
    const h = setup();
    h.api.create('pods', 'default', pod('hog', '1900m', { nodeName: 'worker-1' }));
    h.api.create('pods', 'default', pod('ds', '200m', {
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['worker-1'] }] }] } } },
    }));
    h.settle();
    expect(h.get('ds').status?.conditions?.[0]?.message).toBe(
      "0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.",
    );
  });

  it('preempts a lower-priority pod, nominates the node and takes it when the victim is gone', () => {
    const h = setup(1);
    h.api.create('pods', 'default', pod('victim', '1500m', { priority: 0 }));
    h.settle();
    expect(h.get('victim').spec?.nodeName).toBe('worker-1');
    h.api.create('pods', 'default', pod('important', '1500m', { priority: 1000 }));
    h.settle();
    const victim = h.get('victim');
    expect(victim.metadata.deletionTimestamp).toBeDefined();
    expect(victim.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({
      status: 'True',
      reason: 'PreemptionByScheduler',
      message: 'default-scheduler: preempting to accommodate a higher priority pod',
    });
    const important = h.get('important');
    expect(important.status?.nominatedNodeName).toBe('worker-1');
    expect(important.status?.conditions?.[0]?.message).toBe(
      '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }.',
    );
    expect(h.events('Preempted').map((e) => [e.involvedObject.name, e.message])).toEqual([
      ['victim', `Preempted by pod ${important.metadata.uid} on node worker-1`],
    ]);
    // While the victim terminates (no kubelet here: for good), a retry does not preempt again.
    h.advance(6 * 60_000);
    expect(h.scheduler.explain('default', 'important')?.attempt).toBe(2);
    expect(h.scheduler.explain('default', 'important')?.message).toBe(
      '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: not eligible due to a terminating pod on the nominated node.',
    );
    // The kubelet would remove it after its grace period; do it now.
    h.api.delete('pods', 'default', 'victim', { gracePeriodSeconds: 0 });
    h.advance(10_000);
    expect(h.get('important').spec?.nodeName).toBe('worker-1');
  });

  it('queues only pods for the default scheduler, and skips pods being deleted', () => {
    const h = setup();
    h.api.create('pods', 'default', pod('other', undefined, { schedulerName: 'my-scheduler' }));
    h.settle();
    expect(h.get('other').spec?.nodeName).toBeUndefined();
    expect(h.get('other').status?.conditions ?? []).toEqual([]);
  });

  it('says so when there are no nodes at all', () => {
    const h = controllerHarness((ctx) => new Scheduler(ctx));
    h.api.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
    h.api.create('pods', 'default', pod('p'));
    h.settle();
    const c = h.api.get<Pod>('pods', 'default', 'p').status?.conditions?.[0];
    expect(c).toMatchObject({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: 'no nodes available to schedule pods' });
    h.api.create('nodes', '', node('late'));
    h.advance(2000);
    expect(h.api.get<Pod>('pods', 'default', 'p').spec?.nodeName).toBe('late');
  });

  it('samples nodes in large clusters as percentageOfNodesToScore does', () => {
    expect(numFeasibleNodesToFind(4)).toBe(4);
    expect(numFeasibleNodesToFind(99)).toBe(99);
    expect(numFeasibleNodesToFind(100)).toBe(100);
    expect(numFeasibleNodesToFind(1000)).toBe(420);
    expect(numFeasibleNodesToFind(5000)).toBe(500);
    expect(numFeasibleNodesToFind(6000)).toBe(300);
    expect(numFeasibleNodesToFind(5000, 30)).toBe(1500);
  });
});

describe('Scheduler in the default cluster', () => {
  it('runs three of four 1500m pods and explains the fourth', () => {
    const cluster = Cluster.create();
    const ready = cluster.api
      .list<Node>('nodes')
      .items.every((n: Stored<Node>) => !(n.spec?.taints ?? []).some((t) => t.key === 'node.kubernetes.io/not-ready'));
    expect(ready).toBe(true);
    for (const n of ['big-0', 'big-1', 'big-2', 'big-3']) cluster.api.create('pods', 'default', pod(n, '1500m'));
    cluster.advance(30_000);
    const pods = ['big-0', 'big-1', 'big-2', 'big-3'].map((n) => cluster.api.get<Pod>('pods', 'default', n));
    expect(pods.filter((p) => p.spec?.nodeName).map((p) => p.spec?.nodeName).sort()).toEqual(['worker-1', 'worker-2', 'worker-3']);
    const pending = pods.find((p) => !p.spec?.nodeName) as Stored<Pod>;
    expect(pending.status?.conditions?.find((c) => c.type === 'PodScheduled')?.message).toBe(PENDING_MESSAGE);
    expect(schedulerOf(cluster).explain('default', pending.metadata.name)?.message).toBe(PENDING_MESSAGE);
  });

  it('survives a snapshot: the restored cluster still knows its pending pod and its reasons', () => {
    const cluster = Cluster.create();
    for (const n of ['big-0', 'big-1', 'big-2', 'big-3']) cluster.api.create('pods', 'default', pod(n, '1500m'));
    cluster.advance(5_000);
    const snap = JSON.parse(JSON.stringify(cluster.snapshot()));
    const restored = Cluster.fromSnapshot(snap);
    const pending = restored.api.list<Pod>('pods', 'default').items.find((p) => !p.spec?.nodeName) as Stored<Pod>;
    expect(schedulerOf(restored).explain('default', pending.metadata.name)?.message).toBe(PENDING_MESSAGE);
    // Free a worker in both: each schedules the pending pod on it, the same way.
    for (const c of [cluster, restored]) {
      const running = c.api.list<Pod>('pods', 'default').items.find((p) => p.spec?.nodeName) as Stored<Pod>;
      c.api.delete('pods', 'default', running.metadata.name, { gracePeriodSeconds: 0 });
      c.advance(5_000);
    }
    const placed = (c: Cluster) => c.api.get<Pod>('pods', 'default', pending.metadata.name).spec?.nodeName;
    expect(placed(restored)).toBeDefined();
    expect(placed(restored)).toBe(placed(cluster));
  });
});
