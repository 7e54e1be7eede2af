import type { Service } from 'kubernetes-types/core/v1';
import type { Command } from '../command';
import { SERVER_URL } from '../env';
import { fatal } from '../errors';
import { help } from '../help/cluster-info';
import { help as dumpHelp } from '../help/cluster-info-dump';

// kubectl colours the names and addresses with ANSI escapes, even when not writing to a terminal.
const GREEN = '\x1b[0;32m';
const YELLOW = '\x1b[0;33m';
const RESET = '\x1b[0m';

function line(name: string, link: string): string {
  return `${GREEN}${name}${RESET} is running at ${YELLOW}${link}${RESET}\n`;
}

function serverUrl(ctx: { env: { config: { clusters: { name: string; cluster: { server: string } }[]; contexts: { name: string; context: { cluster: string } }[]; 'current-context': string } } }): string {
  const cfg = ctx.env.config;
  const context = cfg.contexts.find((c) => c.name === cfg['current-context']);
  return cfg.clusters.find((c) => c.name === context?.context.cluster)?.cluster.server ?? SERVER_URL;
}

export const clusterInfoCommand: Command = {
  name: 'cluster-info',
  help,
  subcommands: [
    {
      name: 'dump',
      help: dumpHelp,
      run() {
        throw fatal('cluster-info dump is not available in this sandbox');
      },
    },
  ],
  run(ctx) {
    if (ctx.args.length) throw fatal(`unknown command "${ctx.args[0]}"\nSee 'kubectl cluster-info -h' for help and examples`);
    const host = serverUrl(ctx);
    let out = line('Kubernetes control plane', host);
    const services = ctx.api.list<Service>('services', 'kube-system', { labelSelector: 'kubernetes.io/cluster-service=true' }).items;
    for (const svc of services) {
      const name = svc.metadata.labels?.['kubernetes.io/name'] ?? svc.metadata.name;
      const port = svc.spec?.ports?.[0];
      const portPart = port ? `:${port.name || port.port}` : '';
      out += line(name, `${host}/api/v1/namespaces/kube-system/services/${svc.metadata.name}${portPart}/proxy`);
    }
    out += "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";
    ctx.io.out(out);
  },
};
