import { isDNS1123Subdomain, isValidPortName, isValidPortNum } from '../../../engine/api/names';
import type { Command, Ctx } from '../../command';
import { help } from '../../help/create-service';
import { help as clusterIpHelp } from '../../help/create-service-clusterip';
import { help as externalNameHelp } from '../../help/create-service-externalname';
import { help as loadBalancerHelp } from '../../help/create-service-loadbalancer';
import { help as nodePortHelp } from '../../help/create-service-nodeport';
import { createGenerated, nameArg } from './subcommand';

/** `port[:targetPort]` as kubectl parses --tcp. */
function parsePorts(text: string): { port: number; targetPort: number | string } {
  const [p, t] = text.split(':');
  const port = Number(p);
  if (!/^\d+$/.test(p) || port < 1 || port > 65535) {
    throw new Error(/^\d+$/.test(p) ? `port "${p}" is out of range` : `invalid port "${p}"`);
  }
  if (t === undefined) return { port, targetPort: port };
  if (/^-?\d+$/.test(t)) {
    const errs = isValidPortNum(Number(t));
    if (errs.length) throw new Error(errs.join(','));
    return { port, targetPort: Number(t) };
  }
  const errs = isValidPortName(t);
  if (errs.length) throw new Error(errs.join(','));
  return { port, targetPort: t };
}

function runService(ctx: Ctx, type: string): void {
  const name = nameArg(ctx);
  const f = ctx.flags;
  const clusterIP = f.spec('clusterip') ? f.string('clusterip') : '';
  const tcp = f.strings('tcp');
  const externalName = f.spec('external-name') ? f.string('external-name') : '';
  if (clusterIP === 'None' && type !== 'ClusterIP') throw new Error('ClusterIP=None can only be used with ClusterIP service type');
  if (clusterIP !== 'None' && !tcp.length && type !== 'ExternalName') throw new Error('at least one tcp port specifier must be provided');
  if (type === 'ExternalName' && isDNS1123Subdomain(externalName).length) throw new Error(`invalid service external name ${externalName}`);
  const nodePort = f.spec('node-port') ? f.int('node-port') : 0;
  const ports = tcp.map((t) => {
    const { port, targetPort } = parsePorts(t);
    const p: Record<string, unknown> = { name: t.replace(/:/g, '-') };
    if (nodePort) p.nodePort = nodePort;
    Object.assign(p, { port, protocol: 'TCP', targetPort });
    return p;
  });
  const spec: Record<string, unknown> = {};
  if (clusterIP) spec.clusterIP = clusterIP;
  if (externalName) spec.externalName = externalName;
  if (ports.length) spec.ports = ports;
  spec.selector = { app: name };
  spec.type = type;
  createGenerated(
    ctx,
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { creationTimestamp: null as unknown as string, labels: { app: name }, name },
      spec,
      status: { loadBalancer: {} },
    },
    { resource: 'services', failure: (m) => `failed to create ${type} service: ${m}` },
  );
}

export const createServiceCommand: Command = {
  name: 'service',
  help,
  subcommands: [
    { name: 'clusterip', help: clusterIpHelp, run: (ctx) => runService(ctx, 'ClusterIP') },
    { name: 'externalname', help: externalNameHelp, required: ['external-name'], run: (ctx) => runService(ctx, 'ExternalName') },
    { name: 'loadbalancer', help: loadBalancerHelp, run: (ctx) => runService(ctx, 'LoadBalancer') },
    { name: 'nodeport', help: nodePortHelp, run: (ctx) => runService(ctx, 'NodePort') },
  ],
};
