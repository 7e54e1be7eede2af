import type { EndpointAddress, EndpointPort, EndpointSubset, Endpoints, Pod, Service } from 'kubernetes-types/core/v1';
import { isStatusError } from '../api/status';
import type { Stored } from '../api/types';
import { Controller, type ControllerContext } from './controller';
import { ChildEventBatcher } from './controllerutil/batching';
import {
  BY_NAMESPACE,
  findPort,
  isHeadless,
  podIPv4,
  indexPodsByLabel,
  selectedPods,
  servicesForPod,
  shouldPodBeInEndpoints,
  shouldSetHostname,
  triggerTime,
  watchServicesAndPods,
} from './controllerutil/endpointutil';
import { isPodReady } from './controllerutil/podutil';
import { deepEqual } from './controllerutil/status';
import { type Informer, keyOf, splitKey } from './informer';

const HEADLESS_LABEL = 'service.kubernetes.io/headless';
const TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';
const OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity';
const MAX_ADDRESSES = 1000;

/**
 * The Endpoints controller: for each Service with a selector, an Endpoints object of the same
 * name listing the selected pods — ready ones under `addresses`, the others under
 * `notReadyAddresses` — for each port (named targetPorts resolved per pod), repacked into
 * subsets of pods sharing the same ports. No pods: no `subsets` at all.
 */
export class EndpointsController extends Controller {
  private readonly services: Informer<Service>;
  private readonly pods: Informer<Pod>;
  private readonly endpoints: Informer<Endpoints>;
  private readonly batcher: ChildEventBatcher;

  constructor(ctx: ControllerContext) {
    super('endpoints', ctx);
    this.batcher = new ChildEventBatcher(this.queue);
    this.services = ctx.informers.for<Service>('services');
    this.pods = ctx.informers.for<Pod>('pods');
    this.pods.addIndex(BY_NAMESPACE, (p) => [p.metadata?.namespace ?? '']);
    indexPodsByLabel(this.pods);
    this.endpoints = ctx.informers.for<Endpoints>('endpoints');
    watchServicesAndPods(this.services, this.pods, this.queue, (p) => this.podChanged(p));
    this.endpoints.addHandlers({
      // Someone else deleted the Endpoints of a Service we manage: put them back.
      delete: (e) => {
        const svc = this.services.get(e.metadata.namespace ?? '', e.metadata.name);
        if (svc?.spec?.selector) this.queue.add(keyOf(svc));
      },
    });
  }

  private podChanged(pod: Stored<Pod>): void {
    for (const s of servicesForPod(this.services, pod)) this.batcher.enqueue(keyOf(s));
  }

  reconcile(key: string): number | undefined {
    const [ns, name] = splitKey(key);
    const svc = this.services.get(ns, name);
    if (!svc) {
      this.batcher.forget(key);
      if (this.endpoints.get(ns, name)) {
        try {
          this.api.delete('endpoints', ns, name);
        } catch (e) {
          if (!isStatusError(e, 'NotFound')) throw e;
        }
      }
      return;
    }
    if (svc.spec?.type === 'ExternalName') return;
    // Services without a selector get their Endpoints from someone else.
    if (!svc.spec?.selector) return;
    const pods = selectedPods(this.pods, svc);
    this.batcher.noteSize(key, pods.length);
    const publishNotReady = !!svc.spec.publishNotReadyAddresses;
    const raw: EndpointSubset[] = [];
    const included: Stored<Pod>[] = [];
    for (const pod of pods) {
      if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
      const ip = podIPv4(pod);
      if (!ip) continue;
      included.push(pod);
      const addr: EndpointAddress = {
        ip,
        nodeName: pod.spec?.nodeName ?? '',
        targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
      };
      if (shouldSetHostname(pod, svc)) addr.hostname = pod.spec?.hostname;
      const ready = publishNotReady || isPodReady(pod);
      const ports = svc.spec.ports ?? [];
      if (ports.length === 0) {
        if (isHeadless(svc)) raw.push(ready ? { addresses: [addr] } : { notReadyAddresses: [addr] });
        continue;
      }
      for (const sp of ports) {
        const port = findPort(pod, sp);
        if (port === undefined) continue;
        const ep: EndpointPort = { port, protocol: sp.protocol ?? 'TCP' };
        if (sp.name) ep.name = sp.name;
        if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
        raw.push(ready ? { addresses: [addr], ports: [ep] } : { notReadyAddresses: [addr], ports: [ep] });
      }
    }
    let subsets = repackSubsets(raw);
    const current = this.endpoints.get(ns, name);
    const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
    if (isHeadless(svc)) labels[HEADLESS_LABEL] = '';
    const { [HEADLESS_LABEL]: _, ...currentLabels } = current?.metadata.labels ?? {};
    const overCapacity = countAddresses(subsets) > MAX_ADDRESSES;
    const capacityOk = overCapacity === (current?.metadata.annotations?.[OVER_CAPACITY] === 'truncated');
    if (current && deepEqual(current.subsets ?? [], subsets) && deepEqual(currentLabels, svc.metadata.labels ?? {}) && capacityOk) return;
    const annotations: Record<string, string> = { ...(current?.metadata.annotations ?? {}) };
    annotations[TRIGGER_TIME] = triggerTime(svc, included);
    if (overCapacity) {
      subsets = truncate(subsets);
      annotations[OVER_CAPACITY] = 'truncated';
    } else delete annotations[OVER_CAPACITY];
    const next: Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: {
        ...(current?.metadata ?? { name, namespace: ns }),
        labels: Object.keys(labels).length ? labels : undefined,
        annotations,
      },
    };
    if (subsets.length) next.subsets = subsets;
    if (!next.metadata?.labels) delete next.metadata?.labels;
    if (current) this.api.update('endpoints', ns, next);
    else this.api.create('endpoints', ns, next);
    return undefined;
  }
}

const addrKey = (a: EndpointAddress) => `${a.ip}\u0000${a.targetRef?.uid ?? ''}`;
const portKey = (p: EndpointPort) => JSON.stringify([p.name ?? '', p.port, p.protocol ?? '', p.appProtocol ?? '']);

/**
 * RepackSubsets: group addresses by the set of ports they serve, so pods with the same ports
 * share one subset; addresses sorted by IP, subsets in a stable order.
 */
export function repackSubsets(subsets: EndpointSubset[]): EndpointSubset[] {
  const addrs = new Map<string, EndpointAddress>();
  const byPort = new Map<string, { port?: EndpointPort; ready: Map<string, boolean> }>();
  for (const s of subsets) {
    const ports = s.ports?.length ? s.ports : [undefined];
    for (const port of ports) {
      const pk = port ? portKey(port) : 'none';
      let entry = byPort.get(pk);
      if (!entry) {
        entry = { port, ready: new Map() };
        byPort.set(pk, entry);
      }
      for (const a of s.addresses ?? []) {
        addrs.set(addrKey(a), a);
        entry.ready.set(addrKey(a), true);
      }
      for (const a of s.notReadyAddresses ?? []) {
        addrs.set(addrKey(a), a);
        if (!entry.ready.get(addrKey(a))) entry.ready.set(addrKey(a), false);
      }
    }
  }
  const groups = new Map<string, { ready: Map<string, boolean>; ports: EndpointPort[] }>();
  for (const { port, ready } of byPort.values()) {
    const key = [...ready.entries()].sort().map(([k, r]) => `${k}=${r}`).join(',');
    let g = groups.get(key);
    if (!g) {
      g = { ready, ports: [] };
      groups.set(key, g);
    }
    if (port) g.ports.push(port);
  }
  const out: EndpointSubset[] = [];
  const byIp = (a: EndpointAddress, b: EndpointAddress) => (addrKey(a) < addrKey(b) ? -1 : addrKey(a) > addrKey(b) ? 1 : 0);
  for (const g of groups.values()) {
    const ready: EndpointAddress[] = [];
    const notReady: EndpointAddress[] = [];
    for (const [k, r] of g.ready) (r ? ready : notReady).push(addrs.get(k) as EndpointAddress);
    const s: EndpointSubset = {};
    if (ready.length) s.addresses = ready.sort(byIp);
    if (notReady.length) s.notReadyAddresses = notReady.sort(byIp);
    if (g.ports.length) s.ports = g.ports.sort((a, b) => (portKey(a) < portKey(b) ? -1 : 1));
    out.push(s);
  }
  return out.sort((a, b) => (subsetKey(a) < subsetKey(b) ? -1 : subsetKey(a) > subsetKey(b) ? 1 : 0));
}

function subsetKey(s: EndpointSubset): string {
  return JSON.stringify([s.ports ?? [], (s.addresses ?? []).map((a) => a.ip), (s.notReadyAddresses ?? []).map((a) => a.ip)]);
}

function countAddresses(subsets: EndpointSubset[]): number {
  return subsets.reduce((n, s) => n + (s.addresses?.length ?? 0) + (s.notReadyAddresses?.length ?? 0), 0);
}

/** truncateEndpoints: keep 1000 addresses, ready ones first, spread over the subsets. */
function truncate(subsets: EndpointSubset[]): EndpointSubset[] {
  const total = countAddresses(subsets);
  let budget = MAX_ADDRESSES;
  return subsets.map((s, i) => {
    const n = (s.addresses?.length ?? 0) + (s.notReadyAddresses?.length ?? 0);
    const share = i === subsets.length - 1 ? budget : Math.floor((n * MAX_ADDRESSES) / total);
    budget -= share;
    const addresses = (s.addresses ?? []).slice(0, share);
    const notReady = (s.notReadyAddresses ?? []).slice(0, Math.max(0, share - addresses.length));
    const out: EndpointSubset = { ...s };
    if (addresses.length) out.addresses = addresses;
    else delete out.addresses;
    if (notReady.length) out.notReadyAddresses = notReady;
    else delete out.notReadyAddresses;
    return out;
  });
}
