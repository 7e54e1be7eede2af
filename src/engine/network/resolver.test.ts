import { describe, expect, it } from 'vitest';
import type { DnsResponse } from './dns';
import { type Exchange, lookupHost } from './resolver';
import { podResolvConf } from './resolvconf';

const conf = podResolvConf({ metadata: { name: 'client', namespace: 'default' }, spec: { containers: [] } });
const a = (name: string, address: string): DnsResponse => ({ rcode: 'NOERROR', answers: [{ type: 'A', name, ttl: 30, address }], additional: [] });
const NX: DnsResponse = { rcode: 'NXDOMAIN', answers: [], additional: [] };
const NODATA: DnsResponse = { rcode: 'NOERROR', answers: [], additional: [] };

/** A server that knows a fixed table, recording every question. */
function server(table: Record<string, DnsResponse>, asked: string[] = []): Exchange {
  return (_server, name) => {
    asked.push(name);
    return table[name] ?? NX;
  };
}

describe('name lookup in a pod (getaddrinfo over resolv.conf)', () => {
  it('finds a Service by its short name on the first search domain', () => {
    const asked: string[] = [];
    const r = lookupHost('web', conf, {}, server({ 'web.default.svc.cluster.local': a('web.default.svc.cluster.local', '10.96.100.10') }, asked));
    expect(r).toMatchObject({ outcome: 'ok', fqdn: 'web.default.svc.cluster.local', addresses: ['10.96.100.10'], source: 'dns' });
    expect(asked).toEqual(['web.default.svc.cluster.local']);
  });

  it('walks the search list past NXDOMAIN (service.namespace from another namespace)', () => {
    const asked: string[] = [];
    const r = lookupHost('db.data', conf, {}, server({ 'db.data.svc.cluster.local': a('db.data.svc.cluster.local', '10.96.7.7') }, asked));
    expect(r.fqdn).toBe('db.data.svc.cluster.local');
    expect(asked).toEqual(['db.data.default.svc.cluster.local', 'db.data.svc.cluster.local']);
  });

  it('asks every candidate and the bare name before giving NXDOMAIN', () => {
    const asked: string[] = [];
    expect(lookupHost('nothing-here', conf, {}, server({}, asked)).outcome).toBe('NXDOMAIN');
    expect(asked).toEqual(['nothing-here.default.svc.cluster.local', 'nothing-here.svc.cluster.local', 'nothing-here.cluster.local', 'nothing-here']);
  });

  it('goes on past NODATA and reports it when nothing else answers', () => {
    expect(lookupHost('default', conf, {}, server({ 'default.svc.cluster.local': NODATA })).outcome).toBe('NODATA');
  });

  it('stops at a server that does not answer', () => {
    const asked: string[] = [];
    const r = lookupHost('web', conf, {}, (s, name) => {
      asked.push(`${name}@${s}`);
      return 'timed out';
    });
    expect(r.outcome).toBe('timed out');
    expect(asked).toEqual(['web.default.svc.cluster.local@10.96.0.10']);
  });

  it('tries the next name server when one times out', () => {
    const two = { ...conf, nameservers: ['10.96.0.10', '10.96.0.11'] };
    const r = lookupHost('web', two, {}, (s, name) => (s === '10.96.0.10' ? 'timed out' : name === 'web.default.svc.cluster.local' ? a(name, '10.96.100.10') : NX));
    expect(r.outcome).toBe('ok');
    expect(r.steps.map((x) => x.server)).toEqual(['10.96.0.10', '10.96.0.11']);
  });

  it('answers address literals and /etc/hosts names without DNS', () => {
    const never: Exchange = () => {
      throw new Error('no DNS expected');
    };
    expect(lookupHost('10.244.1.5', conf, {}, never)).toMatchObject({ outcome: 'ok', addresses: ['10.244.1.5'], source: 'literal' });
    expect(lookupHost('localhost', conf, { localhost: '127.0.0.1' }, never)).toMatchObject({ outcome: 'ok', addresses: ['127.0.0.1'], source: 'hosts' });
  });

  it('reports the end of a CNAME chain', () => {
    const chain: DnsResponse = {
      rcode: 'NOERROR',
      answers: [
        { type: 'CNAME', name: 'alias.default.svc.cluster.local', ttl: 30, target: 'web.default.svc.cluster.local' },
        { type: 'A', name: 'web.default.svc.cluster.local', ttl: 30, address: '10.96.100.10' },
      ],
      additional: [],
    };
    const r = lookupHost('alias', conf, {}, server({ 'alias.default.svc.cluster.local': chain }));
    expect(r).toMatchObject({ outcome: 'ok', canonical: 'web.default.svc.cluster.local', addresses: ['10.96.100.10'] });
  });
});
