import type { HorizontalPodAutoscaler, HPAScalingRules } from 'kubernetes-types/autoscaling/v2';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { FieldError } from '../../api/status';
import type { Strategy } from '../strategy';
import { isNotMoreThan100Percent, validateLabelSelector, validateNonnegative, validatePositiveIntOrPercent, ensureField } from './common';
import { child, fe, GoText, goStruct, index } from './errors';
import { isValidPathSegmentName } from './formats';

/** policy/v1 PodDisruptionBudgets and autoscaling/v2 HorizontalPodAutoscalers. */

const ptr = (type: string, v: unknown) => new GoText(v == null ? `(*${type})(nil)` : `(*${type})(0xc000b3c000)`);

export const podDisruptionBudgetStrategy: Strategy<PodDisruptionBudget> = {
  generation: true,
  statusSubresource: true,
  prepareForCreate(pdb) {
    // PodDisruptionBudgetStatus's counters are always serialized.
    (pdb as { status?: unknown }).status = {
      currentHealthy: 0,
      desiredHealthy: 0,
      disruptionsAllowed: 0,
      expectedPods: 0,
    };
  },
  validate(pdb) {
    const spec = pdb.spec ?? {};
    const errs: FieldError[] = [];
    if (spec.minAvailable != null && spec.maxUnavailable != null) {
      // The real server prints the internal struct with Go's %#v, pointers as addresses.
      const shown = goStruct('policy.PodDisruptionBudgetSpec', [
        ['MinAvailable', ptr('intstr.IntOrString', spec.minAvailable)],
        ['Selector', ptr('v1.LabelSelector', spec.selector)],
        ['MaxUnavailable', ptr('intstr.IntOrString', spec.maxUnavailable)],
        ['UnhealthyPodEvictionPolicy', ptr('policy.UnhealthyPodEvictionPolicyType', spec.unhealthyPodEvictionPolicy)],
      ]);
      errs.push(fe.invalid('spec', shown, 'minAvailable and maxUnavailable cannot be both set'));
    }
    for (const f of ['minAvailable', 'maxUnavailable'] as const) {
      const v = spec[f];
      if (v == null) continue;
      errs.push(...validatePositiveIntOrPercent(v, child('spec', f)));
      errs.push(...isNotMoreThan100Percent(v, child('spec', f)));
    }
    errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
    const policy = spec.unhealthyPodEvictionPolicy;
    if (policy != null && policy !== 'AlwaysAllow' && policy !== 'IfHealthyBudget') {
      errs.push(fe.notSupported('spec.unhealthyPodEvictionPolicy', policy, ['AlwaysAllow', 'IfHealthyBudget']));
    }
    return errs;
  },
  validateStatusUpdate(pdb) {
    const s = pdb.status;
    const errs: FieldError[] = [];
    for (const f of ['disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods'] as const) {
      errs.push(...validateNonnegative(s?.[f], child('status', f)));
    }
    return errs;
  },
};

// ---------------------------------------------------------------------------------------------
// HorizontalPodAutoscaler

/** The scale-up and scale-down rules an HPA with a `behavior` gets (GenerateHPAScale*Rules). */
function defaultScalingRules(rules: HPAScalingRules | undefined, up: boolean): HPAScalingRules {
  const r: HPAScalingRules = rules ?? {};
  // Scale-down's window stays unset: the controller applies --horizontal-pod-autoscaler-downscale-stabilization (5m).
  if (up) r.stabilizationWindowSeconds ??= 0;
  r.selectPolicy ||= 'Max';
  if (!r.policies?.length) {
    r.policies = up
      ? [
          { type: 'Pods', value: 4, periodSeconds: 15 },
          { type: 'Percent', value: 100, periodSeconds: 15 },
        ]
      : [{ type: 'Percent', value: 100, periodSeconds: 15 }];
  }
  return r;
}

const METRIC_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];

export const horizontalPodAutoscalerStrategy: Strategy<HorizontalPodAutoscaler> = {
  statusSubresource: true,
  defaults(hpa) {
    const spec = ensureField(hpa, 'spec', {} as HorizontalPodAutoscaler['spec'] & object);
    spec.minReplicas ??= 1;
    if (!spec.metrics?.length) {
      spec.metrics = [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: 80 },
          },
        },
      ];
    }
    if (spec.behavior) {
      spec.behavior.scaleUp = defaultScalingRules(spec.behavior.scaleUp, true);
      spec.behavior.scaleDown = defaultScalingRules(spec.behavior.scaleDown, false);
    }
  },
  prepareForCreate(hpa) {
    (hpa as { status?: unknown }).status = { desiredReplicas: 0 };
  },
  validate(hpa) {
    const spec = hpa.spec;
    const errs: FieldError[] = [];
    if (spec?.minReplicas != null && spec.minReplicas < 1) {
      errs.push(fe.invalid('spec.minReplicas', spec.minReplicas, 'must be greater than or equal to 1'));
    }
    const max = spec?.maxReplicas ?? 0;
    if (max < 1) errs.push(fe.invalid('spec.maxReplicas', max, 'must be greater than 0'));
    if (spec?.minReplicas != null && max < spec.minReplicas) {
      errs.push(fe.invalid('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
    }
    const ref = spec?.scaleTargetRef;
    for (const f of ['kind', 'name'] as const) {
      const v = ref?.[f] ?? '';
      if (!v) errs.push(fe.required(child('spec.scaleTargetRef', f)));
      else for (const msg of isValidPathSegmentName(v)) errs.push(fe.invalid(child('spec.scaleTargetRef', f), v, msg));
    }
    (spec?.metrics ?? []).forEach((m, i) => {
      const p = index('spec.metrics', i);
      if (!m.type) errs.push(fe.required(child(p, 'type'), 'must specify a metric source type'));
      else if (!METRIC_TYPES.includes(m.type)) errs.push(fe.notSupported(child(p, 'type'), m.type, METRIC_TYPES));
      const t = m.resource?.target;
      if (m.type === 'Resource') {
        if (!m.resource) errs.push(fe.required(child(p, 'resource'), 'must populate information for the given metric source'));
        else if (t?.type === 'Utilization' && t.averageUtilization != null && t.averageUtilization <= 0) {
          errs.push(fe.invalid(child(p, 'resource', 'target', 'averageUtilization'), t.averageUtilization, 'must be greater than 0'));
        }
      }
    });
    return errs;
  },
};
