import type { HorizontalPodAutoscaler as V1 } from 'kubernetes-types/autoscaling/v1';
import type { HorizontalPodAutoscaler as V2 } from 'kubernetes-types/autoscaling/v2';
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../api/types';
import { Clock } from '../../sim/clock';
import { Random } from '../../sim/random';
import { ApiServer } from '../apiserver';
import { ResourceRegistry } from '../registry';
import { ObjectStore } from '../store';
import { fromStorageVersion, toStorageVersion } from './index';

// Expected shapes follow pkg/apis/autoscaling/v1/conversion.go: v1 holds the CPU utilization
// target and current value; other metrics, every current metric, conditions and behavior go to
// the autoscaling.alpha.kubernetes.io/* annotations (behavior with the internal type's Go field names).
const registry = new ResourceRegistry();
const hpaType = registry.get('autoscaling', 'horizontalpodautoscalers');
if (!hpaType) throw new Error('HPA type missing');
const rt = hpaType;

const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };

const v2: V2 = {
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    scaleTargetRef: ref,
    minReplicas: 1,
    maxReplicas: 10,
    metrics: [
      { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 70 } } },
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } },
    ],
    behavior: { scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] } },
  },
  status: {
    currentReplicas: 2,
    desiredReplicas: 3,
    currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 75, averageValue: '75m' } } }],
    conditions: [{ type: 'AbleToScale', status: 'True', lastTransitionTime: '2025-01-06T09:00:00Z', reason: 'SucceededRescale', message: 'the HPA controller was able to update the target scale to 3' }],
  },
};

describe('autoscaling/v1 HorizontalPodAutoscaler conversion', () => {
  it('reads a v2 object as v1: the CPU target and value, the rest in annotations', () => {
    const v1 = fromStorageVersion(rt, v2 as KObject, 'v1') as V1;
    expect(v1.apiVersion).toBe('autoscaling/v1');
    expect(v1.spec).toEqual({ scaleTargetRef: ref, minReplicas: 1, maxReplicas: 10, targetCPUUtilizationPercentage: 50 });
    expect(v1.status).toEqual({ currentReplicas: 2, desiredReplicas: 3, currentCPUUtilizationPercentage: 75 });
    expect(v1.metadata?.annotations).toEqual({
      'autoscaling.alpha.kubernetes.io/metrics': '[{"type":"Resource","resource":{"name":"memory","targetAverageUtilization":70}}]',
      'autoscaling.alpha.kubernetes.io/current-metrics': '[{"type":"Resource","resource":{"name":"cpu","currentAverageUtilization":75,"currentAverageValue":"75m"}}]',
      'autoscaling.alpha.kubernetes.io/behavior': '{"ScaleUp":null,"ScaleDown":{"StabilizationWindowSeconds":300,"SelectPolicy":"Max","Policies":[{"Type":"Percent","Value":100,"PeriodSeconds":15}]}}',
      'autoscaling.alpha.kubernetes.io/conditions':
        '[{"type":"AbleToScale","status":"True","lastTransitionTime":"2025-01-06T09:00:00Z","reason":"SucceededRescale","message":"the HPA controller was able to update the target scale to 3"}]',
    });
  });

  it('writes the v1 object back as the same v2 object (other metrics first, the CPU target last)', () => {
    const v1 = fromStorageVersion(rt, v2 as KObject, 'v1');
    expect(toStorageVersion(rt, v1)).toEqual(v2);
  });

  it('leaves objects of the stored version, and of other kinds, alone', () => {
    expect(toStorageVersion(rt, v2 as KObject)).toBe(v2);
    expect(fromStorageVersion(rt, v2 as KObject, 'v2')).toBe(v2);
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } };
    expect(toStorageVersion(rt, pod)).toBe(pod);
  });

  it('is served by the API server: a v1 create is stored as v2 with the v2 defaults', () => {
    const clock = new Clock(Date.UTC(2025, 0, 6, 9));
    const api = new ApiServer(new ResourceRegistry(), new ObjectStore(), clock, new Random(1));
    api.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
    const input: V1 = { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: { scaleTargetRef: ref, maxReplicas: 4, targetCPUUtilizationPercentage: 60 } };
    const stored = api.create('autoscaling/horizontalpodautoscalers', 'default', input as KObject) as V2;
    expect(stored.apiVersion).toBe('autoscaling/v2');
    expect(stored.spec?.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }]);
    expect(stored.spec?.minReplicas).toBe(1);
    const noTarget: V1 = { ...input, metadata: { name: 'bare' }, spec: { scaleTargetRef: ref, maxReplicas: 4 } };
    // Without a CPU target, v2's default (80% CPU) applies.
    expect((api.create('autoscaling/horizontalpodautoscalers', 'default', noTarget as KObject) as V2).spec?.metrics?.[0].resource?.target.averageUtilization).toBe(80);
    const patched = api.patch<V2>('autoscaling/horizontalpodautoscalers', 'default', 'web', 'merge', { spec: { targetCPUUtilizationPercentage: 40 } }, { version: 'v1' });
    expect(patched.spec?.metrics?.[0].resource?.target.averageUtilization).toBe(40);
    expect(() => api.create('autoscaling/horizontalpodautoscalers', 'default', { ...input, apiVersion: 'autoscaling/v3' } as KObject)).toThrow(
      'the API version in the data (autoscaling/v3) does not match the expected API version (autoscaling/v2)',
    );
  });
});
