import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { NetworkPolicy } from 'kubernetes-types/networking/v1';
import { describe, expect, it } from 'vitest';
import { serviceAllocationAdmission } from '../apiserver/admission/serviceips';
import { controllerHarness } from '../controllers/harness';
import type { Dataplane } from './dataplane';
import { NetworkModel } from './model';
import type { Client } from './request';
import { slice } from './testing';

/** Pods on a fake data plane: each address runs a server on some ports. */
interface FakePod {
  key: string;
  node: string;
  ip: string;
  labels?: Record<string, string>;
  hostNetwork?: boolean;
  ports?: { port: number; protocol?: string; program?: string }[];
}

const NODES = { 'worker-1': '172.18.0.3', 'worker-2': '172.18.0.4' } as Record<string, string>;

function setup(pods: FakePod[], down: string[] = []) {
  const h = controllerHarness((ctx) => new NetworkModel(ctx));
  h.api.use(serviceAllocationAdmission());
  const model = h.controllers[0] as NetworkModel;
  for (const ns of ['default', 'kube-system']) h.api.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  for (const [name, ip] of Object.entries(NODES)) {
    const n = h.api.create<Node>('nodes', '', { apiVersion: 'v1', kind: 'Node', metadata: { name } });
    h.api.updateStatus<Node>('nodes', '', { ...n, status: { addresses: [{ type: 'InternalIP', address: ip }] } });
  }
  for (const p of pods) {
    const [ns, name] = p.key.split('/');
    h.api.create<Pod>('pods', ns, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: ns, labels: p.labels },
      spec: { nodeName: p.node, hostNetwork: p.hostNetwork, containers: [{ name: 'c', image: 'nginx' }] },
    });
  }
  const byIP = (ip: string) => pods.find((p) => p.ip === ip && !p.hostNetwork);
  const dp: Dataplane = {
    podAt: (ip) => byIP(ip)?.key,
    nodeOfPod: (key) => pods.find((p) => p.key === key)?.node,
    nodeDown: (node) => down.includes(node),
    podIP: (key) => pods.find((p) => p.key === key)?.ip,
    port(ip, port, protocol) {
      const here = byIP(ip) ? [byIP(ip) as FakePod] : pods.filter((p) => p.hostNetwork && NODES[p.node] === ip);
      if (!here.length && !Object.values(NODES).includes(ip)) return { state: 'timed out' };
      for (const p of here) {
        const l = p.ports?.find((x) => x.port === port && (x.protocol ?? 'TCP') === protocol);
        if (l) return { state: 'open', program: l.program };
      }
      return { state: 'connection refused' };
    },
    http(ip, port) {
      const s = dp.port(ip, port, 'TCP');
      return s.state === 'open' ? { status: 200, body: `hello from ${byIP(ip)?.key ?? ip}` } : s.state;
    },
  };
  model.attach(dp);
  const client = (key: string): Client => {
    const [ns, name] = key.split('/');
    const c = model.podClient(ns, name);
    if (!c) throw new Error(`no client ${key}`);
    return c;
  };
  const policy = (name: string, spec: NetworkPolicy['spec']) => h.api.create('networking.k8s.io/networkpolicies', 'default', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name }, spec });
  return { ...h, model, client, policy };
}

const web: FakePod = { key: 'default/web', node: 'worker-2', ip: '10.244.2.5', labels: { app: 'web' }, ports: [{ port: 80 }] };
const cli: FakePod = { key: 'default/client', node: 'worker-1', ip: '10.244.1.7', labels: { role: 'client' }, ports: [{ port: 8080 }] };
const agent: FakePod = { key: 'kube-system/agent-w2', node: 'worker-2', ip: '172.18.0.4', hostNetwork: true, ports: [{ port: 9100 }] };
const agentW1: FakePod = { key: 'kube-system/agent-w1', node: 'worker-1', ip: '172.18.0.3', hostNetwork: true };
const dns: FakePod = { key: 'kube-system/coredns-1', node: 'worker-1', ip: '10.244.1.2', labels: { 'k8s-app': 'kube-dns' }, ports: [{ port: 53, protocol: 'UDP', program: 'coredns' }] };

describe('requests through the network model', () => {
  it('reaches a pod directly by address, with a trace of every hop', () => {
    const h = setup([web, cli]);
    const r = h.model.httpGet(h.client('default/client'), '10.244.2.5', 80, '/');
    expect(r).toEqual({ status: 200, body: 'hello from default/web' });
    const t = h.model.traces().at(-1);
    expect(t?.hops.map((x) => x.kind)).toEqual(['route', 'policy', 'policy', 'answer']);
    expect(t?.from).toEqual({ pod: 'default/client', address: '10.244.1.7' });
  });

  it('gets connection refused from a pod with nothing on the port', () => {
    const h = setup([web, cli]);
    expect(h.model.httpGet(h.client('default/client'), '10.244.2.5', 8080, '/')).toBe('connection refused');
  });

  it("knows the pod network from the cluster's CIDR: an address nobody holds there is unroutable, beyond it is outside", () => {
    const h = setup([web, cli]);
    const lastRoute = () => h.model.traces().at(-1)?.hops.find((x) => x.kind === 'route');
    h.model.connect(h.client('default/client'), '10.200.9.9', 80);
    expect(lastRoute()).toMatchObject({ to: 'outside' });
    // A larger cluster's pod network (kube-controller-manager --cluster-cidr 10.128.0.0/9) takes it in.
    h.model.podNetwork = () => '10.128.0.0/9';
    expect(h.model.connect(h.client('default/client'), '10.200.9.9', 80)).toBe('timed out');
    expect(lastRoute()).toMatchObject({ to: 'unroutable' });
  });

  it('times out on a pod-network address nobody holds, and on a pod whose node is down', () => {
    const up = setup([web, cli]);
    expect(up.model.connect(up.client('default/client'), '10.244.9.9', 80)).toBe('timed out');
    const h = setup([web, cli], ['worker-2']);
    expect(h.model.connect(h.client('default/client'), '10.244.2.5', 80)).toBe('timed out');
    expect(h.model.traces().at(-1)?.hops.at(-1)).toMatchObject({ kind: 'route', to: 'down' });
  });

  it("keeps a pod's traffic to itself inside the pod, whatever the policies say", () => {
    const h = setup([web, cli]);
    h.policy('deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const c = h.client('default/client');
    expect(h.model.connect(c, '127.0.0.1', 8080)).toBe('open');
    expect(h.model.connect(c, '10.244.1.7', 8080)).toBe('open');
    expect(h.model.connect(c, '10.244.2.5', 80)).toBe('timed out');
  });

  it("always admits traffic from the pod's own node, not from others", () => {
    const h = setup([web, cli, agent, agentW1]);
    h.policy('deny', { podSelector: {}, policyTypes: ['Ingress'] });
    expect(h.model.connect(h.client('kube-system/agent-w2'), '10.244.2.5', 80)).toBe('open');
    expect(h.model.connect(h.client('kube-system/agent-w1'), '10.244.2.5', 80)).toBe('timed out');
  });

  it('reaches host-network pods on their node address, without policy', () => {
    const h = setup([web, cli, agent]);
    h.policy('deny', { podSelector: {}, policyTypes: ['Ingress'] });
    expect(h.model.connect(h.client('default/client'), '172.18.0.4', 9100)).toBe('open');
    expect(h.model.connect(h.client('default/client'), '172.18.0.4', 9101)).toBe('connection refused');
  });

  it('routes a Service to its endpoint and answers DNS only from a CoreDNS process', () => {
    const h = setup([web, cli, dns]);
    h.api.create('services', 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    h.api.create('services', 'kube-system', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kube-dns' }, spec: { clusterIP: '10.96.0.10', selector: { 'k8s-app': 'kube-dns' }, ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] } });
    h.api.create('discovery.k8s.io/endpointslices', 'default', slice('default', 'web', 'web-1', [{ port: 80 }], [{ ip: '10.244.2.5', node: 'worker-2', pod: 'web' }]));
    h.api.create('discovery.k8s.io/endpointslices', 'kube-system', slice('kube-system', 'kube-dns', 'kube-dns-1', [{ name: 'dns', port: 53, protocol: 'UDP' }], [{ ip: '10.244.1.2', node: 'worker-1', pod: 'coredns-1' }]));
    const r = h.model.request(h.client('default/client'), 'http://web');
    expect(r.answer).toMatchObject({ status: 200, body: 'hello from default/web' });
    expect(r.trace.hops[0]).toMatchObject({ kind: 'dns', name: 'web.default.svc.cluster.local', rcode: 'NOERROR', via: 'kube-system/coredns-1' });
    expect(r.trace.hops.find((x) => x.kind === 'service')).toMatchObject({ service: 'default/web', endpoint: '10.244.2.5:80', pod: 'default/web' });

    // A UDP listener on 53 that is not CoreDNS does not answer DNS questions.
    expect(h.model.query(h.client('default/client'), '10.244.2.5', 'web.default.svc.cluster.local')).toBe('timed out');
    // The node's resolver (outside the cluster) answers names the sandbox knows nothing about with NXDOMAIN.
    expect(h.model.query(h.client('default/client'), '172.18.0.1', 'example.com')).toMatchObject({ rcode: 'NXDOMAIN' });
  });

  it('lets nothing from outside the cluster into the pod network, and nothing out to the Internet', () => {
    const h = setup([web, cli]);
    expect(h.model.connect(h.model.externalClient(), '10.244.2.5', 80)).toBe('timed out');
    expect(h.model.connect(h.client('default/client'), '93.184.215.14', 80)).toBe('timed out');
    expect(h.model.traces().at(-1)?.hops.find((x) => x.kind === 'route')).toMatchObject({ to: 'outside' });
  });

  it('applies egress ipBlock rules to addresses outside the cluster', () => {
    const h = setup([web, cli]);
    h.policy('egress', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.244.0.0/16' } }] }] });
    h.model.connect(h.client('default/client'), '93.184.215.14', 80);
    expect(h.model.traces().at(-1)?.hops.find((x) => x.kind === 'policy')).toMatchObject({ direction: 'egress', verdict: 'denied' });
    expect(h.model.connect(h.client('default/client'), '10.244.2.5', 80)).toBe('open');
  });

  it('keeps a bounded number of traces and restores them from a snapshot', () => {
    const h = setup([web, cli]);
    for (let i = 0; i < 250; i++) h.model.connect(h.client('default/client'), '10.244.2.5', 80);
    const traces = h.model.traces();
    expect(traces).toHaveLength(200);
    expect(traces[0].id).toBe(51);
    const saved = h.model.snapshotState();
    const other = setup([web, cli]);
    other.model.restoreState(saved);
    expect(other.model.traces()).toEqual(traces);
  });
});
