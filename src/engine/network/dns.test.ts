import { describe, expect, it } from 'vitest';
import { ClusterDns, type DnsResponse, recordData } from './dns';
import { dnsView, service, slice } from './testing';

// Expected answers follow the Kubernetes DNS-Based Service Discovery specification and the
// "DNS for Services and Pods" page: what `dig` would show against a kind cluster's CoreDNS.

const web = service('default', 'web', { clusterIP: '10.96.100.10', clusterIPs: ['10.96.100.10'], ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }] });
const nginx = service('default', 'nginx', { clusterIP: 'None', clusterIPs: ['None'], ports: [{ name: 'web', port: 80, protocol: 'TCP' }] });
const stale = service('default', 'stale', { clusterIP: 'None', publishNotReadyAddresses: true, ports: [{ name: 'peer', port: 2380, protocol: 'TCP' }] });
const empty = service('default', 'empty', { clusterIP: 'None', ports: [{ port: 80 }] });
const db = service('default', 'db', { type: 'ExternalName', externalName: 'database.example.com' });
const alias = service('other', 'alias', { type: 'ExternalName', externalName: 'web.default.svc.cluster.local' });

const slices = [
  slice('default', 'web', 'web-abc', [{ name: 'http', port: 8080 }], [{ ip: '10.244.1.5' }, { ip: '10.244.2.6' }]),
  slice('default', 'nginx', 'nginx-xyz', [{ name: 'web', port: 80 }], [
    { ip: '10.244.1.10', hostname: 'web-0' },
    { ip: '10.244.2.11', hostname: 'web-1' },
    { ip: '10.244.3.12', hostname: 'web-2', ready: false },
  ]),
  slice('default', 'stale', 'stale-1', [{ name: 'peer', port: 2380 }], [{ ip: '10.244.1.20', ready: false }]),
  slice('default', 'empty', 'empty-1', [{ port: 80 }], [{ ip: '10.244.1.30', ready: false }]),
];

const dns = new ClusterDns(dnsView(['default', 'kube-system', 'other'], [web, nginx, stale, empty, db, alias], slices));
const data = (r: DnsResponse) => r.answers.map(recordData);

describe('cluster DNS (CoreDNS kubernetes plugin)', () => {
  it('answers a ClusterIP Service name with its cluster IP', () => {
    const r = dns.query('web.default.svc.cluster.local', 'A');
    expect(r.rcode).toBe('NOERROR');
    expect(r.answers).toEqual([{ type: 'A', name: 'web.default.svc.cluster.local', ttl: 30, address: '10.96.100.10' }]);
  });

  it('is case-insensitive and accepts a fully qualified name with the root dot', () => {
    expect(data(dns.query('WEB.Default.SVC.cluster.local.', 'A'))).toEqual(['10.96.100.10']);
  });

  it('answers a headless Service with the addresses of its ready endpoints', () => {
    expect(data(dns.query('nginx.default.svc.cluster.local', 'A')).sort()).toEqual(['10.244.1.10', '10.244.2.11']);
  });

  it('includes not-ready endpoints when the Service publishes not-ready addresses', () => {
    expect(data(dns.query('stale.default.svc.cluster.local', 'A'))).toEqual(['10.244.1.20']);
  });

  it('gives NXDOMAIN for a headless Service with no ready endpoint', () => {
    expect(dns.query('empty.default.svc.cluster.local', 'A').rcode).toBe('NXDOMAIN');
  });

  it('answers a StatefulSet pod by hostname under its governing headless Service', () => {
    expect(data(dns.query('web-0.nginx.default.svc.cluster.local', 'A'))).toEqual(['10.244.1.10']);
    expect(data(dns.query('web-1.nginx.default.svc.cluster.local', 'A'))).toEqual(['10.244.2.11']);
    // web-2 is not ready: it has no record yet.
    expect(dns.query('web-2.nginx.default.svc.cluster.local', 'A').rcode).toBe('NXDOMAIN');
  });

  it('names an endpoint without a hostname by its dashed address', () => {
    expect(data(dns.query('10-244-1-5.web.default.svc.cluster.local', 'A'))).toEqual(['10.244.1.5']);
  });

  it('answers pod A records from the dashed address (pods insecure) in an existing namespace', () => {
    expect(data(dns.query('10-244-1-5.default.pod.cluster.local', 'A'))).toEqual(['10.244.1.5']);
    expect(dns.query('10-244-1-5.nowhere.pod.cluster.local', 'A').rcode).toBe('NXDOMAIN');
    expect(dns.query('not-an-ip.default.pod.cluster.local', 'A').rcode).toBe('NXDOMAIN');
  });

  it('serves SRV records for a named port of a ClusterIP Service, pointing at the Service name', () => {
    const r = dns.query('_http._tcp.web.default.svc.cluster.local', 'SRV');
    expect(data(r)).toEqual(['0 100 80 web.default.svc.cluster.local.']);
    expect(r.additional).toEqual([{ type: 'A', name: 'web.default.svc.cluster.local', ttl: 30, address: '10.96.100.10' }]);
  });

  it('serves one SRV record per ready endpoint of a headless Service, weights sharing 100', () => {
    const r = dns.query('_web._tcp.nginx.default.svc.cluster.local', 'SRV');
    expect(data(r).sort()).toEqual(['0 50 80 web-0.nginx.default.svc.cluster.local.', '0 50 80 web-1.nginx.default.svc.cluster.local.']);
    expect(r.additional.map(recordData).sort()).toEqual(['10.244.1.10', '10.244.2.11']);
  });

  it('gives NXDOMAIN for a port name or protocol the Service does not have', () => {
    expect(dns.query('_https._tcp.web.default.svc.cluster.local', 'SRV').rcode).toBe('NXDOMAIN');
    expect(dns.query('_http._udp.web.default.svc.cluster.local', 'SRV').rcode).toBe('NXDOMAIN');
  });

  it('answers an ExternalName Service with a CNAME to the external name', () => {
    const r = dns.query('db.default.svc.cluster.local', 'A');
    expect(r.rcode).toBe('NOERROR');
    expect(r.answers).toEqual([{ type: 'CNAME', name: 'db.default.svc.cluster.local', ttl: 30, target: 'database.example.com' }]);
  });

  it('follows a CNAME to a name inside the cluster', () => {
    expect(data(dns.query('alias.other.svc.cluster.local', 'A'))).toEqual(['web.default.svc.cluster.local.', '10.96.100.10']);
  });

  it('gives NXDOMAIN for unknown Services and namespaces and for names outside the schema', () => {
    expect(dns.query('nothere.default.svc.cluster.local', 'A').rcode).toBe('NXDOMAIN');
    expect(dns.query('web.nowhere.svc.cluster.local', 'A').rcode).toBe('NXDOMAIN');
    expect(dns.query('web.default.cluster.local', 'A').rcode).toBe('NXDOMAIN');
    expect(dns.query('a.b.c.web.default.svc.cluster.local', 'A').rcode).toBe('NXDOMAIN');
  });

  it('answers NODATA for an existing name without records of the asked type', () => {
    expect(dns.query('web.default.svc.cluster.local', 'AAAA')).toEqual({ rcode: 'NOERROR', answers: [], additional: [] });
    expect(dns.query('default.svc.cluster.local', 'A')).toEqual({ rcode: 'NOERROR', answers: [], additional: [] });
    expect(dns.query('nowhere.svc.cluster.local', 'A').rcode).toBe('NXDOMAIN');
  });

  it('answers reverse lookups for cluster IPs and endpoint addresses', () => {
    expect(data(dns.query('10.100.96.10.in-addr.arpa', 'PTR'))).toEqual(['web.default.svc.cluster.local.']);
    expect(data(dns.query('10.1.244.10.in-addr.arpa', 'PTR'))).toEqual(['web-0.nginx.default.svc.cluster.local.']);
    expect(dns.query('99.9.244.10.in-addr.arpa', 'PTR').rcode).toBe('NXDOMAIN');
  });

  it('forwards names outside the cluster zone (the sandbox is offline: NXDOMAIN)', () => {
    expect(dns.query('example.com', 'A').rcode).toBe('NXDOMAIN');
    const online = new ClusterDns(dnsView([], [], []), undefined, (name) => ({ rcode: 'NOERROR', answers: [{ type: 'A', name, ttl: 300, address: '93.184.215.14' }], additional: [] }));
    expect(data(online.query('example.com', 'A'))).toEqual(['93.184.215.14']);
  });

  it('shuffles address records as the loadbalance plugin does', () => {
    const reversed = new ClusterDns(dnsView(['default'], [nginx], slices), (items) => [...items].reverse());
    expect(data(reversed.query('nginx.default.svc.cluster.local', 'A'))).toEqual(['10.244.2.11', '10.244.1.10']);
  });
});
