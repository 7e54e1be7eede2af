import type { HPAScalingRules } from 'kubernetes-types/autoscaling/v2';
import { describe, expect, it } from 'vitest';
import {
  calculateScaleDownLimitWithBehaviors,
  calculateScaleUpLimitWithScalingRules,
  convertDesiredReplicasWithBehaviorRate,
  convertDesiredReplicasWithRules,
  newMemory,
  stabilizeRecommendation,
  stabilizeRecommendationWithBehaviors,
  storeScaleEvent,
} from './behavior';

const T0 = Date.parse('2025-01-06T09:00:00Z');
const s = (n: number) => n * 1000;

// The API server's defaults for spec.behavior (autoscaling/v2 SetDefaults): up 0 s window, max(4 pods, 100%) per 15 s; down 300 s, 100% per 15 s.
const UP: HPAScalingRules = {
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
};
const DOWN: HPAScalingRules = { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };
const args = (current: number, desired: number, over: Partial<{ scaleUp: HPAScalingRules; scaleDown: HPAScalingRules; min: number; max: number }> = {}) => ({
  scaleUp: over.scaleUp ?? UP,
  scaleDown: over.scaleDown ?? DOWN,
  minReplicas: over.min ?? 1,
  maxReplicas: over.max ?? 10,
  currentReplicas: current,
  desiredReplicas: desired,
});

describe('without spec.behavior (legacy rules)', () => {
  it('scale-down waits for the highest recommendation of the last 5 minutes', () => {
    const mem = newMemory();
    expect(stabilizeRecommendation(mem, 5, T0)).toBe(5);
    expect(stabilizeRecommendation(mem, 1, T0 + s(60))).toBe(5);
    expect(stabilizeRecommendation(mem, 1, T0 + s(299))).toBe(5);
    // Past 5 minutes the old sample no longer counts (and its slot is reused).
    expect(stabilizeRecommendation(mem, 1, T0 + s(301))).toBe(1);
    expect(mem.recommendations.length).toBe(3);
  });

  it('scale-up at most doubles (at least 4) per step, within min and max, with the conditions upstream names', () => {
    expect(convertDesiredReplicasWithRules(1, 10, 1, 10)).toEqual({ replicas: 4, reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' });
    expect(convertDesiredReplicasWithRules(3, 20, 1, 5)).toEqual({ replicas: 5, reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' });
    expect(convertDesiredReplicasWithRules(3, 0, 2, 10)).toEqual({ replicas: 2, reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' });
    expect(convertDesiredReplicasWithRules(4, 6, 1, 10)).toEqual({ replicas: 6, reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' });
  });
});

describe('with spec.behavior', () => {
  it('default scale-up: the larger of +4 pods and +100% per 15 s, counting what was added in the period', () => {
    const mem = newMemory();
    expect(calculateScaleUpLimitWithScalingRules(1, mem, UP, T0)).toBe(5);
    expect(calculateScaleUpLimitWithScalingRules(10, mem, UP, T0)).toBe(20);
    storeScaleEvent(mem, { scaleUp: UP, scaleDown: DOWN }, 1, 5, T0);
    // 10 s later the period started at 1 replica: nothing more may be added.
    expect(convertDesiredReplicasWithBehaviorRate(mem, args(5, 10), T0 + s(10))).toEqual({
      replicas: 5,
      reason: 'ScaleUpLimit',
      message: 'the desired replica count is increasing faster than the maximum scale rate',
    });
    // Once the event is older than the period: 5 → max(9, 10), capped by maxReplicas 10.
    expect(convertDesiredReplicasWithBehaviorRate(mem, args(5, 12), T0 + s(16))).toEqual({
      replicas: 10,
      reason: 'TooManyReplicas',
      message: 'the desired replica count is more than the maximum replica count',
    });
  });

  it('scale-down stabilisation keeps the highest recommendation within its window', () => {
    const mem = newMemory();
    mem.recommendations = [{ recommendation: 5, timestamp: T0 }];
    const held = stabilizeRecommendationWithBehaviors(mem, args(5, 1), T0 + s(60));
    expect(held).toEqual({ replicas: 5, reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' });
    const later = stabilizeRecommendationWithBehaviors(mem, args(5, 1), T0 + s(361));
    expect(later.replicas).toBe(1);
  });

  it('scale-up stabilisation keeps the lowest recommendation within its window', () => {
    const mem = newMemory();
    const up = { ...UP, stabilizationWindowSeconds: 60 };
    mem.recommendations = [{ recommendation: 2, timestamp: T0 }];
    expect(stabilizeRecommendationWithBehaviors(mem, args(2, 6, { scaleUp: up }), T0 + s(30))).toMatchObject({ replicas: 2, reason: 'ScaleUpStabilized' });
  });

  it('scale-down policies: percent rounds down, pods subtract, Min picks the smaller change, Disabled holds', () => {
    const mem = newMemory();
    const half: HPAScalingRules = { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }] };
    expect(calculateScaleDownLimitWithBehaviors(9, mem, half, T0)).toBe(4);
    const both: HPAScalingRules = {
      selectPolicy: 'Min',
      policies: [
        { type: 'Percent', value: 50, periodSeconds: 60 },
        { type: 'Pods', value: 1, periodSeconds: 60 },
      ],
    };
    expect(calculateScaleDownLimitWithBehaviors(10, mem, both, T0)).toBe(9);
    expect(calculateScaleDownLimitWithBehaviors(10, mem, { selectPolicy: 'Disabled', policies: half.policies }, T0)).toBe(10);
    expect(convertDesiredReplicasWithBehaviorRate(mem, args(10, 1, { scaleDown: half }), T0)).toEqual({
      replicas: 5,
      reason: 'ScaleDownLimit',
      message: 'the desired replica count is decreasing faster than the maximum scale rate',
    });
    expect(convertDesiredReplicasWithBehaviorRate(mem, args(3, 1, { min: 2 }), T0)).toEqual({
      replicas: 2,
      reason: 'TooFewReplicas',
      message: 'the desired replica count is less than the minimum replica count',
    });
  });

  it('scale events are only remembered for HPAs with a behavior, and outdated ones are reused', () => {
    const mem = newMemory();
    storeScaleEvent(mem, undefined, 1, 4, T0);
    expect(mem.scaleUpEvents).toEqual([]);
    storeScaleEvent(mem, { scaleUp: UP, scaleDown: DOWN }, 1, 4, T0);
    storeScaleEvent(mem, { scaleUp: UP, scaleDown: DOWN }, 4, 8, T0 + s(20));
    expect(mem.scaleUpEvents).toEqual([{ replicaChange: 4, timestamp: T0 + s(20), outdated: false }]);
  });
});
