import type { Container, Pod } from 'kubernetes-types/core/v1';
import { type Quantity, tryParseQuantity } from '../../api/quantity';

export type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

/** Only cpu and memory decide the QoS class. */
const QOS_RESOURCES = ['cpu', 'memory'];

function addTo(sum: Map<string, Quantity>, name: string, q: Quantity): void {
  const prev = sum.get(name);
  sum.set(name, prev ? prev.add(q) : q);
}

/**
 * The pod's QoS class, computed as the API server does when a pod is created (ComputePodQOS):
 * BestEffort when no container asks for cpu or memory; Guaranteed when every container has
 * cpu and memory limits and the summed requests equal the summed limits; Burstable otherwise.
 */
export function qosClass(pod: Pod): QOSClass {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  const containers: Container[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  for (const c of containers) {
    for (const [name, raw] of Object.entries(c.resources?.requests ?? {})) {
      if (!QOS_RESOURCES.includes(name)) continue;
      const q = tryParseQuantity(raw as string | number);
      if (q && q.sign() > 0) addTo(requests, name, q);
    }
    const found = new Set<string>();
    for (const [name, raw] of Object.entries(c.resources?.limits ?? {})) {
      if (!QOS_RESOURCES.includes(name)) continue;
      const q = tryParseQuantity(raw as string | number);
      if (q && q.sign() > 0) {
        found.add(name);
        addTo(limits, name, q);
      }
    }
    if (!QOS_RESOURCES.every((r) => found.has(r))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (lim?.cmp(req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
