import type { Container, PersistentVolumeClaim, Pod, ResourceQuota, ScopedResourceSelectorRequirement, Service } from 'kubernetes-types/core/v1';
import { compareGoStrings } from '../../api/names';
import { type Quantity, tryParseQuantity, ZERO } from '../../api/quantity';
import type { KObject } from '../../api/types';
import { qosClass } from '../strategies/qos';
import { isExtendedResource, isNativeResource } from '../strategies/resources';

/**
 * How ResourceQuota measures objects (the quota evaluators): what each object uses of which
 * quota resource, which quotas apply to it (resources and scopes), and the pod constraints.
 * Shared by the ResourceQuota admission plugin and the resource quota controller.
 */

export type Usage = Map<string, Quantity>;

const one = () => tryParseQuantity('1') as Quantity;
const STORAGE_CLASS_SUFFIX = '.storageclass.storage.k8s.io/';

/** `count/pods`, `count/deployments.apps`: the object-count resource name of a resource. */
export function countName(group: string, plural: string): string {
  return group ? `count/${plural}.${group}` : `count/${plural}`;
}

/** The resource key (`pods`, `apps/deployments`) an object-count name refers to. */
export function countNameToKey(name: string): string | undefined {
  if (!name.startsWith('count/')) return undefined;
  const rest = name.slice('count/'.length);
  const dot = rest.indexOf('.');
  return dot < 0 ? rest : `${rest.slice(dot + 1)}/${rest.slice(0, dot)}`;
}

// ---------------------------------------------------------------------------------------------
// ResourceList helpers (pkg/quota: Add, Subtract, Mask, LessThanOrEqual).

export function toUsage(list: Record<string, string | number> | undefined): Usage {
  const out: Usage = new Map();
  for (const [k, v] of Object.entries(list ?? {})) {
    const q = tryParseQuantity(v);
    if (q) out.set(k, q);
  }
  return out;
}

export function fromUsage(u: Usage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of [...u.keys()].sort(compareGoStrings)) out[k] = (u.get(k) as Quantity).toString();
  return out;
}

export function addUsage(a: Usage, b: Usage): Usage {
  const out: Usage = new Map(a);
  for (const [k, v] of b) {
    const prev = out.get(k);
    out.set(k, prev ? prev.add(v) : v);
  }
  return out;
}

/** Subtract, clamped at zero: an update is never charged a negative amount. */
export function subtractNonNegative(a: Usage, b: Usage): Usage {
  const out: Usage = new Map();
  for (const [k, v] of a) {
    const prev = b.get(k);
    const d = prev ? v.sub(prev) : v;
    out.set(k, d.sign() < 0 ? ZERO : d);
  }
  return out;
}

export function maskUsage(u: Usage, names: Iterable<string>): Usage {
  const keep = new Set(names);
  const out: Usage = new Map();
  for (const [k, v] of u) if (keep.has(k)) out.set(k, v);
  return out;
}

export function usageEquals(a: Usage, b: Usage): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const o = b.get(k);
    if (o?.cmp(v) !== 0) return false;
  }
  return true;
}

export function isZeroUsage(u: Usage): boolean {
  for (const v of u.values()) if (!v.isZero()) return false;
  return true;
}

/** `requests.cpu=500m,requests.memory=1Gi`: sorted by name, as quota errors print a list. */
export function prettyPrint(u: Usage): string {
  return [...u.keys()]
    .sort(compareGoStrings)
    .map((k) => `${k}=${(u.get(k) as Quantity).toString()}`)
    .join(',');
}

// ---------------------------------------------------------------------------------------------
// Scopes.

/** Spec scopes (as Exists requirements) followed by the scope selector's expressions. */
export function quotaScopes(rq: ResourceQuota): ScopedResourceSelectorRequirement[] {
  return [
    ...(rq.spec?.scopes ?? []).map((scopeName) => ({ scopeName, operator: 'Exists' })),
    ...(rq.spec?.scopeSelector?.matchExpressions ?? []),
  ];
}

function isTerminating(pod: Pod): boolean {
  const d = pod.spec?.activeDeadlineSeconds;
  return d !== undefined && d !== null && d >= 0;
}

function usesCrossNamespaceAffinity(pod: Pod): boolean {
  const aff = pod.spec?.affinity;
  const terms = [
    ...(aff?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
    ...(aff?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => w.podAffinityTerm),
    ...(aff?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
    ...(aff?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => w.podAffinityTerm),
  ];
  return terms.some((t) => (t?.namespaces?.length ?? 0) > 0 || !!t?.namespaceSelector);
}

function priorityClassMatches(pod: Pod, req: ScopedResourceSelectorRequirement): boolean {
  const name = pod.spec?.priorityClassName ?? '';
  switch (req.operator) {
    case 'Exists':
      return name !== '';
    case 'DoesNotExist':
      return name === '';
    case 'In':
      return name !== '' && (req.values ?? []).includes(name);
    case 'NotIn':
      return name === '' || !(req.values ?? []).includes(name);
    default:
      return false;
  }
}

/** podMatchesScopeFunc. */
export function podMatchesScope(req: ScopedResourceSelectorRequirement, pod: Pod): boolean {
  switch (req.scopeName) {
    case 'Terminating':
      return isTerminating(pod);
    case 'NotTerminating':
      return !isTerminating(pod);
    case 'BestEffort':
      return qosClass(pod) === 'BestEffort';
    case 'NotBestEffort':
      return qosClass(pod) !== 'BestEffort';
    case 'PriorityClass':
      return priorityClassMatches(pod, req);
    case 'CrossNamespacePodAffinity':
      return usesCrossNamespaceAffinity(pod);
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Evaluators.

export interface Evaluator {
  /** The resource key it measures: `pods`, `services`, `apps/deployments`. */
  key: string;
  /** Whether an admission request of this operation could change usage. */
  handles(operation: string): boolean;
  /** The quota resource names (of those given) this evaluator accounts for. */
  matchingResources(names: readonly string[]): string[];
  /** Whether a scope requirement matches the object (objects other than pods match no scope). */
  matchesScope(req: ScopedResourceSelectorRequirement, obj: KObject): boolean;
  usage(obj: KObject, now: number): Usage;
  /** Objects that may not be created under a quota tracking these resources (pods missing requests). */
  constraints?(required: readonly string[], obj: KObject): string | undefined;
}

const POD_RESOURCES = [
  'count/pods',
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
];
/** It was a mistake, upstream says, but a quota on cpu or memory requires every container to state them. */
const VALIDATION_SET = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);

function computeUsage(requests: Usage, limits: Usage): Usage {
  const out: Usage = new Map([['pods', one()]]);
  const set = (k: string, v: Quantity | undefined) => v && out.set(k, v);
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    set(r, requests.get(r));
    set(`requests.${r}`, requests.get(r));
    set(`limits.${r}`, limits.get(r));
  }
  for (const [k, v] of requests) {
    if (k.startsWith('hugepages-')) {
      out.set(k, v);
      out.set(`requests.${k}`, v);
    } else if (isExtendedResource(k)) out.set(`requests.${k}`, v);
  }
  return out;
}

function maxUsage(a: Usage, b: Usage): Usage {
  const out: Usage = new Map(a);
  for (const [k, v] of b) {
    const prev = out.get(k);
    if (!prev || v.cmp(prev) > 0) out.set(k, v);
  }
  return out;
}

/** PodRequests / PodLimits: containers summed, init containers as the max (sidecars add), plus overhead. */
function podResources(pod: Pod, field: 'requests' | 'limits'): Usage {
  let sum: Usage = new Map();
  for (const c of pod.spec?.containers ?? []) sum = addUsage(sum, toUsage(c.resources?.[field] as Record<string, string>));
  let sidecars: Usage = new Map();
  let initMax: Usage = new Map();
  for (const c of pod.spec?.initContainers ?? ([] as Container[])) {
    const own = toUsage(c.resources?.[field] as Record<string, string>);
    if (c.restartPolicy === 'Always') {
      sidecars = addUsage(sidecars, own);
      initMax = maxUsage(initMax, sidecars);
    } else {
      initMax = maxUsage(initMax, addUsage(own, sidecars));
    }
  }
  let total = maxUsage(addUsage(sum, sidecars), initMax);
  if (pod.spec?.overhead) total = addUsage(total, toUsage(pod.spec.overhead as Record<string, string>));
  return total;
}

/** QuotaV1Pod: terminal pods, and pods long past their deletion grace, use no compute quota. */
function podIsCharged(pod: Pod, now: number): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') return false;
  const del = pod.metadata?.deletionTimestamp;
  const grace = pod.metadata?.deletionGracePeriodSeconds;
  if (del && grace !== undefined && grace !== null && now > Date.parse(del) + grace * 1000) return false;
  return true;
}

export const podEvaluator: Evaluator = {
  key: 'pods',
  handles: (op) => op === 'CREATE',
  matchingResources(names) {
    return names.filter(
      (n) =>
        POD_RESOURCES.includes(n) ||
        n.startsWith('hugepages-') ||
        n.startsWith('requests.hugepages-') ||
        (n.startsWith('requests.') && !isNativeResource(n.slice('requests.'.length))),
    );
  },
  matchesScope: (req, obj) => podMatchesScope(req, obj as Pod),
  usage(obj, now) {
    const pod = obj as Pod;
    const out: Usage = new Map([['count/pods', one()]]);
    if (!podIsCharged(pod, now)) return out;
    return addUsage(out, computeUsage(podResources(pod, 'requests'), podResources(pod, 'limits')));
  },
  constraints(required, obj) {
    const pod = obj as Pod;
    const want = required.filter((r) => VALIDATION_SET.has(r));
    const missing = new Map<string, Set<string>>();
    for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
      const have = computeUsage(toUsage(c.resources?.requests as Record<string, string>), toUsage(c.resources?.limits as Record<string, string>));
      for (const r of want) {
        if (have.has(r)) continue;
        if (!missing.has(r)) missing.set(r, new Set());
        missing.get(r)?.add(c.name);
      }
    }
    if (!missing.size) return undefined;
    const parts = [...missing.keys()].sort(compareGoStrings).map((r) => `${r} for: ${[...(missing.get(r) ?? [])].sort(compareGoStrings).join(',')}`);
    return `must specify ${parts.join('; ')}`;
  },
};

const SERVICE_RESOURCES = ['count/services', 'services', 'services.loadbalancers', 'services.nodeports'];

export const serviceEvaluator: Evaluator = {
  key: 'services',
  handles: (op) => op === 'CREATE' || op === 'UPDATE',
  matchingResources: (names) => names.filter((n) => SERVICE_RESOURCES.includes(n)),
  matchesScope: () => false,
  usage(obj) {
    const svc = obj as Service;
    const ports = svc.spec?.ports?.length ?? 0;
    const n = (v: number) => tryParseQuantity(String(v)) as Quantity;
    const out: Usage = new Map([
      ['count/services', one()],
      ['services', one()],
      ['services.loadbalancers', ZERO],
      ['services.nodeports', ZERO],
    ]);
    if (svc.spec?.type === 'NodePort') out.set('services.nodeports', n(ports));
    if (svc.spec?.type === 'LoadBalancer') {
      const explicit = (svc.spec.ports ?? []).filter((p) => p.nodePort).length;
      out.set('services.nodeports', n(svc.spec.allocateLoadBalancerNodePorts === false ? explicit : ports));
      out.set('services.loadbalancers', one());
    }
    return out;
  },
};

export function claimClass(pvc: PersistentVolumeClaim): string {
  return pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pvc.spec?.storageClassName ?? '';
}

export const pvcEvaluator: Evaluator = {
  key: 'persistentvolumeclaims',
  handles: (op) => op === 'CREATE' || op === 'UPDATE',
  matchingResources: (names) =>
    names.filter(
      (n) =>
        n === 'persistentvolumeclaims' ||
        n === 'count/persistentvolumeclaims' ||
        n === 'requests.storage' ||
        (n.includes(STORAGE_CLASS_SUFFIX) && (n.endsWith('/persistentvolumeclaims') || n.endsWith('/requests.storage'))),
    ),
  matchesScope: () => false,
  usage(obj) {
    const pvc = obj as PersistentVolumeClaim;
    const out: Usage = new Map([
      ['persistentvolumeclaims', one()],
      ['count/persistentvolumeclaims', one()],
    ]);
    const cls = claimClass(pvc);
    if (cls) out.set(`${cls}${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`, one());
    let storage = tryParseQuantity(pvc.spec?.resources?.requests?.storage as string | undefined);
    const allocated = tryParseQuantity(pvc.status?.allocatedResources?.storage as string | undefined);
    if (allocated && (!storage || allocated.cmp(storage) > 0)) storage = allocated;
    if (storage) {
      out.set('requests.storage', storage);
      if (cls) out.set(`${cls}${STORAGE_CLASS_SUFFIX}requests.storage`, storage);
    }
    return out;
  },
};

/** Object-count names that predate `count/…` and still work for these resources. */
const LEGACY_COUNT: Record<string, string> = {
  configmaps: 'configmaps',
  secrets: 'secrets',
  replicationcontrollers: 'replicationcontrollers',
  resourcequotas: 'resourcequotas',
};

/** Every other resource is quota'd by object count only (`count/<resource>.<group>`), on create. */
export function objectCountEvaluator(group: string, plural: string): Evaluator {
  const key = group ? `${group}/${plural}` : plural;
  const names = [countName(group, plural), ...(group === '' && LEGACY_COUNT[plural] ? [LEGACY_COUNT[plural]] : [])];
  return {
    key,
    handles: (op) => op === 'CREATE',
    matchingResources: (wanted) => wanted.filter((n) => names.includes(n)),
    matchesScope: () => false,
    usage: () => new Map(names.map((n) => [n, one()])),
  };
}

const special: Record<string, Evaluator> = { pods: podEvaluator, services: serviceEvaluator, persistentvolumeclaims: pvcEvaluator };
const generic = new Map<string, Evaluator>();

/** The evaluator of a resource (group and plural). */
export function evaluatorFor(group: string, plural: string): Evaluator {
  if (!group && special[plural]) return special[plural];
  const key = group ? `${group}/${plural}` : plural;
  let e = generic.get(key);
  if (!e) {
    e = objectCountEvaluator(group, plural);
    generic.set(key, e);
  }
  return e;
}

/**
 * generic.Matches: a quota applies to an object when it tracks one of the object's resources
 * (by status.hard, which the quota controller fills in) and every scope matches.
 */
export function quotaMatches(rq: ResourceQuota, e: Evaluator, obj: KObject): boolean {
  const hard = Object.keys(rq.status?.hard ?? {});
  if (!e.matchingResources(hard).length) return false;
  return quotaScopes(rq).every((s) => e.matchesScope(s, obj));
}
