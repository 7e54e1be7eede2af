import type { ConfigMap, Endpoints, LimitRange, Namespace, ResourceQuota, Secret, Service, ServiceAccount } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { AnyObject, Stored } from '../../../engine/api/types';
import type { Ctx } from '../../command';
import { formatLabelSelector, formatLabels } from '../../printers/labels';
import { describeEvents, eventsFor, printAnnotationsMultiline, printLabelsMultiline, rfc1123z } from './common';
import { quantityString } from './podtemplate';
import { LEVEL_0, LEVEL_1, LEVEL_2, PrefixWriter } from './writer';

const sortStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const events = (ctx: Ctx, obj: Stored, show: boolean) => (show ? eventsFor(ctx, obj) : undefined);

function header(w: PrefixWriter, obj: Stored, namespaced = true): void {
  w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
  if (namespaced) w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
}

/** formatEndpointSlices: up to three ready `ip:port`s for a port name, then `+ N more...`. */
export function formatEndpointSlices(slices: EndpointSlice[], portName: string): string {
  if (!slices.length) return '<none>';
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const s of slices) {
    const ports = s.ports ?? [];
    const entries: [string, number | undefined][] = [];
    if (!ports.length) for (const e of s.endpoints) entries.push([e.addresses[0], undefined]);
    else {
      for (const p of ports) {
        if ((p.name ?? '') !== portName) continue;
        for (const e of s.endpoints) {
          if (e.conditions?.ready === false) continue;
          entries.push([e.addresses[0], p.port]);
        }
      }
    }
    for (const [addr, port] of entries) {
      if (list.length === 3) more = true;
      if (!more) list.push(port === undefined ? addr : `${addr.includes(':') ? `[${addr}]` : addr}:${port}`);
      count++;
    }
  }
  const text = list.join(',');
  return more ? `${text} + ${count - 3} more...` : text;
}

export function describeService(ctx: Ctx, svc: Stored<Service>, show: boolean): string {
  const w = new PrefixWriter();
  const spec = svc.spec ?? {};
  header(w, svc);
  w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(LEVEL_0, `Type:\t${spec.type ?? ''}\n`);
  if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(LEVEL_0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}\n`);
  w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.write(LEVEL_0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>'}\n`);
  if (spec.externalIPs?.length) w.write(LEVEL_0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
  if (spec.loadBalancerIP) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length) w.write(LEVEL_0, `LoadBalancer Ingress:\t${ingress.map((i) => i.ip || i.hostname || '').join(', ')}\n`);
  const slices = ctx.api.list<EndpointSlice>('discovery.k8s.io/endpointslices', svc.metadata.namespace, {
    labelSelector: `kubernetes.io/service-name=${svc.metadata.name}`,
  }).items;
  for (const p of spec.ports ?? []) {
    const name = p.name || '<unset>';
    const proto = p.protocol ?? 'TCP';
    w.write(LEVEL_0, `Port:\t${name}\t${p.port}/${proto}\n`);
    w.write(LEVEL_0, `TargetPort:\t${p.targetPort ?? p.port}/${proto}\n`);
    if (p.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${p.nodePort}/${proto}\n`);
    w.write(LEVEL_0, `Endpoints:\t${formatEndpointSlices(slices, p.name ?? '')}\n`);
  }
  w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
  if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  if (spec.loadBalancerSourceRanges?.length) w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
  describeEvents(ctx, w, events(ctx, svc, show));
  return w.toString();
}

export function describeEndpoints(ctx: Ctx, ep: Stored<Endpoints>, show: boolean): string {
  const w = new PrefixWriter();
  header(w, ep);
  w.write(LEVEL_0, 'Subsets:\n');
  for (const s of ep.subsets ?? []) {
    w.write(LEVEL_1, `Addresses:\t${(s.addresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`);
    w.write(LEVEL_1, `NotReadyAddresses:\t${(s.notReadyAddresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`);
    if (s.ports?.length) {
      w.write(LEVEL_1, 'Ports:\n');
      w.write(LEVEL_2, 'Name\tPort\tProtocol\n');
      w.write(LEVEL_2, '----\t----\t--------\n');
      for (const p of s.ports) w.write(LEVEL_2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? 'TCP'}\n`);
    }
    w.write(LEVEL_0, '\n');
  }
  describeEvents(ctx, w, events(ctx, ep, show));
  return w.toString();
}

export function describeNamespace(ctx: Ctx, ns: Stored<Namespace>): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${ns.metadata.name}\n`);
  printLabelsMultiline(w, 'Labels', ns.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ns.metadata.annotations);
  w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? ''}\n`);
  const conditions = ns.status?.conditions ?? [];
  if (conditions.length) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
    for (const c of conditions) w.write(LEVEL_1, `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  w.write(LEVEL_0, '\n');
  const quotas = ctx.api.list<ResourceQuota>('resourcequotas', ns.metadata.name).items;
  if (!quotas.length) w.write(LEVEL_0, 'No resource quota.\n');
  else {
    w.write(LEVEL_0, 'Resource Quotas\n');
    for (const q of quotas) {
      w.write(LEVEL_1, `Name:\t${q.metadata.name}\n`);
      w.write(LEVEL_1, 'Resource\tUsed\tHard\n');
      w.write(LEVEL_1, '--------\t---\t---\n');
      for (const r of Object.keys(q.status?.hard ?? {}).sort(sortStrings)) {
        w.write(LEVEL_1, `${r}\t${quantityString(q.status?.used?.[r])}\t${quantityString(q.status?.hard?.[r])}\n`);
      }
    }
  }
  w.write(LEVEL_0, '\n');
  const limits = ctx.api.list<LimitRange>('limitranges', ns.metadata.name).items;
  if (!limits.length) w.write(LEVEL_0, 'No LimitRange resource.\n');
  else {
    w.write(LEVEL_0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
    w.write(LEVEL_0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
    for (const lr of limits) {
      for (const item of lr.spec?.limits ?? []) {
        const names = new Set([...Object.keys(item.min ?? {}), ...Object.keys(item.max ?? {}), ...Object.keys(item.default ?? {}), ...Object.keys(item.defaultRequest ?? {}), ...Object.keys(item.maxLimitRequestRatio ?? {})]);
        for (const r of [...names].sort(sortStrings)) {
          const v = (m: Record<string, unknown> | undefined) => (m?.[r] === undefined ? '-' : quantityString(m[r] as string));
          w.write(LEVEL_0, ` ${item.type}\t${r}\t${v(item.min)}\t${v(item.max)}\t${v(item.defaultRequest)}\t${v(item.default)}\t${v(item.maxLimitRequestRatio)}\n`);
        }
      }
    }
  }
  return w.toString();
}

export function describeConfigMap(ctx: Ctx, cm: Stored<ConfigMap>, show: boolean): string {
  const w = new PrefixWriter();
  header(w, cm);
  w.write(LEVEL_0, '\nData\n====\n');
  for (const k of Object.keys(cm.data ?? {}).sort(sortStrings)) {
    w.write(LEVEL_0, `${k}:\n----\n`);
    w.write(LEVEL_0, `${cm.data?.[k]}\n`);
    w.write(LEVEL_0, '\n');
  }
  w.write(LEVEL_0, '\nBinaryData\n====\n');
  for (const k of Object.keys(cm.binaryData ?? {}).sort(sortStrings)) {
    w.write(LEVEL_0, `${k}: ${atob(cm.binaryData?.[k] ?? '').length} bytes\n`);
  }
  w.write(LEVEL_0, '\n');
  describeEvents(ctx, w, events(ctx, cm, show));
  return w.toString();
}

export function describeSecret(secret: Stored<Secret>): string {
  const w = new PrefixWriter();
  header(w, secret);
  w.write(LEVEL_0, `\nType:\t${secret.type ?? ''}\n`);
  w.write(LEVEL_0, '\nData\n====\n');
  for (const k of Object.keys(secret.data ?? {}).sort(sortStrings)) {
    const raw = atob(secret.data?.[k] ?? '');
    if (k === 'token' && secret.type === 'kubernetes.io/service-account-token') w.write(LEVEL_0, `${k}:\t${raw}\n`);
    else w.write(LEVEL_0, `${k}:\t${raw.length} bytes\n`);
  }
  return w.toString();
}

export function describeServiceAccount(ctx: Ctx, sa: Stored<ServiceAccount>, show: boolean): string {
  const w = new PrefixWriter();
  header(w, sa);
  const rows: [string, string[]][] = [
    ['Image pull secrets:', (sa.imagePullSecrets ?? []).map((s) => s.name ?? '')],
    ['Mountable secrets: ', (sa.secrets ?? []).map((s) => s.name ?? '')],
    ['Tokens:            ', []],
  ];
  for (const [title, names] of rows) {
    if (!names.length) {
      w.write(LEVEL_0, `${title}\t<none>\n`);
      continue;
    }
    names.forEach((n, i) => {
      const missing = !ctx.api.find('secrets', sa.metadata.namespace ?? '', n);
      w.write(LEVEL_0, `${i ? '                   ' : title}\t${n}${missing ? ' (not found)' : ''}\n`);
    });
  }
  describeEvents(ctx, w, events(ctx, sa, show));
  return w.toString();
}

export function describePdb(ctx: Ctx, pdb: Stored<PodDisruptionBudget>, show: boolean): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${pdb.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${pdb.metadata.namespace}\n`);
  if (pdb.spec?.minAvailable !== undefined) w.write(LEVEL_0, `Min available:\t${pdb.spec.minAvailable}\n`);
  else if (pdb.spec?.maxUnavailable !== undefined) w.write(LEVEL_0, `Max unavailable:\t${pdb.spec.maxUnavailable}\n`);
  w.write(LEVEL_0, `Selector:\t${pdb.spec?.selector ? formatLabelSelector(pdb.spec.selector) : '<unset>'}\n`);
  w.write(LEVEL_0, 'Status:\n');
  w.write(LEVEL_2, `Allowed disruptions:\t${pdb.status?.disruptionsAllowed ?? 0}\n`);
  w.write(LEVEL_2, `Current:\t${pdb.status?.currentHealthy ?? 0}\n`);
  w.write(LEVEL_2, `Desired:\t${pdb.status?.desiredHealthy ?? 0}\n`);
  w.write(LEVEL_2, `Total:\t${pdb.status?.expectedPods ?? 0}\n`);
  describeEvents(ctx, w, events(ctx, pdb, show));
  return w.toString();
}

/** smartLabelFor: `clusterIP` → `Cluster IP`, with the acronyms kubectl keeps upper-case. */
function smartLabel(field: string): string {
  if (/[^A-Za-z-]/.test(field)) return field;
  const parts = field.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|-/g) ?? [field];
  const acronyms = ['API', 'URL', 'UID', 'OSB', 'GUID'];
  return parts
    .filter((p) => p !== '_')
    .map((p) => (acronyms.includes(p.toUpperCase()) ? p.toUpperCase() : p[0].toUpperCase() + p.slice(1)))
    .join(' ');
}

function printContent(w: PrefixWriter, level: number, content: Record<string, unknown>, prefix: string, skip: string[]): void {
  for (const field of Object.keys(content).sort(sortStrings)) {
    const value = content[field];
    const path = `${prefix}.${field}`;
    if (skip.includes(path)) continue;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      printContent(w, level + 1, value as Record<string, unknown>, path, skip);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      for (const child of value) {
        if (child && typeof child === 'object' && !Array.isArray(child)) printContent(w, level + 1, child as Record<string, unknown>, path, skip);
        else w.write(level + 1, `${String(child)}\n`);
      }
    } else w.write(level, `${smartLabel(field)}:\t${value === null ? '<nil>' : String(value)}\n`);
  }
}

/** The generic describer: metadata, then every other field in key order. */
export function describeGeneric(ctx: Ctx, obj: Stored, show: boolean): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  printContent(w, LEVEL_0, JSON.parse(JSON.stringify(obj)) as AnyObject, '', [
    '.metadata.managedFields',
    '.metadata.name',
    '.metadata.namespace',
    '.metadata.labels',
    '.metadata.annotations',
  ]);
  describeEvents(ctx, w, events(ctx, obj, show));
  return w.toString();
}
