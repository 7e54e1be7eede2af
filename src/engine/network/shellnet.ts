import type { HttpAnswer, ShellNet } from '../kubelet/shell/host';
import type { PodRuntime } from '../kubelet/state';
import type { DnsResponse, QType } from './dns';
import { isIPv4 } from './ip';
import type { NetworkModel } from './model';
import type { ConnectError } from './request';
import type { LookupResult } from './resolver';
import { formatResolvConf, podResolvConf } from './resolvconf';

/**
 * The network as a container's tools see it: the kubelet's ShellNet (what `wget` and
 * `nslookup` use today) plus what a faithful `nslookup`, `nc` and `dig` need: every question
 * and its answer, a timeout told apart from NXDOMAIN, single questions to a chosen server, and
 * plain TCP/UDP connects.
 */
export interface PodNet extends ShellNet {
  lookup(name: string, type?: QType): LookupResult;
  query(server: string, name: string, type?: QType): DnsResponse | 'timed out';
  connect(host: string, port: number, protocol?: 'TCP' | 'UDP'): 'open' | ConnectError;
  /** The pod's /etc/resolv.conf (dnsPolicy and dnsConfig applied). */
  resolvConf(): string;
}

/** The network model seen from inside one pod the kubelet runs. */
export function podNet(model: NetworkModel, rt: PodRuntime): PodNet {
  const client = () => model.runtimeClient(rt);
  return {
    nameserver: () => podResolvConf(rt.pod).nameservers[0] ?? '',
    resolve(name) {
      const r = model.lookup(client(), name);
      if (r.outcome !== 'ok') return undefined;
      return { fqdn: r.fqdn ?? name, ips: r.addresses };
    },
    lookup: (name, type = 'A') => model.lookup(client(), name, type),
    query: (server, name, type = 'A') => model.query(client(), server, name, type),
    httpGet(host, port, path, hostHeader): HttpAnswer | string {
      const c = client();
      // `wget NAME` resolves first and then connects: both belong to one trace.
      const pending = model.pendingLookup(c, host);
      if (pending) {
        const name = pending.request.slice('resolve '.length);
        pending.request = `http://${name}${port === 80 ? '' : `:${port}`}${path}`;
        // The Host header is the name asked for (what an ingress controller routes on).
        return model.httpGet(c, host, port, path, pending, { host: hostHeader ?? (port === 80 ? name : `${name}:${port}`), agent: 'Wget' });
      }
      return model.httpGet(c, host, port, path, undefined, { host: hostHeader ?? (port === 80 ? host : `${host}:${port}`), agent: 'Wget' });
    },
    connect(host, port, protocol = 'TCP') {
      const c = client();
      if (isIPv4(host)) return model.connect(c, host, port, protocol);
      const r = model.lookup(c, host);
      // A name that does not resolve never gets as far as a connection.
      if (r.outcome !== 'ok') return 'timed out';
      return model.connect(c, r.addresses[0], port, protocol);
    },
    resolvConf: () => formatResolvConf(podResolvConf(rt.pod)),
  };
}
