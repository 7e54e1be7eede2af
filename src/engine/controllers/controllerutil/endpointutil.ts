import type { Pod, Service, ServicePort } from 'kubernetes-types/core/v1';
import { type Selector, selectorFromSet } from '../../api/labels';
import type { Stored } from '../../api/types';
import { type Informer, keyOf } from '../informer';
import type { WorkQueue } from '../workqueue';
import { cachedSelector, podMatches } from './podfacts';
import { isPodTerminal } from './podutil';
import { deepEqual } from './status';

export const BY_NAMESPACE = 'namespace';
/** Pods by `namespace/key=value` for each of their labels (see indexPodsByLabel). */
export const BY_LABEL = 'namespace-label';

/**
 * Index pods by each label pair, so that a Service's selector looks only at the pods carrying its
 * first pair instead of every pod in the namespace (10,000 Services over 50,000 pods). The index
 * keeps the namespace index's order, so the pods found and their order are the same.
 */
export function indexPodsByLabel(pods: Informer<Pod>): void {
  pods.addIndex(BY_LABEL, (p) => {
    const ns = p.metadata?.namespace ?? '';
    return Object.entries(p.metadata?.labels ?? {}).map(([k, v]) => `${ns}/${k}=${v}`);
  });
}

/** ShouldPodBeInEndpoints: not finished, has an IP, and (unless terminating ones are wanted) not being deleted. */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false;
  if (!pod.status?.podIP && !pod.status?.podIPs?.length) return false;
  if (!includeTerminating && pod.metadata?.deletionTimestamp) return false;
  return true;
}

/** ShouldSetHostname: a pod with a hostname whose subdomain is this Service. */
export function shouldSetHostname(pod: Pod, svc: Service): boolean {
  return !!pod.spec?.hostname && pod.spec.subdomain === svc.metadata?.name && pod.metadata?.namespace === svc.metadata?.namespace;
}

/**
 * podutil.FindPort: a numeric targetPort as is; a named one is the container port with that
 * name and the Service port's protocol (regular containers, then restartable init containers).
 */
export function findPort(pod: Pod, port: ServicePort): number | undefined {
  const target = port.targetPort ?? port.port;
  const protocol = port.protocol ?? 'TCP';
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')];
  for (const c of containers) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

/** The pod's IPv4 address (the Services here are single-stack IPv4). */
export function podIPv4(pod: Pod): string | undefined {
  for (const ip of pod.status?.podIPs ?? []) if (ip.ip && !ip.ip.includes(':')) return ip.ip;
  const ip = pod.status?.podIP;
  return ip && !ip.includes(':') ? ip : undefined;
}

export function isHeadless(svc: Service): boolean {
  return svc.spec?.clusterIP === 'None';
}

/** The pods a Service selects, from a pod informer indexed by namespace. */
export function selectedPods(pods: Informer<Pod>, svc: Service): Stored<Pod>[] {
  const sel = cachedSelector(['Service', svc.spec?.selector], () => selectorFromSet(svc.spec?.selector ?? {}));
  const ns = svc.metadata?.namespace ?? '';
  const selector = svc.spec?.selector ?? {};
  const first = Object.keys(selector)[0];
  const candidates = first === undefined ? pods.byIndex(BY_NAMESPACE, ns) : pods.byIndex(BY_LABEL, `${ns}/${first}=${selector[first]}`);
  return candidates.filter((p) => podMatches(sel, p));
}

export const byPodName = (a: Pod, b: Pod) => {
  const x = a.metadata?.name ?? '';
  const y = b.metadata?.name ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
};

/** The Services (with a selector) in the pod's namespace whose selector matches its labels. */
export function servicesForPod(services: Informer<Service>, pod: Pod): Stored<Service>[] {
  services.addIndex(BY_NAMESPACE, (s) => [s.metadata.namespace ?? '']);
  const ns = pod.metadata?.namespace ?? '';
  // Most pods live where no Service is: no list, no matching.
  if (!services.countByIndex(BY_NAMESPACE, ns)) return [];
  return services.byIndex(BY_NAMESPACE, ns).filter((s) => {
    const sel = s.spec?.selector;
    if (!sel || Object.keys(sel).length === 0) return false;
    return podMatches(serviceSelector(sel), pod);
  });
}

/** A Service's selector object (kept across the Service's status writes) → its Selector. */
const serviceSelectors = new WeakMap<object, Selector>();

function serviceSelector(sel: Record<string, string>): Selector {
  let s = serviceSelectors.get(sel);
  if (!s) {
    s = cachedSelector(['Service', sel], () => selectorFromSet(sel));
    serviceSelectors.set(sel, s);
  }
  return s;
}

/** Whether a pod changed in what the endpoint controllers look at: a change elsewhere needs no sync. */
export function endpointsMayChange(pod: Pod, old: Pod): boolean {
  return (
    !sameLabels(pod.metadata?.labels, old.metadata?.labels) ||
    !!pod.metadata?.deletionTimestamp !== !!old.metadata?.deletionTimestamp ||
    (pod.status?.phase ?? '') !== (old.status?.phase ?? '') ||
    readyStatus(pod) !== readyStatus(old) ||
    (pod.status?.podIP ?? '') !== (old.status?.podIP ?? '') ||
    (pod.spec?.nodeName ?? '') !== (old.spec?.nodeName ?? '') ||
    (pod.spec?.hostname ?? '') !== (old.spec?.hostname ?? '') ||
    (pod.spec?.subdomain ?? '') !== (old.spec?.subdomain ?? '')
  );
}

function readyStatus(pod: Pod): string {
  return pod.status?.conditions?.find((c) => c.type === 'Ready')?.status ?? '';
}

function sameLabels(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  if (a === b) return true;
  const x = a ?? {};
  const y = b ?? {};
  let n = 0;
  for (const k in x) {
    if (x[k] !== y[k]) return false;
    n++;
  }
  return n === Object.keys(y).length;
}

/**
 * endpoints.kubernetes.io/last-change-trigger-time: when the latest change the endpoints reflect
 * happened (a pod turning ready, a pod or the Service being created).
 */
export function triggerTime(svc: Stored<Service>, pods: readonly Stored<Pod>[]): string {
  let latest = svc.metadata.creationTimestamp;
  for (const p of pods) {
    const ready = p.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime;
    const t = ready ?? p.metadata.creationTimestamp;
    if (t && t > latest) latest = t;
  }
  return latest;
}

/**
 * What both endpoint controllers watch: every Service change queues the Service; a pod change
 * that could alter an endpoint (its signature) is handed to `podChanged`, for the pod as it was
 * too when its labels moved it out of a Service's selection.
 */
export function watchServicesAndPods(
  services: Informer<Service>,
  pods: Informer<Pod>,
  queue: WorkQueue,
  podChanged: (pod: Stored<Pod>) => void,
): void {
  services.addHandlers({
    add: (s) => queue.add(keyOf(s)),
    update: (s) => queue.add(keyOf(s)),
    delete: (s) => queue.add(keyOf(s)),
  });
  pods.addHandlers({
    add: (p) => podChanged(p),
    update: (p, old) => {
      if (!endpointsMayChange(p, old)) return;
      if (!deepEqual(p.metadata.labels, old.metadata.labels)) podChanged(old);
      podChanged(p);
    },
    delete: (p) => podChanged(p),
  });
}
