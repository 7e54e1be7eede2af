import type { PersistentVolumeClaim, Pod, ResourceQuota, Service } from 'kubernetes-types/core/v1';
import { type Quantity, tryParseQuantity, ZERO } from '../../api/quantity';
import type { KObject } from '../../api/types';
import type { ObjectStore } from '../../apiserver/store';
import {
  addUsage,
  countNameToKey,
  type Evaluator,
  maskUsage,
  podEvaluator,
  pvcEvaluator,
  quotaScopes,
  serviceEvaluator,
  type Usage,
} from '../../apiserver/admission/resourcequota-usage';

const count = (n: number) => tryParseQuantity(String(n)) as Quantity;

/** Where the controller finds a namespace's objects. */
export interface UsageSources {
  store: ObjectStore;
  pods(namespace: string): Iterable<Pod>;
  now: number;
}

/** Object counts by their legacy names (`configmaps`) as well as `count/…`. */
const LEGACY: Record<string, string> = {
  configmaps: 'configmaps',
  secrets: 'secrets',
  replicationcontrollers: 'replicationcontrollers',
  resourcequotas: 'resourcequotas',
};

/** Objects of the special evaluators are measured by them, not merely counted. */
const MEASURED = new Set(['pods', 'services', 'persistentvolumeclaims']);

function measure(e: Evaluator, names: string[], items: Iterable<KObject>, rq: ResourceQuota, now: number): Usage {
  let used: Usage = new Map(names.map((n) => [n, ZERO]));
  const scopes = quotaScopes(rq);
  for (const item of items) {
    if (!scopes.every((s) => e.matchesScope(s, item))) continue;
    used = addUsage(used, maskUsage(e.usage(item, now), names));
  }
  return used;
}

/**
 * CalculateUsage: what the objects of a quota's namespace use of each resource the quota
 * limits, measured as the admission plugin measures one object, summed.
 */
export function calculateUsage(rq: ResourceQuota, src: UsageSources): Usage {
  const ns = rq.metadata?.namespace ?? '';
  const hard = Object.keys(rq.spec?.hard ?? {});
  let used: Usage = new Map();
  const podNames = podEvaluator.matchingResources(hard);
  if (podNames.length) used = addUsage(used, measure(podEvaluator, podNames, src.pods(ns), rq, src.now));
  const svcNames = serviceEvaluator.matchingResources(hard);
  if (svcNames.length) used = addUsage(used, measure(serviceEvaluator, svcNames, src.store.list('services', ns) as Service[], rq, src.now));
  const pvcNames = pvcEvaluator.matchingResources(hard);
  if (pvcNames.length) used = addUsage(used, measure(pvcEvaluator, pvcNames, src.store.list('persistentvolumeclaims', ns) as PersistentVolumeClaim[], rq, src.now));
  // Plain object counts: scopes apply to pods only, so a scoped quota counts none of these.
  const scoped = quotaScopes(rq).length > 0;
  for (const name of hard) {
    const key = LEGACY[name] ?? countNameToKey(name);
    if (!key || MEASURED.has(key)) continue;
    used.set(name, scoped ? ZERO : count(src.store.count(key, ns)));
  }
  return used;
}

/** Resource names a quota limits that count objects of this resource key (to know what to recount). */
export function quotaCountsResource(rq: ResourceQuota, key: string): boolean {
  for (const name of Object.keys(rq.spec?.hard ?? {})) {
    if ((LEGACY[name] ?? countNameToKey(name)) === key) return true;
  }
  if (key === 'services') return serviceEvaluator.matchingResources(Object.keys(rq.spec?.hard ?? {})).length > 0;
  if (key === 'persistentvolumeclaims') return pvcEvaluator.matchingResources(Object.keys(rq.spec?.hard ?? {})).length > 0;
  if (key === 'pods') return podEvaluator.matchingResources(Object.keys(rq.spec?.hard ?? {})).length > 0;
  return false;
}
