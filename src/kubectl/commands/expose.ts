import type { Container, ServicePort } from 'kubernetes-types/core/v1';
import type { AnyObject, Stored } from '../../engine/api/types';
import { mergePatch } from '../../engine/apiserver/patch';
import { dryRunOf, dryRunSuffix, parseKeyValues, writeOptions } from '../cmdutil';
import type { Command, Ctx } from '../command';
import { help } from '../help/expose';
import { yamlToJson } from '../manifest/goyaml';
import { parseFormat } from '../output/format';
import { ObjectPrinter } from '../output/print';
import { buildTargets, throwIfAny, visitTargets } from '../resource/builder';
import { saveConfig } from './create/subcommand';

const EXPOSABLE = new Set(['ReplicationController', 'Service', 'Pod', 'Deployment', 'ReplicaSet']);

/** Labels as `k=v,k2=v2` in key order (polymorphichelpers.MakeLabels). */
function makeLabels(labels: Record<string, string> | undefined): string {
  return Object.keys(labels ?? {})
    .sort()
    .map((k) => `${k}=${labels?.[k]}`)
    .join(',');
}

function selectorFor(obj: AnyObject): string {
  const spec = (obj.spec ?? {}) as { selector?: Record<string, unknown> };
  switch (obj.kind) {
    case 'ReplicationController':
      return makeLabels(spec.selector as Record<string, string>);
    case 'Pod':
      if (!Object.keys(obj.metadata?.labels ?? {}).length) throw new Error('the pod has no labels and cannot be exposed');
      return makeLabels(obj.metadata?.labels);
    case 'Service':
      if (!spec.selector) throw new Error('the service has no pod selector set');
      return makeLabels(spec.selector as Record<string, string>);
    default: {
      const sel = spec.selector as { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } | undefined;
      if (obj.kind === 'Deployment' && (!sel || !Object.keys(sel.matchLabels ?? {}).length)) {
        throw new Error('invalid deployment: no selectors, therefore cannot be exposed');
      }
      if (sel?.matchExpressions?.length) throw new Error(`couldn't convert expressions - "${JSON.stringify(sel.matchExpressions)}" to map-based selector format`);
      return makeLabels(sel?.matchLabels);
    }
  }
}

function containersOf(obj: AnyObject): Container[] {
  const spec = obj.spec as { containers?: Container[]; template?: { spec?: { containers?: Container[] } } } | undefined;
  return obj.kind === 'Pod' ? (spec?.containers ?? []) : (spec?.template?.spec?.containers ?? []);
}

/** PortsForObject and ProtocolsForObject: the ports a workload's containers (or a service) declare. */
function portsOf(obj: AnyObject): { ports: string[]; protocols: Record<string, string[]> } {
  const ports: string[] = [];
  const protocols: Record<string, string[]> = {};
  const add = (port: number, protocol: string) => {
    const p = String(port);
    if (!ports.includes(p)) ports.push(p);
    protocols[p] = [...(protocols[p] ?? []), protocol];
  };
  if (obj.kind === 'Service') {
    for (const p of ((obj.spec as { ports?: ServicePort[] })?.ports ?? [])) add(p.port, p.protocol ?? 'TCP');
  } else {
    for (const c of containersOf(obj)) for (const p of c.ports ?? []) add(p.containerPort, p.protocol ?? 'TCP');
  }
  return { ports, protocols };
}

function exposeOne(ctx: Ctx, obj: Stored & AnyObject): AnyObject {
  const f = ctx.flags;
  if (!EXPOSABLE.has(obj.kind)) {
    const group = obj.apiVersion.includes('/') ? `.${obj.apiVersion.split('/')[0]}` : '';
    throw new Error(`cannot expose a ${obj.kind}${group}`);
  }
  const name = f.string('name') || obj.metadata.name.slice(0, 63);
  let selector = f.string('selector');
  if (!selector) {
    try {
      selector = selectorFor(obj);
    } catch (e) {
      throw new Error(`couldn't retrieve selectors via --selector flag or introspection: ${(e as Error).message}`);
    }
  }
  if (!selector) throw new Error('selector must be specified');
  const headless = f.string('cluster-ip') === 'None';
  let port = f.string('port');
  let portList = '';
  const found = portsOf(obj);
  if (!port) {
    if (found.ports.length === 0 && !headless) throw new Error("couldn't find port via --port flag or introspection");
    if (found.ports.length === 1) port = found.ports[0];
    else portList = found.ports.join(',');
  }
  const labels = f.string('labels') || makeLabels(obj.metadata.labels);
  const protocol = f.string('protocol');
  const ports: Record<string, unknown>[] = [];
  const portStrings = (portList || port).split(',').filter(Boolean);
  portStrings.forEach((p, i) => {
    if (!/^-?\d+$/.test(p)) throw new Error(`strconv.Atoi: parsing "${p}": invalid syntax`);
    const portName = portStrings.length > 1 ? `port-${i + 1}` : '';
    const known = found.protocols[p];
    if (!protocol && known && known.length > 1) {
      for (const proto of known) ports.push({ name: `port-${i + 1}-${proto.toLowerCase()}`, port: Number(p), protocol: proto });
      return;
    }
    const entry: Record<string, unknown> = {};
    if (portName) entry.name = portName;
    entry.port = Number(p);
    entry.protocol = protocol || known?.[0] || 'TCP';
    ports.push(entry);
  });
  const target = f.string('target-port');
  for (const p of ports) {
    if (p.protocol === undefined) continue;
    p.targetPort = target ? (/^\d+$/.test(target) ? Number(target) : target) : p.port;
  }
  const spec: Record<string, unknown> = {};
  const clusterIP = f.string('cluster-ip');
  if (clusterIP) spec.clusterIP = clusterIP;
  if (f.string('external-ip')) spec.externalIPs = [f.string('external-ip')];
  if (ports.length) spec.ports = ports;
  spec.selector = parseKeyValues(selector);
  const affinity = f.string('session-affinity');
  if (affinity) {
    if (affinity !== 'None' && affinity !== 'ClientIP') throw new Error(`unknown session affinity: ${affinity}`);
    spec.sessionAffinity = affinity;
  }
  if (f.string('type')) spec.type = f.string('type');
  if (spec.type === 'LoadBalancer' && f.string('load-balancer-ip')) spec.loadBalancerIP = f.string('load-balancer-ip');
  let service: AnyObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { creationTimestamp: null as unknown as string, ...(labels ? { labels: parseKeyValues(labels) } : {}), name },
    spec,
    status: { loadBalancer: {} },
  };
  if (f.string('overrides')) service = mergePatch(service, yamlToJson(f.string('overrides'))) as AnyObject;
  return service;
}

export const exposeCommand: Command = {
  name: 'expose',
  help,
  run(ctx) {
    const f = ctx.flags;
    const dryRun = dryRunOf(ctx);
    const built = buildTargets(ctx, ctx.args, {
      namespace: ctx.namespace,
      explicitNamespace: ctx.explicitNamespace,
      filenames: f.strings('filename'),
      recursive: f.bool('recursive'),
    });
    const { visited, errors } = visitTargets(ctx, built);
    const printer = new ObjectPrinter(ctx, parseFormat(ctx));
    for (const v of visited) {
      for (const obj of v.objects) {
        try {
          const service = exposeOne(ctx, obj as Stored & AnyObject);
          if (dryRun === 'client') {
            if (ctx.explicitNamespace) service.metadata = { ...service.metadata, namespace: ctx.namespace };
            printer.print(service, 'exposed', dryRunSuffix(dryRun), true);
            continue;
          }
          if (f.bool('save-config')) saveConfig(service);
          const send = structuredClone(service);
          if (send.metadata) delete (send.metadata as { creationTimestamp?: unknown }).creationTimestamp;
          const created = ctx.api.create('services', ctx.namespace, send, writeOptions(ctx, dryRun));
          printer.print(created, 'exposed', dryRunSuffix(dryRun));
        } catch (e) {
          errors.push(e);
        }
      }
    }
    throwIfAny(errors);
  },
};
