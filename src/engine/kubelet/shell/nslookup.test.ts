import { describe, expect, it } from 'vitest';
import { Cluster } from '../../sim/cluster';
import type { KubeletFleet } from '../fleet';

// busybox 1.36 nslookup in a pod of the default cluster: A and AAAA questions, the search list
// for a name without a dot, and what it prints for each reply (CNAME, A, NXDOMAIN, no answer).
function cluster() {
  const c = Cluster.create({ seed: 3 });
  c.api.create('services', 'default', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'db' },
    spec: { type: 'ExternalName', externalName: 'db.example.com' },
  });
  c.api.create('services', 'default', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web' },
    spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
  });
  c.api.create('pods', 'default', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'client' },
    spec: {
      containers: [{ name: 'client', image: 'busybox', command: ['sleep', '3600'] }],
    },
  });
  c.advance(30_000);
  const fleet = c.machines as KubeletFleet;
  return (...argv: string[]) => fleet.exec('default', 'client', undefined, ['nslookup', ...argv]);
}

const HEAD = 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n';

describe('busybox nslookup', () => {
  it('prints the canonical name of an ExternalName Service (A and AAAA both answer with the CNAME)', () => {
    const r = cluster()('db.default.svc.cluster.local');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`${HEAD}db.default.svc.cluster.local\tcanonical name = db.example.com\n\ndb.default.svc.cluster.local\tcanonical name = db.example.com\n\n`);
  });

  it('asks a dotless name under every search domain and reports each NXDOMAIN (exit status 1)', () => {
    const r = cluster()('db');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe(
      `${HEAD}db.default.svc.cluster.local\tcanonical name = db.example.com\n\n` +
        "** server can't find db.svc.cluster.local: NXDOMAIN\n\n** server can't find db.cluster.local: NXDOMAIN\n\n" +
        `db.default.svc.cluster.local\tcanonical name = db.example.com\n\n` +
        "** server can't find db.svc.cluster.local: NXDOMAIN\n\n** server can't find db.cluster.local: NXDOMAIN\n\n",
    );
  });

  it('prints Name/Address for a ClusterIP Service and "No answer" for its AAAA question', () => {
    const r = cluster()('web.default.svc.cluster.local');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(
      /^Server:\t\t10\.96\.0\.10\nAddress:\t10\.96\.0\.10:53\n\nName:\tweb\.default\.svc\.cluster\.local\nAddress: 10\.\d+\.\d+\.\d+\n\n\*\*\* Can't find web\.default\.svc\.cluster\.local: No answer\n\n$/,
    );
  });

  it('does not search for a dotted name: kubernetes.default is NXDOMAIN', () => {
    const r = cluster()('kubernetes.default');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe(`${HEAD}** server can't find kubernetes.default: NXDOMAIN\n\n** server can't find kubernetes.default: NXDOMAIN\n\n`);
  });

  it('says no server could be reached when egress to DNS is denied', () => {
    const c = Cluster.create({ seed: 3 });
    c.api.create('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'client' }, spec: { containers: [{ name: 'client', image: 'busybox', command: ['sleep', '3600'] }] } });
    c.api.create('networking.k8s.io/networkpolicies', 'default', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'deny-egress' },
      spec: { podSelector: {}, policyTypes: ['Egress'] },
    });
    c.advance(30_000);
    const r = (c.machines as KubeletFleet).exec('default', 'client', undefined, ['nslookup', 'kubernetes.default.svc.cluster.local']);
    expect(r).toMatchObject({ exitCode: 1, stdout: ';; connection timed out; no servers could be reached\n\n' });
  });

  it('rejects an unknown query type and a missing name', () => {
    const ns = cluster();
    expect(ns('-type=bogus', 'web')).toMatchObject({
      exitCode: 1,
      stderr: 'nslookup: invalid query type "bogus"\n',
    });
    expect(ns().stderr).toContain('Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]');
  });
});
