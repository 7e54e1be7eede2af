import type { Endpoints, Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { beforeEach, describe, expect, test } from 'vitest';
import type { Stored } from '../api/types';
import { Harness } from './controllerutil/testing';
import { EndpointsController } from './endpoints';
import { EndpointSliceController } from './endpointslice/controller';

function pod(name: string, labels: Record<string, string>, ports: { name?: string; containerPort: number }[] = [{ containerPort: 80 }]): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'c', image: 'nginx', ports }] } };
}

function service(name: string, spec: Partial<NonNullable<Service['spec']>>): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, labels: { app: name } }, spec: { clusterIP: '10.96.0.50', ...spec } };
}

describe('Endpoints and EndpointSlice controllers', () => {
  let h: Harness;
  let ec: EndpointsController;
  let sc: EndpointSliceController;
  const ep = (name = 'web') => h.api.find<Endpoints>('endpoints', 'default', name);
  const slices = () => h.list<EndpointSlice>('discovery.k8s.io/endpointslices');
  beforeEach(() => {
    h = new Harness();
    ec = h.add(new EndpointsController(h.ctx));
    sc = h.add(new EndpointSliceController(h.ctx));
    h.node('node-1', { 'topology.kubernetes.io/zone': 'zone-a' });
  });

  test('ready pods are addresses, unready ones notReadyAddresses; no pods, no subsets', () => {
    h.create('services', service('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] }));
    h.settle();
    expect(ep()?.subsets).toBeUndefined();
    expect(ep()?.metadata.labels).toEqual({ app: 'web' });
    const a = h.create('pods', pod('web-a', { app: 'web' }));
    const b = h.create('pods', pod('web-b', { app: 'web' }));
    h.run(a);
    h.run(b, { ready: false });
    h.settle();
    const subsets = ep()?.subsets ?? [];
    expect(subsets).toHaveLength(1);
    expect(subsets[0].addresses?.map((x) => x.targetRef?.name)).toEqual(['web-a']);
    expect(subsets[0].notReadyAddresses?.map((x) => x.targetRef?.name)).toEqual(['web-b']);
    expect(subsets[0].addresses?.[0]).toMatchObject({ nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-a', uid: a.metadata.uid } });
    expect(subsets[0].ports).toEqual([{ port: 80, protocol: 'TCP' }]);
    expect(ep()?.metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']).toBeDefined();
    const rv = h.rv();
    ec.reconcile('default/web');
    sc.reconcile('default/web');
    h.settle();
    expect(h.rv()).toBe(rv);
  });

  test('named targetPorts resolve per pod; pods with different ports get different subsets', () => {
    h.create('services', service('web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'web', protocol: 'TCP' }] }));
    const a = h.create('pods', pod('web-a', { app: 'web' }, [{ name: 'web', containerPort: 8080 }]));
    const b = h.create('pods', pod('web-b', { app: 'web' }, [{ name: 'web', containerPort: 9090 }]));
    const c = h.create('pods', pod('web-c', { app: 'web' }, [{ name: 'other', containerPort: 80 }]));
    for (const p of [a, b, c]) h.run(p);
    h.settle();
    const subsets = ep()?.subsets ?? [];
    expect(subsets.map((s) => [s.ports?.[0].port, s.addresses?.map((x) => x.targetRef?.name)])).toEqual([
      [8080, ['web-a']],
      [9090, ['web-b']],
    ]);
    const byPort = slices().map((s) => [s.ports?.[0]?.port, s.endpoints.map((e) => e.targetRef?.name)]).sort();
    expect(byPort).toEqual([
      [8080, ['web-a']],
      [9090, ['web-b']],
    ]);
  });

  test('EndpointSlices: <svc>-<5 chars>, labels, conditions, zone; a placeholder when there are no endpoints', () => {
    const svc = h.create('services', service('web', { selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP' }] }));
    h.settle();
    expect(slices()).toHaveLength(1);
    expect(slices()[0].endpoints).toEqual([]);
    const a = h.create('pods', pod('web-a', { app: 'web' }));
    h.run(a);
    h.settle();
    const [s] = slices();
    expect(s.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(s.metadata.labels).toEqual({ app: 'web', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
    expect(s.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Service', name: 'web', uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true });
    expect(s.addressType).toBe('IPv4');
    expect(s.ports).toEqual([{ name: '', port: 80, protocol: 'TCP' }]);
    expect(s.endpoints).toEqual([
      {
        addresses: [a.metadata.uid ? (h.api.get<Pod>('pods', 'default', 'web-a').status?.podIP as string) : ''],
        conditions: { ready: true, serving: true, terminating: false },
        targetRef: { kind: 'Pod', namespace: 'default', name: 'web-a', uid: a.metadata.uid },
        nodeName: 'node-1',
        zone: 'zone-a',
      },
    ]);
    // a terminating pod stays in the slice as not ready, serving, terminating; it leaves the Endpoints
    h.api.delete('pods', 'default', 'web-a');
    h.settle();
    expect(slices()[0].endpoints[0].conditions).toEqual({ ready: false, serving: true, terminating: true });
    expect(ep()?.subsets).toBeUndefined();
  });

  test('at most 100 endpoints per slice', () => {
    h.create('services', service('big', { selector: { app: 'big' }, ports: [{ port: 80, protocol: 'TCP' }] }));
    const pods: Stored<Pod>[] = [];
    for (let i = 0; i < 250; i++) pods.push(h.create('pods', pod(`big-${i}`, { app: 'big' })));
    for (const p of pods) h.run(p);
    h.advance(2000);
    const sizes = slices().map((s) => s.endpoints.length).sort((a, b) => b - a);
    expect(sizes).toEqual([100, 100, 50]);
    expect(ep('big')?.subsets?.[0].addresses).toHaveLength(250);
  });

  test('a headless Service for a StatefulSet gives hostnames and the headless label', () => {
    h.create('services', service('nginx', { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ name: 'web', port: 80, protocol: 'TCP' }] }));
    const p = h.create('pods', { ...pod('web-0', { app: 'nginx' }), spec: { hostname: 'web-0', subdomain: 'nginx', containers: [{ name: 'c', image: 'nginx' }] } });
    h.run(p);
    h.settle();
    expect(ep('nginx')?.subsets?.[0].addresses?.[0].hostname).toBe('web-0');
    expect(ep('nginx')?.metadata.labels?.['service.kubernetes.io/headless']).toBe('');
    expect(slices()[0].endpoints[0].hostname).toBe('web-0');
    expect(slices()[0].metadata.labels?.['service.kubernetes.io/headless']).toBe('');
  });
});
