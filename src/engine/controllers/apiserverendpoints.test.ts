import type { Endpoints, Node, Service } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { APIServerEndpointsController } from './apiserverendpoints';
import { controllerHarness } from './harness';

describe('the kubernetes Service endpoints', () => {
  it('point at each control-plane node on 6443, and a second reconcile writes nothing', () => {
    const h = controllerHarness((c) => new APIServerEndpointsController(c));
    h.api.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
    h.api.create<Service>('services', 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes' }, spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, targetPort: 6443 }] } });
    const node = (name: string, ip: string, cp: boolean): Node => ({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: cp ? { 'node-role.kubernetes.io/control-plane': '' } : {} },
      status: { addresses: [{ type: 'InternalIP', address: ip }] },
    });
    h.api.create('nodes', '', node('control-plane', '172.18.0.2', true));
    h.api.create('nodes', '', node('worker-1', '172.18.0.3', false));
    h.settle();
    expect(h.api.get<Endpoints>('endpoints', 'default', 'kubernetes').subsets).toEqual([
      { addresses: [{ ip: '172.18.0.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] },
    ]);
    expect(h.writesOnResync(h.controllers[0], ['default/kubernetes'])).toBe(false);
  });
});
