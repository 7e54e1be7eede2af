import type { Pod, Service } from 'kubernetes-types/core/v1';
import type { Stored } from '../../engine/api/types';
import type { Command, Ctx } from '../command';
import type { PortForward, PortForwardRegistry } from '../env';
import { fatal, usageError } from '../errors';
import { help } from '../help/port-forward';
import { podFor } from './pods';

/** The forwards of one learner's machine; ports picked for `:REMOTE` count up from here. */
const FIRST_RANDOM_PORT = 37_651;

export class PortForwards implements PortForwardRegistry {
  private readonly active: PortForward[] = [];
  private nextRandom = FIRST_RANDOM_PORT;

  find(address: string, port: number): PortForward | undefined {
    const wanted = address === 'localhost' ? ['127.0.0.1', '::1'] : [address.replace(/^\[|\]$/g, '')];
    return this.active.find((f) => f.localPort === port && f.addresses.some((a) => a === '0.0.0.0' || a === '::' || wanted.includes(a)));
  }

  add(forward: PortForward): void {
    this.active.push(forward);
  }

  remove(forward: PortForward): void {
    const i = this.active.indexOf(forward);
    if (i >= 0) this.active.splice(i, 1);
  }

  list(): PortForward[] {
    return [...this.active];
  }

  /** A free local port, as the kernel hands one out for port 0. */
  randomPort(): number {
    while (this.active.some((f) => f.localPort === this.nextRandom)) this.nextRandom++;
    return this.nextRandom++;
  }
}

/** A `[LOCAL:]REMOTE` argument with REMOTE possibly a port name. */
interface PortSpec {
  local: string;
  remote: string;
}

function parsePort(arg: string): PortSpec {
  const parts = arg.split(':');
  if (parts.length > 2) throw new Error(`invalid port format '${arg}'`);
  return parts.length === 1 ? { local: parts[0], remote: parts[0] } : { local: parts[0], remote: parts[1] };
}

function portNumber(text: string, what: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 0 || n > 65535) throw new Error(`Error parsing ${what} port '${text}': strconv.ParseUint: parsing "${text}": invalid syntax`);
  return n;
}

/** A container port by name (convertPodNamedPortToNumber). */
function namedContainerPort(pod: Pod, name: string): number | undefined {
  for (const c of pod.spec?.containers ?? []) for (const p of c.ports ?? []) if (p.name === name) return p.containerPort;
  return undefined;
}

/** What a service port stands for in the pod: its targetPort, a number or a container port's name. */
function servicePortToTarget(svc: Service, pod: Pod, remote: string): number {
  const ports = svc.spec?.ports ?? [];
  const byName = /^\d+$/.test(remote) ? undefined : ports.find((p) => p.name === remote);
  if (!/^\d+$/.test(remote) && !byName) throw new Error(`Service '${svc.metadata?.name}' does not have a named port '${remote}'`);
  const port = byName ?? ports.find((p) => p.port === Number(remote));
  if (!port) throw new Error(`Service ${svc.metadata?.name} does not have a service port ${remote}`);
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const n = namedContainerPort(pod, target);
  if (n === undefined) throw new Error(`Pod '${pod.metadata?.name}' does not have a named port '${target}'`);
  return n;
}

function listenAddresses(ctx: Ctx): string[] {
  const out: string[] = [];
  for (const a of ctx.flags.strings('address')) {
    if (a === 'localhost') out.push('127.0.0.1', '::1');
    else if (/^(\d{1,3}\.){3}\d{1,3}$/.test(a) || a.includes(':')) out.push(a);
    else throw new Error(`${a} is not a valid IP`);
  }
  return out.length ? out : ['127.0.0.1', '::1'];
}

const shown = (address: string) => (address.includes(':') ? `[${address}]` : address);

export const portForwardCommand: Command = {
  name: 'port-forward',
  help,
  async run(ctx) {
    if (ctx.args.length < 2) throw usageError(ctx.path, 'TYPE/NAME and list of ports are required for port-forward');
    const [target, ...portArgs] = ctx.args;
    const { pod } = podFor(ctx, target);
    // Forwarding is its own request (POST pods/portforward), with its own permission.
    ctx.api.authorizeConnect('create', 'pods', pod.metadata.namespace ?? ctx.namespace, pod.metadata.name, 'portforward');
    const slash = target.indexOf('/');
    const kind = slash < 0 ? 'pods' : target.slice(0, slash).toLowerCase();
    const isService = ['svc', 'service', 'services'].includes(kind) || kind.startsWith('services.') || kind.startsWith('service.');
    const svc = isService ? (ctx.api.get(ctx.api.resource('services'), ctx.namespace, target.slice(slash + 1)) as Stored<Service>) : undefined;
    const specs = portArgs.map(parsePort);
    const ports = specs.map((s) => {
      let remote: number;
      if (svc) remote = servicePortToTarget(svc, pod, s.remote);
      else if (/^\d+$/.test(s.remote)) remote = portNumber(s.remote, 'remote');
      else {
        const n = namedContainerPort(pod, s.remote);
        if (n === undefined) throw new Error(`Pod '${pod.metadata.name}' does not have a named port '${s.remote}'`);
        remote = n;
      }
      // With no local port given, it is the port as written (a service port for a service).
      const localText = s.local === s.remote && !/^\d+$/.test(s.local) ? String(remote) : s.local;
      return { localText, remote };
    });
    const addresses = listenAddresses(ctx);
    if (pod.status?.phase !== 'Running') throw new Error(`unable to forward port because pod is not running. Current status=${pod.status?.phase ?? 'Pending'}`);
    const registry = ctx.env.portForwards;
    if (!registry) throw fatal('port-forward needs the learner\u2019s machine to listen on; run it in the sandbox terminal');
    const started: PortForward[] = [];
    const failed: string[] = [];
    for (const p of ports) {
      const localPort =
        p.localText === '' || p.localText === '0' ? (registry instanceof PortForwards ? registry.randomPort() : 0) : portNumber(p.localText, 'local');
      const taken = addresses.filter((a) => registry.find(a, localPort));
      if (taken.length === addresses.length) {
        ctx.io.err(
          `Unable to listen on port ${localPort}: Listeners failed to create with the following errors: [${taken
            .map((a) => `unable to create listener: Error listen tcp${a.includes(':') ? 6 : 4} ${shown(a)}:${localPort}: bind: address already in use`)
            .join(' ')}]\n`,
        );
        failed.push(`{${localPort} ${p.remote}}`);
        continue;
      }
      const forward: PortForward = {
        namespace: pod.metadata.namespace ?? ctx.namespace,
        pod: pod.metadata.name,
        addresses: addresses.filter((a) => !taken.includes(a)),
        localPort,
        remotePort: p.remote,
      };
      // A forward in the foreground reports its connections in its own terminal output.
      if (ctx.env.waitForInterrupt) forward.notify = (text) => ctx.io.out(text);
      for (const a of forward.addresses) ctx.io.out(`Forwarding from ${shown(a)}:${localPort} -> ${p.remote}\n`);
      registry.add(forward);
      started.push(forward);
    }
    if (!started.length) throw fatal(`unable to listen on any of the requested ports: [${failed.join(' ')}]`);
    // In a terminal, kubectl keeps forwarding until Ctrl-C; headless (or behind `&`) the forward stays registered.
    if (ctx.env.waitForInterrupt) {
      await ctx.env.waitForInterrupt();
      for (const f of started) registry.remove(f);
    }
  },
};
