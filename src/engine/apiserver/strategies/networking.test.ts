import type { Ingress, NetworkPolicy } from 'kubernetes-types/networking/v1';
import { describe, expect, it } from 'vitest';
import { createErrors, created, updateErrors } from './test-helpers';

// pkg/apis/networking/validation and SetDefaults_NetworkPolicy; discovery EndpointSlices.

const ingress = (spec: Ingress['spec']): Ingress => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'web', namespace: 'default' },
  spec,
});
const backend = { service: { name: 'web', port: { number: 80 } } };

describe('Ingress', () => {
  it('accepts a typical ingress', () => {
    expect(
      createErrors(
        'networking.k8s.io/ingresses',
        ingress({ rules: [{ host: 'web.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }] }),
      ),
    ).toEqual([]);
  });

  it.each<[string, Ingress['spec'], string[]]>([
    ['no rules and no default backend', {}, ['spec: Invalid value: null: either `defaultBackend` or `rules` must be specified']],
    [
      'a path without pathType',
      { rules: [{ http: { paths: [{ path: '/', backend } as never] } }] },
      ['spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified'],
    ],
    [
      'a relative Prefix path',
      { rules: [{ http: { paths: [{ path: 'api', pathType: 'Prefix', backend }] } }] },
      ['spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path'],
    ],
    [
      'an unknown pathType',
      { rules: [{ http: { paths: [{ path: '/', pathType: 'Regex', backend }] } }] },
      ['spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"'],
    ],
    [
      'a backend without a port',
      { defaultBackend: { service: { name: 'web' } } },
      ['spec.defaultBackend: Required value: port name or number is required'],
    ],
    [
      'an IP as host',
      { rules: [{ host: '10.0.0.1', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }] },
      ['spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address'],
    ],
  ])('rejects %s', (_, spec, want) => {
    expect(createErrors('networking.k8s.io/ingresses', ingress(spec))).toEqual(want);
  });
});

describe('NetworkPolicy', () => {
  const np = (spec: NetworkPolicy['spec']): NetworkPolicy => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'deny', namespace: 'default' },
    spec,
  });

  it('defaults policyTypes and port protocols', () => {
    expect(created('networking.k8s.io/networkpolicies', np({ podSelector: {} })).spec?.policyTypes).toEqual(['Ingress']);
    const withEgress = created('networking.k8s.io/networkpolicies', np({ podSelector: {}, egress: [{ ports: [{ port: 53 }] }] }));
    expect(withEgress.spec?.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(withEgress.spec?.egress?.[0].ports?.[0].protocol).toBe('TCP');
  });

  it.each<[string, NetworkPolicy['spec'], string[]]>([
    ['an empty peer', { podSelector: {}, ingress: [{ from: [{}] }] }, ['spec.ingress[0].from[0]: Required value: must specify a peer']],
    [
      'ipBlock with another peer',
      { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }] }] },
      ['spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer'],
    ],
    [
      'a bad policy type',
      { podSelector: {}, policyTypes: ['Inbound'] },
      ['spec.policyTypes[0]: Unsupported value: "Inbound": supported values: "Ingress", "Egress"'],
    ],
  ])('rejects %s', (_, spec, want) => {
    expect(createErrors('networking.k8s.io/networkpolicies', np(spec))).toEqual(want);
  });
});

describe('IngressClass and EndpointSlice', () => {
  it('needs a domain-prefixed controller', () => {
    const ic = (controller: string) => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'nginx' },
      spec: { controller },
    });
    expect(createErrors('networking.k8s.io/ingressclasses', ic('k8s.io/ingress-nginx'), false)).toEqual([]);
    expect(createErrors('networking.k8s.io/ingressclasses', ic('nginx'), false)).toEqual([
      'spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")',
    ]);
  });

  it('checks and freezes the address type', () => {
    const es = (addressType: string) => ({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'web-abc', namespace: 'default' },
      addressType,
      endpoints: [{ addresses: ['10.244.1.5'] }],
      ports: [{ port: 80 }],
    });
    expect(created('discovery.k8s.io/endpointslices', es('IPv4')).ports).toEqual([{ port: 80, name: '', protocol: 'TCP' }]);
    expect(createErrors('discovery.k8s.io/endpointslices', es('IPv5'))).toEqual([
      'addressType: Unsupported value: "IPv5": supported values: "FQDN", "IPv4", "IPv6"',
    ]);
    expect(
      updateErrors('discovery.k8s.io/endpointslices', created('discovery.k8s.io/endpointslices', es('IPv4')), {
        ...es('FQDN'),
        endpoints: [{ addresses: ['web.example.com'] }],
      }),
    ).toEqual(['addressType: Invalid value: "FQDN": field is immutable']);
  });
});
