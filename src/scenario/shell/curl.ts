import type { Pod } from 'kubernetes-types/core/v1';
import type { Cluster } from '../../engine/sim/cluster';
import { runSim } from '../../engine/sim/commands';
import type { PortForwardRegistry } from '../../kubectl/env';
import type { Outcome } from '../expect';

/** The fleet's HTTP entry point (an HTTP GET to a pod IP), when the cluster has one. */
interface HttpFleet {
  request(ip: string, port: number, path: string, from: string): { status: number; body: string } | string;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '0.0.0.0']);
/** curl flags that take a value. */
const WITH_VALUE = new Set(['-H', '--header', '-o', '--output', '-X', '--request', '-d', '--data', '-m', '--max-time', '-u', '--user', '-A', '--user-agent']);

function url(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (WITH_VALUE.has(args[i])) i++;
    else if (!args[i].startsWith('-')) return args[i];
  }
  return undefined;
}

/**
 * `curl URL` on the learner's machine. A URL on localhost whose port a `kubectl port-forward`
 * listens on reaches the pod through it (the forward reports "Handling connection for PORT");
 * anything else is a request from outside the cluster (`sim curl`: node ports, load balancers,
 * ingress).
 */
export function localCurl(cluster: Cluster, forwards: PortForwardRegistry | undefined, argv: string[]): Outcome {
  const args = argv.slice(1);
  const target = url(args);
  const m = target ? /^(?:(https?):\/\/)?(\[[^\]]*\]|[^/:?#]+)(?::(\d+))?([/?][^#]*)?/.exec(target) : null;
  if (m && LOOPBACK.has(m[2].toLowerCase())) {
    const port = m[3] ? Number(m[3]) : m[1] === 'https' ? 443 : 80;
    const forward = forwards?.find(m[2].toLowerCase(), port);
    if (forward) {
      const handling = `Handling connection for ${port}\n`;
      let stdout = '';
      if (forward.notify) forward.notify(handling);
      else stdout += handling;
      const pod = cluster.store.get('pods', forward.namespace, forward.pod) as Pod | undefined;
      const fleet = cluster.machines as unknown as Partial<HttpFleet>;
      const ip = pod?.status?.podIP;
      let answer: ReturnType<HttpFleet['request']> = 'connection refused';
      if (pod && ip && pod.status?.phase === 'Running' && typeof fleet.request === 'function') {
        answer = fleet.request(ip, forward.remotePort, (m[4] ?? '/').replace(/^\?/, '/?'), '127.0.0.1');
      }
      if (typeof answer === 'string') {
        // The forward accepted the connection but the pod side failed: kubectl logs it, curl gets nothing.
        const why = pod
          ? `failed to connect to localhost:${forward.remotePort} inside namespace "${forward.pod}": ${answer === 'connection refused' ? 'connect: connection refused' : answer}`
          : 'lost connection to pod';
        const error = `E1122 00:00:00.000000   12345 portforward.go:424] "Unhandled Error" err="an error occurred forwarding ${port} -> ${forward.remotePort}: error forwarding port ${forward.remotePort} to pod ${forward.pod}: ${why}"\n`;
        if (forward.notify) forward.notify(error);
        return {
          stdout,
          stderr: `${forward.notify ? '' : error}curl: (52) Empty reply from server\n`,
          exitCode: 52,
        };
      }
      const include = args.includes('-i') || args.includes('--include');
      const head = include ? `HTTP/1.1 ${answer.status} ${answer.status === 200 ? 'OK' : ''}\r\nContent-Length: ${answer.body.length}\r\n\r\n` : '';
      return { stdout: stdout + head + answer.body, stderr: '', exitCode: 0 };
    }
  }
  const out = runSim(cluster, ['curl', ...args]);
  if (out.exitCode !== 0 && out.stderr.includes('unknown sim command')) {
    // Without the outside-network model, nothing but a forward answers on the learner's machine.
    if (!target)
      return {
        stdout: '',
        stderr: "curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n",
        exitCode: 2,
      };
    const host = m?.[2] ?? target;
    const port = m?.[3] ?? (m?.[1] === 'https' ? '443' : '80');
    return {
      stdout: '',
      stderr: `curl: (7) Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server\n`,
      exitCode: 7,
    };
  }
  return out;
}
