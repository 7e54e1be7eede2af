import type { IngressAnswer } from './ingress-serve';
import { isIPv4 } from './ip';
import type { NetworkModel } from './model';
import type { ConnectError } from './request';
import type { Trace } from './trace';

/** The ports kind maps from the learner's machine to the node labelled for ingress (kind's ingress guide). */
export const KIND_PORT_MAPPINGS: readonly number[] = [80, 443];
/** The curl on the learner's machine, as servers' logs show it. */
const CURL_AGENT = 'curl/8.5.0';
const CONTROL_PLANE_LABEL = 'node-role.kubernetes.io/control-plane';

export interface OutsideRequest {
  /** The Host header (`-H 'Host: x'`); the URL's host when absent. */
  host?: string;
  /** `-k`: accept a certificate the machine does not trust. */
  insecure?: boolean;
  /** `--resolve HOST:PORT:ADDRESS`: addresses by `host:port`. */
  resolve?: Record<string, string>;
  /** The User-Agent (`-A`); curl's own by default. */
  agent?: string;
}

export type OutsideResult =
  | { kind: 'answer'; answer: IngressAnswer; trace: Trace }
  | { kind: 'error'; error: ConnectError | 'could not resolve' | 'bad url' | 'untrusted certificate'; host: string; port: number; certificate?: string; trace?: Trace };

/**
 * An HTTP request from the learner's machine, the one running kind: `localhost` (and any
 * `*.localhost` name, which curl resolves itself) reaches the ports kind maps onto the
 * control-plane node's container (80 and 443, as kind's ingress guide configures); the
 * Docker network's addresses (node IPs with their NodePorts and hostPorts, load-balancer
 * addresses) are reachable directly. No other name resolves: the sandbox is offline.
 */
export function requestFromOutside(model: NetworkModel, url: string, opts: OutsideRequest = {}): OutsideResult {
  const m = /^(?:(https?):\/\/)?(\[[^\]]*\]|[^/:?#]+)(?::(\d+))?([/?][^#]*)?(?:#.*)?$/.exec(url);
  if (!m?.[2]) return { kind: 'error', error: 'bad url', host: url, port: 0 };
  const scheme = (m[1] ?? 'http').toLowerCase();
  const name = m[2].toLowerCase();
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  let path = m[4] ?? '/';
  if (path.startsWith('?')) path = `/${path}`;
  const client = model.externalClient();
  const trace = model.begin(client, url);
  trace.request = url;
  // curl's --resolve first, then its own rule that *.localhost is the loopback address.
  const pinned = opts.resolve?.[`${name}:${port}`];
  const literal = name === 'localhost' || name.endsWith('.localhost') ? '127.0.0.1' : isIPv4(name) ? name : undefined;
  let ip = pinned ?? literal;
  if (!ip) {
    trace.outcome = 'bad address';
    return { kind: 'error', error: 'could not resolve', host: name, port, trace };
  }
  trace.hops.push({ kind: 'hosts', name, address: ip });
  if (ip === '127.0.0.1') {
    if (!KIND_PORT_MAPPINGS.includes(port)) {
      trace.hops.push({ kind: 'route', address: `127.0.0.1:${port}`, to: 'loopback' });
      trace.hops.push({ kind: 'answer', result: 'connection refused' });
      trace.outcome = 'connection refused';
      return { kind: 'error', error: 'connection refused', host: name, port, trace };
    }
    const node = controlPlaneNode(model);
    const nodeIP = node ? model.views.nodeIP(node) : undefined;
    if (!nodeIP) {
      trace.outcome = 'connection refused';
      return { kind: 'error', error: 'connection refused', host: name, port, trace };
    }
    // Docker's port mapping: the host's port leads to the same port of the node's container.
    trace.hops.push({ kind: 'route', address: `127.0.0.1:${port}`, to: 'node', node });
    ip = nodeIP;
  }
  const hostHeader = opts.host ?? (m[3] ? `${name}:${m[3]}` : name);
  const answer = model.httpGet(client, ip, port, path, trace, { host: hostHeader, sni: name, tls: scheme === 'https', insecure: opts.insecure, agent: opts.agent ?? CURL_AGENT });
  if (typeof answer === 'string') return { kind: 'error', error: answer, host: name, port, trace };
  if (answer.handshake === 'untrusted') return { kind: 'error', error: 'untrusted certificate', host: name, port, certificate: answer.certificate, trace };
  return { kind: 'answer', answer, trace };
}

/** The node kind puts the port mappings on: the control plane. */
function controlPlaneNode(model: NetworkModel): string | undefined {
  const nodes = model.views.nodes.list().filter((n) => n.metadata.labels?.[CONTROL_PLANE_LABEL] !== undefined);
  nodes.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  return nodes[0]?.metadata.name;
}
