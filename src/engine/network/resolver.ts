import type { DnsRecord, DnsResponse, QType } from './dns';
import { isIPv4 } from './ip';
import { type ResolvConf, searchCandidates } from './resolvconf';

/** One question sent to one server and what came back (or that nothing did). */
export interface LookupStep {
  name: string;
  type: QType;
  server: string;
  response: DnsResponse | 'timed out';
}

export interface LookupResult {
  outcome: 'ok' | 'NXDOMAIN' | 'NODATA' | 'timed out';
  /** The name that answered (a search candidate or the name itself). */
  fqdn?: string;
  /** The end of the CNAME chain, when the answer went through one. */
  canonical?: string;
  addresses: string[];
  /** The answer records of the successful question. */
  records: DnsRecord[];
  /** Where the name came from: an address literal, /etc/hosts, or DNS. */
  source: 'literal' | 'hosts' | 'dns';
  steps: LookupStep[];
}

/** Send one question to one server: the network decides whether it arrives and who answers. */
export type Exchange = (server: string, name: string, type: QType) => DnsResponse | 'timed out';

/**
 * A C library's name lookup for a program in a pod (getaddrinfo with `hosts: files dns`):
 * address literals and /etc/hosts first, then the search list as res_search walks it. NXDOMAIN
 * and NODATA move on to the next candidate; a server that does not answer is skipped for the
 * next one, and when none answers the lookup ends (it does not go on down the search list).
 */
export function lookupHost(name: string, conf: ResolvConf, hosts: Record<string, string>, exchange: Exchange, type: QType = 'A'): LookupResult {
  const base = { addresses: [] as string[], records: [] as DnsRecord[], steps: [] as LookupStep[] };
  if (isIPv4(name)) return { ...base, outcome: 'ok', fqdn: name, addresses: [name], source: 'literal' };
  const local = hosts[name.toLowerCase().replace(/\.$/, '')];
  if (local && type === 'A') return { ...base, outcome: 'ok', fqdn: name, addresses: [local], source: 'hosts' };
  const steps: LookupStep[] = [];
  let nodata = false;
  for (const candidate of searchCandidates(name, conf)) {
    let response: DnsResponse | 'timed out' = 'timed out';
    for (const server of conf.nameservers) {
      response = exchange(server, candidate, type);
      steps.push({ name: candidate, type, server, response });
      if (response !== 'timed out') break;
    }
    if (response === 'timed out') return { ...base, outcome: 'timed out', source: 'dns', steps };
    if (response.rcode !== 'NOERROR') continue;
    const wanted = response.answers.filter((r) => r.type === type);
    if (!wanted.length) {
      nodata = true;
      continue;
    }
    const cnames = response.answers.filter((r) => r.type === 'CNAME');
    return {
      outcome: 'ok',
      fqdn: candidate,
      canonical: cnames.length ? (cnames[cnames.length - 1] as { target: string }).target : undefined,
      addresses: wanted.flatMap((r) => (r.type === 'A' ? [r.address] : [])),
      records: response.answers,
      source: 'dns',
      steps,
    };
  }
  return { ...base, outcome: nodata ? 'NODATA' : 'NXDOMAIN', source: 'dns', steps };
}
