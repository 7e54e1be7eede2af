import type { PodTemplate, ReplicationController } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { selectorFromSet } from '../../api/labels';
import type { FieldError } from '../../api/status';
import type { Strategy } from '../strategy';
import { validateNonnegative, ensureField } from './common';
import { child, fe } from './errors';
import { asDecodeError, defaultPodTemplateSpec } from './podspec-defaults';
import { validatePodTemplateSpec } from './podspec-validation';
import { requireAlwaysRestart, validateReplicaStatus, validateSelectorMatchesTemplate } from './workload';

/** PodTemplates and ReplicationControllers (the core group's older workload kind). */

export const podTemplateStrategy: Strategy<PodTemplate> = {
  defaults(pt) {
    asDecodeError(pt, () => {
      pt.template ??= {};
      defaultPodTemplateSpec(pt.template);
    });
  },
  validate(pt) {
    return validatePodTemplateSpec(pt.template, 'template');
  },
};

function validateRC(rc: ReplicationController): FieldError[] {
  const spec = rc.spec;
  const path = 'spec';
  const errs = validateNonnegative(spec?.minReadySeconds, child(path, 'minReadySeconds'));
  const selector = selectorFromSet(spec?.selector ?? null);
  if (selector.empty()) errs.push(fe.required(child(path, 'selector')));
  errs.push(...validateNonnegative(spec?.replicas, child(path, 'replicas')));
  const tp = child(path, 'template');
  if (!spec?.template) errs.push(fe.required(tp));
  else {
    errs.push(...validateSelectorMatchesTemplate(selector, spec.template, tp));
    errs.push(...validatePodTemplateSpec(spec.template, tp));
    errs.push(...requireAlwaysRestart(spec.template, tp, 'ReplicationController'));
  }
  return errs;
}

export const replicationControllerStrategy: Strategy<ReplicationController> = {
  generation: true,
  statusSubresource: true,
  defaults(rc) {
    asDecodeError(rc, () => {
      const spec = ensureField(rc, 'spec', {});
      // SetDefaults_ReplicationController: selector and labels come from the template.
      const labels = spec.template?.metadata?.labels;
      if (labels) {
        if (!Object.keys(spec.selector ?? {}).length) spec.selector = { ...labels };
        const meta = ensureField(rc, 'metadata', {} as ObjectMeta);
        if (!Object.keys(meta.labels ?? {}).length) meta.labels = { ...labels };
      }
      spec.replicas ??= 1;
      defaultPodTemplateSpec(spec.template);
    });
  },
  prepareForCreate(rc) {
    (rc as { status?: unknown }).status = { replicas: 0 };
  },
  validate: validateRC,
  validateStatusUpdate(rc) {
    return validateReplicaStatus(rc.status, [
      'replicas',
      'fullyLabeledReplicas',
      'readyReplicas',
      'availableReplicas',
      'observedGeneration',
    ]);
  },
  fieldValues(rc) {
    return { 'status.replicas': String(rc.status?.replicas ?? 0) };
  },
};
