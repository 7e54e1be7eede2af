import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { PodMetricsInfo } from './metrics';
import { getRawResourceReplicas, getResourceReplicas, groupPods, DEFAULT_CALCULATOR } from './replicas';

/**
 * The cases of upstream's replica_calculator_test.go (pkg/controller/podautoscaler), with its
 * fixture: pods test-pod-N with two containers each requesting the case's request, metrics of
 * `level` per container (so per pod twice the level), sampled with a one-minute window at Go's
 * zero time; a "hot" pod started now (inside the CPU initialization period), a "cool" one long ago.
 */
const NOW = Date.parse('2025-01-06T09:00:00Z');
const ZERO = '0001-01-01T00:00:00Z';
const HOT = new Date(NOW).toISOString();
const COOL = new Date(NOW - 10 * 60_000).toISOString();
const CONTAINERS = 2;

interface Case {
  name: string;
  current: number;
  expected?: number;
  error?: string;
  requests: string[];
  levels: number[];
  podNames?: string[];
  target: number;
  utilization?: number;
  value?: number;
  readiness?: ('True' | 'False')[];
  startTime?: string[];
  phase?: string[];
  deleting?: boolean[];
}

function fixture(tc: Case): { pods: Pod[]; metrics: PodMetricsInfo } {
  const count = Math.max(tc.current, tc.phase?.length ?? 0);
  const pods: Pod[] = [];
  for (let i = 0; i < count; i++) {
    const request = tc.requests[i];
    const resources = request ? { requests: { cpu: request } } : {};
    pods.push({
      metadata: { name: `test-pod-${i}`, namespace: 'test-namespace', ...(tc.deleting?.[i] ? { deletionTimestamp: HOT } : {}) },
      spec: { containers: [{ name: 'c0', resources }, { name: 'c1', resources }] },
      status: {
        phase: tc.phase?.[i] ?? 'Running',
        startTime: tc.startTime?.[i] ?? ZERO,
        conditions: [{ type: 'Ready', status: tc.readiness?.[i] ?? 'True' }],
      },
    });
  }
  const metrics: PodMetricsInfo = new Map();
  tc.levels.forEach((level, i) => {
    metrics.set(tc.podNames?.[i] ?? `test-pod-${i}`, { value: level * CONTAINERS, timestamp: Date.parse(ZERO), windowMs: 60_000 });
  });
  return { pods, metrics };
}

const one = '1.0';
const cases: Case[] = [
  { name: 'DisjointResourcesMetrics', current: 1, error: 'no metrics returned matched known pods', requests: [one], levels: [100], podNames: ['an-older-pod-name'], target: 100 },
  { name: 'ScaleUp', current: 3, expected: 5, requests: [one, one, one], levels: [300, 500, 700], target: 30, utilization: 50, value: CONTAINERS * 500 },
  { name: 'ScaleUpUnreadyLessScale', current: 3, expected: 4, readiness: ['False', 'True', 'True'], requests: [one, one, one], levels: [300, 500, 700], target: 30, utilization: 60, value: CONTAINERS * 600 },
  { name: 'ScaleUpHotCpuLessScale', current: 3, expected: 4, startTime: [HOT, COOL, COOL], requests: [one, one, one], levels: [300, 500, 700], target: 30, utilization: 60, value: CONTAINERS * 600 },
  { name: 'ScaleUpUnreadyNoScale', current: 3, expected: 3, readiness: ['True', 'False', 'False'], requests: [one, one, one], levels: [400, 500, 700], target: 30, utilization: 40, value: CONTAINERS * 400 },
  { name: 'ScaleHotCpuNoScale', current: 3, expected: 3, readiness: ['True', 'False', 'False'], startTime: [COOL, HOT, HOT], requests: [one, one, one], levels: [400, 500, 700], target: 30, utilization: 40, value: CONTAINERS * 400 },
  { name: 'ScaleUpIgnoresFailedPods', current: 2, expected: 4, readiness: ['True', 'True', 'False', 'False'], phase: ['Running', 'Running', 'Failed', 'Failed'], requests: [one, one, one, one], levels: [500, 700], target: 30, utilization: 60, value: CONTAINERS * 600 },
  { name: 'ScaleUpIgnoresDeletionPods', current: 2, expected: 4, readiness: ['True', 'True', 'False', 'False'], phase: ['Running', 'Running', 'Running', 'Running'], deleting: [false, false, true, true], requests: [one, one, one, one], levels: [500, 700], target: 30, utilization: 60, value: CONTAINERS * 600 },
  { name: 'ScaleDown', current: 5, expected: 3, requests: [one, one, one, one, one], levels: [100, 300, 500, 250, 250], target: 50, utilization: 28, value: CONTAINERS * 280 },
  { name: 'ScaleDownIncludeUnreadyPods', current: 5, expected: 2, readiness: ['True', 'True', 'True', 'False', 'False'], requests: [one, one, one, one, one], levels: [100, 300, 500, 250, 250], target: 50, utilization: 30, value: CONTAINERS * 300 },
  { name: 'ScaleDownExcludeUnscheduledPods', current: 5, expected: 1, readiness: ['True', 'False', 'False', 'False', 'False'], phase: ['Running', 'Pending', 'Pending', 'Pending', 'Pending'], requests: [one, one, one, one, one], levels: [100], target: 50, utilization: 10, value: CONTAINERS * 100 },
  { name: 'ScaleDownIgnoreHotCpuPods', current: 5, expected: 2, startTime: [COOL, COOL, COOL, HOT, HOT], requests: [one, one, one, one, one], levels: [100, 300, 500, 250, 250], target: 50, utilization: 30, value: CONTAINERS * 300 },
  { name: 'ScaleDownIgnoresFailedPods', current: 5, expected: 3, readiness: ['True', 'True', 'True', 'True', 'True', 'False', 'False'], phase: ['Running', 'Running', 'Running', 'Running', 'Running', 'Failed', 'Failed'], requests: [one, one, one, one, one, one, one], levels: [100, 300, 500, 250, 250], target: 50, utilization: 28, value: CONTAINERS * 280 },
  { name: 'ScaleDownIgnoresDeletionPods', current: 5, expected: 3, readiness: ['True', 'True', 'True', 'True', 'True', 'False', 'False'], phase: ['Running', 'Running', 'Running', 'Running', 'Running', 'Running', 'Running'], deleting: [false, false, false, false, false, true, true], requests: [one, one, one, one, one, one, one], levels: [100, 300, 500, 250, 250], target: 50, utilization: 28, value: CONTAINERS * 280 },
  { name: 'Tolerance', current: 3, expected: 3, requests: ['0.9', '1.0', '1.1'], levels: [1010, 1030, 1020], target: 100, utilization: 102, value: CONTAINERS * 1020 },
  { name: 'SuperfluousMetrics', current: 4, expected: 24, requests: [one, one, one, one], levels: [4000, 9500, 3000, 7000, 3200, 2000], target: 100, utilization: 587, value: CONTAINERS * 5875 },
  { name: 'MissingMetrics', current: 4, expected: 3, requests: [one, one, one, one], levels: [400, 95], target: 100, utilization: 24, value: 495 },
  { name: 'EmptyCPURequest', current: 1, error: 'missing request for', requests: [], levels: [200], target: 100 },
  { name: 'MissingMetricsNoChangeEq', current: 2, expected: 2, requests: [one, one], levels: [1000], target: 100, utilization: 100, value: CONTAINERS * 1000 },
  { name: 'MissingMetricsNoChangeGt', current: 2, expected: 2, requests: [one, one], levels: [1900], target: 100, utilization: 190, value: CONTAINERS * 1900 },
  { name: 'MissingMetricsNoChangeLt', current: 2, expected: 2, requests: [one, one], levels: [600], target: 100, utilization: 60, value: CONTAINERS * 600 },
  { name: 'MissingMetricsUnreadyChange', current: 3, expected: 3, readiness: ['False', 'True', 'True'], requests: [one, one, one], levels: [100, 450], target: 50, utilization: 45, value: CONTAINERS * 450 },
  { name: 'MissingMetricsHotCpuNoChange', current: 3, expected: 3, startTime: [HOT, COOL, COOL], requests: [one, one, one], levels: [100, 450], target: 50, utilization: 45, value: CONTAINERS * 450 },
  { name: 'MissingMetricsUnreadyScaleUp', current: 3, expected: 4, readiness: ['False', 'True', 'True'], requests: [one, one, one], levels: [100, 2000], target: 50, utilization: 200, value: CONTAINERS * 2000 },
  { name: 'MissingMetricsHotCpuScaleUp', current: 3, expected: 4, readiness: ['False', 'True', 'True'], startTime: [HOT, COOL, COOL], requests: [one, one, one], levels: [100, 2000], target: 50, utilization: 200, value: CONTAINERS * 2000 },
  { name: 'MissingMetricsUnreadyScaleDown', current: 4, expected: 3, readiness: ['False', 'True', 'True', 'True'], requests: [one, one, one, one], levels: [100, 100, 100], target: 50, utilization: 10, value: CONTAINERS * 100 },
  { name: 'DuringRollingUpdateWithMaxSurge', current: 2, expected: 2, phase: ['Running', 'Running', 'Running'], requests: [one, one, one], levels: [100, 100], target: 50, utilization: 10, value: CONTAINERS * 100 },
];

describe('replica calculator (upstream cases)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, tc) => {
    const { pods, metrics } = fixture(tc);
    const run = () => getResourceReplicas(tc.current, tc.target, 'cpu', pods, metrics, '', NOW);
    if (tc.error) {
      expect(run).toThrow(tc.error);
      return;
    }
    expect(run()).toEqual({ replicas: tc.expected, utilization: tc.utilization, rawUtilization: tc.value });
  });

  it('computed tolerance: a minimal scale-down just past the tolerance, none just inside it', () => {
    // TestReplicaCalcComputedToleranceAlgImplementation: 10 pods using 150m each, requesting about 300m.
    const perPodRequested = 300;
    const offsets = [100, -100, 10, -10, 2, -2, 1, -1, 0, 0];
    const tc: Case = {
      name: 'tolerance',
      current: 10,
      requests: offsets.map((o) => `${perPodRequested + o}m`),
      levels: offsets.map(() => 150),
      target: 0,
    };
    const { pods, metrics } = fixture(tc);
    let target = Math.abs(1 / (2 * (1 - 0.1))) + 0.01;
    const finalPods = Math.ceil((1500 / (3000 * target)) * 10);
    expect(getResourceReplicas(10, Math.trunc(target * 100), 'cpu', pods, metrics, '', NOW)).toEqual({ replicas: finalPods, utilization: 50, rawUtilization: 300 });
    target = Math.abs(1 / (2 * (1 - 0.1))) + 0.004;
    expect(getResourceReplicas(10, Math.trunc(target * 100), 'cpu', pods, metrics, '', NOW).replicas).toBe(10);
  });

  it('fails when no pod has metrics left after dropping unready ones, or when the selector found no pods', () => {
    const { pods, metrics } = fixture({ name: 'x', current: 2, requests: [one, one], levels: [100, 100], target: 50, readiness: ['False', 'False'] });
    expect(() => getResourceReplicas(2, 50, 'cpu', pods, metrics, '', NOW)).toThrow('did not receive metrics for targeted pods (pods might be unready)');
    expect(() => getResourceReplicas(2, 50, 'cpu', [], metrics, '', NOW)).toThrow('no pods returned by selector while calculating replica count');
  });

  it('AverageValue targets: per-pod average against the target, missing pods as the target on a scale-down', () => {
    // Upstream's TestReplicaCalcScaleUpCM (pods metric, same plain-metric calculation): 20, 10, 30 against 15 → 4.
    const { pods, metrics } = fixture({ name: 'x', current: 3, requests: [one, one, one], levels: [10_000, 5_000, 15_000], target: 0 });
    expect(getRawResourceReplicas(3, 15_000, 'memory', pods, metrics, NOW)).toEqual({ replicas: 4, usage: 20_000 });
    // TestReplicaCalcScaleDownCM: five pods at 12 against 20 → 3.
    const down = fixture({ name: 'y', current: 5, requests: [one, one, one, one, one], levels: [6000, 6000, 6000, 6000, 6000], target: 0 });
    expect(getRawResourceReplicas(5, 20_000, 'memory', down.pods, down.metrics, NOW)).toEqual({ replicas: 3, usage: 12_000 });
  });
});

describe('groupPods (upstream TestGroupPods)', () => {
  const pod = (name: string, status: Pod['status']): Pod => ({ metadata: { name }, status });
  it('counts a ready pod for memory regardless of readiness', () => {
    const g = groupPods([pod('bentham', { phase: 'Succeeded' })], new Map([['bentham', { value: 1, timestamp: NOW, windowMs: 60_000 }]]), 'memory', NOW, DEFAULT_CALCULATOR);
    expect(g.readyPodCount).toBe(1);
  });
  it('sets aside a CPU pod without a Ready condition', () => {
    const g = groupPods([pod('lucretius', { phase: 'Succeeded', startTime: HOT })], new Map([['lucretius', { value: 1, timestamp: 0, windowMs: 0 }]]), 'cpu', NOW, DEFAULT_CALCULATOR);
    expect([g.readyPodCount, [...g.unreadyPods]]).toEqual([0, ['lucretius']]);
  });
  it('counts a pod ready for a full metrics window during initialization, not one with older metrics', () => {
    const status = {
      phase: 'Succeeded',
      startTime: new Date(NOW - 60_000).toISOString(),
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: new Date(NOW - 30_000).toISOString() }],
    };
    const fresh = groupPods([pod('bentham', status)], new Map([['bentham', { value: 1, timestamp: NOW, windowMs: 30_000 }]]), 'cpu', NOW, DEFAULT_CALCULATOR);
    expect(fresh.readyPodCount).toBe(1);
    const stale = groupPods([pod('bentham', status)], new Map([['bentham', { value: 1, timestamp: NOW, windowMs: 60_000 }]]), 'cpu', NOW, DEFAULT_CALCULATOR);
    expect([...stale.unreadyPods]).toEqual(['bentham']);
  });
});
