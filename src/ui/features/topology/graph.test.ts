import { describe, expect, it } from 'vitest';
import { buildGraph, emptyMemory, type GraphInput, type GraphNode, type GroupNode, groupId, LANE_ID, type PodNode, REGION_GAP, REGION_W, type RegionNode } from './graph';
import { node, owner, pod, service } from './fixtures';

const STEP = REGION_W + REGION_GAP;
const opts = { showOwners: false, showServices: true };

function input(over: Partial<GraphInput> = {}): GraphInput {
  return {
    nodes: [node('worker-2'), node('control-plane', { cp: true }), node('worker-1')],
    pods: [
      pod('web-b', { node: 'worker-1', labels: { app: 'web' }, created: '2025-01-06T09:06:00Z' }),
      pod('web-a', { node: 'worker-1', labels: { app: 'web' } }),
      pod('etcd', { ns: 'kube-system', node: 'control-plane' }),
      pod('big', { labels: { app: 'web' } }),
    ],
    services: [service('web', { app: 'web' }), service('headless')],
    owners: [],
    ...over,
  };
}

const byId = (g: { nodes: GraphNode[] }) => new Map(g.nodes.map((n) => [n.id, n]));

describe('buildGraph', () => {
  it('puts pods in their node, pending ones in the unscheduled lane, control-plane first', () => {
    const g = buildGraph(input(), opts, emptyMemory());
    const regions = g.nodes.filter((n): n is RegionNode => n.type === 'region');
    expect(regions.map((r) => [r.id, r.position.x])).toEqual([
      [LANE_ID, 0],
      ['node:control-plane', 0],
      ['node:worker-1', STEP],
      ['node:worker-2', 2 * STEP],
    ]);
    // The lane lies above the nodes and spans them.
    const lane = regions[0];
    expect(lane.position.y + (lane.height ?? 0)).toBeLessThan(0);
    expect(lane.width).toBe(3 * STEP - REGION_GAP);
    const pods = g.nodes.filter((n): n is PodNode => n.type === 'pod');
    expect(pods.map((p) => [p.data.name, p.parentId])).toEqual([
      ['big', LANE_ID],
      ['etcd', 'node:control-plane'],
      ['web-a', 'node:worker-1'],
      ['web-b', 'node:worker-1'],
    ]);
    // Older first within a node.
    expect((byId(g).get('pod:default/web-a') as PodNode).position.x).toBeLessThan((byId(g).get('pod:default/web-b') as PodNode).position.x);
    // Parents come before their children (React Flow needs that).
    const index = new Map(g.nodes.map((n, i) => [n.id, i]));
    for (const p of pods) expect(index.get(p.parentId as string)).toBeLessThan(index.get(p.id) as number);
  });

  it('connects a Service to the pods its selector picks, in its namespace; a selector-less one to none', () => {
    const g = buildGraph(input({ pods: [...input().pods, pod('web-x', { ns: 'other', node: 'worker-2', labels: { app: 'web' } })] }), opts, emptyMemory());
    expect(g.edges.map((e) => `${e.source}->${e.target}`).sort()).toEqual(['Service:default/web->pod:default/big', 'Service:default/web->pod:default/web-a', 'Service:default/web->pod:default/web-b']);
  });

  it('no pod moves when another comes or goes', () => {
    const first = buildGraph(input(), opts, emptyMemory());
    const before = byId(first).get('pod:default/web-b')?.position;
    const without = input({ pods: input().pods.filter((p) => p.metadata?.name !== 'web-a') });
    const second = buildGraph(without, opts, first.memory);
    expect(byId(second).get('pod:default/web-b')?.position).toEqual(before);
    const third = buildGraph({ ...without, pods: [...without.pods, pod('web-c', { node: 'worker-1', created: '2025-01-06T09:07:00Z' })] }, opts, second.memory);
    expect(byId(third).get('pod:default/web-b')?.position).toEqual(before);
    // The newcomer takes the free place.
    expect(byId(third).get('pod:default/web-c')?.position).toEqual(byId(first).get('pod:default/web-a')?.position);
    // A new node goes after the others; the others keep their columns.
    const fourth = buildGraph({ ...input(), nodes: [node('worker-0'), ...input().nodes] }, opts, first.memory);
    expect(byId(fourth).get('node:worker-1')?.position).toEqual(byId(first).get('node:worker-1')?.position);
    expect((byId(fourth).get('node:worker-0')?.position.x ?? 0) > (byId(first).get('node:worker-2')?.position.x ?? 0)).toBe(true);
  });

  it('styles NotReady, cordoned and tainted nodes; shows a region for a pod bound to a missing node', () => {
    const g = buildGraph(
      input({
        nodes: [node('worker-1', { ready: false, unschedulable: true, taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] })],
        pods: [pod('orphan', { node: 'gone' })],
      }),
      opts,
      emptyMemory(),
    );
    const w1 = byId(g).get('node:worker-1') as RegionNode;
    expect(w1.data).toMatchObject({ status: 'NotReady', ready: false, unschedulable: true, taints: ['node.kubernetes.io/unreachable:NoExecute'] });
    expect((byId(g).get('node:gone') as RegionNode).data.missing).toBe(true);
  });

  it('owner chain: Deployment -> ReplicaSet -> Pod, hiding old empty ReplicaSets', () => {
    const owners = [owner('Deployment', 'web'), owner('ReplicaSet', 'web-1', { owner: { kind: 'Deployment', name: 'web' } }), owner('ReplicaSet', 'web-0', { owner: { kind: 'Deployment', name: 'web' }, replicas: 0 })];
    const pods = [pod('web-1-a', { node: 'worker-1', owner: { kind: 'ReplicaSet', name: 'web-1' } })];
    const g = buildGraph(input({ owners, pods }), { showOwners: true, showServices: false }, emptyMemory());
    expect(g.edges.map((e) => `${e.source}->${e.target}`)).toEqual(['Deployment:default/web->ReplicaSet:default/web-1', 'ReplicaSet:default/web-1->pod:default/web-1-a']);
    const ys = byId(g);
    expect(ys.get('Deployment:default/web')?.position.y).toBeLessThan(ys.get('ReplicaSet:default/web-1')?.position.y as number);
    expect(ys.get('ReplicaSet:default/web-1')?.position.y).toBeLessThan(0);
    expect(ys.has('ReplicaSet:default/web-0')).toBe(false);
  });

  it('filters by namespace but always shows the nodes', () => {
    const g = buildGraph(input(), { ...opts, namespace: 'kube-system' }, emptyMemory());
    expect(g.nodes.filter((n) => n.type === 'pod').map((n) => n.id)).toEqual(['pod:kube-system/etcd']);
    expect(g.nodes.filter((n) => n.type === 'region')).toHaveLength(4);
    expect(g.edges).toEqual([]);
  });

  it('lays out 500 pods, one edge per selected pod', () => {
    const nodes = Array.from({ length: 6 }, (_, i) => node(`worker-${i + 1}`));
    const pods = Array.from({ length: 500 }, (_, i) => pod(`p-${i}`, { node: `worker-${(i % 6) + 1}`, labels: { app: `a${i % 10}` } }));
    const services = Array.from({ length: 10 }, (_, i) => service(`s${i}`, { app: `a${i}` }));
    let g = buildGraph({ nodes, pods, services, owners: [] }, opts, emptyMemory());
    g = buildGraph({ nodes, pods, services, owners: [] }, opts, g.memory);
    expect(g.nodes).toHaveLength(500 + 7 + 10);
    expect(g.edges).toHaveLength(500);
  });

  it('a rebuild reuses the card data of pods whose objects did not change, and only theirs', () => {
    const i = input();
    const first = byId(buildGraph(i, opts, emptyMemory()));
    const changed = pod('web-a', { node: 'worker-1', labels: { app: 'web' }, ready: false });
    const second = byId(buildGraph({ ...i, pods: i.pods.map((p) => (p.metadata?.name === 'web-a' ? changed : p)) }, opts, emptyMemory()));
    expect(second.get('pod:default/web-b')?.data).toBe(first.get('pod:default/web-b')?.data);
    expect(second.get('pod:default/web-a')?.data).not.toBe(first.get('pod:default/web-a')?.data);
    expect((second.get('pod:default/web-a') as PodNode).data.visual.ready).toBe('0/1');
  });

  describe('past the grouping threshold', () => {
    const rs = { kind: 'ReplicaSet', name: 'web-7c9' };
    const many = (): GraphInput => ({
      nodes: [node('worker-1'), node('worker-2')],
      pods: [
        pod('web-1', { node: 'worker-1', owner: rs, labels: { app: 'web' } }),
        pod('web-2', { node: 'worker-1', owner: rs, labels: { app: 'web' }, ready: false, waiting: 'ContainerCreating' }),
        pod('web-3', { node: 'worker-2', owner: rs, labels: { app: 'web' } }),
        pod('db-1', { node: 'worker-1', owner: { kind: 'StatefulSet', name: 'db' } }),
        pod('lone', { node: 'worker-1' }),
        pod('waiting', { owner: rs, labels: { app: 'web' } }),
      ],
      services: [service('web', { app: 'web' })],
      owners: [owner('ReplicaSet', 'web-7c9', { replicas: 4 })],
    });

    it('draws one card per owner on each node, counting its pods by state, instead of one per pod', () => {
      const g = buildGraph(many(), { showOwners: false, showServices: false, groupAt: 5 }, emptyMemory());
      expect(g.nodes.filter((n) => n.type === 'pod')).toEqual([]);
      const groups = g.nodes.filter((n): n is GroupNode => n.type === 'group');
      expect(groups.map((n) => [n.parentId, n.data.owner, n.data.count, n.data.tones])).toEqual([
        [LANE_ID, 'web-7c9', 1, [['pending', 1]]],
        // In the order their first pods came (db-1, lone, web-1: same age, then by name).
        ['node:worker-1', 'db', 1, [['ok', 1]]],
        ['node:worker-1', undefined, 1, [['ok', 1]]],
        ['node:worker-1', 'web-7c9', 2, [['ok', 1], ['progress', 1]]],
        ['node:worker-2', 'web-7c9', 1, [['ok', 1]]],
      ]);
      // The node still counts its pods, not its cards.
      expect((byId(g).get('node:worker-1') as RegionNode).data.podCount).toBe(4);
      expect(groups[3].ariaLabel).toBe('ReplicaSet web-7c9: 2 pods, 1 running, 1 starting');
    });

    it('connects Services and owners to the groups, one edge per card pair', () => {
      const g = buildGraph(many(), { showOwners: true, showServices: true, groupAt: 5 }, emptyMemory());
      const w1 = groupId('node:worker-1', 'ReplicaSet:default/web-7c9');
      const w2 = groupId('node:worker-2', 'ReplicaSet:default/web-7c9');
      const lane = groupId(LANE_ID, 'ReplicaSet:default/web-7c9');
      expect(g.edges.map((e) => `${e.source}->${e.target}`).sort()).toEqual(
        [`ReplicaSet:default/web-7c9->${lane}`, `ReplicaSet:default/web-7c9->${w1}`, `ReplicaSet:default/web-7c9->${w2}`, `Service:default/web->${lane}`, `Service:default/web->${w1}`, `Service:default/web->${w2}`].sort(),
      );
    });

    it('draws every pod again at or below the threshold', () => {
      const g = buildGraph(many(), { showOwners: false, showServices: false, groupAt: 6 }, emptyMemory());
      expect(g.nodes.filter((n) => n.type === 'pod')).toHaveLength(6);
      expect(g.nodes.filter((n) => n.type === 'group')).toEqual([]);
    });
  });
});
