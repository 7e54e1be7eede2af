import type { Container, Pod } from 'kubernetes-types/core/v1';
import { tryParseQuantity } from '../../api/quantity';
import type { PodMetricsInfo } from './metrics';

/**
 * The HPA's replica calculator (pkg/controller/podautoscaler/replica_calculator.go): from the
 * pods' metrics and requests, how many replicas bring the metric to its target. Pure functions
 * over the pods, the metrics and the time, so the upstream table of cases can drive them.
 */

export interface CalculatorOptions {
  /** --horizontal-pod-autoscaler-tolerance */
  tolerance: number;
  /** --horizontal-pod-autoscaler-cpu-initialization-period */
  cpuInitializationPeriodMs: number;
  /** --horizontal-pod-autoscaler-initial-readiness-delay */
  delayOfInitialReadinessStatusMs: number;
}

export const DEFAULT_CALCULATOR: CalculatorOptions = {
  tolerance: 0.1,
  cpuInitializationPeriodMs: 5 * 60_000,
  delayOfInitialReadinessStatusMs: 30_000,
};

export interface PodGroups {
  readyPodCount: number;
  unreadyPods: Set<string>;
  missingPods: Set<string>;
  ignoredPods: Set<string>;
}

/** Go's zero time (0001-01-01T00:00:00Z): what an unset lastTransitionTime compares as. */
const GO_ZERO_TIME = Date.parse('0001-01-01T00:00:00Z');
const ts = (t: string | null | undefined) => (t ? Date.parse(t) : Number.NaN);
const transitionTime = (t: string | null | undefined) => (t ? Date.parse(t) : GO_ZERO_TIME);

/**
 * Sort pods into ready (counted), unready (pending, or for CPU not yet ready or still inside the
 * initialization period without a full window of metrics since becoming ready), missing (no
 * metric) and ignored (deleted or failed).
 */
export function groupPods(pods: readonly Pod[], metrics: PodMetricsInfo, resource: string, now: number, opts: CalculatorOptions): PodGroups {
  const g: PodGroups = { readyPodCount: 0, unreadyPods: new Set(), missingPods: new Set(), ignoredPods: new Set() };
  for (const pod of pods) {
    const name = pod.metadata?.name ?? '';
    if (pod.metadata?.deletionTimestamp || pod.status?.phase === 'Failed') {
      g.ignoredPods.add(name);
      continue;
    }
    if (pod.status?.phase === 'Pending') {
      g.unreadyPods.add(name);
      continue;
    }
    const metric = metrics.get(name);
    if (!metric) {
      g.missingPods.add(name);
      continue;
    }
    if (resource === 'cpu') {
      const condition = pod.status?.conditions?.find((c) => c.type === 'Ready');
      const start = ts(pod.status?.startTime);
      let unready: boolean;
      if (!condition || Number.isNaN(start)) unready = true;
      else {
        const transition = transitionTime(condition.lastTransitionTime);
        if (start + opts.cpuInitializationPeriodMs > now) {
          // Still initializing: skip it if unready or no full window of metrics since it became ready.
          unready = condition.status === 'False' || metric.timestamp < transition + metric.windowMs;
        } else {
          // Unready and never ready since start: skip it.
          unready = condition.status === 'False' && start + opts.delayOfInitialReadinessStatusMs > transition;
        }
      }
      if (unready) {
        g.unreadyPods.add(name);
        continue;
      }
    }
    g.readyPodCount++;
  }
  return g;
}

/** Per pod, the sum of its containers' requests for `resource` (milli-units), or the named container's. */
export function calculatePodRequests(pods: readonly Pod[], container: string, resource: string): Map<string, number> {
  const requests = new Map<string, number>();
  for (const pod of pods) {
    let sum = 0;
    const containers: Container[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')];
    for (const c of containers) {
      if (container && container !== c.name) continue;
      const q = tryParseQuantity(c.resources?.requests?.[resource] as string | undefined);
      if (!q || q.milliValue() === 0) throw new Error(`missing request for ${resource} in container ${c.name} of Pod ${pod.metadata?.name ?? ''}`);
      sum += q.milliValue();
    }
    requests.set(pod.metadata?.name ?? '', sum);
  }
  return requests;
}

/** Usage over requests for the pods that have both; the ratio to the target utilization. */
export function getResourceUtilizationRatio(
  metrics: PodMetricsInfo,
  requests: Map<string, number>,
  targetUtilization: number,
): { ratio: number; utilization: number; rawAverage: number } {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let entries = 0;
  for (const [name, m] of metrics) {
    const request = requests.get(name);
    if (request === undefined) continue;
    metricsTotal += m.value;
    requestsTotal += request;
    entries++;
  }
  if (requestsTotal === 0) throw new Error('no metrics returned matched known pods');
  // Go's integer division truncates.
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return { ratio: utilization / targetUtilization, utilization, rawAverage: Math.trunc(metricsTotal / entries) };
}

/** Average value over the pods, and its ratio to the target value. */
export function getMetricUsageRatio(metrics: PodMetricsInfo, targetUsage: number): { ratio: number; usage: number } {
  let total = 0;
  for (const m of metrics.values()) total += m.value;
  const usage = Math.trunc(total / metrics.size);
  return { ratio: usage / targetUsage, usage };
}

function removeMetricsForPods(metrics: PodMetricsInfo, pods: Set<string>): void {
  for (const p of pods) metrics.delete(p);
}

export interface ResourceReplicas {
  replicas: number;
  utilization: number;
  rawUtilization: number;
}

/** Replicas for a Utilization target (percentage of request). */
export function getResourceReplicas(
  currentReplicas: number,
  targetUtilization: number,
  resource: string,
  pods: readonly Pod[],
  input: PodMetricsInfo,
  container: string,
  now: number,
  opts: CalculatorOptions = DEFAULT_CALCULATOR,
): ResourceReplicas {
  if (!pods.length) throw new Error('no pods returned by selector while calculating replica count');
  const metrics: PodMetricsInfo = new Map(input);
  const g = groupPods(pods, metrics, resource, now, opts);
  removeMetricsForPods(metrics, g.ignoredPods);
  removeMetricsForPods(metrics, g.unreadyPods);
  if (!metrics.size) throw new Error('did not receive metrics for targeted pods (pods might be unready)');
  const requests = calculatePodRequests(pods, container, resource);
  const first = getResourceUtilizationRatio(metrics, requests, targetUtilization);
  const result = (replicas: number) => ({ replicas, utilization: first.utilization, rawUtilization: first.rawAverage });
  const scaleUpWithUnready = g.unreadyPods.size > 0 && first.ratio > 1.0;
  if (!scaleUpWithUnready && g.missingPods.size === 0) {
    if (Math.abs(1.0 - first.ratio) <= opts.tolerance) return result(currentReplicas);
    return result(Math.ceil(first.ratio * g.readyPodCount));
  }
  if (g.missingPods.size > 0) {
    if (first.ratio < 1.0) {
      // Scaling down: a pod without metrics counts as using 100% of its request (or the target, if higher).
      const fallback = Math.max(100, targetUtilization);
      for (const name of g.missingPods) metrics.set(name, { value: Math.trunc(((requests.get(name) ?? 0) * fallback) / 100), timestamp: 0, windowMs: 0 });
    } else if (first.ratio > 1.0) {
      // Scaling up: a pod without metrics counts as using nothing.
      for (const name of g.missingPods) metrics.set(name, { value: 0, timestamp: 0, windowMs: 0 });
    }
  }
  if (scaleUpWithUnready) for (const name of g.unreadyPods) metrics.set(name, { value: 0, timestamp: 0, windowMs: 0 });
  const next = getResourceUtilizationRatio(metrics, requests, targetUtilization);
  // Too small a change, or the assumptions flipped the direction: stay.
  if (Math.abs(1.0 - next.ratio) <= opts.tolerance || (first.ratio < 1.0 && next.ratio > 1.0) || (first.ratio > 1.0 && next.ratio < 1.0)) {
    return result(currentReplicas);
  }
  const replicas = Math.ceil(next.ratio * metrics.size);
  if ((next.ratio < 1.0 && replicas > currentReplicas) || (next.ratio > 1.0 && replicas < currentReplicas)) return result(currentReplicas);
  return result(replicas);
}

/** Replicas for an AverageValue target (milli-units per pod). */
export function getRawResourceReplicas(
  currentReplicas: number,
  targetUsage: number,
  resource: string,
  pods: readonly Pod[],
  input: PodMetricsInfo,
  now: number,
  opts: CalculatorOptions = DEFAULT_CALCULATOR,
): { replicas: number; usage: number } {
  if (!pods.length) throw new Error('no pods returned by selector while calculating replica count');
  const metrics: PodMetricsInfo = new Map(input);
  const g = groupPods(pods, metrics, resource, now, opts);
  removeMetricsForPods(metrics, g.ignoredPods);
  removeMetricsForPods(metrics, g.unreadyPods);
  if (!metrics.size) throw new Error('did not receive metrics for targeted pods (pods might be unready)');
  const first = getMetricUsageRatio(metrics, targetUsage);
  const result = (replicas: number) => ({ replicas, usage: first.usage });
  const scaleUpWithUnready = g.unreadyPods.size > 0 && first.ratio > 1.0;
  if (!scaleUpWithUnready && g.missingPods.size === 0) {
    if (Math.abs(1.0 - first.ratio) <= opts.tolerance) return result(currentReplicas);
    return result(Math.ceil(first.ratio * g.readyPodCount));
  }
  if (g.missingPods.size > 0) {
    const value = first.ratio < 1.0 ? targetUsage : 0;
    for (const name of g.missingPods) metrics.set(name, { value, timestamp: 0, windowMs: 0 });
  }
  if (scaleUpWithUnready) for (const name of g.unreadyPods) metrics.set(name, { value: 0, timestamp: 0, windowMs: 0 });
  const next = getMetricUsageRatio(metrics, targetUsage);
  if (Math.abs(1.0 - next.ratio) <= opts.tolerance || (first.ratio < 1.0 && next.ratio > 1.0) || (first.ratio > 1.0 && next.ratio < 1.0)) {
    return result(currentReplicas);
  }
  const replicas = Math.ceil(next.ratio * metrics.size);
  if ((next.ratio < 1.0 && replicas > currentReplicas) || (next.ratio > 1.0 && replicas < currentReplicas)) return result(currentReplicas);
  return result(replicas);
}
