import type {
  ControllerRevision,
  DaemonSet,
  Deployment,
  DeploymentStrategy,
  ReplicaSet,
  StatefulSet,
  StatefulSetUpdateStrategy,
} from 'kubernetes-types/apps/v1';
import type { PersistentVolumeClaimSpec } from 'kubernetes-types/core/v1';
import type { FieldError } from '../../api/status';
import type { Strategy } from '../strategy';
import {
  intOrPercentValue,
  isNotMoreThan100Percent,
  selectorValue,
  semanticEqual,
  validateImmutable,
  validateLabelSelector,
  validateNonnegative,
  validatePositiveIntOrPercent,
  ensureField,
} from './common';
import { child, fe, GoText, goStruct, sortedMap } from './errors';
import { asDecodeError, defaultPodTemplateSpec, defaultPVCSpec } from './podspec-defaults';
import { validatePodTemplateSpec, validateTemplateMeta } from './podspec-validation';
import {
  asSelector,
  requireAlwaysRestart,
  validateCollisionCount,
  validateReplicaStatus,
  validateSelectorMatchesTemplate,
  validateTemplateForReplicaSet,
  validateWorkloadSelector,
} from './workload';

/**
 * apps/v1: Deployments, ReplicaSets, StatefulSets, DaemonSets and ControllerRevisions, with the
 * defaults of pkg/apis/apps/v1 and the validation of pkg/apis/apps/validation.
 */

type Status = { status?: unknown };
/**
 * A new workload's status is the server's to fill: it starts empty, printed with the counters
 * the API always serializes (those without omitempty).
 */
const clearStatus =
  (initial: Record<string, number> = {}) =>
  (obj: Status) => {
    obj.status = { ...initial };
  };

function ptr(type: string, present: unknown): GoText {
  return new GoText(present == null ? `(*${type})(nil)` : `(*${type})(0xc000a1c000)`);
}

// ---------------------------------------------------------------------------------------------
// Deployment

function validateDeploymentStrategy(s: DeploymentStrategy | undefined, path: string): FieldError[] {
  const type = s?.type ?? '';
  if (type === 'Recreate') {
    return s?.rollingUpdate ? [fe.forbidden(child(path, 'rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")] : [];
  }
  if (type === 'RollingUpdate') {
    const ru = s?.rollingUpdate;
    if (!ru) return [fe.required(child(path, 'rollingUpdate'), 'this should be defaulted and never be nil')];
    const p = child(path, 'rollingUpdate');
    const errs = [
      ...validatePositiveIntOrPercent(ru.maxUnavailable, child(p, 'maxUnavailable')),
      ...validatePositiveIntOrPercent(ru.maxSurge, child(p, 'maxSurge')),
    ];
    if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
      errs.push(fe.invalid(child(p, 'maxUnavailable'), ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
    }
    errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, child(p, 'maxUnavailable')));
    return errs;
  }
  const shown = goStruct('apps.DeploymentStrategy', [
    ['Type', type],
    ['RollingUpdate', ptr('apps.RollingUpdateDeployment', s?.rollingUpdate)],
  ]);
  return [fe.notSupported(path, shown, ['Recreate', 'RollingUpdate'])];
}

/** ValidateDeploymentSpec. */
function validateDeployment(d: Deployment): FieldError[] {
  const spec = d.spec;
  const path = 'spec';
  const errs = validateNonnegative(spec?.replicas, child(path, 'replicas'));
  errs.push(...validateWorkloadSelector(spec?.selector, child(path, 'selector'), 'deployment'));
  const selector = asSelector(spec?.selector);
  if (!selector) errs.push(fe.invalid(child(path, 'selector'), selectorValue(spec?.selector), 'invalid label selector'));
  else errs.push(...validateTemplateForReplicaSet(selector, spec?.template, child(path, 'template')));
  errs.push(...validateDeploymentStrategy(spec?.strategy, child(path, 'strategy')));
  errs.push(...validateNonnegative(spec?.minReadySeconds, child(path, 'minReadySeconds')));
  errs.push(...validateNonnegative(spec?.revisionHistoryLimit, child(path, 'revisionHistoryLimit')));
  const pds = spec?.progressDeadlineSeconds;
  if (pds != null) {
    errs.push(...validateNonnegative(pds, child(path, 'progressDeadlineSeconds')));
    if (pds <= (spec?.minReadySeconds ?? 0)) {
      errs.push(fe.invalid(child(path, 'progressDeadlineSeconds'), pds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

export const deploymentStrategy: Strategy<Deployment> = {
  generation: true,
  annotationsBumpGeneration: true,
  statusUpdatesAnnotations: true,
  statusSubresource: true,
  defaults(d) {
    asDecodeError(d, () => {
      const spec = ensureField(d, 'spec', {} as NonNullable<Deployment['spec']>);
      spec.replicas ??= 1;
      const strategy = ensureField(spec, 'strategy', {});
      strategy.type ||= 'RollingUpdate';
      if (strategy.type === 'RollingUpdate') {
        const ru = ensureField(strategy, 'rollingUpdate', {});
        ru.maxUnavailable ??= '25%';
        ru.maxSurge ??= '25%';
      }
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      defaultPodTemplateSpec(spec.template);
    });
  },
  prepareForCreate: clearStatus(),
  validate: validateDeployment,
  validateUpdate(d, old) {
    return validateImmutable(d.spec?.selector, old.spec?.selector, 'spec.selector', selectorValue(d.spec?.selector));
  },
  validateStatusUpdate(d, old) {
    const counters = [
      'observedGeneration',
      'replicas',
      'updatedReplicas',
      'readyReplicas',
      'availableReplicas',
      'unavailableReplicas',
      'collisionCount',
    ];
    return [...validateReplicaStatus(d.status, counters), ...validateCollisionCount(d.status, old.status)];
  },
};

// ---------------------------------------------------------------------------------------------
// ReplicaSet

function validateReplicaSet(rs: ReplicaSet): FieldError[] {
  const spec = rs.spec;
  const path = 'spec';
  const errs = [
    ...validateNonnegative(spec?.replicas, child(path, 'replicas')),
    ...validateNonnegative(spec?.minReadySeconds, child(path, 'minReadySeconds')),
    // Upstream's ReplicaSet message really does say "deployment".
    ...validateWorkloadSelector(spec?.selector, child(path, 'selector'), 'deployment'),
  ];
  const selector = asSelector(spec?.selector);
  if (!selector) errs.push(fe.invalid(child(path, 'selector'), selectorValue(spec?.selector), 'invalid label selector'));
  else errs.push(...validateTemplateForReplicaSet(selector, spec?.template, child(path, 'template')));
  return errs;
}

export const replicaSetStrategy: Strategy<ReplicaSet> = {
  generation: true,
  statusSubresource: true,
  defaults(rs) {
    asDecodeError(rs, () => {
      const spec = ensureField(rs, 'spec', {} as NonNullable<ReplicaSet['spec']>);
      spec.replicas ??= 1;
      defaultPodTemplateSpec(spec.template);
    });
  },
  prepareForCreate: clearStatus({ replicas: 0 }),
  validate: validateReplicaSet,
  validateUpdate(rs, old) {
    return validateImmutable(rs.spec?.selector, old.spec?.selector, 'spec.selector', selectorValue(rs.spec?.selector));
  },
  validateStatusUpdate(rs) {
    return validateReplicaStatus(rs.status, [
      'replicas',
      'fullyLabeledReplicas',
      'readyReplicas',
      'availableReplicas',
      'observedGeneration',
    ]);
  },
  fieldValues(rs) {
    return { 'status.replicas': String(rs.status?.replicas ?? 0) };
  },
};

// ---------------------------------------------------------------------------------------------
// StatefulSet

function updateStrategyValue(s: StatefulSetUpdateStrategy | undefined): GoText {
  return goStruct('apps.StatefulSetUpdateStrategy', [
    ['Type', s?.type ?? ''],
    ['RollingUpdate', ptr('apps.RollingUpdateStatefulSetStrategy', s?.rollingUpdate)],
  ]);
}

function validateStatefulSet(sts: StatefulSet): FieldError[] {
  const spec = sts.spec;
  const path = 'spec';
  const errs: FieldError[] = [];
  const pmp = spec?.podManagementPolicy ?? '';
  if (pmp === '') errs.push(fe.required(child(path, 'podManagementPolicy')));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') {
    errs.push(fe.invalid(child(path, 'podManagementPolicy'), pmp, "must be 'OrderedReady' or 'Parallel'"));
  }
  const us = spec?.updateStrategy;
  const usPath = child(path, 'updateStrategy');
  switch (us?.type ?? '') {
    case '':
      errs.push(fe.required(usPath));
      break;
    case 'OnDelete':
      if (us?.rollingUpdate) {
        const shown = goStruct('&apps.RollingUpdateStatefulSetStrategy', [
          ['Partition', us.rollingUpdate.partition ?? 0],
          ['MaxUnavailable', ptr('intstr.IntOrString', us.rollingUpdate.maxUnavailable)],
        ]);
        errs.push(fe.invalid(child(usPath, 'rollingUpdate'), shown, "only allowed for updateStrategy 'RollingUpdate'"));
      }
      break;
    case 'RollingUpdate': {
      const ru = us?.rollingUpdate;
      if (ru) {
        const rp = child(usPath, 'rollingUpdate');
        errs.push(...validateNonnegative(ru.partition, child(rp, 'partition')));
        if (ru.maxUnavailable != null) {
          const mp = child(rp, 'maxUnavailable');
          errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, mp));
          if (intOrPercentValue(ru.maxUnavailable) === 0) errs.push(fe.invalid(mp, ru.maxUnavailable, 'cannot be 0'));
          errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, mp));
        }
      }
      break;
    }
    default:
      errs.push(fe.invalid(usPath, updateStrategyValue(us), "must be 'RollingUpdate' or 'OnDelete'"));
  }
  const retention = spec?.persistentVolumeClaimRetentionPolicy;
  for (const f of ['whenDeleted', 'whenScaled'] as const) {
    const v = retention?.[f];
    if (retention && v !== 'Retain' && v !== 'Delete') {
      errs.push(fe.notSupported(child(path, 'persistentVolumeClaimRetentionPolicy', f), v ?? '', ['Retain', 'Delete']));
    }
  }
  errs.push(...validateNonnegative(spec?.replicas, child(path, 'replicas')));
  errs.push(...validateNonnegative(spec?.minReadySeconds, child(path, 'minReadySeconds')));
  if (spec?.ordinals) errs.push(...validateNonnegative(spec.ordinals.start, child(path, 'ordinals.start')));
  errs.push(...validateWorkloadSelector(spec?.selector, child(path, 'selector'), 'statefulset'));
  const selector = asSelector(spec?.selector);
  if (!selector) errs.push(fe.invalid(child(path, 'selector'), selectorValue(spec?.selector), ''));
  else {
    // Upstream checks only the template's labels and annotations here, not its pod spec.
    const tp = child(path, 'template');
    errs.push(...validateSelectorMatchesTemplate(selector, spec?.template, tp));
    errs.push(...validateTemplateMeta(spec?.template, tp));
  }
  const policy = spec?.template?.spec?.restartPolicy ?? '';
  if (policy !== 'Always') errs.push(fe.notSupported(child(path, 'template', 'spec', 'restartPolicy'), policy, ['Always']));
  if (spec?.template?.spec?.activeDeadlineSeconds != null) {
    errs.push(
      fe.forbidden(child(path, 'template', 'spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in StatefulSet is not Supported'),
    );
  }
  return errs;
}

/** The spec fields a StatefulSet update may change (v1.32). */
const STATEFULSET_MUTABLE = [
  'replicas',
  'template',
  'updateStrategy',
  'minReadySeconds',
  'ordinals',
  'persistentVolumeClaimRetentionPolicy',
];

export const statefulSetStrategy: Strategy<StatefulSet> = {
  generation: true,
  statusSubresource: true,
  nameValidation: 'label',
  defaults(sts) {
    asDecodeError(sts, () => {
      const spec = ensureField(sts, 'spec', {} as NonNullable<StatefulSet['spec']>);
      spec.podManagementPolicy ||= 'OrderedReady';
      const us = ensureField(spec, 'updateStrategy', {});
      if (!us.type) {
        us.type = 'RollingUpdate';
        us.rollingUpdate ??= {};
      }
      if (us.type === 'RollingUpdate' && us.rollingUpdate) us.rollingUpdate.partition ??= 0;
      const retention = ensureField(spec, 'persistentVolumeClaimRetentionPolicy', {});
      retention.whenDeleted ||= 'Retain';
      retention.whenScaled ||= 'Retain';
      spec.replicas ??= 1;
      spec.revisionHistoryLimit ??= 10;
      defaultPodTemplateSpec(spec.template);
      for (const claim of spec.volumeClaimTemplates ?? []) {
        // Claim templates are whole PersistentVolumeClaims and print as such: type meta, a
        // zero creationTimestamp and the Pending phase included.
        const c = claim as Record<string, unknown> & {
          spec?: PersistentVolumeClaimSpec;
          metadata?: Record<string, unknown>;
        };
        c.apiVersion ??= 'v1';
        c.kind ??= 'PersistentVolumeClaim';
        c.metadata ??= {};
        if (c.metadata.creationTimestamp === undefined) c.metadata.creationTimestamp = null;
        c.spec ??= {};
        defaultPVCSpec(c.spec);
        c.status ??= { phase: 'Pending' };
      }
    });
  },
  prepareForCreate: clearStatus({ replicas: 0, availableReplicas: 0 }),
  validate: validateStatefulSet,
  validateUpdate(sts, old) {
    const strip = (s: StatefulSet['spec']) => {
      const copy: Record<string, unknown> = { ...(s ?? {}) };
      for (const f of STATEFULSET_MUTABLE) delete copy[f];
      return copy;
    };
    if (semanticEqual(strip(sts.spec), strip(old.spec))) return [];
    return [
      fe.forbidden(
        'spec',
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      ),
    ];
  },
  validateStatusUpdate(sts, old) {
    const counters = [
      'replicas',
      'readyReplicas',
      'currentReplicas',
      'updatedReplicas',
      'availableReplicas',
      'observedGeneration',
      'collisionCount',
    ];
    return [
      ...validateReplicaStatus(sts.status, counters, 'status', 'cannot be greater than status.readyReplicas'),
      ...validateCollisionCount(sts.status, old.status),
    ];
  },
};

// ---------------------------------------------------------------------------------------------
// DaemonSet

function validateDaemonSet(ds: DaemonSet): FieldError[] {
  const spec = ds.spec;
  const path = 'spec';
  const errs = validateLabelSelector(spec?.selector, child(path, 'selector'));
  const selector = asSelector(spec?.selector);
  if (selector && !selector.matches(spec?.template?.metadata?.labels ?? {})) {
    errs.push(
      fe.invalid(
        child(path, 'template', 'metadata', 'labels'),
        sortedMap(spec?.template?.metadata?.labels),
        '`selector` does not match template `labels`',
      ),
    );
  }
  const sel = spec?.selector;
  if (sel && Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0) {
    errs.push(fe.invalid(child(path, 'selector'), selectorValue(sel), 'empty selector is invalid for daemonset'));
  }
  errs.push(...validatePodTemplateSpec(spec?.template, child(path, 'template')));
  errs.push(...requireAlwaysRestart(spec?.template, child(path, 'template'), 'DaemonSet'));
  errs.push(...validateNonnegative(spec?.minReadySeconds, child(path, 'minReadySeconds')));
  const us = spec?.updateStrategy;
  const usPath = child(path, 'updateStrategy');
  if (us?.type === 'RollingUpdate') {
    const ru = us.rollingUpdate;
    if (!ru) errs.push(fe.required(child(usPath, 'rollingUpdate')));
    else {
      const rp = child(usPath, 'rollingUpdate');
      errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, child(rp, 'maxUnavailable')));
      errs.push(...validatePositiveIntOrPercent(ru.maxSurge, child(rp, 'maxSurge')));
      errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, child(rp, 'maxUnavailable')));
      errs.push(...isNotMoreThan100Percent(ru.maxSurge, child(rp, 'maxSurge')));
      const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
      const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
      if (hasUnavailable && hasSurge) {
        errs.push(fe.invalid(child(rp, 'maxSurge'), ru.maxSurge, 'may not be set when maxUnavailable is non-zero'));
      } else if (!hasUnavailable && !hasSurge) {
        errs.push(fe.required(child(rp, 'maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
      }
    }
  } else if (us?.type !== 'OnDelete') {
    const shown = goStruct('&apps.DaemonSetUpdateStrategy', [
      ['Type', us?.type ?? ''],
      ['RollingUpdate', ptr('apps.RollingUpdateDaemonSet', us?.rollingUpdate)],
    ]);
    errs.push(fe.notSupported(usPath, shown, ['RollingUpdate', 'OnDelete']));
  }
  errs.push(...validateNonnegative(spec?.revisionHistoryLimit, child(path, 'revisionHistoryLimit')));
  return errs;
}

const TEMPLATE_GENERATION = 'deprecated.daemonset.template.generation';

function setTemplateGeneration(ds: DaemonSet, generation: number): void {
  if (!ds.metadata) ds.metadata = {};
  const meta = ds.metadata;
  meta.annotations = { ...(meta.annotations ?? {}), [TEMPLATE_GENERATION]: String(generation) };
}

export const daemonSetStrategy: Strategy<DaemonSet> = {
  generation: true,
  statusSubresource: true,
  defaults(ds) {
    asDecodeError(ds, () => {
      const spec = ensureField(ds, 'spec', {} as NonNullable<DaemonSet['spec']>);
      const us = ensureField(spec, 'updateStrategy', {});
      us.type ||= 'RollingUpdate';
      if (us.type === 'RollingUpdate') {
        const ru = ensureField(us, 'rollingUpdate', {});
        ru.maxUnavailable ??= 1;
        ru.maxSurge ??= 0;
      }
      spec.revisionHistoryLimit ??= 10;
      defaultPodTemplateSpec(spec.template);
    });
  },
  prepareForCreate(ds) {
    clearStatus({
      currentNumberScheduled: 0,
      numberMisscheduled: 0,
      desiredNumberScheduled: 0,
      numberReady: 0,
    })(ds as Status);
    setTemplateGeneration(ds, 1);
  },
  prepareForUpdate(ds, old) {
    // The template generation counts template changes (apps/v1 carries it as an annotation).
    const current = Number(old.metadata?.annotations?.[TEMPLATE_GENERATION] ?? old.metadata?.generation ?? 1);
    setTemplateGeneration(ds, JSON.stringify(ds.spec?.template) === JSON.stringify(old.spec?.template) ? current : current + 1);
  },
  validate: validateDaemonSet,
  validateUpdate(ds, old) {
    return validateImmutable(ds.spec?.selector, old.spec?.selector, 'spec.selector', selectorValue(ds.spec?.selector));
  },
  validateStatusUpdate(ds, old) {
    const counters = [
      'currentNumberScheduled',
      'numberMisscheduled',
      'desiredNumberScheduled',
      'numberReady',
      'observedGeneration',
      'updatedNumberScheduled',
      'numberAvailable',
      'numberUnavailable',
      'collisionCount',
    ];
    return [...validateReplicaStatus(ds.status, counters), ...validateCollisionCount(ds.status, old.status)];
  },
};

// ---------------------------------------------------------------------------------------------
// ControllerRevision

export const controllerRevisionStrategy: Strategy<ControllerRevision> = {
  validate(cr) {
    const errs: FieldError[] = [];
    if (cr.data == null) errs.push(fe.required('data', 'data is mandatory'));
    errs.push(...validateNonnegative(cr.revision, 'revision'));
    return errs;
  },
  validateUpdate(cr, old) {
    return validateImmutable(cr.data, old.data, 'data');
  },
};
