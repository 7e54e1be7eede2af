import type { Event, Node, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { KubeletFleet } from '../kubelet/fleet';
import { NETWORK_NOT_READY } from '../kubelet/nodestatus';
import { controllerHarness } from './harness';
import { NodeIpamController } from './nodeipam';

const node = (name: string, podCIDR?: string): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name },
  ...(podCIDR ? { spec: { podCIDR, podCIDRs: [podCIDR] } } : {}),
});

function cidrEvents(h: ReturnType<typeof controllerHarness>, name: string): Event[] {
  return h.api.list<Event>('events', 'default').items.filter((e) => e.involvedObject.name === name && e.reason === 'CIDRNotAvailable');
}

describe('node IPAM range allocator', () => {
  it('hands each new Node the next /24 of the cluster CIDR, in the order they appear', () => {
    const h = controllerHarness((ctx) => new NodeIpamController(ctx));
    for (const n of ['kind-control-plane', 'kind-worker', 'kind-worker2']) h.api.create('nodes', '', node(n));
    h.settle();
    const cidr = (n: string) => h.api.get<Node>('nodes', '', n).spec;
    expect(cidr('kind-control-plane')).toMatchObject({ podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'] });
    expect(cidr('kind-worker')).toMatchObject({ podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'] });
    expect(cidr('kind-worker2')).toMatchObject({ podCIDR: '10.244.2.0/24', podCIDRs: ['10.244.2.0/24'] });
    expect(h.writesOnResync(h.controllers[0], ['kind-control-plane', 'kind-worker', 'kind-worker2'])).toBe(false);
  });

  it('keeps a range a Node already has and never hands it out twice', () => {
    const h = controllerHarness((ctx) => new NodeIpamController(ctx));
    h.api.create('nodes', '', node('a', '10.244.0.0/24'));
    h.api.create('nodes', '', node('b'));
    h.settle();
    expect(h.api.get<Node>('nodes', '', 'a').spec?.podCIDR).toBe('10.244.0.0/24');
    expect(h.api.get<Node>('nodes', '', 'b').spec?.podCIDR).toBe('10.244.1.0/24');
  });

  it('a larger cluster CIDR serves more than 256 nodes', () => {
    const h = controllerHarness((ctx) => new NodeIpamController(ctx, { clusterCIDR: '10.0.0.0/8' }));
    for (let i = 0; i < 300; i++) h.api.create('nodes', '', node(`n${i}`));
    h.settle();
    expect(h.api.get<Node>('nodes', '', 'n0').spec?.podCIDR).toBe('10.0.0.0/24');
    expect(h.api.get<Node>('nodes', '', 'n299').spec?.podCIDR).toBe('10.1.43.0/24');
  });

  it('when the range is exhausted the Node gets none and a CIDRNotAvailable event, until a range is free', () => {
    const h = controllerHarness((ctx) => new NodeIpamController(ctx, { clusterCIDR: '10.244.0.0/23' }));
    h.api.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
    for (const n of ['a', 'b', 'c']) h.api.create('nodes', '', node(n));
    h.settle();
    expect(h.api.get<Node>('nodes', '', 'c').spec?.podCIDR).toBeUndefined();
    const [ev] = cidrEvents(h, 'c');
    expect(ev).toMatchObject({
      type: 'Normal',
      reason: 'CIDRNotAvailable',
      message: 'Node c status is now: CIDRNotAvailable',
      involvedObject: { kind: 'Node', name: 'c' },
      source: { component: 'cidrAllocator' },
    });
    // The allocator keeps retrying with back-off; the recorder counts the repeats.
    h.advance(10_000);
    expect(cidrEvents(h, 'c')[0].count).toBeGreaterThan(1);
    h.api.delete('nodes', '', 'a');
    h.settle();
    expect(h.api.get<Node>('nodes', '', 'c').spec?.podCIDR).toBe('10.244.0.0/24');
  });

  it('a machine whose Node gets no range registers but stays NotReady: its CNI has nothing to hand out', () => {
    const h = controllerHarness((ctx) => new NodeIpamController(ctx, { clusterCIDR: '10.244.0.0/24' }));
    for (const name of ['default', 'kube-system', 'kube-node-lease']) h.api.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    const fleet = h.manager.add(new KubeletFleet(h.ctx));
    fleet.state.requireCni = false;
    fleet.add({ name: 'first', cpu: '2', memory: '4Gi' });
    h.advance(3_000);
    fleet.add({ name: 'second', cpu: '2', memory: '4Gi' });
    h.advance(30_000);
    const ready = (n: string) => h.api.get<Node>('nodes', '', n).status?.conditions?.find((c) => c.type === 'Ready');
    expect(ready('first')?.status).toBe('True');
    expect(h.api.get<Node>('nodes', '', 'second').spec?.podCIDR).toBeUndefined();
    expect(ready('second')).toMatchObject({ status: 'False', reason: 'KubeletNotReady', message: NETWORK_NOT_READY });
    expect(cidrEvents(h, 'second')).toHaveLength(1);
    // Pods on the first machine get addresses from its range.
    h.api.create<Pod>('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    h.api.bind('default', 'web', 'first');
    h.advance(30_000);
    expect(h.api.get<Pod>('pods', 'default', 'web').status?.podIP).toMatch(/^10\.244\.0\.\d+$/);
  });

  it('after a restore the allocator knows which ranges are taken', () => {
    const h = controllerHarness((ctx) => new NodeIpamController(ctx, { clusterCIDR: '10.0.0.0/16' }));
    h.api.create('nodes', '', node('a'));
    h.settle();
    const ipam = h.controllers[0] as NodeIpamController;
    const state = ipam.snapshotState();
    ipam.restoreState(JSON.parse(JSON.stringify(state)));
    expect(ipam.allocations()).toEqual({ a: '10.0.0.0/24' });
    h.api.create('nodes', '', node('b'));
    h.settle();
    expect(h.api.get<Node>('nodes', '', 'b').spec?.podCIDR).toBe('10.0.1.0/24');
  });
});
