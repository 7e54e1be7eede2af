import type { HorizontalPodAutoscaler, HorizontalPodAutoscalerCondition, HorizontalPodAutoscalerStatus, MetricStatus } from 'kubernetes-types/autoscaling/v2';
import { deepEqual } from '../controllerutil/status';

/**
 * The HPA's status as the controller writes it: conditions AbleToScale, ScalingActive and
 * ScalingLimited (a transition time only when a condition's status flips), the replica counts,
 * the current metrics and the last scale time.
 */

export type ConditionType = 'AbleToScale' | 'ScalingActive' | 'ScalingLimited';

export function setCondition(
  status: HorizontalPodAutoscalerStatus,
  type: ConditionType,
  value: 'True' | 'False',
  reason: string,
  message: string,
  now: string,
): void {
  const list = [...(status.conditions ?? [])];
  let i = list.findIndex((c) => c.type === type);
  if (i < 0) {
    list.push({ type, status: 'Unknown' } as HorizontalPodAutoscalerCondition);
    i = list.length - 1;
  }
  const existing = list[i];
  list[i] = {
    type,
    status: value,
    lastTransitionTime: existing.status !== value ? now : existing.lastTransitionTime,
    reason,
    message,
  };
  status.conditions = list;
}

/** setStatus: replica counts and metrics, keeping the conditions; a rescale stamps lastScaleTime. */
export function withStatus(
  status: HorizontalPodAutoscalerStatus,
  currentReplicas: number,
  desiredReplicas: number,
  metrics: MetricStatus[] | undefined,
  rescale: boolean,
  now: string,
): HorizontalPodAutoscalerStatus {
  const next: HorizontalPodAutoscalerStatus = {
    currentReplicas,
    desiredReplicas,
    ...(rescale ? { lastScaleTime: now } : status.lastScaleTime ? { lastScaleTime: status.lastScaleTime } : {}),
    ...(metrics?.length ? { currentMetrics: metrics } : {}),
    ...(status.conditions?.length ? { conditions: status.conditions } : {}),
  };
  return next;
}

/** Whether a status write would change anything (updateStatusIfNeeded). */
export function statusChanged(hpa: HorizontalPodAutoscaler, next: HorizontalPodAutoscalerStatus): boolean {
  return !deepEqual(JSON.parse(JSON.stringify(hpa.status ?? {})), JSON.parse(JSON.stringify(next)));
}
