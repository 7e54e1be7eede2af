import type { Node, Pod } from 'kubernetes-types/core/v1';
import { tryParseQuantity } from '../../engine/api/quantity';
import type { Stored } from '../../engine/api/types';
import type { Command, Ctx } from '../command';
import { fatal, usageError } from '../errors';
import { help } from '../help/top';
import { help as nodeHelp } from '../help/top-node';
import { help as podHelp } from '../help/top-pod';
import { tabwrite } from '../printers/tabwriter';

/**
 * `kubectl top node|pod`: reads metrics.k8s.io as kubectl 1.32 does and prints with its metrics
 * printer (CPU in millicores, memory in Mi, node percentages of allocatable, `<unknown>` for
 * nodes without metrics). Without the metrics API (no metrics-server, or its APIService not
 * Available) it fails as kubectl does.
 */

type Usage = Record<string, string | undefined>;
interface NodeMetrics {
  metadata: { name: string };
  usage?: Usage;
}
interface PodMetrics {
  metadata: { name: string; namespace?: string };
  containers?: { name: string; usage?: Usage }[];
}

/** Pods younger than this may simply not have been scraped yet (kubectl's metricsCreationDelay). */
const METRICS_CREATION_DELAY_MS = 2 * 60_000;

const milli = (v: string | undefined) => tryParseQuantity(v)?.milliValue() ?? 0;
const bytes = (v: string | undefined) => tryParseQuantity(v)?.value() ?? 0;

function metricsAvailable(ctx: Ctx): boolean {
  return !!ctx.cluster.registry.get('metrics.k8s.io', 'pods') && !!ctx.cluster.registry.get('metrics.k8s.io', 'nodes');
}

function checkSortBy(ctx: Ctx): string {
  const sortBy = ctx.flags.string('sort-by');
  if (sortBy && sortBy !== 'cpu' && sortBy !== 'memory') throw fatal('--sort-by accepts only cpu or memory');
  return sortBy;
}

/** `163m\t8%\t712Mi\t17%\t`: a line's usage cells, as printAllResourceUsages writes them. */
function usageCells(cpu: number, memory: number, available?: { cpu: number; memory: number }): string {
  let out = `${cpu}m\t`;
  if (available) out += `${Math.trunc((cpu / available.cpu) * 100)}%\t`;
  out += `${Math.trunc(memory / (1024 * 1024))}Mi\t`;
  if (available) out += `${Math.trunc(((memory * 1000) / (available.memory * 1000)) * 100)}%\t`;
  return out;
}

/** Go's time.Duration String for a pod's age (`1m30s`, `2m5.5s`). */
function goDuration(ms: number): string {
  const total = ms / 1000;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = +(total % 60).toFixed(3);
  if (h) return `${h}h${m}m${s}s`;
  if (m) return `${m}m${s}s`;
  return `${s}s`;
}

const topNode: Command = {
  name: 'node',
  help: nodeHelp,
  run(ctx) {
    const sortBy = checkSortBy(ctx);
    const selector = ctx.flags.string('selector');
    const name = ctx.args[0];
    if (ctx.args.length > 1) throw usageError(ctx.path, 'node [NAME | -l label]');
    if (!metricsAvailable(ctx)) throw fatal('Metrics API not available');
    const opts = { user: ctx.user, labelSelector: selector || undefined };
    const metrics = (
      name ? [ctx.api.get('metrics.k8s.io/nodes', '', name, opts)] : ctx.api.list('metrics.k8s.io/nodes', undefined, opts).items
    ) as unknown as NodeMetrics[];
    if (!metrics.length) throw fatal('metrics not available yet');
    const nodes: Stored<Node>[] = name ? [ctx.api.get<Node>('nodes', '', name, opts)] : ctx.api.list<Node>('nodes', undefined, opts).items;
    const field = ctx.flags.bool('show-capacity') ? 'capacity' : 'allocatable';
    const available = new Map(nodes.map((n) => [n.metadata.name, { cpu: milli(n.status?.[field]?.cpu), memory: bytes(n.status?.[field]?.memory) }]));
    const rows = metrics.map((m) => ({ name: m.metadata.name, cpu: milli(m.usage?.cpu), memory: bytes(m.usage?.memory) }));
    rows.sort((a, b) => (sortBy === 'cpu' ? b.cpu - a.cpu : sortBy === 'memory' ? b.memory - a.memory : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    let text = ctx.flags.bool('no-headers') ? '' : 'NAME\tCPU(cores)\tCPU(%)\tMEMORY(bytes)\tMEMORY(%)\t\n';
    for (const r of rows) {
      text += `${r.name}\t${usageCells(r.cpu, r.memory, available.get(r.name))}\n`;
      available.delete(r.name);
    }
    // Nodes whose kubelet metrics-server could not scrape.
    for (const missing of [...available.keys()].sort()) text += `${missing}\t<unknown>\t<unknown>\t<unknown>\t<unknown>\t\n`;
    ctx.io.out(tabwrite(text));
  },
};

const topPod: Command = {
  name: 'pod',
  help: podHelp,
  run(ctx) {
    const sortBy = checkSortBy(ctx);
    const f = ctx.flags;
    const all = f.bool('all-namespaces');
    const name = ctx.args[0];
    if (ctx.args.length > 1) throw usageError(ctx.path, 'pod [NAME | -l label]');
    if (name && all) throw fatal('a resource cannot be retrieved by name across all namespaces');
    if (!metricsAvailable(ctx)) throw fatal('Metrics API not available');
    const ns = all ? undefined : ctx.namespace;
    const opts = { user: ctx.user, labelSelector: f.string('selector') || undefined, fieldSelector: f.string('field-selector') || undefined };
    const metrics = (
      name ? [ctx.api.get('metrics.k8s.io/pods', ctx.namespace, name, opts)] : ctx.api.list('metrics.k8s.io/pods', ns, opts).items
    ) as unknown as PodMetrics[];
    if (!metrics.length) {
      verifyEmptyMetrics(ctx, ns, opts);
      ctx.io.err(all ? 'No resources found\n' : `No resources found in ${ctx.namespace} namespace.\n`);
      return;
    }
    ctx.io.out(printPodMetrics(metrics, f.bool('containers'), all, f.bool('no-headers'), sortBy, f.bool('sum')));
  },
};

/** Why no pod has metrics: pods old enough to have been scraped are an error; young ones are "not available yet". */
function verifyEmptyMetrics(ctx: Ctx, ns: string | undefined, opts: { labelSelector?: string; fieldSelector?: string }): void {
  const pods = ctx.api.list<Pod>('pods', ns, { ...opts, user: ctx.user }).items;
  if (!pods.length) return;
  for (const pod of pods) {
    const age = ctx.now() - Date.parse(pod.metadata.creationTimestamp);
    if (age > METRICS_CREATION_DELAY_MS) throw fatal(`Metrics not available for pod ${pod.metadata.namespace}/${pod.metadata.name}, age: ${goDuration(age)}`);
  }
  throw fatal('metrics not available yet');
}

function printPodMetrics(metrics: PodMetrics[], containers: boolean, withNamespace: boolean, noHeaders: boolean, sortBy: string, sum: boolean): string {
  const pods = metrics.map((m) => {
    const cs = (m.containers ?? []).map((c) => ({ name: c.name, cpu: milli(c.usage?.cpu), memory: bytes(c.usage?.memory) }));
    return {
      name: m.metadata.name,
      namespace: m.metadata.namespace ?? '',
      containers: cs,
      cpu: cs.reduce((n, c) => n + c.cpu, 0),
      memory: cs.reduce((n, c) => n + c.memory, 0),
    };
  });
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  pods.sort((a, b) => {
    if (sortBy === 'cpu') return b.cpu - a.cpu;
    if (sortBy === 'memory') return b.memory - a.memory;
    if (withNamespace && a.namespace !== b.namespace) return byName(a.namespace, b.namespace);
    return byName(a.name, b.name);
  });
  let width = 3;
  let text = '';
  if (!noHeaders) {
    if (withNamespace) {
      text += 'NAMESPACE\t';
      width++;
    }
    if (containers) {
      text += 'POD\t';
      width++;
    }
    text += 'NAME\tCPU(cores)\tMEMORY(bytes)\t\n';
  }
  const nsCell = (p: { namespace: string }) => (withNamespace ? `${p.namespace}\t` : '');
  for (const p of pods) {
    if (containers) {
      const cs = [...p.containers].sort((a, b) =>
        sortBy === 'cpu' ? b.cpu - a.cpu : sortBy === 'memory' ? b.memory - a.memory : byName(a.name, b.name),
      );
      for (const c of cs) text += `${nsCell(p)}${p.name}\t${c.name}\t${usageCells(c.cpu, c.memory)}\n`;
    } else {
      text += `${nsCell(p)}${p.name}\t${usageCells(p.cpu, p.memory)}\n`;
    }
  }
  if (sum) {
    text += `${'\t'.repeat(width - 2)}________\t________\t\n`;
    text += `${'\t'.repeat(width - 3)}\t${usageCells(
      pods.reduce((n, p) => n + p.cpu, 0),
      pods.reduce((n, p) => n + p.memory, 0),
    )}\n`;
  }
  return tabwrite(text);
}

export const topCommand: Command = {
  name: 'top',
  help,
  subcommands: [topNode, topPod],
};
