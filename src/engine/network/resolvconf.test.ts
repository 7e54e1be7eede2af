import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { formatResolvConf, ndotsOf, podResolvConf, searchCandidates } from './resolvconf';

const pod = (ns: string, spec: Partial<NonNullable<Pod['spec']>> = {}): Pod => ({ metadata: { name: 'p', namespace: ns }, spec: { containers: [{ name: 'c' }], ...spec } });

describe("a pod's /etc/resolv.conf", () => {
  it('points ClusterFirst pods at the cluster DNS with the namespace search path and ndots:5', () => {
    expect(formatResolvConf(podResolvConf(pod('team-a')))).toBe(
      'search team-a.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
  });

  it("gives host-network pods the node's resolver unless the policy is ClusterFirstWithHostNet", () => {
    expect(podResolvConf(pod('default', { hostNetwork: true })).nameservers).toEqual(['172.18.0.1']);
    expect(podResolvConf(pod('default', { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' })).nameservers).toEqual(['10.96.0.10']);
    expect(podResolvConf(pod('default', { dnsPolicy: 'Default' })).searches).toEqual([]);
  });

  it('builds a None policy from dnsConfig alone', () => {
    const conf = podResolvConf(
      pod('default', {
        dnsPolicy: 'None',
        dnsConfig: {
          nameservers: ['192.0.2.1'],
          searches: ['ns1.svc.cluster-domain.example', 'my.dns.search.suffix'],
          options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }],
        },
      }),
    );
    expect(formatResolvConf(conf)).toBe('search ns1.svc.cluster-domain.example my.dns.search.suffix\nnameserver 192.0.2.1\noptions ndots:2 edns0\n');
  });

  it('appends dnsConfig to ClusterFirst, with options overriding by name and duplicates dropped', () => {
    const conf = podResolvConf(pod('default', { dnsConfig: { nameservers: ['10.96.0.10', '1.1.1.1'], searches: ['cluster.local', 'corp.example'], options: [{ name: 'ndots', value: '1' }] } }));
    expect(conf.nameservers).toEqual(['10.96.0.10', '1.1.1.1']);
    expect(conf.searches).toEqual(['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local', 'corp.example']);
    expect(conf.options).toEqual(['ndots:1']);
    expect(ndotsOf(conf)).toBe(1);
  });
});

describe('search path expansion', () => {
  const conf = podResolvConf(pod('default'));

  it('tries the search domains first for a name with fewer than ndots dots, the name itself last', () => {
    expect(searchCandidates('web', conf)).toEqual(['web.default.svc.cluster.local', 'web.svc.cluster.local', 'web.cluster.local', 'web']);
    expect(searchCandidates('web.other', conf)).toEqual(['web.other.default.svc.cluster.local', 'web.other.svc.cluster.local', 'web.other.cluster.local', 'web.other']);
    // Four dots is still fewer than five: even a complete Service name walks the search list first.
    expect(searchCandidates('web.default.svc.cluster.local', conf)[0]).toBe('web.default.svc.cluster.local.default.svc.cluster.local');
  });

  it('tries a name with ndots or more dots as it is first', () => {
    expect(searchCandidates('a.b.c.d.e.f', conf)).toEqual(['a.b.c.d.e.f', 'a.b.c.d.e.f.default.svc.cluster.local', 'a.b.c.d.e.f.svc.cluster.local', 'a.b.c.d.e.f.cluster.local']);
  });

  it('never searches for an absolute name (trailing dot)', () => {
    expect(searchCandidates('web.default.svc.cluster.local.', conf)).toEqual(['web.default.svc.cluster.local']);
  });
});
