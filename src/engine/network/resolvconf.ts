import type { Pod } from 'kubernetes-types/core/v1';

/** The cluster's DNS settings, as kind configures the kubelet (clusterDNS, clusterDomain). */
export const CLUSTER_DNS_IP = '10.96.0.10';
export const CLUSTER_DOMAIN = 'cluster.local';

/** A kind node's own /etc/resolv.conf: Docker's network gateway answers DNS (kind rewrites 127.0.0.11). */
export const NODE_RESOLV = { nameservers: ['172.18.0.1'], searches: [] as string[], options: ['edns0', 'trust-ad', 'ndots:0'] };

export interface ResolvConf {
  nameservers: string[];
  searches: string[];
  /** `ndots:5`, `edns0` … as written in the file. */
  options: string[];
}

/** How many name servers and search domains the kubelet keeps (it drops the rest with an event). */
const MAX_NAMESERVERS = 3;
const MAX_SEARCHES = 32;

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

/** dnsConfig options override same-named options already there; `ndots:5` is named `ndots`. */
function mergeOptions(base: string[], extra: { name?: string; value?: string }[]): string[] {
  const byName = new Map<string, string>();
  for (const o of base) byName.set(o.split(':')[0], o);
  for (const o of extra) {
    if (!o.name) continue;
    byName.set(o.name, o.value !== undefined ? `${o.name}:${o.value}` : o.name);
  }
  return [...byName.values()];
}

/**
 * The resolver configuration the kubelet gives a pod, by dnsPolicy: ClusterFirst (the default)
 * points at the cluster DNS with the namespace's search path and ndots:5, except for hostNetwork
 * pods, which get the node's (as with Default) unless the policy is ClusterFirstWithHostNet;
 * None starts empty; dnsConfig is then appended (name servers, searches) and merged (options).
 */
export function podResolvConf(pod: Pod): ResolvConf {
  const spec = pod.spec;
  const ns = pod.metadata?.namespace ?? 'default';
  const policy = spec?.dnsPolicy ?? 'ClusterFirst';
  const cluster = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !spec?.hostNetwork);
  let conf: ResolvConf;
  if (policy === 'None') conf = { nameservers: [], searches: [], options: [] };
  else if (cluster) {
    conf = {
      nameservers: [CLUSTER_DNS_IP],
      searches: [`${ns}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN, ...NODE_RESOLV.searches],
      options: ['ndots:5'],
    };
  } else conf = { nameservers: [...NODE_RESOLV.nameservers], searches: [...NODE_RESOLV.searches], options: [...NODE_RESOLV.options] };
  const extra = spec?.dnsConfig;
  if (extra) {
    conf.nameservers = [...conf.nameservers, ...(extra.nameservers ?? [])];
    conf.searches = [...conf.searches, ...(extra.searches ?? [])];
    conf.options = mergeOptions(conf.options, extra.options ?? []);
  }
  conf.nameservers = unique(conf.nameservers).slice(0, MAX_NAMESERVERS);
  conf.searches = unique(conf.searches).slice(0, MAX_SEARCHES);
  return conf;
}

/** The file as the container runtime writes it: search, then name servers, then options. */
export function formatResolvConf(conf: ResolvConf): string {
  let text = '';
  if (conf.searches.length) text += `search ${conf.searches.join(' ')}\n`;
  for (const ns of conf.nameservers) text += `nameserver ${ns}\n`;
  if (conf.options.length) text += `options ${conf.options.join(' ')}\n`;
  return text;
}

function numericOption(conf: ResolvConf, name: string, def: number, max: number): number {
  let value = def;
  for (const o of conf.options) {
    const m = new RegExp(`^${name}:(\\d+)$`).exec(o);
    if (m) value = Math.min(Number(m[1]), max);
  }
  return value;
}

/** The resolver's ndots (default 1; the C library caps it at 15). */
export function ndotsOf(conf: ResolvConf): number {
  return numericOption(conf, 'ndots', 1, 15);
}

/** Seconds the resolver waits for each server (default 5), and how many rounds it tries (default 2). */
export function timeoutOf(conf: ResolvConf): { timeout: number; attempts: number } {
  return { timeout: numericOption(conf, 'timeout', 5, 30), attempts: numericOption(conf, 'attempts', 2, 5) };
}

/**
 * The names the resolver asks for, in order (res_search): an absolute name (trailing dot) only as
 * it is; a name with at least `ndots` dots first as it is, then with each search domain; a shorter
 * one with each search domain first and as it is last.
 */
export function searchCandidates(name: string, conf: ResolvConf): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = name.split('.').length - 1;
  const searched = conf.searches.map((d) => `${name}.${d}`);
  return dots >= ndotsOf(conf) ? [name, ...searched] : [...searched, name];
}
