import type { Pod } from 'kubernetes-types/core/v1';
import { CLUSTER_DOMAIN } from './resolvconf';

/**
 * The names a pod's /etc/hosts gives (the kubelet writes it): localhost, the pod's hostname
 * and, with a subdomain, its fully qualified name, plus spec.hostAliases. A host-network pod
 * sees the node's file: localhost and the node's name.
 */
export function podHosts(pod: Pod, ip: string | undefined, node?: { name: string; ip?: string }): Record<string, string> {
  const hosts: Record<string, string> = { localhost: '127.0.0.1' };
  if (pod.spec?.hostNetwork) {
    if (node?.ip) hosts[node.name.toLowerCase()] = node.ip;
    return hosts;
  }
  const hostname = (pod.spec?.hostname ?? pod.metadata?.name ?? '').toLowerCase();
  if (ip && hostname) {
    hosts[hostname] = ip;
    const sub = pod.spec?.subdomain;
    if (sub) hosts[`${hostname}.${sub}.${pod.metadata?.namespace ?? 'default'}.svc.${CLUSTER_DOMAIN}`.toLowerCase()] = ip;
  }
  for (const alias of pod.spec?.hostAliases ?? []) {
    for (const name of alias.hostnames ?? []) if (alias.ip && !(name.toLowerCase() in hosts)) hosts[name.toLowerCase()] = alias.ip;
  }
  return hosts;
}
