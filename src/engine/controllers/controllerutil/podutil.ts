import type { Pod, PodCondition } from 'kubernetes-types/core/v1';
import { podFacts } from './podfacts';

/** A metav1.Time (RFC 3339) in ms since the epoch; 0 for an absent time (Go's zero time). */
export function timeMs(t: string | undefined | null): number {
  if (!t) return 0;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? 0 : ms;
}

export function podCondition(pod: Pod, type: string): PodCondition | undefined {
  const conditions = pod.status?.conditions;
  if (!conditions) return undefined;
  for (const c of conditions) if (c.type === type) return c;
  return undefined;
}

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return podFacts(pod).ready;
}

/** When the pod became ready (ms), or 0 when it is not ready. */
export function podReadyTime(pod: Pod): number {
  return podFacts(pod).readySince;
}

/**
 * podutil.IsPodAvailable: ready for at least minReadySeconds. With minReadySeconds 0 a ready pod
 * is available at once.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  const f = podFacts(pod);
  if (!f.ready) return false;
  if (!minReadySeconds) return true;
  return f.readySince !== 0 && f.readySince + minReadySeconds * 1000 <= nowMs;
}

/**
 * When a ready pod becomes available (ms), or undefined when it is not ready or already is.
 * Controllers use it to look again exactly when the next pod crosses minReadySeconds.
 */
export function availableAt(pod: Pod, minReadySeconds: number, nowMs: number): number | undefined {
  if (!minReadySeconds) return undefined;
  const f = podFacts(pod);
  if (!f.ready) return undefined;
  const at = f.readySince + minReadySeconds * 1000;
  return at > nowMs ? at : undefined;
}

export function isPodTerminal(pod: Pod): boolean {
  return podFacts(pod).terminal;
}

/** controller.IsPodActive: not finished and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  return podFacts(pod).active;
}

/** The highest restart count among the pod's containers (and restartable init containers). */
export function maxContainerRestarts(pod: Pod): number {
  let max = 0;
  for (const c of pod.status?.containerStatuses ?? []) if (c.restartCount > max) max = c.restartCount;
  const sidecars = new Set(
    (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name),
  );
  if (sidecars.size) {
    for (const c of pod.status?.initContainerStatuses ?? []) {
      if (sidecars.has(c.name) && c.restartCount > max) max = c.restartCount;
    }
  }
  return max;
}
