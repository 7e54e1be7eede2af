import { apiVersionOf, type ResourceRegistry, type ResourceType, servedVersions } from '../../engine/apiserver/registry';
import { sha256Hex } from './create/hash';

/**
 * The API server's discovery documents as `kubectl get --raw` shows them: /api (APIVersions),
 * /apis (APIGroupList), /apis/GROUP (APIGroup), and /api/v1 or /apis/GROUP/VERSION
 * (APIResourceList), built from what the registry serves.
 */

/** The groups' order in /apis: the aggregator sorts by group priority (kube-apiserver's table), then by name. */
const GROUP_PRIORITY: Record<string, number> = {
  'apiregistration.k8s.io': 18100,
  apps: 17800,
  'events.k8s.io': 17750,
  'authentication.k8s.io': 17700,
  'authorization.k8s.io': 17600,
  autoscaling: 17500,
  batch: 17400,
  'certificates.k8s.io': 17300,
  'networking.k8s.io': 17200,
  policy: 17100,
  'rbac.authorization.k8s.io': 17000,
  'storage.k8s.io': 16800,
  'admissionregistration.k8s.io': 16700,
  'apiextensions.k8s.io': 16700,
  'scheduling.k8s.io': 16600,
  'coordination.k8s.io': 16500,
  'node.k8s.io': 16300,
  'discovery.k8s.io': 16200,
  'flowcontrol.apiserver.k8s.io': 16100,
  // Aggregated APIs register their own APIService priority (metrics-server: 100); CRDs get 1000.
  'metrics.k8s.io': 100,
};

/** Where clients reach the server (the kind control plane's address), as every group lists it. */
const SERVER_ADDRESS = [{ clientCIDR: '0.0.0.0/0', serverAddress: '172.18.0.2:6443' }];

function groupPriority(group: string): number {
  return GROUP_PRIORITY[group] ?? 1000;
}

/** Served groups, each with its versions (preferred first), in discovery order. */
function groups(registry: ResourceRegistry): { name: string; versions: string[] }[] {
  const byGroup = new Map<string, string[]>();
  for (const t of registry.all()) {
    if (!t.group) continue;
    const versions = byGroup.get(t.group) ?? [];
    for (const v of servedVersions(t)) if (!versions.includes(v)) versions.push(v);
    byGroup.set(t.group, versions);
  }
  return [...byGroup.entries()].map(([name, versions]) => ({ name, versions })).sort((a, b) => groupPriority(b.name) - groupPriority(a.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function groupDocument(g: { name: string; versions: string[] }) {
  const versions = g.versions.map((version) => ({ groupVersion: `${g.name}/${version}`, version }));
  return { name: g.name, versions, preferredVersion: versions[0] };
}

/** storageVersionHash: the first 8 bytes of SHA-256 over `group/version/kind` of the storage version, base64. */
function storageVersionHash(t: ResourceType): string {
  const hex = sha256Hex(new TextEncoder().encode(`${t.group}/${t.version}/${t.kind}`)).slice(0, 16);
  const bytes = String.fromCharCode(...(hex.match(/../g) ?? []).map((h) => Number.parseInt(h, 16)));
  return btoa(bytes);
}

/** What each subresource is: its kind (and group/version when not the parent's) and verbs. */
const SUBRESOURCES: Record<string, { kind?: string; group?: string; version?: string; verbs: string[] }> = {
  status: { verbs: ['get', 'patch', 'update'] },
  scale: { kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] },
  binding: { kind: 'Binding', verbs: ['create'] },
  eviction: { kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] },
  log: { verbs: ['get'] },
  exec: { kind: 'PodExecOptions', verbs: ['create', 'get'] },
  ephemeralcontainers: { verbs: ['get', 'patch', 'update'] },
  finalize: { verbs: ['update'] },
  token: { kind: 'TokenRequest', group: 'authentication.k8s.io', version: 'v1', verbs: ['create'] },
  approval: { verbs: ['get', 'patch', 'update'] },
};

function resourceList(registry: ResourceRegistry, group: string, version: string) {
  const types = registry.all().filter((t) => t.group === group && servedVersions(t).includes(version));
  if (!types.length) return undefined;
  // Aggregated APIs (metrics-server) leave singularName empty and persist nothing.
  const aggregated = groupPriority(group) < 1000;
  const resources: Record<string, unknown>[] = [];
  for (const t of types) {
    resources.push({
      name: t.plural,
      singularName: aggregated ? '' : t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: t.verbs,
      ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
      ...(t.categories.length ? { categories: t.categories } : {}),
      ...(t.verbs.includes('watch') && !aggregated ? { storageVersionHash: storageVersionHash(t) } : {}),
    });
    for (const sub of t.subresources) {
      const s = SUBRESOURCES[sub] ?? { verbs: ['get'] };
      resources.push({
        name: `${t.plural}/${sub}`,
        singularName: '',
        namespaced: t.namespaced,
        ...(s.group !== undefined ? { group: s.group, version: s.version } : {}),
        kind: s.kind ?? t.kind,
        verbs: s.verbs,
      });
    }
  }
  resources.sort((a, b) => ((a.name as string) < (b.name as string) ? -1 : 1));
  // The core group's list carries no apiVersion; the others' do.
  return { kind: 'APIResourceList', ...(group ? { apiVersion: 'v1' } : {}), groupVersion: apiVersionOf({ group, version }), resources };
}

/** The discovery document at `path`, or undefined when the path is not a discovery path. */
export function discoveryDocument(registry: ResourceRegistry, path: string): object | undefined {
  if (path === '/api') return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: SERVER_ADDRESS };
  if (path === '/apis') return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups(registry).map(groupDocument) };
  if (path === '/api/v1') return resourceList(registry, '', 'v1');
  const m = /^\/apis\/([^/]+)(?:\/([^/]+))?$/.exec(path);
  if (!m) return undefined;
  const g = groups(registry).find((x) => x.name === m[1]);
  if (!g) return undefined;
  if (!m[2]) return { kind: 'APIGroup', apiVersion: 'v1', ...groupDocument(g) };
  return g.versions.includes(m[2]) ? resourceList(registry, g.name, m[2]) : undefined;
}
