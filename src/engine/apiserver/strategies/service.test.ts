import type { Service } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { createErrors, created, updateErrors } from './test-helpers';

// SetDefaults_Service, ValidateService and the Service registry's update handling.

const svc = (spec: Service['spec'] = {}, name = 'web'): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default' },
  spec: { selector: { app: 'web' }, ports: [{ port: 80 }], ...spec },
});

describe('Service defaults', () => {
  it('defaults a ClusterIP service', () => {
    const s = created('services', svc());
    expect(s.spec).toEqual({
      selector: { app: 'web' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
      internalTrafficPolicy: 'Cluster',
    });
    expect(s.status).toEqual({ loadBalancer: {} });
  });

  it('adds the external policies of NodePort and LoadBalancer services', () => {
    expect(created('services', svc({ type: 'NodePort' })).spec).toMatchObject({
      externalTrafficPolicy: 'Cluster',
      internalTrafficPolicy: 'Cluster',
    });
    expect(created('services', svc({ type: 'LoadBalancer' })).spec).toMatchObject({
      externalTrafficPolicy: 'Cluster',
      allocateLoadBalancerNodePorts: true,
    });
  });

  it('defaults the ClientIP affinity timeout to 10800 seconds', () => {
    expect(created('services', svc({ sessionAffinity: 'ClientIP' })).spec?.sessionAffinityConfig).toEqual({
      clientIP: { timeoutSeconds: 10800 },
    });
  });

  it('keeps a named target port', () => {
    expect(created('services', svc({ ports: [{ port: 80, targetPort: 'http' }] })).spec?.ports?.[0].targetPort).toBe('http');
  });
});

describe('Service validation', () => {
  it.each<[string, Service['spec'], string[]]>([
    ['no ports', { ports: [] }, ['spec.ports: Required value']],
    [
      // targetPort defaults to port, so it is out of range too.
      'a port out of range',
      { ports: [{ port: 0 }] },
      [
        'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
        'spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive',
      ],
    ],
    [
      'two ports without names',
      { ports: [{ port: 80 }, { port: 443 }] },
      ['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value'],
    ],
    [
      'the same port twice',
      {
        ports: [
          { name: 'a', port: 80 },
          { name: 'b', port: 80 },
        ],
      },
      [
        'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
      ],
    ],
    [
      'an unknown type',
      { type: 'Internal' },
      ['spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'],
    ],
    [
      'a nodePort on a ClusterIP service',
      { ports: [{ port: 80, nodePort: 30080 }] },
      ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
    ],
    ['an ExternalName without a name', { type: 'ExternalName', ports: [] }, ['spec.externalName: Required value']],
  ])('rejects %s', (_, spec, want) => {
    expect(createErrors('services', svc(spec))).toEqual(want);
  });

  it('accepts headless and ExternalName services without ports', () => {
    expect(createErrors('services', svc({ clusterIP: 'None', ports: [] }))).toEqual([]);
    expect(createErrors('services', svc({ type: 'ExternalName', externalName: 'db.example.com.', ports: [] }))).toEqual([]);
  });

  it('needs a DNS-1035 name', () => {
    expect(createErrors('services', svc({}, '1web'))[0]).toMatch(/^metadata\.name: Invalid value: "1web": a DNS-1035 label must consist/);
  });
});

describe('Service update', () => {
  const old = (() => {
    const s = created('services', svc({ type: 'NodePort' }));
    Object.assign(s.spec ?? {}, {
      clusterIP: '10.96.12.34',
      clusterIPs: ['10.96.12.34'],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
    });
    (s.spec?.ports ?? [])[0].nodePort = 31234;
    return s;
  })();

  it('keeps the allocated IP and node port when an update leaves them out', () => {
    expect(updateErrors('services', old, svc({ type: 'NodePort', selector: { app: 'web2' } }))).toEqual([]);
  });

  it('forbids changing the cluster IP', () => {
    expect(updateErrors('services', old, svc({ type: 'NodePort', clusterIP: '10.96.0.99' }))).toEqual([
      'spec.clusterIPs[0]: Invalid value: ["10.96.0.99"]: may not change once set',
    ]);
  });
});
