import type { HorizontalPodAutoscalerBehavior, HPAScalingRules } from 'kubernetes-types/autoscaling/v2';

/**
 * Stabilisation and rate limits between a metric's proposal and the replicas the HPA sets
 * (horizontal.go: normalizeDesiredReplicas and normalizeDesiredReplicasWithBehaviors). The
 * controller remembers, per HPA, its recent recommendations and scale events; this is that
 * memory, kept as plain JSON so a snapshot holds it.
 */

export interface Recommendation {
  recommendation: number;
  timestamp: number;
}

export interface ScaleEvent {
  replicaChange: number;
  timestamp: number;
  outdated: boolean;
}

export interface HPAMemory {
  /** The target's selector at the last reconcile: which pods this HPA controls (for AmbiguousSelector). */
  selector?: string;
  recommendations: Recommendation[];
  scaleUpEvents: ScaleEvent[];
  scaleDownEvents: ScaleEvent[];
}

export interface Limited {
  replicas: number;
  reason: string;
  message: string;
}

/** --horizontal-pod-autoscaler-downscale-stabilization */
export const DOWNSCALE_STABILISATION_MS = 5 * 60_000;
const SCALE_UP_LIMIT_FACTOR = 2.0;
const SCALE_UP_LIMIT_MINIMUM = 4.0;

export function newMemory(): HPAMemory {
  return { recommendations: [], scaleUpEvents: [], scaleDownEvents: [] };
}

/** The first time an HPA is seen, its current size counts as a recommendation. */
export function recordInitialRecommendation(mem: HPAMemory, currentReplicas: number, now: number): void {
  if (!mem.recommendations.length) mem.recommendations = [{ recommendation: currentReplicas, timestamp: now }];
}

/** Without spec.behavior: the highest recommendation of the last 5 minutes (scale-down stabilisation). */
export function stabilizeRecommendation(mem: HPAMemory, desired: number, now: number, windowMs = DOWNSCALE_STABILISATION_MS): number {
  let max = desired;
  let oldIndex = -1;
  const cutoff = now - windowMs;
  mem.recommendations.forEach((rec, i) => {
    if (rec.timestamp < cutoff) oldIndex = i;
    else if (rec.recommendation > max) max = rec.recommendation;
  });
  const entry = { recommendation: desired, timestamp: now };
  if (oldIndex >= 0) mem.recommendations[oldIndex] = entry;
  else mem.recommendations.push(entry);
  return max;
}

function calculateScaleUpLimit(currentReplicas: number): number {
  return Math.trunc(Math.max(SCALE_UP_LIMIT_FACTOR * currentReplicas, SCALE_UP_LIMIT_MINIMUM));
}

/** Without spec.behavior: clamp to min/max and to at most double (or 4) per step. */
export function convertDesiredReplicasWithRules(current: number, desired: number, min: number, max: number): Limited {
  const scaleUpLimit = calculateScaleUpLimit(current);
  let maximum: number;
  let reason: string;
  let message: string;
  if (max > scaleUpLimit) {
    maximum = scaleUpLimit;
    reason = 'ScaleUpLimit';
    message = 'the desired replica count is increasing faster than the maximum scale rate';
  } else {
    maximum = max;
    reason = 'TooManyReplicas';
    message = 'the desired replica count is more than the maximum replica count';
  }
  if (desired < min) return { replicas: min, reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' };
  if (desired > maximum) return { replicas: maximum, reason, message };
  return { replicas: desired, reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
}

export interface NormalizationArg {
  scaleUp: HPAScalingRules;
  scaleDown: HPAScalingRules;
  minReplicas: number;
  maxReplicas: number;
  currentReplicas: number;
  desiredReplicas: number;
}

/** With spec.behavior: bring the proposal within the lowest (up) and highest (down) recommendations of their windows. */
export function stabilizeRecommendationWithBehaviors(mem: HPAMemory, args: NormalizationArg, now: number): Limited {
  let up = args.desiredReplicas;
  let down = args.desiredReplicas;
  const upCutoff = now - (args.scaleUp.stabilizationWindowSeconds ?? 0) * 1000;
  const downCutoff = now - (args.scaleDown.stabilizationWindowSeconds ?? DOWNSCALE_STABILISATION_MS / 1000) * 1000;
  let oldIndex = -1;
  mem.recommendations.forEach((rec, i) => {
    if (rec.timestamp > upCutoff) up = Math.min(rec.recommendation, up);
    if (rec.timestamp > downCutoff) down = Math.max(rec.recommendation, down);
    if (rec.timestamp < upCutoff && rec.timestamp < downCutoff) oldIndex = i;
  });
  let recommendation = args.currentReplicas;
  if (recommendation < up) recommendation = up;
  if (recommendation > down) recommendation = down;
  const entry = { recommendation: args.desiredReplicas, timestamp: now };
  if (oldIndex >= 0) mem.recommendations[oldIndex] = entry;
  else mem.recommendations.push(entry);
  if (args.desiredReplicas >= args.currentReplicas) {
    return { replicas: recommendation, reason: 'ScaleUpStabilized', message: 'recent recommendations were lower than current one, applying the lowest recent recommendation' };
  }
  return { replicas: recommendation, reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' };
}

function changeInPeriod(periodSeconds: number, events: readonly ScaleEvent[], now: number): number {
  const cutoff = now - periodSeconds * 1000;
  return events.reduce((n, e) => (e.timestamp > cutoff ? n + e.replicaChange : n), 0);
}

const INT32_MAX = 2 ** 31 - 1;
const INT32_MIN = -(2 ** 31);

export function calculateScaleUpLimitWithScalingRules(current: number, mem: HPAMemory, rules: HPAScalingRules, now: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const minChange = rules.selectPolicy === 'Min';
  let result = minChange ? INT32_MAX : INT32_MIN;
  for (const p of rules.policies ?? []) {
    const start = current - changeInPeriod(p.periodSeconds, mem.scaleUpEvents, now) + changeInPeriod(p.periodSeconds, mem.scaleDownEvents, now);
    // Rounded up: a percentage that adds less than one pod must still add one.
    const proposed = p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
    result = minChange ? Math.min(result, proposed) : Math.max(result, proposed);
  }
  return result;
}

export function calculateScaleDownLimitWithBehaviors(current: number, mem: HPAMemory, rules: HPAScalingRules, now: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const minChange = rules.selectPolicy === 'Min';
  let result = minChange ? INT32_MIN : INT32_MAX;
  for (const p of rules.policies ?? []) {
    const start = current - changeInPeriod(p.periodSeconds, mem.scaleUpEvents, now) + changeInPeriod(p.periodSeconds, mem.scaleDownEvents, now);
    const proposed = p.type === 'Pods' ? start - p.value : Math.trunc(start * (1 - p.value / 100));
    result = minChange ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return result;
}

/** With spec.behavior: clamp to min/max and to what the scaling policies allow in their periods. */
export function convertDesiredReplicasWithBehaviorRate(mem: HPAMemory, args: NormalizationArg, now: number): Limited {
  if (args.desiredReplicas > args.currentReplicas) {
    let limit = calculateScaleUpLimitWithScalingRules(args.currentReplicas, mem, args.scaleUp, now);
    if (limit < args.currentReplicas) limit = args.currentReplicas;
    let maximum = args.maxReplicas;
    let reason = 'TooManyReplicas';
    let message = 'the desired replica count is more than the maximum replica count';
    if (maximum > limit) {
      maximum = limit;
      reason = 'ScaleUpLimit';
      message = 'the desired replica count is increasing faster than the maximum scale rate';
    }
    if (args.desiredReplicas > maximum) return { replicas: maximum, reason, message };
  } else if (args.desiredReplicas < args.currentReplicas) {
    let limit = calculateScaleDownLimitWithBehaviors(args.currentReplicas, mem, args.scaleDown, now);
    if (limit > args.currentReplicas) limit = args.currentReplicas;
    let minimum = args.minReplicas;
    let reason = 'TooFewReplicas';
    let message = 'the desired replica count is less than the minimum replica count';
    if (minimum < limit) {
      minimum = limit;
      reason = 'ScaleDownLimit';
      message = 'the desired replica count is decreasing faster than the maximum scale rate';
    }
    if (args.desiredReplicas < minimum) return { replicas: minimum, reason, message };
  }
  return { replicas: args.desiredReplicas, reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
}

function longestPolicyPeriod(rules: HPAScalingRules | undefined): number {
  return Math.max(0, ...(rules?.policies ?? []).map((p) => p.periodSeconds));
}

/** Remember a rescale for the rate limits (only HPAs with spec.behavior use them). */
export function storeScaleEvent(mem: HPAMemory, behavior: HorizontalPodAutoscalerBehavior | undefined, prev: number, next: number, now: number): void {
  if (!behavior) return;
  const up = next > prev;
  const events = up ? mem.scaleUpEvents : mem.scaleDownEvents;
  const cutoff = now - longestPolicyPeriod(up ? behavior.scaleUp : behavior.scaleDown) * 1000;
  for (const e of events) if (e.timestamp < cutoff) e.outdated = true;
  let oldIndex = -1;
  events.forEach((e, i) => {
    if (e.outdated) oldIndex = i;
  });
  const entry: ScaleEvent = { replicaChange: up ? next - prev : prev - next, timestamp: now, outdated: false };
  if (oldIndex >= 0) events[oldIndex] = entry;
  else events.push(entry);
}
