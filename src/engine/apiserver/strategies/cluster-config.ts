import type { Lease } from 'kubernetes-types/coordination/v1';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { FieldError } from '../../api/status';
import type { Strategy } from '../strategy';
import { semanticEqual, sortedKeys, validateImmutable, validateQualifiedName } from './common';
import { fe } from './errors';

/** StorageClasses, PriorityClasses and Leases. */

const MAX_PARAMETERS_SIZE = 256 * 1024;

export const storageClassStrategy: Strategy<StorageClass> = {
  defaults(sc) {
    sc.reclaimPolicy ||= 'Delete';
    sc.volumeBindingMode ||= 'Immediate';
  },
  validate(sc) {
    const errs: FieldError[] = [];
    const provisioner = sc.provisioner ?? '';
    if (!provisioner) errs.push(fe.required('provisioner', provisioner));
    else errs.push(...validateQualifiedName(provisioner.toLowerCase(), 'provisioner'));
    let size = 0;
    for (const k of sortedKeys(sc.parameters)) {
      if (!k) errs.push(fe.required('parameters'));
      size += k.length + String(sc.parameters?.[k] ?? '').length;
    }
    if (size > MAX_PARAMETERS_SIZE) errs.push(fe.tooLong('parameters', MAX_PARAMETERS_SIZE));
    if (sc.reclaimPolicy && !['Delete', 'Retain'].includes(sc.reclaimPolicy)) {
      errs.push(fe.notSupported('reclaimPolicy', sc.reclaimPolicy, ['Delete', 'Retain']));
    }
    if (!sc.volumeBindingMode) errs.push(fe.required('volumeBindingMode'));
    else if (!['Immediate', 'WaitForFirstConsumer'].includes(sc.volumeBindingMode)) {
      errs.push(fe.notSupported('volumeBindingMode', sc.volumeBindingMode, ['Immediate', 'WaitForFirstConsumer']));
    }
    return errs;
  },
  validateUpdate(sc, old) {
    const errs: FieldError[] = [];
    if (!semanticEqual(sc.parameters ?? {}, old.parameters ?? {}))
      errs.push(fe.forbidden('parameters', 'updates to parameters are forbidden.'));
    if (sc.provisioner !== old.provisioner) errs.push(fe.forbidden('provisioner', 'updates to provisioner are forbidden.'));
    if (sc.reclaimPolicy !== old.reclaimPolicy) errs.push(fe.forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
    errs.push(...validateImmutable(sc.volumeBindingMode ?? null, old.volumeBindingMode ?? null, 'volumeBindingMode'));
    return errs;
  },
};

// ---------------------------------------------------------------------------------------------
// PriorityClass

const HIGHEST_USER_PRIORITY = 1_000_000_000;
const SYSTEM_CLASSES: Record<string, number> = {
  'system-node-critical': 2_000_001_000,
  'system-cluster-critical': 2_000_000_000,
};

export const priorityClassStrategy: Strategy<PriorityClass> = {
  defaults(pc) {
    pc.preemptionPolicy ||= 'PreemptLowerPriority';
  },
  validate(pc) {
    const errs: FieldError[] = [];
    const name = pc.metadata?.name ?? '';
    if (name.startsWith('system-')) {
      const want = SYSTEM_CLASSES[name];
      let why: string | undefined;
      if (want === undefined) why = `${name} is not a known system priority class`;
      else if (pc.value !== want) why = `value of ${name} PriorityClass must be ${want}`;
      else if (pc.globalDefault) why = `globalDefault of ${name} PriorityClass must be false`;
      if (why) {
        errs.push(
          fe.forbidden('metadata.name', `priority class names with 'system-' prefix are reserved for system use only. error: ${why}`),
        );
      }
    } else if (pc.value > HIGHEST_USER_PRIORITY) {
      errs.push(fe.forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_PRIORITY}`));
    }
    const policy = pc.preemptionPolicy;
    if (policy != null && !['PreemptLowerPriority', 'Never'].includes(policy)) {
      errs.push(fe.notSupported('preemptionPolicy', policy, ['PreemptLowerPriority', 'Never']));
    }
    return errs;
  },
  validateUpdate(pc, old) {
    const errs: FieldError[] = [];
    if (pc.value !== old.value) errs.push(fe.forbidden('value', 'may not be changed in an update.'));
    errs.push(...validateImmutable(pc.preemptionPolicy ?? null, old.preemptionPolicy ?? null, 'preemptionPolicy'));
    return errs;
  },
};

// ---------------------------------------------------------------------------------------------
// Lease

export const leaseStrategy: Strategy<Lease> = {
  validate(lease) {
    const spec = lease.spec ?? {};
    const errs: FieldError[] = [];
    if (spec.leaseDurationSeconds != null && spec.leaseDurationSeconds <= 0) {
      errs.push(fe.invalid('spec.leaseDurationSeconds', spec.leaseDurationSeconds, 'must be greater than 0'));
    }
    if (spec.leaseTransitions != null && spec.leaseTransitions < 0) {
      errs.push(fe.invalid('spec.leaseTransitions', spec.leaseTransitions, 'must be greater than or equal to 0'));
    }
    return errs;
  },
};
