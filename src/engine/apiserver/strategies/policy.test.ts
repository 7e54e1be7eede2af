import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { describe, expect, it } from 'vitest';
import { createErrors, created } from './test-helpers';

// pkg/apis/policy/validation and pkg/apis/autoscaling (v2 defaults, validation).

const pdb = (spec: PodDisruptionBudget['spec']): PodDisruptionBudget => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: 'zk-pdb', namespace: 'default' },
  spec,
});

describe('PodDisruptionBudget', () => {
  it('starts with zeroed status counters', () => {
    expect(created('policy/poddisruptionbudgets', pdb({ minAvailable: 2, selector: { matchLabels: { app: 'zk' } } })).status).toEqual({
      currentHealthy: 0,
      desiredHealthy: 0,
      disruptionsAllowed: 0,
      expectedPods: 0,
    });
  });

  it('refuses minAvailable and maxUnavailable together, as the real server words it', () => {
    const errs = createErrors(
      'policy/poddisruptionbudgets',
      pdb({ minAvailable: 2, maxUnavailable: 1, selector: { matchLabels: { app: 'nginx' } } }),
    );
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(
      /^spec: Invalid value: policy\.PodDisruptionBudgetSpec\{MinAvailable:\(\*intstr\.IntOrString\)\(0x[0-9a-f]+\), Selector:\(\*v1\.LabelSelector\)\(0x[0-9a-f]+\), MaxUnavailable:\(\*intstr\.IntOrString\)\(0x[0-9a-f]+\), UnhealthyPodEvictionPolicy:\(\*policy\.UnhealthyPodEvictionPolicyType\)\(nil\)\}: minAvailable and maxUnavailable cannot be both set$/,
    );
  });

  it.each<[string, PodDisruptionBudget['spec'], string[]]>([
    ['a percentage above 100%', { maxUnavailable: '120%' }, ['spec.maxUnavailable: Invalid value: "120%": must not be greater than 100%']],
    ['a negative minAvailable', { minAvailable: -1 }, ['spec.minAvailable: Invalid value: -1: must be greater than or equal to 0']],
    [
      'an unknown eviction policy',
      { minAvailable: 1, unhealthyPodEvictionPolicy: 'Never' },
      ['spec.unhealthyPodEvictionPolicy: Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"'],
    ],
  ])('rejects %s', (_, spec, want) => {
    expect(createErrors('policy/poddisruptionbudgets', pdb(spec))).toEqual(want);
  });
});

describe('HorizontalPodAutoscaler', () => {
  const hpa = (spec: Partial<HorizontalPodAutoscaler['spec'] & object>): HorizontalPodAutoscaler => ({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: 'default' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 10, ...spec },
  });

  it('defaults minReplicas and an 80% CPU target', () => {
    const h = created('autoscaling/horizontalpodautoscalers', hpa({}));
    expect(h.spec).toMatchObject({
      minReplicas: 1,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
    });
    expect(createErrors('autoscaling/horizontalpodautoscalers', hpa({}))).toEqual([]);
  });

  it('defaults the scaling rules of a behavior', () => {
    const h = created('autoscaling/horizontalpodautoscalers', hpa({ behavior: {} }));
    expect(h.spec?.behavior).toEqual({
      scaleUp: {
        stabilizationWindowSeconds: 0,
        selectPolicy: 'Max',
        policies: [
          { type: 'Pods', value: 4, periodSeconds: 15 },
          { type: 'Percent', value: 100, periodSeconds: 15 },
        ],
      },
      // Upstream's defaultHPAScaleDownRules leave the window nil: the controller's flag (5m) applies.
      scaleDown: { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    });
  });

  it.each<[string, Partial<HorizontalPodAutoscaler['spec'] & object>, string[]]>([
    [
      'maxReplicas below minReplicas',
      { minReplicas: 5, maxReplicas: 2 },
      ['spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`'],
    ],
    ['zero minReplicas', { minReplicas: 0 }, ['spec.minReplicas: Invalid value: 0: must be greater than or equal to 1']],
    ['no target name', { scaleTargetRef: { kind: 'Deployment', name: '' } }, ['spec.scaleTargetRef.name: Required value']],
  ])('rejects %s', (_, spec, want) => {
    expect(createErrors('autoscaling/horizontalpodautoscalers', hpa(spec))).toEqual(want);
  });
});
