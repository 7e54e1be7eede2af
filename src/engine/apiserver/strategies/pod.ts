import type { Pod, PodSpec, PodStatus } from 'kubernetes-types/core/v1';
import type { FieldError } from '../../api/status';
import type { Strategy } from '../strategy';
import { isCreate } from './common';
import { child, fe } from './errors';
import { validateAnnotations } from './meta';
import { validatePodUpdate } from './pod-update';
import { asDecodeError, defaultPodOnly, defaultPodSpec, defaultPodTemplateSpec } from './podspec-defaults';
import { validatePodOnlyContainers, validatePodSpec, validatePodTemplateSpec } from './podspec-validation';
import { qosClass } from './qos';

export { defaultPodSpec, defaultPodTemplateSpec, validatePodSpec, validatePodTemplateSpec };

/**
 * Pods: defaulting, the Pending status a new pod starts with, validation of the whole spec,
 * and the narrow set of changes an update may make.
 */

/** Pod-specific annotation rules (ValidatePodSpecificAnnotations). */
function validatePodAnnotations(pod: Pod): FieldError[] {
  const a = pod.metadata?.annotations ?? {};
  const path = 'metadata.annotations';
  const errs: FieldError[] = [];
  const mirror = a['kubernetes.io/config.mirror'];
  if (mirror !== undefined && !pod.spec?.nodeName) {
    errs.push(fe.invalid(`${path}[kubernetes.io/config.mirror]`, mirror, 'must set spec.nodeName if mirror pod annotation is set'));
  }
  const cost = a['controller.kubernetes.io/pod-deletion-cost'];
  if (cost !== undefined && !/^[+-]?\d+$/.test(cost)) {
    errs.push(fe.invalid(`${path}[controller.kubernetes.io/pod-deletion-cost]`, cost, 'must be a 32bit integer'));
  } else if (cost !== undefined && (Number(cost) > 2147483647 || Number(cost) < -2147483648)) {
    errs.push(fe.invalid(`${path}[controller.kubernetes.io/pod-deletion-cost]`, cost, 'must be a 32bit integer'));
  }
  return errs;
}

export const podStrategy: Strategy<Pod> = {
  statusSubresource: true,
  defaults(pod) {
    asDecodeError(pod, () => {
      pod.spec ??= {} as PodSpec;
      defaultPodSpec(pod.spec);
      defaultPodOnly(pod.spec);
    });
  },
  prepareForCreate(pod, ctx) {
    // The API server owns status: a new pod is Pending, with its QoS class fixed for life.
    const qos = pod.status?.qosClass || qosClass(pod);
    const status: PodStatus = { phase: 'Pending', qosClass: qos };
    (pod as { status?: PodStatus }).status = status;
    if (pod.spec?.schedulingGates?.length) {
      status.conditions = [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: 'SchedulingGated',
          message: 'Scheduling is blocked due to non-empty scheduling gates',
          lastProbeTime: null as unknown as undefined,
          lastTransitionTime: ctx.timestamp,
        },
      ];
    }
  },
  validate(pod) {
    const errs = [
      ...validatePodAnnotations(pod),
      ...validatePodSpec(pod.spec, 'spec', {
        isPod: true,
        podMeta: pod.metadata,
      }),
      ...validatePodOnlyContainers(pod.spec, 'spec'),
      ...(isCreate(pod) ? validatePodCreate(pod) : []),
    ];
    if (pod.spec?.serviceAccountName === undefined || pod.spec.serviceAccountName === '') {
      (pod.spec?.volumes ?? []).forEach((v, vi) => {
        (v.projected?.sources ?? []).forEach((s, si) => {
          if (s.serviceAccountToken) {
            errs.push(
              fe.forbidden(
                child(`spec.volumes[${vi}].projected.sources[${si}]`, 'serviceAccountToken'),
                'must not be specified when serviceAccountName is not set',
              ),
            );
          }
        });
      });
    }
    return errs;
  },
  validateUpdate(pod, old) {
    return validatePodUpdate(pod, old);
  },
  validateStatusUpdate(pod, old) {
    const errs: FieldError[] = [...validateAnnotations(pod.metadata?.annotations, 'metadata.annotations')];
    if (pod.spec?.nodeName !== old.spec?.nodeName) errs.push(fe.forbidden('status.nodeName', 'may not be changed directly'));
    if ((pod.status?.qosClass ?? '') !== (old.status?.qosClass ?? '')) {
      errs.push(fe.invalid('status.qosClass', pod.status?.qosClass ?? '', 'field is immutable'));
    }
    return errs;
  },
  fieldValues(pod) {
    return {
      'spec.nodeName': pod.spec?.nodeName ?? '',
      'spec.restartPolicy': pod.spec?.restartPolicy ?? '',
      'spec.schedulerName': pod.spec?.schedulerName ?? '',
      'spec.serviceAccountName': pod.spec?.serviceAccountName ?? '',
      'spec.hostNetwork': String(pod.spec?.hostNetwork ?? false),
      'status.phase': pod.status?.phase ?? '',
      'status.podIP': pod.status?.podIPs?.[0]?.ip ?? pod.status?.podIP ?? '',
      'status.nominatedNodeName': pod.status?.nominatedNodeName ?? '',
    };
  },
};

/** The create-only rules (ValidatePodCreate). */
export function validatePodCreate(pod: Pod): FieldError[] {
  const errs: FieldError[] = [];
  if (pod.spec?.ephemeralContainers?.length) errs.push(fe.forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  if (pod.spec?.nodeName && pod.spec.schedulingGates?.length) {
    errs.push(fe.forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}
