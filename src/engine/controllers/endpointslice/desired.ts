import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { Endpoint, EndpointPort } from 'kubernetes-types/discovery/v1';
import type { Stored } from '../../api/types';
import { findPort, isHeadless, podIPv4, shouldPodBeInEndpoints, shouldSetHostname } from '../controllerutil/endpointutil';
import { isPodReady } from '../controllerutil/podutil';

export interface DesiredGroup {
  ports: EndpointPort[];
  /** Endpoints keyed by their pod's uid, in pod-name order. */
  endpoints: Map<string, Endpoint>;
}

export const portsKey = (ports: readonly EndpointPort[] | undefined): string =>
  JSON.stringify((ports ?? []).map((p) => [p.name ?? '', p.port ?? 0, p.protocol ?? '', p.appProtocol ?? '']).sort());

/** GetEndpointPorts: the pod's ports for each Service port it can serve (named targetPorts resolved). */
function endpointPorts(svc: Service, pod: Pod): EndpointPort[] {
  const out: EndpointPort[] = [];
  for (const sp of svc.spec?.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    const ep: EndpointPort = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' };
    if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
    out.push(ep);
  }
  return out;
}

/**
 * podToEndpoint: one endpoint per pod with its IP, readiness (ready = serving and not
 * terminating, unless publishNotReadyAddresses), node, zone and, for a matching subdomain,
 * hostname.
 */
export function podToEndpoint(svc: Service, pod: Stored<Pod>, node: Node | undefined): Endpoint | undefined {
  const ip = podIPv4(pod);
  if (!ip) return undefined;
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata.deletionTimestamp;
  const ready = !!svc.spec?.publishNotReadyAddresses || (serving && !terminating);
  const ep: Endpoint = { addresses: [ip], conditions: { ready, serving, terminating } };
  if (shouldSetHostname(pod, svc)) ep.hostname = pod.spec?.hostname;
  ep.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
  if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
  const zone = node?.metadata?.labels?.['topology.kubernetes.io/zone'];
  if (zone) ep.zone = zone;
  return ep;
}

/** The endpoints a Service should have, grouped by the ports they serve. */
export function desiredEndpoints(svc: Service, pods: readonly Stored<Pod>[], nodeOf: (name: string) => Node | undefined): Map<string, DesiredGroup> {
  const groups = new Map<string, DesiredGroup>();
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports = endpointPorts(svc, pod);
    // A Service with ports but none this pod serves leaves it out; a headless one without ports keeps it.
    if (ports.length === 0 && (svc.spec?.ports?.length || !isHeadless(svc))) continue;
    const ep = podToEndpoint(svc, pod, pod.spec?.nodeName ? nodeOf(pod.spec.nodeName) : undefined);
    if (!ep) continue;
    const key = portsKey(ports);
    let g = groups.get(key);
    if (!g) {
      g = { ports, endpoints: new Map() };
      groups.set(key, g);
    }
    g.endpoints.set(pod.metadata.uid, ep);
  }
  return groups;
}
