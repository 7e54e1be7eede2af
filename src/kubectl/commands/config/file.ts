import type { KubeConfig } from '../../env';

/** Where kubectl says the kubeconfig lives, in messages like `deleted context x from …`. */
export const CONFIG_FILE = '/root/.kube/config';

/** Names sorted as Go's sort.Strings sorts them. */
export function sortedNames(items: readonly { name: string }[]): string[] {
  return items.map((i) => i.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

const SECRET_FIELDS = ['certificate-authority-data', 'client-certificate-data', 'client-key-data'];

/**
 * The kubeconfig as `kubectl config view` shows it: entries sorted by name, secrets replaced
 * (`DATA+OMITTED`, tokens `REDACTED`) unless `raw`, only the current context's parts when `minify`.
 */
export function viewOf(config: KubeConfig, raw: boolean, minify: boolean): KubeConfig {
  const byName = <T extends { name: string }>(items: T[]) => sortedNames(items).map((n) => items.find((i) => i.name === n) as T);
  const redact = <T extends object>(o: T): T => {
    if (raw) return structuredClone(o);
    const copy = structuredClone(o) as Record<string, unknown>;
    for (const k of SECRET_FIELDS) if (copy[k] !== undefined) copy[k] = 'DATA+OMITTED';
    if (copy.token !== undefined) copy.token = 'REDACTED';
    return copy as T;
  };
  let contexts = config.contexts;
  let clusters = config.clusters;
  let users = config.users;
  if (minify) {
    const current = config.contexts.find((c) => c.name === config['current-context']);
    if (!current) throw new Error(`cannot locate context ${config['current-context']}`);
    contexts = [current];
    clusters = config.clusters.filter((c) => c.name === current.context.cluster);
    users = config.users.filter((u) => u.name === current.context.user);
  }
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: byName(clusters).map((c) => ({ name: c.name, cluster: redact(c.cluster) })),
    contexts: byName(contexts).map((c) => ({ name: c.name, context: structuredClone(c.context) })),
    'current-context': config['current-context'],
    preferences: {},
    users: byName(users).map((u) => ({ name: u.name, user: redact(u.user) })),
  };
}
