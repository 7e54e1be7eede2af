import type { Event, Service } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { serviceAllocationAdmission } from '../apiserver/admission/serviceips';
import { controllerHarness } from '../controllers/harness';
import { LB_FINALIZER, LB_PROVISION_MS, ServiceLBController } from './lb';

function setup() {
  const h = controllerHarness((ctx) => new ServiceLBController(ctx));
  h.api.use(serviceAllocationAdmission());
  h.api.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  const lb = (name: string, spec: Partial<NonNullable<Service['spec']>> = {}) =>
    h.api.create<Service>('services', 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { type: 'LoadBalancer', selector: { app: name }, ports: [{ port: 80 }], ...spec } });
  const get = (name: string) => h.api.get<Service>('services', 'default', name);
  const events = (name: string) =>
    h.api
      .list<Event>('events', 'default')
      .items.filter((e) => e.involvedObject.name === name)
      .map((e) => `${e.type} ${e.reason} ${e.message}`);
  return { ...h, lb, get, events, controller: h.controllers[0] as ServiceLBController };
}

describe('load-balancer provider (service controller)', () => {
  it('adds the cleanup finalizer, then an ingress address from the pool', () => {
    const h = setup();
    h.lb('web');
    h.settle();
    expect(h.get('web').metadata.finalizers).toEqual([LB_FINALIZER]);
    expect(h.get('web').status?.loadBalancer?.ingress).toBeUndefined();
    h.advance(LB_PROVISION_MS);
    expect(h.get('web').status?.loadBalancer?.ingress).toEqual([{ ip: '172.18.255.200', ipMode: 'VIP' }]);
    expect(h.events('web')).toEqual(['Normal EnsuringLoadBalancer Ensuring load balancer', 'Normal EnsuredLoadBalancer Ensured load balancer']);
  });

  it('gives each Service its own address and writes nothing on a second pass', () => {
    const h = setup();
    h.lb('a');
    h.lb('b');
    h.advance(LB_PROVISION_MS);
    expect(h.get('a').status?.loadBalancer?.ingress?.[0].ip).toBe('172.18.255.200');
    expect(h.get('b').status?.loadBalancer?.ingress?.[0].ip).toBe('172.18.255.201');
    expect(h.writesOnResync(h.controller, ['default/a', 'default/b'])).toBe(false);
  });

  it('honours spec.loadBalancerIP inside the pool', () => {
    const h = setup();
    h.lb('pinned', { loadBalancerIP: '172.18.255.220' });
    h.advance(LB_PROVISION_MS);
    expect(h.get('pinned').status?.loadBalancer?.ingress?.[0].ip).toBe('172.18.255.220');
  });

  it('releases the address and the finalizer when the Service stops being a LoadBalancer', () => {
    const h = setup();
    h.lb('web');
    h.advance(LB_PROVISION_MS);
    const svc = h.get('web');
    h.api.update<Service>('services', 'default', { ...svc, spec: { ...svc.spec, type: 'ClusterIP', ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], externalTrafficPolicy: undefined, allocateLoadBalancerNodePorts: undefined } });
    h.settle();
    expect(h.get('web').metadata.finalizers).toBeUndefined();
    expect(h.get('web').status?.loadBalancer?.ingress).toBeUndefined();
    expect(h.events('web').slice(-2)).toEqual(['Normal DeletingLoadBalancer Deleting load balancer', 'Normal DeletedLoadBalancer Deleted load balancer']);
    h.lb('next');
    h.advance(LB_PROVISION_MS);
    expect(h.get('next').status?.loadBalancer?.ingress?.[0].ip).toBe('172.18.255.200');
  });

  it('lets a deleted Service go once the load balancer is cleaned up', () => {
    const h = setup();
    h.lb('web');
    h.advance(LB_PROVISION_MS);
    h.api.delete('services', 'default', 'web');
    h.settle();
    expect(h.api.find('services', 'default', 'web')).toBeUndefined();
  });

  it('leaves Services with a loadBalancerClass to their own controller', () => {
    const h = setup();
    h.lb('other', { loadBalancerClass: 'example.com/lb' });
    h.advance(LB_PROVISION_MS * 5);
    expect(h.get('other').metadata.finalizers).toBeUndefined();
    expect(h.get('other').status?.loadBalancer?.ingress).toBeUndefined();
  });

  it('reports a failed sync when the pool is used up', () => {
    const h = setup();
    for (let i = 0; i < 51; i++) h.lb(`s${i}`);
    h.lb('one-too-many');
    h.advance(LB_PROVISION_MS);
    expect(h.get('s50').status?.loadBalancer?.ingress?.[0].ip).toBe('172.18.255.250');
    expect(h.get('one-too-many').status?.loadBalancer?.ingress).toBeUndefined();
    expect(h.events('one-too-many').at(-1)).toBe('Warning SyncLoadBalancerFailed Error syncing load balancer: failed to ensure load balancer: no available IPs in pool 172.18.255.200-172.18.255.250');
  });
});
