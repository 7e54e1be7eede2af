import type { Service } from 'kubernetes-types/core/v1';
import type { NetworkPolicy } from 'kubernetes-types/networking/v1';
import { describe, expect, it } from 'vitest';
import type { KubeletFleet } from '../kubelet/fleet';
import { Cluster } from '../sim/cluster';
import { networkOf } from './install';
import type { Hop } from './trace';

// End to end on the default preset: the kubelets run the pods, the controllers keep the
// EndpointSlices, and the network model carries `wget` and `nslookup` from a busybox pod.

function webCluster(seed = 1, replicas = 2) {
  const c = Cluster.create({ seed });
  const api = c.api;
  api.create('apps/deployments', 'default', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ name: 'http', containerPort: 80 }] }] } } },
  });
  api.create('services', 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] } });
  api.create('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'client', labels: { role: 'client' } }, spec: { containers: [{ name: 'client', image: 'busybox', command: ['sleep', '3600'] }] } });
  c.advance(30_000);
  const fleet = c.machines as KubeletFleet;
  const exec = (argv: string[], pod = 'client') => fleet.exec('default', pod, undefined, argv);
  const net = networkOf(c);
  const policy = (name: string, spec: NetworkPolicy['spec']) => api.create('networking.k8s.io/networkpolicies', 'default', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name }, spec });
  const client = () => {
    const cl = net.podClient('default', 'client');
    if (!cl) throw new Error('client pod has no sandbox');
    return cl;
  };
  return { c, api, exec, net, policy, client, clusterIP: api.get<Service>('services', 'default', 'web').spec?.clusterIP as string };
}

const kinds = (hops: Hop[]) => hops.map((h) => h.kind);

describe('the network model in a cluster', () => {
  it('carries wget to a Deployment behind a Service, resolves its name, and refuses once it has no endpoints', () => {
    const { c, api, exec, net, clusterIP } = webCluster();
    const page = exec(['wget', '-qO-', 'http://web']);
    expect(page.exitCode).toBe(0);
    expect(page.stdout).toContain('Welcome to nginx!');

    const trace = net.traces().at(-1);
    expect(trace?.request).toBe('http://web/');
    expect(trace?.outcome).toBe('200');
    expect(kinds(trace?.hops ?? [])).toEqual(['dns', 'service', 'route', 'policy', 'policy', 'answer']);
    expect(trace?.hops[1]).toMatchObject({ kind: 'service', service: 'default/web', address: `${clusterIP}:80`, candidates: 2 });

    const ns = exec(['nslookup', 'web.default.svc.cluster.local']);
    expect(ns.exitCode).toBe(0);
    expect(ns.stdout).toContain('Name:\tweb.default.svc.cluster.local');
    expect(ns.stdout).toContain(`Address: ${clusterIP}`);

    api.updateScale('apps/deployments', 'default', 'web', 0);
    c.advance(5_000);
    const refused = exec(['wget', '-qO-', '-T', '2', 'http://web']);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('Connection refused');
    expect(net.traces().at(-1)?.hops.find((h) => h.kind === 'service')).toMatchObject({ reason: 'no endpoints' });
  });

  it('times out once a deny-all policy isolates the pods, and lets allowed clients through', () => {
    const { c, exec, net, policy, client } = webCluster();
    policy('default-deny', { podSelector: {}, policyTypes: ['Ingress'] });
    c.advance(1_000);
    const blocked = exec(['wget', '-qO-', '-T', '2', 'http://web']);
    expect(blocked.exitCode).toBe(1);
    expect(blocked.stderr).toContain('Connection timed out');
    expect(net.traces().at(-1)?.hops.find((h) => h.kind === 'policy' && h.direction === 'ingress')).toMatchObject({ verdict: 'denied', selecting: ['default-deny'] });

    policy('allow-clients', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { role: 'client' } } }], ports: [{ port: 'http' }] }] });
    expect(net.request(client(), 'http://web').answer).toMatchObject({ status: 200 });
  });

  it('breaks name resolution with an egress deny-all until DNS to kube-dns is allowed', () => {
    const { c, exec, net, policy, client } = webCluster();
    policy('deny-egress', { podSelector: {}, policyTypes: ['Egress'] });
    c.advance(1_000);
    expect(net.lookup(client(), 'web').outcome).toBe('timed out');
    expect(exec(['wget', '-qO-', '-T', '2', 'http://web']).stderr).toContain("bad address 'web'");

    policy('allow-dns', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }],
    });
    expect(net.lookup(client(), 'web').outcome).toBe('ok');
    const r = net.request(client(), 'http://web');
    expect(r.answer).toBe('timed out');
    expect(r.trace.hops.find((h) => h.kind === 'policy' && h.direction === 'egress' && h.verdict === 'denied')).toBeTruthy();
  });

  it('times lookups out while no CoreDNS pod is ready', () => {
    const { c, api, net, client } = webCluster();
    api.updateScale('apps/deployments', 'kube-system', 'coredns', 0);
    c.advance(10_000);
    const r = net.lookup(client(), 'web');
    expect(r.outcome).toBe('timed out');
    api.updateScale('apps/deployments', 'kube-system', 'coredns', 2);
    c.advance(30_000);
    expect(net.lookup(client(), 'web').outcome).toBe('ok');
  });

  it('picks the same endpoints for the same seed', () => {
    const picks = (seed: number) => {
      const { net, client } = webCluster(seed, 3);
      return Array.from({ length: 12 }, () => {
        const r = net.request(client(), 'http://web');
        return r.trace.hops.find((h) => h.kind === 'service')?.kind === 'service' ? (r.trace.hops.find((h) => h.kind === 'service') as { endpoint?: string }).endpoint : undefined;
      });
    };
    const a = picks(5);
    expect(a).toEqual(picks(5));
    expect(new Set(a).size).toBeGreaterThan(1);
  });

  it('serves NodePorts and load-balancer addresses to the outside, and survives a snapshot', () => {
    const { c, api, net } = webCluster();
    api.create('services', 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web-lb' }, spec: { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 8080, targetPort: 80, nodePort: 30080 }] } });
    c.advance(5_000);
    const lb = api.get<Service>('services', 'default', 'web-lb');
    const ip = lb.status?.loadBalancer?.ingress?.[0]?.ip;
    expect(ip).toBe('172.18.255.200');
    const outside = net.externalClient();
    expect(net.request(outside, 'http://172.18.0.3:30080/').answer).toMatchObject({ status: 200 });
    expect(net.request(outside, `http://${ip}:8080/`).answer).toMatchObject({ status: 200 });
    // The cluster IP is not routed outside the cluster.
    expect(net.request(outside, `http://${lb.spec?.clusterIP}:8080/`).answer).toBe('timed out');

    const before = net.traces().length;
    const restored = Cluster.fromSnapshot(c.snapshot());
    restored.settle();
    const rnet = networkOf(restored);
    expect(rnet.traces().length).toBe(before);
    const page = (restored.machines as KubeletFleet).exec('default', 'client', undefined, ['wget', '-qO-', 'http://web-lb:8080']);
    expect(page.stdout).toContain('Welcome to nginx!');
  });

  it('names StatefulSet pods under their headless Service', () => {
    const c = Cluster.create({ seed: 2 });
    c.api.create('services', 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'nginx' }, spec: { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ name: 'web', port: 80 }] } });
    c.api.create('apps/statefulsets', 'default', {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'web' },
      spec: { serviceName: 'nginx', replicas: 2, selector: { matchLabels: { app: 'nginx' } }, template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ name: 'web', containerPort: 80 }] }] } } },
    });
    c.api.create('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'client' }, spec: { containers: [{ name: 'client', image: 'busybox', command: ['sleep', '3600'] }] } });
    c.advance(60_000);
    const net = networkOf(c);
    const client = net.podClient('default', 'client');
    if (!client) throw new Error('no client');
    const web0 = c.api.get('pods', 'default', 'web-0') as { status?: { podIP?: string } };
    expect(net.lookup(client, 'web-0.nginx').addresses).toEqual([web0.status?.podIP]);
    expect(net.lookup(client, 'nginx').addresses).toHaveLength(2);
    const srv = net.dns.query('_web._tcp.nginx.default.svc.cluster.local', 'SRV');
    expect(srv.answers.map((a) => (a.type === 'SRV' ? a.target : '')).sort()).toEqual(['web-0.nginx.default.svc.cluster.local', 'web-1.nginx.default.svc.cluster.local']);
    const podName = `${web0.status?.podIP?.replaceAll('.', '-')}.default.pod.cluster.local`;
    expect(net.lookup(client, podName).addresses).toEqual([web0.status?.podIP]);
  });
});
