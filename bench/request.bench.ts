import type { KubeletFleet } from '../src/engine/kubelet/fleet';
import { networkOf } from '../src/engine/network/install';
import { Cluster } from '../src/engine/sim/cluster';
import { type Figure, time } from './figures';

/**
 * The cost of one simulated request on the default cluster: `http://web` from a pod resolves
 * through CoreDNS (search path), goes to the Service's ClusterIP, kube-proxy picks an endpoint,
 * both ends' NetworkPolicies are evaluated, and nginx answers.
 */
export function requestBenchmarks(): Figure[] {
  const c = Cluster.create({ freezeObjects: false });
  const { api } = c;
  api.create('apps/deployments', 'default', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ name: 'http', containerPort: 80 }] }] } },
    },
  });
  api.create('services', 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] } });
  api.create('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'client', labels: { role: 'client' } }, spec: { containers: [{ name: 'client', image: 'busybox', command: ['sleep', '36000'] }] } });
  // Default deny for the web pods, and one rule letting the client in: every request is evaluated.
  api.create('networking.k8s.io/networkpolicies', 'default', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'web-from-client' },
    spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { role: 'client' } } }], ports: [{ port: 80 }] }] },
  });
  c.advance(60_000);
  const net = networkOf(c);
  const client = net.podClient('default', 'client');
  if (!client) throw new Error('the client pod has no sandbox');
  const first = net.request(client, 'http://web');
  if (typeof first.answer === 'string' || !('status' in first.answer) || first.answer.status !== 200) throw new Error(`the request failed: ${JSON.stringify(first.answer)}`);
  const n = 20_000;
  const ms = time(() => {
    for (let i = 0; i < n; i++) net.request(client, 'http://web');
  });
  const fleet = c.machines as KubeletFleet;
  const execs = 2_000;
  const execMs = time(() => {
    for (let i = 0; i < execs; i++) fleet.exec('default', 'client', undefined, ['wget', '-qO-', 'http://web']);
  });
  return [
    { name: 'request.dns-service-policy.per-request', value: +((ms * 1000) / n).toFixed(1), unit: 'µs' },
    { name: 'request.wget-in-pod.per-request', value: +((execMs * 1000) / execs).toFixed(1), unit: 'µs' },
  ];
}
