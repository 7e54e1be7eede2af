import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Ingress, IngressBackend, IngressClass, IngressServiceBackend, NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort } from 'kubernetes-types/networking/v1';
import type { Stored } from '../../../engine/api/types';
import type { Ctx } from '../../command';
import { formatLabelSelector } from '../../printers/labels';
import { describeEvents, eventsFor, printAnnotationsMultiline, printLabelsMultiline } from './common';
import { formatEndpointSlices } from './other';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, PrefixWriter } from './writer';

const events = (ctx: Ctx, obj: Stored, show: boolean) => (show ? eventsFor(ctx, obj) : undefined);

/** Go's time.Time.String() of a UTC timestamp: `2025-01-06 09:04:00 +0000 UTC`. */
export function goTimeString(ts: string | undefined): string {
  if (!ts) return '0001-01-01 00:00:00 +0000 UTC';
  return `${new Date(ts).toISOString().replace('T', ' ').replace(/\.000Z$/, '').replace(/Z$/, '')} +0000 UTC`;
}

function serviceBackendString(b: IngressServiceBackend): string {
  return `${b.name}:${b.port?.number ? b.port.number : (b.port?.name ?? '')}`;
}

/** A backend and the ready endpoints behind it, or why they could not be found. */
function describeBackend(ctx: Ctx, namespace: string, backend: IngressBackend): string {
  if (backend.service) {
    const sb = serviceBackendString(backend.service);
    const slices = ctx.api.list<EndpointSlice>('discovery.k8s.io/endpointslices', namespace, {
      labelSelector: `kubernetes.io/service-name=${backend.service.name}`,
    }).items;
    let service: Service;
    try {
      service = ctx.api.get<Service>('services', namespace, backend.service.name);
    } catch (e) {
      return `${sb} (<error: ${(e as Error).message}>)`;
    }
    let portName = '';
    for (const sp of service.spec?.ports ?? []) {
      const number = backend.service.port?.number ?? 0;
      const name = backend.service.port?.name ?? '';
      if (number !== 0 && number === sp.port) portName = sp.name ?? '';
      else if (name && name === sp.name) portName = sp.name ?? '';
    }
    return `${sb} (${formatEndpointSlices(slices, portName)})`;
  }
  if (backend.resource) {
    return `APIGroup: ${backend.resource.apiGroup ?? '<none>'}, Kind: ${backend.resource.kind}, Name: ${backend.resource.name}`;
  }
  return '';
}

export function describeIngress(ctx: Ctx, ing: Stored<Ingress>, show: boolean): string {
  const w = new PrefixWriter();
  const ns = ing.metadata.namespace ?? '';
  const spec = ing.spec ?? {};
  w.write(LEVEL_0, `Name:\t${ing.metadata.name}\n`);
  printLabelsMultiline(w, 'Labels', ing.metadata.labels);
  w.write(LEVEL_0, `Namespace:\t${ns}\n`);
  const addresses = [...new Set((ing.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter(Boolean))].sort();
  w.write(LEVEL_0, `Address:\t${addresses.join(',')}\n`);
  w.write(LEVEL_0, `Ingress Class:\t${spec.ingressClassName ?? '<none>'}\n`);
  const defaultBackend = spec.defaultBackend ? describeBackend(ctx, ns, spec.defaultBackend) : '<default>';
  w.write(LEVEL_0, `Default backend:\t${defaultBackend}\n`);
  if (spec.tls?.length) {
    w.write(LEVEL_0, 'TLS:\n');
    for (const t of spec.tls) {
      const hosts = (t.hosts ?? []).join(',');
      w.write(LEVEL_1, t.secretName ? `${t.secretName} terminates ${hosts}\n` : `SNI routes ${hosts}\n`);
    }
  }
  w.write(LEVEL_0, 'Rules:\n  Host\tPath\tBackends\n');
  w.write(LEVEL_1, '----\t----\t--------\n');
  let count = 0;
  for (const rule of spec.rules ?? []) {
    if (!rule.http) continue;
    count++;
    w.write(LEVEL_1, `${rule.host || '*'}\t\n`);
    for (const path of rule.http.paths) w.write(LEVEL_2, `\t${path.path ?? ''} \t${describeBackend(ctx, ns, path.backend)}\n`);
  }
  if (count === 0) w.write(LEVEL_1, `*\t*\t${defaultBackend}\n`);
  printAnnotationsMultiline(w, 'Annotations', ing.metadata.annotations);
  describeEvents(ctx, w, events(ctx, ing, show));
  return w.toString();
}

export function describeIngressClass(ctx: Ctx, ic: Stored<IngressClass>, show: boolean): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${ic.metadata.name}\n`);
  printLabelsMultiline(w, 'Labels', ic.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ic.metadata.annotations);
  w.write(LEVEL_0, `Controller:\t${ic.spec?.controller ?? ''}\n`);
  const params = ic.spec?.parameters;
  if (params) {
    w.write(LEVEL_0, 'Parameters:\n');
    if (params.apiGroup !== undefined) w.write(LEVEL_1, `APIGroup:\t${params.apiGroup}\n`);
    w.write(LEVEL_1, `Kind:\t${params.kind}\n`);
    w.write(LEVEL_1, `Name:\t${params.name}\n`);
  }
  describeEvents(ctx, w, events(ctx, ic, show));
  return w.toString();
}

function writePorts(w: PrefixWriter, indent: string, ports: NetworkPolicyPort[] | undefined): void {
  if (!ports?.length) {
    w.write(LEVEL_0, `${indent}To Port: <any> (traffic allowed to all ports)\n`);
    return;
  }
  for (const port of ports) {
    const proto = port.protocol ?? 'TCP';
    const p = port.port === undefined ? '<nil>' : String(port.port);
    if (port.endPort === undefined) w.write(LEVEL_0, `${indent}To Port: ${p}/${proto}\n`);
    else w.write(LEVEL_0, `${indent}To Port Range: ${p}-${port.endPort}/${proto}\n`);
  }
}

function writePeers(w: PrefixWriter, indent: string, title: 'From' | 'To', peers: NetworkPolicyPeer[] | undefined): void {
  if (!peers?.length) {
    w.write(LEVEL_0, `${indent}${title}: <any> (traffic not restricted by ${title === 'From' ? 'source' : 'destination'})\n`);
    return;
  }
  for (const peer of peers) {
    w.write(LEVEL_0, `${indent}${title}:\n`);
    if (peer.podSelector && peer.namespaceSelector) {
      w.write(LEVEL_1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
      w.write(LEVEL_1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
    } else if (peer.podSelector) {
      w.write(LEVEL_1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
    } else if (peer.namespaceSelector) {
      w.write(LEVEL_1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
    } else if (peer.ipBlock) {
      w.write(LEVEL_1, `${indent}IPBlock:\n`);
      w.write(LEVEL_2, `${indent}CIDR: ${peer.ipBlock.cidr}\n`);
      w.write(LEVEL_2, `${indent}Except: ${(peer.ipBlock.except ?? []).join(', ')}\n`);
    }
  }
}

export function describeNetworkPolicy(_ctx: Ctx, np: Stored<NetworkPolicy>): string {
  const w = new PrefixWriter();
  const spec: NonNullable<NetworkPolicy['spec']> = np.spec ?? ({} as NonNullable<NetworkPolicy['spec']>);
  w.write(LEVEL_0, `Name:\t${np.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${np.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `Created on:\t${goTimeString(np.metadata.creationTimestamp)}\n`);
  printLabelsMultiline(w, 'Labels', np.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', np.metadata.annotations);
  w.write(LEVEL_0, 'Spec:\n');
  w.write(LEVEL_1, 'PodSelector: ');
  const sel = spec.podSelector;
  if (!Object.keys(sel?.matchLabels ?? {}).length && !sel?.matchExpressions?.length) {
    w.write(LEVEL_2, '<none> (Allowing the specific traffic to all pods in this namespace)\n');
  } else w.write(LEVEL_2, `${formatLabelSelector(sel)}\n`);
  const types = spec.policyTypes ?? [];
  const indent = '    ';
  if (types.includes('Ingress')) {
    w.write(LEVEL_1, 'Allowing ingress traffic:\n');
    const rules = spec.ingress ?? [];
    if (!rules.length) w.write(LEVEL_0, `${indent}<none> (Selected pods are isolated for ingress connectivity)\n`);
    rules.forEach((rule, i) => {
      writePorts(w, indent, rule.ports);
      writePeers(w, indent, 'From', rule.from);
      if (i !== rules.length - 1) w.write(LEVEL_0, `${indent}----------\n`);
    });
  } else w.write(LEVEL_1, 'Not affecting ingress traffic\n');
  if (types.includes('Egress')) {
    w.write(LEVEL_1, 'Allowing egress traffic:\n');
    const rules = spec.egress ?? [];
    if (!rules.length) w.write(LEVEL_0, `${indent}<none> (Selected pods are isolated for egress connectivity)\n`);
    rules.forEach((rule, i) => {
      writePorts(w, indent, rule.ports);
      writePeers(w, indent, 'To', rule.to);
      if (i !== rules.length - 1) w.write(LEVEL_0, `${indent}----------\n`);
    });
  } else w.write(LEVEL_1, 'Not affecting egress traffic\n');
  w.write(LEVEL_1, `Policy Types: ${types.length ? types.join(', ') : '<none>'}\n`);
  return w.toString();
}

export function describeEndpointSlice(ctx: Ctx, eps: Stored<EndpointSlice>, show: boolean): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${eps.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${eps.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', eps.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', eps.metadata.annotations);
  w.write(LEVEL_0, `AddressType:\t${eps.addressType}\n`);
  if (!eps.ports?.length) w.write(LEVEL_0, 'Ports: <unset>\n');
  else {
    w.write(LEVEL_0, 'Ports:\n');
    w.write(LEVEL_1, 'Name\tPort\tProtocol\n');
    w.write(LEVEL_1, '----\t----\t--------\n');
    for (const p of eps.ports) w.write(LEVEL_1, `${p.name || '<unset>'}\t${p.port ?? '<unset>'}\t${p.protocol ?? 'TCP'}\n`);
  }
  if (!eps.endpoints?.length) w.write(LEVEL_0, 'Endpoints: <none>\n');
  else {
    w.write(LEVEL_0, 'Endpoints:\n');
    for (const e of eps.endpoints) {
      w.write(LEVEL_1, `- Addresses:\t${e.addresses.join(', ') || '<none>'}\n`);
      w.write(LEVEL_2, 'Conditions:\n');
      w.write(LEVEL_3, `Ready:\t${e.conditions?.ready === undefined ? '<unset>' : String(e.conditions.ready)}\n`);
      w.write(LEVEL_2, `Hostname:\t${e.hostname ?? '<unset>'}\n`);
      if (e.targetRef) w.write(LEVEL_2, `TargetRef:\t${e.targetRef.kind}/${e.targetRef.name}\n`);
      w.write(LEVEL_2, `NodeName:\t${e.nodeName ?? '<unset>'}\n`);
      w.write(LEVEL_2, `Zone:\t${e.zone ?? '<unset>'}\n`);
    }
  }
  describeEvents(ctx, w, events(ctx, eps, show));
  return w.toString();
}
