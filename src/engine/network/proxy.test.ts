import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { describe, expect, it } from 'vitest';
import { Random } from '../sim/random';
import { SERVICE_NAME_LABEL } from './endpoints';
import { KubeProxy, type ProxyResult, type ProxyView } from './proxy';
import { type EndpointFixture, service, slice } from './testing';

const NODES: Record<string, { ip: string; zone: string; excluded?: boolean }> = {
  'control-plane': { ip: '172.18.0.2', zone: '', excluded: true },
  'worker-1': { ip: '172.18.0.3', zone: 'zone-a' },
  'worker-2': { ip: '172.18.0.4', zone: 'zone-b' },
  'worker-3': { ip: '172.18.0.5', zone: 'zone-c' },
};

function view(services: Service[], slices: EndpointSlice[]): ProxyView {
  return {
    byClusterIP: (ip) => services.filter((s) => s.spec?.clusterIPs?.includes(ip)),
    byExternalIP: (ip) => services.filter((s) => s.status?.loadBalancer?.ingress?.some((i) => i.ip === ip) || s.spec?.externalIPs?.includes(ip)),
    byNodePort: (port) => services.filter((s) => s.spec?.ports?.some((p) => p.nodePort === port)),
    nodeAt: (ip) => Object.keys(NODES).find((n) => NODES[n].ip === ip),
    nodeIP: (n) => NODES[n]?.ip,
    nodeZone: (n) => NODES[n]?.zone,
    lbNodes: () => Object.keys(NODES).filter((n) => !NODES[n].excluded),
    slices: (s) => slices.filter((x) => x.metadata?.labels?.[SERVICE_NAME_LABEL] === s.metadata?.name),
  };
}

function proxyFor(spec: Service['spec'], endpoints: EndpointFixture[], opts: { seed?: number; status?: Service['status']; port?: number } = {}) {
  const svc = service('default', 'web', { clusterIP: '10.96.100.10', clusterIPs: ['10.96.100.10'], ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' }], ...spec }, opts.status);
  const slices = [slice('default', 'web', 'web-1', [{ name: 'http', port: opts.port ?? 8080 }], endpoints)];
  let now = 0;
  const random = new Random(opts.seed ?? 1);
  const proxy = new KubeProxy(view([svc], slices), () => random.stream('kube-proxy'), () => now);
  return { proxy, advance: (ms: number) => (now += ms) };
}

const inPod = { ip: '10.244.1.99', node: 'worker-1', external: false };
const outside = { ip: '172.18.0.1', external: true };
const chosen = (r: ProxyResult) => (r.kind === 'dnat' ? `${r.ip}:${r.port}` : r.kind);

const three: EndpointFixture[] = [
  { ip: '10.244.1.5', node: 'worker-1', pod: 'web-a' },
  { ip: '10.244.2.5', node: 'worker-2', pod: 'web-b' },
  { ip: '10.244.3.5', node: 'worker-3', pod: 'web-c' },
];

describe('kube-proxy (iptables mode)', () => {
  it('translates a cluster IP and port to an endpoint with the resolved target port', () => {
    const { proxy } = proxyFor({}, three);
    const r = proxy.route('10.96.100.10', 80, 'TCP', inPod);
    expect(r.kind).toBe('dnat');
    expect(chosen(r)).toMatch(/^10\.244\.[123]\.5:8080$/);
    expect(r.kind === 'dnat' && r.hop).toMatchObject({ kind: 'service', service: 'default/web', port: 'http', via: 'clusterIP', candidates: 3, reason: 'random' });
  });

  it('is deterministic under a seed and spreads connections over the endpoints', () => {
    const picks = (seed: number) => {
      const { proxy } = proxyFor({}, three, { seed });
      return Array.from({ length: 30 }, () => chosen(proxy.route('10.96.100.10', 80, 'TCP', inPod)));
    };
    expect(picks(7)).toEqual(picks(7));
    expect(new Set(picks(7)).size).toBe(3);
    expect(picks(7)).not.toEqual(picks(8));
  });

  it('only ever picks ready endpoints', () => {
    const { proxy } = proxyFor({}, [{ ip: '10.244.1.5', node: 'worker-1' }, { ip: '10.244.2.5', node: 'worker-2', ready: false, serving: false }]);
    for (let i = 0; i < 20; i++) expect(chosen(proxy.route('10.96.100.10', 80, 'TCP', inPod))).toBe('10.244.1.5:8080');
  });

  it('rejects a port with no endpoints (the client sees connection refused)', () => {
    const { proxy } = proxyFor({}, [{ ip: '10.244.1.5', ready: false, serving: false }]);
    const r = proxy.route('10.96.100.10', 80, 'TCP', inPod);
    expect(r).toMatchObject({ kind: 'reject', hop: { reason: 'no endpoints' } });
  });

  it('falls back to serving terminating endpoints when none is ready', () => {
    const { proxy } = proxyFor({}, [{ ip: '10.244.2.5', node: 'worker-2', ready: false, serving: true, terminating: true }]);
    expect(chosen(proxy.route('10.96.100.10', 80, 'TCP', inPod))).toBe('10.244.2.5:8080');
  });

  it('drops a cluster IP port no Service has (nothing matches; the client times out)', () => {
    const { proxy } = proxyFor({}, three);
    expect(proxy.route('10.96.100.10', 8080, 'TCP', inPod)).toMatchObject({ kind: 'drop', hop: { reason: 'no such port' } });
    expect(proxy.route('10.96.100.10', 80, 'UDP', inPod).kind).toBe('drop');
  });

  it('leaves other addresses alone', () => {
    const { proxy } = proxyFor({}, three);
    expect(proxy.route('10.244.2.5', 8080, 'TCP', inPod)).toEqual({ kind: 'pass' });
  });

  it('keeps internalTrafficPolicy Local traffic on the client node, dropping it when there is none', () => {
    const { proxy } = proxyFor({ internalTrafficPolicy: 'Local' }, three);
    for (let i = 0; i < 10; i++) expect(chosen(proxy.route('10.96.100.10', 80, 'TCP', inPod))).toBe('10.244.1.5:8080');
    const lonely = proxyFor({ internalTrafficPolicy: 'Local' }, [{ ip: '10.244.2.5', node: 'worker-2' }]).proxy;
    expect(lonely.route('10.96.100.10', 80, 'TCP', inPod)).toMatchObject({ kind: 'drop', hop: { reason: 'no local endpoints' } });
  });

  it('serves a NodePort on every node address, masquerading outside clients for the Cluster policy', () => {
    const { proxy } = proxyFor({ type: 'NodePort', externalTrafficPolicy: 'Cluster', ports: [{ name: 'http', port: 80, protocol: 'TCP', nodePort: 30080 }] }, three);
    for (const ip of ['172.18.0.3', '172.18.0.5', '172.18.0.2']) {
      const r = proxy.route(ip, 30080, 'TCP', outside);
      expect(r.kind).toBe('dnat');
      expect(r.kind === 'dnat' && r.snat).toBe(ip);
    }
    // From a pod, the node port leads to any endpoint and keeps the pod's address.
    const fromPod = proxy.route('172.18.0.4', 30080, 'TCP', inPod);
    expect(fromPod.kind === 'dnat' && fromPod.snat).toBeUndefined();
  });

  it('with externalTrafficPolicy Local, keeps the client address and uses only endpoints on the receiving node', () => {
    const { proxy } = proxyFor({ type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ name: 'http', port: 80, protocol: 'TCP', nodePort: 30080 }] }, three.slice(0, 2));
    const r = proxy.route('172.18.0.4', 30080, 'TCP', outside);
    expect(chosen(r)).toBe('10.244.2.5:8080');
    expect(r.kind === 'dnat' && r.snat).toBeUndefined();
    expect(proxy.route('172.18.0.5', 30080, 'TCP', outside).kind).toBe('drop');
  });

  it('serves a load-balancer ingress address', () => {
    const { proxy } = proxyFor(
      { type: 'LoadBalancer', externalTrafficPolicy: 'Cluster', ports: [{ name: 'http', port: 80, protocol: 'TCP', nodePort: 30080 }] },
      three,
      { status: { loadBalancer: { ingress: [{ ip: '172.18.255.200' }] } } },
    );
    const r = proxy.route('172.18.255.200', 80, 'TCP', outside);
    expect(r.kind).toBe('dnat');
    expect(r.kind === 'dnat' && r.hop).toMatchObject({ via: 'loadBalancer' });
    expect(r.kind === 'dnat' && r.snat).toMatch(/^172\.18\.0\.[345]$/);
  });

  it('keeps a client on one endpoint with ClientIP affinity until the timeout passes', () => {
    const spec = { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } };
    const { proxy, advance } = proxyFor(spec, three, { seed: 3 });
    const first = proxy.route('10.96.100.10', 80, 'TCP', inPod);
    for (let i = 0; i < 10; i++) {
      advance(30_000);
      const again = proxy.route('10.96.100.10', 80, 'TCP', inPod);
      expect(chosen(again)).toBe(chosen(first));
      expect(again.kind === 'dnat' && again.hop).toMatchObject({ reason: 'affinity' });
    }
    advance(61_000);
    const later = proxy.route('10.96.100.10', 80, 'TCP', inPod);
    expect(later.kind === 'dnat' && later.hop).toMatchObject({ reason: 'random' });
  });

  it('uses topology hints when every ready endpoint has them and one is for the client zone', () => {
    const hinted = three.map((e) => ({ ...e, zones: [e.node === 'worker-1' ? 'zone-a' : e.node === 'worker-2' ? 'zone-b' : 'zone-c'] }));
    const { proxy } = proxyFor({}, hinted);
    for (let i = 0; i < 10; i++) expect(chosen(proxy.route('10.96.100.10', 80, 'TCP', inPod))).toBe('10.244.1.5:8080');
  });
});
