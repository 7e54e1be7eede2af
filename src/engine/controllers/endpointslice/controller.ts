import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { Endpoint, EndpointSlice } from 'kubernetes-types/discovery/v1';
import { isStatusError } from '../../api/status';
import type { Stored } from '../../api/types';
import { Controller, type ControllerContext } from '../controller';
import { ChildEventBatcher } from '../controllerutil/batching';
import { BY_NAMESPACE, indexPodsByLabel, isHeadless, selectedPods, servicesForPod, triggerTime, watchServicesAndPods } from '../controllerutil/endpointutil';
import { controllerRef } from '../controllerutil/ownerref';
import { deepEqual } from '../controllerutil/status';
import { type Informer, keyOf, splitKey } from '../informer';
import { type DesiredGroup, desiredEndpoints, portsKey } from './desired';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
const HEADLESS_LABEL = 'service.kubernetes.io/headless';
const TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';
/** --max-endpoints-per-slice. */
export const MAX_ENDPOINTS_PER_SLICE = 100;
const BY_SERVICE = 'managedByService';
const SERVICE_KIND = { apiVersion: 'v1', kind: 'Service' };

type Slice = Stored<EndpointSlice>;

/**
 * The EndpointSlice controller: for each Service with a selector, IPv4 EndpointSlices named
 * `<service>-<random>` of at most 100 endpoints, one set per distinct port mapping, labelled
 * with the service name and this controller as manager, owned by the Service. Endpoints stay in
 * the slice they are in while they exist; new ones fill free room before a new slice is made.
 * A Service with no endpoints keeps one empty placeholder slice.
 */
export class EndpointSliceController extends Controller {
  private readonly services: Informer<Service>;
  private readonly pods: Informer<Pod>;
  private readonly nodes: Informer<Node>;
  private readonly slices: Informer<EndpointSlice>;
  private readonly batcher: ChildEventBatcher;

  constructor(ctx: ControllerContext) {
    super('endpointslice', ctx);
    this.batcher = new ChildEventBatcher(this.queue);
    this.services = ctx.informers.for<Service>('services');
    this.pods = ctx.informers.for<Pod>('pods');
    this.pods.addIndex(BY_NAMESPACE, (p) => [p.metadata?.namespace ?? '']);
    indexPodsByLabel(this.pods);
    this.nodes = ctx.informers.for<Node>('nodes');
    this.slices = ctx.informers.for<EndpointSlice>('discovery.k8s.io/endpointslices');
    this.slices.addIndex(BY_SERVICE, (s) => {
      const labels = s.metadata?.labels ?? {};
      const svc = labels[SERVICE_NAME_LABEL];
      return svc && labels[MANAGED_BY_LABEL] === CONTROLLER_NAME ? [`${s.metadata?.namespace}/${svc}`] : [];
    });
    watchServicesAndPods(this.services, this.pods, this.queue, (p) => this.podChanged(p));
    const sliceChanged = (s: Stored<EndpointSlice>) => {
      const labels = s.metadata.labels ?? {};
      if (labels[MANAGED_BY_LABEL] !== CONTROLLER_NAME || !labels[SERVICE_NAME_LABEL]) return;
      this.queue.add(`${s.metadata.namespace}/${labels[SERVICE_NAME_LABEL]}`);
    };
    this.slices.addHandlers({ delete: sliceChanged });
  }

  private podChanged(pod: Stored<Pod>): void {
    for (const s of servicesForPod(this.services, pod)) this.batcher.enqueue(keyOf(s));
  }

  reconcile(key: string): number | undefined {
    const [ns, name] = splitKey(key);
    const svc = this.services.get(ns, name);
    const existing = this.slices.byIndex(BY_SERVICE, key).filter((s) => !s.metadata.deletionTimestamp);
    if (!svc) {
      // The garbage collector removes slices owned by a deleted Service.
      this.batcher.forget(key);
      return;
    }
    if (svc.spec?.type === 'ExternalName' || !svc.spec?.selector) {
      for (const s of existing) this.deleteSlice(s);
      return;
    }
    const pods = selectedPods(this.pods, svc);
    this.batcher.noteSize(key, pods.length);
    const desired = desiredEndpoints(svc, pods, (n) => this.nodes.get('', n));
    const trigger = triggerTime(svc, pods);
    this.reconcileSlices(svc, existing.sort(bySliceName), desired, trigger);
    return undefined;
  }

  private deleteSlice(s: Slice): void {
    try {
      this.api.delete('discovery.k8s.io/endpointslices', s.metadata.namespace ?? '', s.metadata.name);
    } catch (e) {
      if (!isStatusError(e, 'NotFound')) throw e;
    }
  }

  private labelsFor(svc: Stored<Service>): Record<string, string> {
    const labels: Record<string, string> = {};
    for (const [k, v] of Object.entries(svc.metadata.labels ?? {})) {
      if (k !== SERVICE_NAME_LABEL && k !== MANAGED_BY_LABEL) labels[k] = v;
    }
    if (isHeadless(svc)) labels[HEADLESS_LABEL] = '';
    labels[SERVICE_NAME_LABEL] = svc.metadata.name;
    labels[MANAGED_BY_LABEL] = CONTROLLER_NAME;
    return labels;
  }

  private reconcileSlices(svc: Stored<Service>, existing: Slice[], desired: Map<string, DesiredGroup>, trigger: string): void {
    const ns = svc.metadata.namespace ?? '';
    const labels = this.labelsFor(svc);
    const write = (slice: Slice | undefined, ports: DesiredGroup['ports'], endpoints: Endpoint[]) => {
      const body: EndpointSlice = {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: slice
          ? { ...slice.metadata, labels, annotations: { ...(slice.metadata.annotations ?? {}), [TRIGGER_TIME]: trigger } }
          : {
              generateName: `${svc.metadata.name}-`,
              namespace: ns,
              labels,
              annotations: { [TRIGGER_TIME]: trigger },
              ownerReferences: [controllerRef(svc, SERVICE_KIND)],
            },
        addressType: 'IPv4',
        endpoints,
        ports,
      };
      if (slice) {
        if (deepEqual(slice.endpoints ?? [], endpoints) && deepEqual(slice.ports ?? [], ports) && deepEqual(slice.metadata.labels ?? {}, labels)) return;
        this.api.update('discovery.k8s.io/endpointslices', ns, body);
      } else this.api.create('discovery.k8s.io/endpointslices', ns, body);
    };

    const total = [...desired.values()].reduce((n, g) => n + g.endpoints.size, 0);
    if (total === 0) {
      // One empty placeholder slice stands for a Service without endpoints.
      const [keep, ...rest] = existing;
      for (const s of rest) this.deleteSlice(s);
      write(keep, [], []);
      return;
    }
    const byPorts = new Map<string, Slice[]>();
    for (const s of existing) {
      const k = portsKey(s.ports);
      byPorts.set(k, [...(byPorts.get(k) ?? []), s]);
    }
    for (const [k, slices] of byPorts) {
      if (!desired.has(k)) for (const s of slices) this.deleteSlice(s);
    }
    for (const [k, group] of desired) {
      const slices = byPorts.get(k) ?? [];
      const placed = new Set<string>();
      const contents: Endpoint[][] = [];
      // Endpoints stay where they are, updated; gone ones leave.
      for (const s of slices) {
        const kept: Endpoint[] = [];
        for (const ep of s.endpoints ?? []) {
          const uid = ep.targetRef?.uid ?? '';
          const want = group.endpoints.get(uid);
          if (want && !placed.has(uid)) {
            kept.push(want);
            placed.add(uid);
          }
        }
        contents.push(kept);
      }
      // New endpoints go in pod-name order, so a run is reproducible.
      const fresh = [...group.endpoints.entries()]
        .filter(([uid]) => !placed.has(uid))
        .map(([, ep]) => ep)
        .sort((a, b) => ((a.targetRef?.name ?? '') < (b.targetRef?.name ?? '') ? -1 : 1));
      // New endpoints fill free room first, then new slices.
      for (const c of contents) while (fresh.length && c.length < MAX_ENDPOINTS_PER_SLICE) c.push(fresh.shift() as Endpoint);
      slices.forEach((s, i) => {
        if (contents[i].length === 0) this.deleteSlice(s);
        else write(s, group.ports, contents[i]);
      });
      while (fresh.length) write(undefined, group.ports, fresh.splice(0, MAX_ENDPOINTS_PER_SLICE));
    }
  }
}

const bySliceName = (a: Slice, b: Slice) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0);
