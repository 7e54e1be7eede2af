import { parseQuantity } from '../api/quantity';
import type { Cluster } from '../sim/cluster';
import { LOAD_GENERATOR, type LoadEntry, type LoadGenerator, type LoadKind } from './load';

export const LOAD_USAGE = `usage: sim load service/NAME --rps N [-n NAMESPACE]
       sim load deployment|replicaset|statefulset|daemonset|pod/NAME [--cpu Q] [--memory Q] [-n NAMESPACE]
       sim load TARGET --off
       sim load                 (show the load now applied)`;

/** The words a learner may type for a target, as kubectl's short names go. */
const KINDS: Record<string, LoadKind> = {
  service: 'service',
  services: 'service',
  svc: 'service',
  deployment: 'deployment',
  deployments: 'deployment',
  deploy: 'deployment',
  replicaset: 'replicaset',
  replicasets: 'replicaset',
  rs: 'replicaset',
  statefulset: 'statefulset',
  statefulsets: 'statefulset',
  sts: 'statefulset',
  daemonset: 'daemonset',
  daemonsets: 'daemonset',
  ds: 'daemonset',
  pod: 'pod',
  pods: 'pod',
  po: 'pod',
};

const RESOURCES: Record<LoadKind, string> = {
  service: 'services',
  deployment: 'apps/deployments',
  replicaset: 'apps/replicasets',
  statefulset: 'apps/statefulsets',
  daemonset: 'apps/daemonsets',
  pod: 'pods',
};

export function loadGenerator(cluster: Cluster): LoadGenerator | undefined {
  return cluster.manager.get(LOAD_GENERATOR) as LoadGenerator | undefined;
}

function parse(argv: string[]): { positional: string[]; flags: Map<string, string | true> } {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('-') || a === '-') {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = (eq >= 0 ? a.slice(0, eq) : a).replace(/^-+/, '');
    if (!['rps', 'cpu', 'memory', 'n', 'namespace', 'off'].includes(name)) throw new Error(`unknown flag: ${a}\n${LOAD_USAGE}`);
    if (eq >= 0) flags.set(name, a.slice(eq + 1));
    else if (name === 'off') flags.set(name, true);
    else {
      if (i + 1 >= argv.length) throw new Error(`flag needs an argument: ${a}`);
      flags.set(name, argv[++i]);
    }
  }
  return { positional, flags };
}

function quantity(text: string, what: 'cpu' | 'memory'): number {
  let q: ReturnType<typeof parseQuantity>;
  try {
    q = parseQuantity(text);
  } catch {
    throw new Error(`invalid --${what} "${text}" (use ${what === 'cpu' ? '400m or 1.5' : '200Mi or 1Gi'})`);
  }
  const v = what === 'cpu' ? q.milliValue() : q.value();
  if (v < 0) throw new Error(`--${what} must not be negative`);
  return v;
}

/** One line per load setting, as `sim load` and `sim status` show them. */
export function describeLoad(e: LoadEntry): string {
  const parts: string[] = [];
  if (e.rps) parts.push(`${e.rps} requests/s spread over its ready endpoints`);
  if (e.cpuMilli) parts.push(`+${e.cpuMilli}m CPU per pod`);
  if (e.memoryBytes) parts.push(`+${formatBytes(e.memoryBytes)} memory per pod`);
  return `${e.namespace}/${e.kind}/${e.name}: ${parts.join(', ')}`;
}

function formatBytes(b: number): string {
  if (b % (1024 * 1024 * 1024) === 0) return `${b / (1024 * 1024 * 1024)}Gi`;
  if (b % (1024 * 1024) === 0) return `${b / (1024 * 1024)}Mi`;
  return `${b}`;
}

/** `sim load …`: put load on a Service or on pods, take it off, or show it. */
export function simLoad(cluster: Cluster, argv: string[]): string {
  const gen = loadGenerator(cluster);
  if (!gen) throw new Error('this cluster has no load generator');
  const p = parse(argv);
  if (!p.positional.length && !p.flags.size) {
    const all = gen.list();
    return all.length ? all.map(describeLoad).join('\n') : 'No load applied.';
  }
  if (p.positional.length !== 1) throw new Error(LOAD_USAGE);
  const slash = p.positional[0].indexOf('/');
  const kind = slash > 0 ? KINDS[p.positional[0].slice(0, slash).toLowerCase()] : undefined;
  const name = slash > 0 ? p.positional[0].slice(slash + 1) : '';
  if (!kind || !name) throw new Error(`target must be TYPE/NAME (service/web, deployment/web, pod/web-0)\n${LOAD_USAGE}`);
  const nsFlag = p.flags.get('n') ?? p.flags.get('namespace');
  const namespace = typeof nsFlag === 'string' ? nsFlag : 'default';
  const off = p.flags.has('off');
  const rpsText = p.flags.get('rps');
  const cpuText = p.flags.get('cpu');
  const memText = p.flags.get('memory');
  if (kind === 'service' && (cpuText !== undefined || memText !== undefined)) {
    throw new Error('a Service takes requests (--rps); put --cpu/--memory on a workload or pod');
  }
  if (kind !== 'service' && rpsText !== undefined) throw new Error('--rps applies to a Service (requests are sent to its endpoints)');
  if (!off && rpsText === undefined && cpuText === undefined && memText === undefined) throw new Error(LOAD_USAGE);
  const entry: LoadEntry = { kind, namespace, name };
  if (!off) {
    if (typeof rpsText === 'string') {
      const rps = Number(rpsText);
      if (!Number.isFinite(rps) || rps < 0) throw new Error(`invalid --rps "${rpsText}" (a number of requests per second, 0 to stop)`);
      entry.rps = rps;
    }
    if (typeof cpuText === 'string') entry.cpuMilli = quantity(cpuText, 'cpu');
    if (typeof memText === 'string') entry.memoryBytes = quantity(memText, 'memory');
    const rt = cluster.api.resource(RESOURCES[kind]);
    if (!cluster.api.find(rt, namespace, name)) throw new Error(`${rt.plural}${rt.group ? `.${rt.group}` : ''} "${name}" not found`);
  }
  gen.set(entry);
  cluster.settle();
  const target = `${kind}/${name}`;
  if (!entry.rps && !entry.cpuMilli && !entry.memoryBytes) return `load on ${target} stopped`;
  return `load on ${describeLoad(entry)}`;
}
