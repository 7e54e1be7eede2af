import type { Endpoints, Node, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { deepEqual } from '../apiserver/apiserver';
import { Controller, type ControllerContext } from './controller';

const KEY = 'default/kubernetes';

function isControlPlane(n: Node): boolean {
  return n.metadata?.labels?.['node-role.kubernetes.io/control-plane'] !== undefined;
}

/**
 * The API server's own endpoint reconciler: the `kubernetes` Service (no selector) gets an
 * Endpoints object and an EndpointSlice pointing at the API server on each control-plane node,
 * port 6443, so 10.96.0.1:443 reaches it from any pod.
 */
export class APIServerEndpointsController extends Controller {
  constructor(ctx: ControllerContext) {
    super('apiserver-endpoints', ctx);
    const kick = () => this.queue.add(KEY);
    // Only control-plane nodes' addresses matter: worker heartbeats in a large cluster are ignored.
    const kickFor = (n: Node) => {
      if (isControlPlane(n)) kick();
    };
    ctx.informers.for<Node>('nodes').addHandlers({
      add: kickFor,
      update: (n, old) => {
        if ((isControlPlane(n) || isControlPlane(old)) && (isControlPlane(n) !== isControlPlane(old) || !deepEqual(n.status?.addresses, old.status?.addresses))) kick();
      },
      delete: kickFor,
    });
    ctx.informers.for<Service>('services').addHandlers({ add: kick, delete: kick });
    ctx.informers.for<Endpoints>('endpoints').addHandlers({ update: kick, delete: kick });
    ctx.informers.for<EndpointSlice>('discovery.k8s.io/endpointslices').addHandlers({ update: kick, delete: kick });
  }

  reconcile(): void {
    if (!this.ctx.informers.for<Service>('services').get('default', 'kubernetes')) return;
    const ips = this.ctx.informers
      .for<Node>('nodes')
      .list()
      .filter(isControlPlane)
      .map((n) => n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address)
      .filter((ip): ip is string => !!ip)
      .sort();
    if (!ips.length) return;
    const port = { name: 'https', port: 6443, protocol: 'TCP' as const };
    const endpoints: Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [{ addresses: ips.map((ip) => ({ ip })), ports: [port] }],
    };
    const slice: EndpointSlice = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
      addressType: 'IPv4',
      endpoints: ips.map((ip) => ({ addresses: [ip], conditions: { ready: true } })),
      ports: [port],
    };
    this.ensure('endpoints', endpoints, (o) => ({ subsets: (o as Endpoints).subsets, labels: o.metadata?.labels }));
    this.ensure('discovery.k8s.io/endpointslices', slice, (o) => ({ e: (o as EndpointSlice).endpoints, p: (o as EndpointSlice).ports, labels: o.metadata?.labels }));
  }

  private ensure<T extends Endpoints | EndpointSlice>(resource: string, want: T, view: (o: T) => unknown): void {
    const have = this.api.find<T>(resource, 'default', 'kubernetes');
    if (!have) this.api.create(resource, 'default', want);
    else if (!deepEqual(view(have), view(want))) this.api.update(resource, 'default', { ...want, metadata: { ...have.metadata, labels: want.metadata?.labels } });
  }
}
