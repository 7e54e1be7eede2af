import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import { EndpointSliceController } from '../src/engine/controllers/endpointslice/controller';
import { controllerHarness } from '../src/engine/controllers/harness';
import { type Figure, time } from './figures';

const SERVICES = 10_000;
const PODS_PER_SERVICE = 5;
const NODES = 100;

/**
 * 10,000 Services selecting 5 Ready pods each (50,000 endpoints): how long the EndpointSlice
 * controller takes to write every slice, then to follow one pod turning unready.
 */
export function endpointsBenchmarks(): Figure[] {
  const h = controllerHarness((ctx) => new EndpointSliceController(ctx));
  const { api } = h;
  api.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  for (let n = 0; n < NODES; n++) {
    api.create<Node>('nodes', '', { apiVersion: 'v1', kind: 'Node', metadata: { name: `node-${n}`, labels: { 'topology.kubernetes.io/zone': `zone-${n % 3}` } } });
  }
  const ready = (ip: string): Pod['status'] => ({
    phase: 'Running',
    podIP: ip,
    podIPs: [{ ip }],
    conditions: [{ type: 'Ready', status: 'True' }],
  });
  let i = 0;
  for (let s = 0; s < SERVICES; s++) {
    for (let k = 0; k < PODS_PER_SERVICE; k++, i++) {
      const created = api.create<Pod>('pods', 'default', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `svc-${s}-${k}`, labels: { app: `svc-${s}` } },
        spec: { nodeName: `node-${i % NODES}`, containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80, name: 'http' }] }] },
      });
      api.updateStatus<Pod>('pods', 'default', { ...created, status: { ...created.status, ...ready(`10.${128 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`) } });
    }
  }
  h.settle();
  for (let s = 0; s < SERVICES; s++) {
    api.create<Service>('services', 'default', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `svc-${s}` },
      spec: { selector: { app: `svc-${s}` }, ports: [{ port: 80, targetPort: 'http' }] },
    });
  }
  const all = time(() => h.settle());
  const slices = api.list('discovery.k8s.io/endpointslices', 'default').items.length;
  if (slices < SERVICES) throw new Error(`only ${slices} EndpointSlices for ${SERVICES} Services`);

  const target = api.get<Pod>('pods', 'default', 'svc-42-0');
  api.updateStatus<Pod>('pods', 'default', { ...target, status: { ...target.status, conditions: [{ type: 'Ready', status: 'False' }] } });
  const one = time(() => h.settle());
  return [
    { name: 'endpointslices.10k-services-50k-endpoints.reconcile-all', value: +(all / 1000).toFixed(2), unit: 's' },
    { name: 'endpointslices.per-service', value: +((all * 1000) / SERVICES).toFixed(1), unit: 'µs' },
    { name: 'endpointslices.one-pod-unready', value: +one.toFixed(2), unit: 'ms' },
  ];
}
