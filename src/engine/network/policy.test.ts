import type { NetworkPolicy, NetworkPolicySpec } from 'kubernetes-types/networking/v1';
import { describe, expect, it } from 'vitest';
import { PolicyEngine, type PolicyPeer } from './policy';
import { pod } from './testing';

// Cases follow the NetworkPolicy concept page: isolation per direction, additive union of the
// selecting policies' rules, peers by pod/namespace selector or ipBlock, ports with endPort and
// named ports, and policyTypes defaulting.

const NAMESPACES: Record<string, Record<string, string>> = {
  default: { 'kubernetes.io/metadata.name': 'default' },
  prod: { 'kubernetes.io/metadata.name': 'prod', env: 'prod' },
  dev: { 'kubernetes.io/metadata.name': 'dev', env: 'dev' },
  'kube-system': { 'kubernetes.io/metadata.name': 'kube-system' },
};

const np = (name: string, spec: NetworkPolicySpec, ns = 'default'): NetworkPolicy => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec });

function engine(policies: NetworkPolicy[]): PolicyEngine {
  return new PolicyEngine({
    policiesFor: (ns) => policies.filter((p) => p.metadata?.namespace === ns),
    namespaceLabels: (ns) => NAMESPACES[ns],
  });
}

const api = pod('default', 'api', { app: 'api' }, [{ name: 'http', containerPort: 8080 }]);
const frontend = pod('default', 'frontend', { role: 'frontend' });
const other = pod('default', 'other', { role: 'other' });
const prodClient = pod('prod', 'client', { role: 'frontend' });
const devClient = pod('dev', 'client', { role: 'frontend' });
const coredns = pod('kube-system', 'coredns-1', { 'k8s-app': 'kube-dns' }, [{ name: 'dns', containerPort: 53, protocol: 'UDP' }]);

const peer = (p: typeof api, ip: string): PolicyPeer => ({ ip, pod: p });
const FRONTEND = peer(frontend, '10.244.1.2');
const OTHER = peer(other, '10.244.1.3');
const PROD = peer(prodClient, '10.244.2.2');
const DEV = peer(devClient, '10.244.3.2');

const denyAll = np('default-deny', { podSelector: {}, policyTypes: ['Ingress'] });
const allowFrontend = np('allow-frontend', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ podSelector: { matchLabels: { role: 'frontend' } } }], ports: [{ port: 8080 }] }] });

describe('NetworkPolicy ingress', () => {
  const cases: { name: string; policies: NetworkPolicy[]; from: PolicyPeer; port?: number; protocol?: string; allowed: boolean }[] = [
    { name: 'no policy: not isolated', policies: [], from: OTHER, allowed: true },
    { name: 'default deny selects every pod', policies: [denyAll], from: FRONTEND, allowed: false },
    { name: 'a policy for other pods leaves this one alone', policies: [np('x', { podSelector: { matchLabels: { app: 'db' } } })], from: OTHER, allowed: true },
    { name: 'allowed by pod selector (same namespace)', policies: [denyAll, allowFrontend], from: FRONTEND, allowed: true },
    { name: 'other pods stay denied', policies: [denyAll, allowFrontend], from: OTHER, allowed: false },
    { name: 'a pod selector alone does not reach into other namespaces', policies: [allowFrontend], from: PROD, allowed: false },
    { name: 'only the listed port', policies: [allowFrontend], from: FRONTEND, port: 9090, allowed: false },
    { name: 'port protocol defaults to TCP', policies: [allowFrontend], from: FRONTEND, protocol: 'UDP', allowed: false },
    {
      name: 'namespace selector by the automatic name label',
      policies: [np('ns', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'prod' } } }] }] })],
      from: PROD,
      allowed: true,
    },
    {
      name: 'namespace selector excludes other namespaces',
      policies: [np('ns', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { env: 'prod' } } }] }] })],
      from: DEV,
      allowed: false,
    },
    {
      name: 'namespace and pod selector in one peer: both must match',
      policies: [np('both', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { env: 'prod' } }, podSelector: { matchLabels: { role: 'admin' } } }] }] })],
      from: PROD,
      allowed: false,
    },
    {
      name: 'two peers in one rule: either matches',
      policies: [np('either', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { env: 'prod' } } }, { podSelector: { matchLabels: { role: 'admin' } } }] }] })],
      from: PROD,
      allowed: true,
    },
    { name: 'empty namespace selector: every namespace', policies: [np('all-ns', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }] })], from: DEV, allowed: true },
    { name: 'a rule with no from allows every source', policies: [np('open', { podSelector: {}, ingress: [{}] })], from: DEV, allowed: true },
    {
      name: 'ipBlock admits addresses in the CIDR',
      policies: [np('cidr', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] } }] }] })],
      from: { ip: '172.17.5.9' },
      allowed: true,
    },
    {
      name: 'ipBlock except carves addresses out',
      policies: [np('cidr', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] } }] }] })],
      from: { ip: '172.17.1.9' },
      allowed: false,
    },
    { name: 'named port resolves on the destination pod', policies: [np('named', { podSelector: {}, ingress: [{ ports: [{ port: 'http' }] }] })], from: OTHER, port: 8080, allowed: true },
    { name: 'named port does not match another number', policies: [np('named', { podSelector: {}, ingress: [{ ports: [{ port: 'http' }] }] })], from: OTHER, port: 80, allowed: false },
    { name: 'endPort makes a range', policies: [np('range', { podSelector: {}, ingress: [{ ports: [{ port: 8000, endPort: 9000 }] }] })], from: OTHER, port: 8080, allowed: true },
    { name: 'outside the range', policies: [np('range', { podSelector: {}, ingress: [{ ports: [{ port: 8000, endPort: 8050 }] }] })], from: OTHER, port: 8080, allowed: false },
    { name: 'a port rule without a number covers every port of the protocol', policies: [np('tcp', { podSelector: {}, ingress: [{ ports: [{ protocol: 'TCP' }] }] })], from: OTHER, port: 12345, allowed: true },
    {
      name: 'an egress-only policy does not isolate ingress',
      policies: [np('egress-only', { podSelector: {}, policyTypes: ['Egress'] })],
      from: OTHER,
      allowed: true,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const v = engine(c.policies).ingress(api, c.from, c.port ?? 8080, c.protocol ?? 'TCP');
      expect(v.allowed).toBe(c.allowed);
    });
  }

  it('unions the rules of every selecting policy and says which allowed it', () => {
    const v = engine([denyAll, allowFrontend, np('also', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ podSelector: {} }] }] })]).ingress(api, FRONTEND, 8080, 'TCP');
    expect(v).toEqual({ allowed: true, selecting: ['allow-frontend', 'also', 'default-deny'], allowedBy: ['allow-frontend', 'also'] });
  });
});

describe('NetworkPolicy egress', () => {
  const dnsAllowed = np('allow-dns', {
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }],
  });
  const egressDeny = np('deny-egress', { podSelector: {}, policyTypes: ['Egress'] });
  const COREDNS = peer(coredns, '10.244.0.3');
  const API = peer(api, '10.244.1.9');

  it('an explicit Egress deny-all blocks everything, DNS included', () => {
    const e = engine([egressDeny]);
    expect(e.egress(frontend, COREDNS, 53, 'UDP').allowed).toBe(false);
    expect(e.egress(frontend, API, 8080, 'TCP').allowed).toBe(false);
  });

  it('allowing DNS to kube-dns lets name resolution through and nothing else', () => {
    const e = engine([egressDeny, dnsAllowed]);
    expect(e.egress(frontend, COREDNS, 53, 'UDP').allowed).toBe(true);
    expect(e.egress(frontend, API, 8080, 'TCP').allowed).toBe(false);
    expect(e.egress(frontend, { ip: '10.244.0.9', pod: pod('kube-system', 'not-dns', { app: 'x' }) }, 53, 'UDP').allowed).toBe(false);
  });

  it('a policy without policyTypes isolates egress only when it has egress rules', () => {
    const ingressOnly = np('i', { podSelector: {}, ingress: [{}] });
    expect(engine([ingressOnly]).egress(frontend, API, 8080, 'TCP').selecting).toEqual([]);
    const withEgress = np('e', { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }] });
    const v = engine([withEgress]).egress(frontend, { ip: '192.168.1.1' }, 443, 'TCP');
    expect(v).toMatchObject({ allowed: false, selecting: ['e'] });
    expect(engine([withEgress]).egress(frontend, API, 8080, 'TCP').allowed).toBe(true);
  });

  it('named egress ports resolve on the destination pod', () => {
    const e = engine([np('named', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'http' }] }] })]);
    expect(e.egress(frontend, API, 8080, 'TCP').allowed).toBe(true);
    // An address with no pod behind it has no named ports.
    expect(e.egress(frontend, { ip: '192.168.1.1' }, 8080, 'TCP').allowed).toBe(false);
  });
});
