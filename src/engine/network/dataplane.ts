import type { KubeletFleet } from '../kubelet/fleet';
import type { HttpAnswer } from '../kubelet/shell/host';
import { appendLog } from '../kubelet/containers';
import type { ContainerRuntime, MachineState, PodRuntime } from '../kubelet/state';

/** Whether something listens at an address and port, and which program it is. */
export interface PortState {
  state: 'open' | 'connection refused' | 'timed out';
  /** The listening process's program (`coredns`, `nginx` …), when known. */
  program?: string;
}

/**
 * The machines as the network sees them: which pod sandbox holds an address, which nodes are
 * up, and what the processes listening there answer. The kubelet fleet is the real one; tests
 * may give a small fake.
 */
export interface Dataplane {
  /** `ns/name` of the pod whose sandbox has `ip` on the pod network. */
  podAt(ip: string): string | undefined;
  /** The node whose kubelet runs the pod. */
  nodeOfPod(key: string): string | undefined;
  /** The machine is down or gone: nothing on it answers. */
  nodeDown(node: string): boolean;
  /** The pod's address as its sandbox has it (pod network, or the node's for hostNetwork pods). */
  podIP(key: string): string | undefined;
  /** What listens on `ip:port` (a pod address or a node address for hostNetwork pods). */
  port(ip: string, port: number, protocol: string): PortState;
  /** An HTTP GET to `ip:port`: the answer of the process there, or a connection error. */
  http(ip: string, port: number, path: string, from: string): HttpAnswer | string;
  /** A line a pod's serving process writes to its log (an ingress controller's access log). */
  log?(pod: string, line: string): void;
  /** Simulated now, for log timestamps. */
  now?(): number;
}

function machineAt(fleet: KubeletFleet, ip: string): MachineState | undefined {
  for (const name of fleet.names()) {
    const m = fleet.machineState(name);
    if (m && m.ip === ip) return m;
  }
  return undefined;
}

/**
 * A server that handles its stop signal (nginx's graceful shutdown on SIGQUIT, most servers on
 * SIGTERM) closes its listening sockets at once and only finishes the connections it has; one
 * that ignores the signal keeps accepting until it is killed.
 */
function shuttingDown(c: ContainerRuntime): boolean {
  return !!c.killing && c.process?.kind === 'program' && c.process.plan.onTerm !== 'ignore';
}

function listeners(rt: PodRuntime, port: number, protocol: string): PortState {
  for (const c of Object.values(rt.containers)) {
    if (c.state !== 'running' || shuttingDown(c)) continue;
    if (c.listening.some((l) => l.port === port && l.protocol === protocol)) {
      return { state: 'open', program: c.process?.kind === 'program' ? c.process.plan.program : undefined };
    }
  }
  return { state: 'connection refused' };
}

/** The kubelet fleet as the data plane: its sandboxes' addresses and its containers' listeners. */
export function kubeletDataplane(fleet: KubeletFleet): Dataplane {
  const runtimeOf = (key: string): { m: MachineState; rt: PodRuntime } | undefined => {
    const node = fleet.state.podNodes[key];
    const m = node ? fleet.machineState(node) : undefined;
    const rt = m?.pods[key];
    return m && rt ? { m, rt } : undefined;
  };
  const port = (ip: string, p: number, protocol: string): PortState => {
    const key = fleet.state.ips[ip];
    if (key) {
      const found = runtimeOf(key);
      if (!found || found.m.down || found.rt.sandbox !== 'ready') return { state: 'timed out' };
      return listeners(found.rt, p, protocol);
    }
    const m = machineAt(fleet, ip);
    if (!m || m.down || m.removed) return { state: 'timed out' };
    for (const rt of Object.values(m.pods)) {
      if (!rt.pod.spec?.hostNetwork) continue;
      const s = listeners(rt, p, protocol);
      if (s.state === 'open') return s;
    }
    return { state: 'connection refused' };
  };
  return {
    podAt: (ip) => fleet.state.ips[ip],
    nodeOfPod: (key) => fleet.state.podNodes[key],
    nodeDown: (node) => !fleet.has(node) || fleet.isDown(node),
    podIP: (key) => {
      const found = runtimeOf(key);
      return found ? (found.rt.ip ?? found.m.ip) : undefined;
    },
    port,
    http(ip, p, path, from) {
      const state = port(ip, p, 'TCP');
      return state.state === 'open' ? fleet.request(ip, p, path, from) : state.state;
    },
    log(key, line) {
      const found = runtimeOf(key);
      const c = found && Object.values(found.rt.containers).find((x) => x.state === 'running');
      if (c) appendLog(c, 'stdout', `${line}\n`, fleet.now());
    },
    now: () => fleet.now(),
  };
}
