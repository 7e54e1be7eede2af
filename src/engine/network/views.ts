import type { Namespace, Node, Pod, Secret, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Ingress, IngressClass, NetworkPolicy } from 'kubernetes-types/networking/v1';
import type { Labels } from '../api/labels';
import type { Stored } from '../api/types';
import type { Informer, InformerFactory } from '../controllers/informer';
import type { DnsView } from './dns';
import { type DnsEndpoint, dnsEndpoints, SERVICE_NAME_LABEL } from './endpoints';
import { type PolicyView, selectorIndexKey } from './policy';
import type { ProxyView } from './proxy';

interface PolicyIndex {
  byLabel: Map<string, Stored<NetworkPolicy>[]>;
  scan: Stored<NetworkPolicy>[];
}

const EXCLUDE_FROM_LB = 'node.kubernetes.io/exclude-from-external-load-balancers';
const ZONE_LABEL = 'topology.kubernetes.io/zone';

function serviceIPs(s: Stored<Service>): string[] {
  const ips = s.spec?.clusterIPs ?? (s.spec?.clusterIP ? [s.spec.clusterIP] : []);
  return ips.filter((ip) => ip && ip !== 'None');
}

function externalIPs(s: Stored<Service>): string[] {
  const lb = s.spec?.type === 'LoadBalancer' ? (s.status?.loadBalancer?.ingress ?? []).flatMap((i) => (i.ip ? [i.ip] : [])) : [];
  return [...lb, ...(s.spec?.externalIPs ?? [])];
}

/**
 * The API objects the network model reads, through the shared informers, indexed the way each
 * question is asked (Services by address and node port, slices by Service and by address,
 * nodes by address, policies by namespace) so one request costs a few map lookups.
 */
export class ClusterViews implements DnsView, ProxyView, PolicyView {
  readonly services: Informer<Service>;
  readonly slicesInf: Informer<EndpointSlice>;
  readonly pods: Informer<Pod>;
  readonly nodes: Informer<Node>;
  readonly namespaces: Informer<Namespace>;
  readonly policies: Informer<NetworkPolicy>;
  readonly ingresses: Informer<Ingress>;
  readonly ingressClasses: Informer<IngressClass>;
  readonly secrets: Informer<Secret>;
  private readonly policyIndexes = new Map<string, PolicyIndex>();
  /** Whether a node's machine is down (the data plane knows; the API may not yet). */
  nodeDown: (node: string) => boolean = () => false;

  constructor(informers: InformerFactory) {
    this.services = informers.for<Service>('services');
    this.services.addIndex('network:clusterIP', serviceIPs);
    this.services.addIndex('network:externalIP', externalIPs);
    this.services.addIndex('network:nodePort', (s) => (s.spec?.ports ?? []).flatMap((p) => (p.nodePort ? [String(p.nodePort)] : [])));
    this.slicesInf = informers.for<EndpointSlice>('discovery.k8s.io/endpointslices');
    this.slicesInf.addIndex('network:service', (s) => {
      const svc = s.metadata.labels?.[SERVICE_NAME_LABEL];
      return svc ? [`${s.metadata.namespace}/${svc}`] : [];
    });
    this.slicesInf.addIndex('network:address', (s) => (s.endpoints ?? []).flatMap((e) => e.addresses ?? []));
    this.pods = informers.for<Pod>('pods');
    this.pods.addIndex('network:hostPort', hostPorts);
    this.nodes = informers.for<Node>('nodes');
    this.nodes.addIndex('network:ip', (n) => (n.status?.addresses ?? []).flatMap((a) => (a.type === 'InternalIP' ? [a.address] : [])));
    this.namespaces = informers.for<Namespace>('namespaces');
    this.policies = informers.for<NetworkPolicy>('networking.k8s.io/networkpolicies');
    this.policies.addIndex('network:namespace', (p) => [p.metadata.namespace ?? '']);
    this.ingresses = informers.for<Ingress>('networking.k8s.io/ingresses');
    this.ingressClasses = informers.for<IngressClass>('networking.k8s.io/ingressclasses');
    this.secrets = informers.for<Secret>('secrets');
    const forget = (p: Stored<NetworkPolicy>) => this.policyIndexes.delete(p.metadata.namespace ?? '');
    this.policies.addHandlers({ add: forget, update: forget, delete: forget });
  }

  /** Drop derived caches (after a snapshot restore rebuilt the informers without events). */
  reset(): void {
    this.policyIndexes.clear();
  }

  pod(key: string): Stored<Pod> | undefined {
    const i = key.indexOf('/');
    return this.pods.get(key.slice(0, i), key.slice(i + 1));
  }

  /** The pod on `node` that asks for `hostPort` (the CNI portmap plugin forwards it), with its container port. */
  hostPortPod(node: string, port: number, protocol: string): { pod: Stored<Pod>; containerPort: number } | undefined {
    for (const pod of sortByKey(this.pods.byIndex('network:hostPort', `${node}|${port}|${protocol}`))) {
      if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed' || pod.metadata.deletionTimestamp) continue;
      for (const c of pod.spec?.containers ?? []) {
        const p = (c.ports ?? []).find((x) => x.hostPort === port && (x.protocol ?? 'TCP') === protocol);
        if (p) return { pod, containerPort: p.containerPort };
      }
    }
    return undefined;
  }

  // ---- DnsView ----

  namespaceExists(ns: string): boolean {
    return !!this.namespaces.get('', ns);
  }

  service(ns: string, name: string): Service | undefined {
    return this.services.get(ns, name);
  }

  endpoints(svc: Service): DnsEndpoint[] {
    return dnsEndpoints(this.slices(svc), !!svc.spec?.publishNotReadyAddresses);
  }

  servicesByIP(ip: string): Service[] {
    return sortByKey(this.services.byIndex('network:clusterIP', ip));
  }

  endpointOwners(ip: string): { service: Service; hostname?: string }[] {
    const out: { service: Service; hostname?: string }[] = [];
    for (const slice of sortByKey(this.slicesInf.byIndex('network:address', ip))) {
      const name = slice.metadata.labels?.[SERVICE_NAME_LABEL];
      const svc = name ? this.services.get(slice.metadata.namespace ?? '', name) : undefined;
      if (!svc) continue;
      const ep = this.endpoints(svc).find((e) => e.ip === ip);
      if (ep) out.push({ service: svc, hostname: ep.hostname });
    }
    return out;
  }

  // ---- ProxyView ----

  byClusterIP(ip: string): Service[] {
    return this.servicesByIP(ip);
  }

  byExternalIP(ip: string): Service[] {
    return sortByKey(this.services.byIndex('network:externalIP', ip));
  }

  byNodePort(port: number): Service[] {
    return sortByKey(this.services.byIndex('network:nodePort', String(port))).filter((s) => s.spec?.type === 'NodePort' || s.spec?.type === 'LoadBalancer');
  }

  nodeAt(ip: string): string | undefined {
    return this.nodes.byIndex('network:ip', ip)[0]?.metadata.name;
  }

  nodeIP(node: string): string | undefined {
    return this.nodes.get('', node)?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
  }

  nodeZone(node: string): string | undefined {
    return this.nodes.get('', node)?.metadata.labels?.[ZONE_LABEL];
  }

  lbNodes(): string[] {
    return this.nodes
      .list()
      .filter((n) => n.metadata.labels?.[EXCLUDE_FROM_LB] === undefined && !this.nodeDown(n.metadata.name))
      .map((n) => n.metadata.name)
      .sort();
  }

  slices(svc: Service): readonly EndpointSlice[] {
    return this.slicesInf.byIndex('network:service', `${svc.metadata?.namespace}/${svc.metadata?.name}`);
  }

  // ---- PolicyView ----

  policiesFor(namespace: string, labels: Labels): readonly NetworkPolicy[] {
    const index = this.policyIndex(namespace);
    if (!index.byLabel.size) return index.scan;
    const out = [...index.scan];
    for (const [k, v] of Object.entries(labels ?? {})) {
      const found = index.byLabel.get(`${k}=${v}`);
      if (found) out.push(...found);
    }
    return out;
  }

  /** Policies of a namespace by the label their selector demands (else scanned), built on demand. */
  private policyIndex(namespace: string): PolicyIndex {
    let index = this.policyIndexes.get(namespace);
    if (index) return index;
    index = { byLabel: new Map(), scan: [] };
    for (const np of this.policies.byIndex('network:namespace', namespace)) {
      const key = selectorIndexKey(np);
      if (!key) index.scan.push(np);
      else {
        const list = index.byLabel.get(key);
        if (list) list.push(np);
        else index.byLabel.set(key, [np]);
      }
    }
    this.policyIndexes.set(namespace, index);
    return index;
  }

  namespaceLabels(namespace: string): Labels {
    return this.namespaces.get('', namespace)?.metadata.labels;
  }
}

/** `node|hostPort|protocol` for each host port a scheduled pod on the pod network asks for. */
function hostPorts(p: Stored<Pod>): string[] {
  const node = p.spec?.nodeName;
  if (!node || p.spec?.hostNetwork) return [];
  return (p.spec?.containers ?? []).flatMap((c) => (c.ports ?? []).flatMap((x) => (x.hostPort ? [`${node}|${x.hostPort}|${x.protocol ?? 'TCP'}`] : [])));
}

/** Informer indexes are sets: order results by namespace/name so every choice is stable. */
function sortByKey<T extends { metadata?: { namespace?: string; name?: string } }>(items: T[]): T[] {
  if (items.length < 2) return items;
  return items.sort((a, b) => {
    const ka = `${a.metadata?.namespace ?? ''}/${a.metadata?.name ?? ''}`;
    const kb = `${b.metadata?.namespace ?? ''}/${b.metadata?.name ?? ''}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}
