import { resourceKey } from '../apiserver/registry';
import { parseDuration } from './clock';
import type { Cluster } from './cluster';
import type { PressureKind, ProbeKind } from './machines';
import { addons, findAddon } from './addons';
import { curl } from '../network/curl';
import { networkOf } from '../network/install';
import { describeLoad, loadGenerator, simLoad } from '../metrics/loadcommand';

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

class UsageError extends Error {}

interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
}

/** `--flag value`, `--flag=value`, and bare boolean flags listed in `bools`. */
function parseArgs(argv: string[], bools: string[] = []): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--') || (a.startsWith('-') && a.length === 2)) {
      const eq = a.indexOf('=');
      const name = (eq >= 0 ? a.slice(0, eq) : a).replace(/^-+/, '');
      if (eq >= 0) flags.set(name, a.slice(eq + 1));
      else if (bools.includes(name)) flags.set(name, true);
      else {
        if (i + 1 >= argv.length) throw new UsageError(`flag needs an argument: ${a}`);
        flags.set(name, argv[++i]);
      }
    } else positional.push(a);
  }
  return { positional, flags };
}

function flag(p: Parsed, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = p.flags.get(n);
    if (typeof v === 'string') return v;
  }
  return undefined;
}

function checkFlags(p: Parsed, known: string[]): void {
  for (const name of p.flags.keys()) if (!known.includes(name)) throw new UsageError(`unknown flag: --${name}`);
}

function needs(p: Parsed, count: number, usage: string): void {
  if (p.positional.length !== count) throw new UsageError(`usage: sim ${usage}`);
}

function requireNode(cluster: Cluster, name: string): void {
  if (!cluster.machines.has(name)) throw new UsageError(`no machine named "${name}" (machines: ${cluster.machines.names().join(', ')})`);
}

function duration(text: string): number {
  try {
    return parseDuration(text);
  } catch {
    throw new UsageError(`invalid duration "${text}" (use 500ms, 30s, 5m, 1h, 1m30s)`);
  }
}

/** Format a duration the way Go prints time.Duration (`1m30s`, `4m0s`, `500ms`). */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const total = ms / 1000;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = +(total % 60).toFixed(3);
  if (h) return `${h}h${m}m${s}s`;
  if (m) return `${m}m${s}s`;
  return `${s}s`;
}

export const SIM_HELP = `Simulation commands:
  sim advance DURATION                      move simulated time forward (e.g. 30s, 5m, 1m30s)
  sim node-down NODE                        the machine is powered off: its containers are gone
  sim node-up NODE                          the machine boots; its kubelet restarts the pods bound to it
  sim add-node NAME [--cpu N] [--memory Q] [--zone Z] [--labels k=v,...]
                                            a new worker joins and registers itself
  sim remove-node NAME                      the machine is gone for good (its Node object stays until deleted)
  sim probe-fail POD --probe liveness|readiness|startup [--container C] [--for DURATION] [-n NAMESPACE]
                                            that probe starts failing (until --for ends, or for good)
  sim crash POD [--container C] [--exit-code N] [-n NAMESPACE]
                                            the container's process exits now (default exit code 1)
  sim node-pressure NODE memory|disk|pid [--off]
                                            something outside the pods uses up memory, disk or PIDs: the kubelet
                                            reports the pressure condition and evicts pods until it recovers
  sim partition NODE [--off]                the machine runs on but cannot reach the API server (or reaches it again)
  sim kubelet-stop NODE                     the kubelet process stops; the containers keep running
  sim kubelet-start NODE                    the kubelet starts again and syncs what it finds
  sim zone-down ZONE                        every machine in the zone stops answering
  sim zone-up ZONE                          the zone's machines answer again
  sim registry-down [HOST]                  an image registry (docker.io, registry.k8s.io …; all when no HOST) answers 503
  sim registry-up [HOST]                    the registry answers again
  sim oom POD [--container C] [-n NAMESPACE]
                                            the kernel's OOM killer kills the container (exit 137, OOMKilled)
  sim slow-start POD|IMAGE --by DURATION [-n NAMESPACE]
                                            containers of that pod (or image) take that much longer to start up (0s: normal)
  sim hang POD [--container C] [--for DURATION] [--off] [-n NAMESPACE]
                                            the container's process stops answering requests (probes time out)
  sim load service/NAME --rps N [-n NAMESPACE]
                                            send N requests per second to a Service (spread over its ready endpoints)
  sim load deployment|pod/NAME [--cpu Q] [--memory Q] [-n NAMESPACE]
                                            each selected pod's main container uses that much more (--off or 0 stops)
  sim addon list                            the add-ons a fresh cluster can install (metrics-server, an ingress controller …)
  sim addon enable NAME                     install an add-on's objects, as kubectl apply of its manifests would
  sim curl URL [-H 'Host: NAME'] [-k] [-v] [-i] [-f] [-L] [-w FORMAT] [--resolve HOST:PORT:ADDR]
                                            an HTTP request from your own machine (localhost:80/443 reach the ingress node)
  sim status                                simulated time, seed and object counts`;

/** The `sim` commands the terminal, lessons and scenarios share. */
export function runSim(cluster: Cluster, argv: string[]): CommandResult {
  const words = argv[0] === 'sim' ? argv.slice(1) : argv;
  // curl keeps curl's own output and exit codes.
  if (words[0] === 'curl') return curl(networkOf(cluster), words.slice(1));
  try {
    return { stdout: dispatch(cluster, argv), stderr: '', exitCode: 0 };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { stdout: '', stderr: `error: ${message}`, exitCode: 1 };
  }
}

function dispatch(cluster: Cluster, argv: string[]): string {
  const [command, ...rest] = argv[0] === 'sim' ? argv.slice(1) : argv;
  const m = cluster.machines;
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      return SIM_HELP;
    case 'advance': {
      const p = parseArgs(rest);
      checkFlags(p, []);
      needs(p, 1, 'advance DURATION');
      const ms = duration(p.positional[0]);
      cluster.advance(ms);
      return `advanced ${formatDuration(ms)}; simulated time is now ${cluster.clock.timestamp()}`;
    }
    case 'node-down':
    case 'node-up': {
      const p = parseArgs(rest);
      checkFlags(p, []);
      needs(p, 1, `${command} NODE`);
      const node = p.positional[0];
      requireNode(cluster, node);
      if (m.isPartitioned(node)) throw new UsageError(`machine ${node} is partitioned (use: sim partition ${node} --off)`);
      m.setDown(node, command === 'node-down');
      cluster.settle();
      return command === 'node-down' ? `machine ${node} stopped answering (powered off)` : `machine ${node} is answering again (rebooted)`;
    }
    case 'add-node': {
      const p = parseArgs(rest);
      checkFlags(p, ['cpu', 'memory', 'zone', 'labels']);
      needs(p, 1, 'add-node NAME [--cpu N] [--memory Q] [--zone Z] [--labels k=v,...]');
      const name = p.positional[0];
      if (m.has(name)) throw new UsageError(`a machine named "${name}" already exists`);
      const labels: Record<string, string> = {};
      for (const pair of (flag(p, 'labels') ?? '').split(',').filter(Boolean)) {
        const eq = pair.indexOf('=');
        if (eq <= 0) throw new UsageError(`invalid label "${pair}" (use key=value)`);
        labels[pair.slice(0, eq)] = pair.slice(eq + 1);
      }
      m.add({ name, cpu: flag(p, 'cpu') ?? '2', memory: flag(p, 'memory') ?? '4Gi', zone: flag(p, 'zone'), labels });
      cluster.settle();
      return `machine ${name} joined the cluster`;
    }
    case 'remove-node': {
      const p = parseArgs(rest);
      checkFlags(p, []);
      needs(p, 1, 'remove-node NAME');
      requireNode(cluster, p.positional[0]);
      m.remove(p.positional[0]);
      cluster.settle();
      return `machine ${p.positional[0]} is gone (its Node object stays until you delete it)`;
    }
    case 'probe-fail': {
      const p = parseArgs(rest);
      checkFlags(p, ['probe', 'container', 'for', 'n', 'namespace']);
      needs(p, 1, 'probe-fail POD --probe liveness|readiness|startup [--container C] [--for DURATION]');
      const probe = flag(p, 'probe');
      if (probe !== 'liveness' && probe !== 'readiness' && probe !== 'startup') {
        throw new UsageError('--probe must be liveness, readiness or startup');
      }
      const ns = flag(p, 'n', 'namespace') ?? 'default';
      const forText = flag(p, 'for');
      m.failProbe(ns, p.positional[0], probe as ProbeKind, flag(p, 'container'), forText ? duration(forText) : undefined);
      cluster.settle();
      return `${probe} probe of pod ${p.positional[0]} now fails${forText ? ` for ${forText}` : ''}`;
    }
    case 'crash': {
      const p = parseArgs(rest);
      checkFlags(p, ['container', 'exit-code', 'n', 'namespace']);
      needs(p, 1, 'crash POD [--container C] [--exit-code N]');
      const codeText = flag(p, 'exit-code') ?? '1';
      const code = Number(codeText);
      if (!Number.isInteger(code) || code < 0 || code > 255) throw new UsageError(`invalid exit code "${codeText}" (0-255)`);
      m.crash(flag(p, 'n', 'namespace') ?? 'default', p.positional[0], flag(p, 'container'), code);
      cluster.settle();
      return `container of pod ${p.positional[0]} exited with code ${code}`;
    }
    case 'node-pressure': {
      const p = parseArgs(rest, ['off']);
      checkFlags(p, ['off']);
      needs(p, 2, 'node-pressure NODE memory|disk|pid [--off]');
      const [node, kind] = p.positional;
      requireNode(cluster, node);
      if (kind !== 'memory' && kind !== 'disk' && kind !== 'pid') throw new UsageError('pressure must be memory, disk or pid');
      const on = !p.flags.has('off');
      m.setPressure(node, kind as PressureKind, on);
      cluster.settle();
      return `${node}: ${kind} pressure ${on ? 'on' : 'off'}`;
    }
    case 'partition':
    case 'kubelet-stop':
    case 'kubelet-start':
    case 'zone-down':
    case 'zone-up':
    case 'registry-down':
    case 'registry-up':
    case 'oom':
    case 'slow-start':
    case 'hang':
      return fault(cluster, command, rest);
    case 'load':
      return simLoad(cluster, rest);
    case 'addon':
      return addon(cluster, rest);
    case 'status':
      return status(cluster);
    default:
      throw new UsageError(`unknown sim command "${command}" (try: sim help)`);
  }
}

function addon(cluster: Cluster, argv: string[]): string {
  const p = parseArgs(argv);
  checkFlags(p, []);
  const [verb, name] = p.positional;
  if (verb === 'list' && p.positional.length === 1) {
    if (!addons.length) return 'No add-ons available.';
    const width = Math.max(...addons.map((a) => a.name.length)) + 2;
    return addons.map((a) => `${a.name.padEnd(width)}${a.installed(cluster) ? 'enabled ' : 'disabled'}  ${a.summary}`).join('\n');
  }
  if (verb !== 'enable' || p.positional.length !== 2) throw new UsageError('usage: sim addon list | sim addon enable NAME');
  const found = findAddon(name);
  if (!found) throw new UsageError(`unknown add-on "${name}" (try: sim addon list)`);
  if (found.installed(cluster)) return `add-on ${name} is already enabled`;
  const lines = found.install(cluster);
  cluster.settle();
  return lines.join('\n');
}

function status(cluster: Cluster): string {
  const created = cluster.api.find('namespaces', '', 'kube-system')?.metadata.creationTimestamp;
  const since = created ? cluster.clock.now() - Date.parse(created) : 0;
  const lines = [
    `Simulated time: ${cluster.clock.timestamp()} (${formatDuration(since)} since the cluster was created)`,
    `Seed:           ${cluster.seed}`,
    `Preset:         ${cluster.preset}`,
    `Machines:       ${cluster.machines.names().map((n) => `${n}${machineNote(cluster, n)}`).join(', ')}`,
  ];
  const registries = cluster.machines.registriesDown();
  if (registries.length) lines.push(`Registries down: ${registries.map((r) => (r === '*' ? 'all' : r)).join(', ')}`);
  const load = loadGenerator(cluster)?.list() ?? [];
  if (load.length) lines.push('Load:', ...load.map((e) => `  ${describeLoad(e)}`));
  lines.push('Objects:');
  for (const rt of cluster.registry.all().sort((a, b) => a.plural.localeCompare(b.plural))) {
    const n = cluster.store.count(resourceKey(rt));
    if (n) lines.push(`  ${rt.plural.padEnd(28)}${n}`);
  }
  return lines.join('\n');
}

function machineNote(cluster: Cluster, name: string): string {
  const m = cluster.machines;
  if (m.isPartitioned(name)) return ' (partitioned)';
  if (m.isDown(name)) return ' (down)';
  if (!m.isKubeletRunning(name)) return ' (kubelet stopped)';
  return '';
}

/** The failure catalogue: faults a learner injects and Kubernetes reacts to. */
function fault(cluster: Cluster, command: string, argv: string[]): string {
  const m = cluster.machines;
  const settled = (text: string) => {
    cluster.settle();
    return text;
  };
  switch (command) {
    case 'partition': {
      const p = parseArgs(argv, ['off']);
      checkFlags(p, ['off']);
      needs(p, 1, 'partition NODE [--off]');
      const node = p.positional[0];
      requireNode(cluster, node);
      const on = !p.flags.has('off');
      if (on && m.isDown(node) && !m.isPartitioned(node)) throw new UsageError(`machine ${node} is down (use: sim node-up ${node})`);
      m.setPartitioned(node, on);
      return settled(on ? `machine ${node} is cut off from the API server (its containers keep running)` : `machine ${node} reaches the API server again`);
    }
    case 'kubelet-stop':
    case 'kubelet-start': {
      const p = parseArgs(argv);
      checkFlags(p, []);
      needs(p, 1, `${command} NODE`);
      const node = p.positional[0];
      requireNode(cluster, node);
      m.setKubeletRunning(node, command === 'kubelet-start');
      return settled(command === 'kubelet-stop' ? `kubelet on ${node} stopped (its containers keep running)` : `kubelet on ${node} started`);
    }
    case 'zone-down':
    case 'zone-up': {
      const p = parseArgs(argv);
      checkFlags(p, []);
      needs(p, 1, `${command} ZONE`);
      const zone = p.positional[0];
      const names = m.zoneMachines(zone);
      if (!names.length) throw new UsageError(`no machines in zone "${zone}"`);
      for (const n of names) if (!m.isPartitioned(n)) m.setDown(n, command === 'zone-down');
      return settled(`zone ${zone}: ${names.join(', ')} ${command === 'zone-down' ? 'stopped answering' : 'answer again'}`);
    }
    case 'registry-down':
    case 'registry-up': {
      const p = parseArgs(argv);
      checkFlags(p, []);
      if (p.positional.length > 1) throw new UsageError(`usage: sim ${command} [HOST]`);
      const host = p.positional[0];
      if (host !== undefined && !/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d+)?$/i.test(host)) throw new UsageError(`invalid registry host "${host}"`);
      m.setRegistryDown(host, command === 'registry-down');
      const what = host ? `registry ${host}` : 'every image registry';
      return settled(command === 'registry-down' ? `${what} answers 503 Service Unavailable` : `${what} answers again`);
    }
    case 'oom': {
      const p = parseArgs(argv);
      checkFlags(p, ['container', 'n', 'namespace']);
      needs(p, 1, 'oom POD [--container C]');
      m.oomKill(flag(p, 'n', 'namespace') ?? 'default', p.positional[0], flag(p, 'container'));
      return settled(`container of pod ${p.positional[0]} was OOM-killed (exit code 137)`);
    }
    case 'slow-start': {
      const p = parseArgs(argv);
      checkFlags(p, ['by', 'n', 'namespace']);
      needs(p, 1, 'slow-start POD|IMAGE --by DURATION');
      const byText = flag(p, 'by');
      if (!byText) throw new UsageError('usage: sim slow-start POD|IMAGE --by DURATION');
      const ms = duration(byText);
      const target = p.positional[0];
      const ns = flag(p, 'n', 'namespace') ?? 'default';
      // A name with a tag, digest or registry path is an image; anything else must be a pod.
      const isImage = /[:/@]/.test(target) || !cluster.api.find('pods', ns, target);
      if (isImage && !/[:/@]/.test(target) && p.flags.has('n')) throw new UsageError(`pods "${target}" not found`);
      m.setSlowStart(isImage ? { image: target } : { pod: { namespace: ns, name: target } }, ms);
      const what = isImage ? `containers of image ${target}` : `containers of pod ${target}`;
      return settled(ms ? `${what} take ${formatDuration(ms)} longer to start up from their next start` : `${what} start up normally again`);
    }
    case 'hang': {
      const p = parseArgs(argv, ['off']);
      checkFlags(p, ['container', 'for', 'off', 'n', 'namespace']);
      needs(p, 1, 'hang POD [--container C] [--for DURATION] [--off]');
      const forText = flag(p, 'for');
      const off = p.flags.has('off');
      m.hang(flag(p, 'n', 'namespace') ?? 'default', p.positional[0], flag(p, 'container'), off ? 0 : forText ? duration(forText) : undefined);
      return settled(off ? `pod ${p.positional[0]} answers again` : `pod ${p.positional[0]} stopped answering requests${forText ? ` for ${forText}` : ''}`);
    }
  }
  throw new UsageError(`unknown sim command "${command}" (try: sim help)`);
}
