import type {
  Affinity,
  NodeSelector,
  NodeSelectorRequirement,
  PodAffinityTerm,
  Toleration,
  TopologySpreadConstraint,
  WeightedPodAffinityTerm,
} from 'kubernetes-types/core/v1';
import { isValidLabelValue, nameIsDNSSubdomain, validateNamespaceName } from '../../api/names';
import type { FieldError } from '../../api/status';
import { validateLabelName, validateLabelSelector } from './common';
import { child, fe, index } from './errors';

/**
 * Validation of the scheduling parts of a PodSpec: tolerations, affinity and topology spread
 * constraints.
 */

export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** ValidateTolerations. */
export function validateTolerations(tolerations: Toleration[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (tolerations ?? []).forEach((t, i) => {
    const p = index(path, i);
    if (t.key) errs.push(...validateLabelName(t.key, child(p, 'key')));
    if (!t.key && t.operator !== 'Exists') {
      errs.push(
        fe.invalid(
          child(p, 'operator'),
          t.operator ?? '',
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
    }
    if (t.tolerationSeconds != null && t.effect !== 'NoExecute') {
      errs.push(fe.invalid(child(p, 'effect'), t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    switch (t.operator ?? '') {
      case 'Equal':
      case '': {
        const msgs = isValidLabelValue(t.value ?? '');
        if (msgs.length) errs.push(fe.invalid(child(p, 'operator'), t.value ?? '', msgs.join(';')));
        break;
      }
      case 'Exists':
        if (t.value) errs.push(fe.invalid(child(p, 'operator'), t.value, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(fe.notSupported(child(p, 'operator'), t.operator, ['Equal', 'Exists']));
    }
    if (t.effect && !TAINT_EFFECTS.includes(t.effect)) errs.push(fe.notSupported(child(p, 'effect'), t.effect, TAINT_EFFECTS));
  });
  return errs;
}

function validateNodeSelectorRequirement(rq: NodeSelectorRequirement, path: string, checkValues: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const values = rq.values ?? [];
  switch (rq.operator) {
    case 'In':
    case 'NotIn':
      if (!values.length) errs.push(fe.required(child(path, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length)
        errs.push(fe.forbidden(child(path, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1)
        errs.push(fe.required(child(path, 'values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(fe.invalid(child(path, 'operator'), rq.operator ?? '', 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(rq.key ?? '', child(path, 'key')));
  if (checkValues) {
    values.forEach((v, i) => {
      for (const msg of isValidLabelValue(v)) errs.push(fe.invalid(index(child(path, 'values'), i), v, msg));
    });
  }
  return errs;
}

function validateNodeSelectorTerm(term: NodeSelector['nodeSelectorTerms'][number], path: string, checkValues: boolean): FieldError[] {
  const errs: FieldError[] = [];
  (term.matchExpressions ?? []).forEach((r, j) => {
    errs.push(...validateNodeSelectorRequirement(r, index(child(path, 'matchExpressions'), j), checkValues));
  });
  (term.matchFields ?? []).forEach((r, j) => {
    const p = index(child(path, 'matchFields'), j);
    if (r.operator === 'In' || r.operator === 'NotIn') {
      if ((r.values ?? []).length !== 1) {
        errs.push(fe.required(child(p, 'values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
      }
    } else errs.push(fe.invalid(child(p, 'operator'), r.operator ?? '', 'not a valid selector operator'));
    if (r.key !== 'metadata.name') errs.push(fe.invalid(child(p, 'key'), r.key ?? '', 'not a valid field selector key'));
    else {
      (r.values ?? []).forEach((v, i) => {
        for (const msg of nameIsDNSSubdomain(v, false)) errs.push(fe.invalid(index(child(p, 'values'), i), v, msg));
      });
    }
  });
  return errs;
}

function validatePodAffinityTerm(term: PodAffinityTerm, path: string): FieldError[] {
  const errs = [
    ...validateLabelSelector(term.labelSelector, child(path, 'labelSelector')),
    ...validateLabelSelector(term.namespaceSelector, child(path, 'namespaceSelector')),
  ];
  for (const ns of term.namespaces ?? []) {
    for (const msg of validateNamespaceName(ns, false)) errs.push(fe.invalid(child(path, 'namespace'), ns, msg));
  }
  if (!term.topologyKey) errs.push(fe.required(child(path, 'topologyKey'), 'can not be empty'));
  errs.push(...validateLabelName(term.topologyKey ?? '', child(path, 'topologyKey')));
  return errs;
}

function validateWeighted(terms: WeightedPodAffinityTerm[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (terms ?? []).forEach((t, j) => {
    const p = index(path, j);
    if (t.weight <= 0 || t.weight > 100) errs.push(fe.invalid(child(p, 'weight'), t.weight, 'must be in the range 1-100'));
    errs.push(...validatePodAffinityTerm(t.podAffinityTerm, child(p, 'podAffinityTerm')));
  });
  return errs;
}

/** validateAffinity. */
export function validateAffinity(affinity: Affinity | undefined, path: string): FieldError[] {
  if (!affinity) return [];
  const errs: FieldError[] = [];
  const na = affinity.nodeAffinity;
  if (na) {
    const np = child(path, 'nodeAffinity');
    const req = na.requiredDuringSchedulingIgnoredDuringExecution;
    if (req) {
      const tp = child(np, 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms');
      if (!req.nodeSelectorTerms?.length) errs.push(fe.required(tp, 'must have at least one node selector term'));
      (req.nodeSelectorTerms ?? []).forEach((t, i) => {
        errs.push(...validateNodeSelectorTerm(t, index(tp, i), true));
      });
    }
    (na.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) => {
      const p = index(child(np, 'preferredDuringSchedulingIgnoredDuringExecution'), i);
      if (t.weight <= 0 || t.weight > 100) errs.push(fe.invalid(child(p, 'weight'), t.weight, 'must be in the range 1-100'));
      // Preferred terms may carry any label value: they can still succeed on some node.
      errs.push(...validateNodeSelectorTerm(t.preference, child(p, 'preference'), false));
    });
  }
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    const a = affinity[kind];
    if (!a) continue;
    const p = child(path, kind);
    (a.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) => {
      errs.push(...validatePodAffinityTerm(t, index(child(p, 'requiredDuringSchedulingIgnoredDuringExecution'), i)));
    });
    errs.push(
      ...validateWeighted(a.preferredDuringSchedulingIgnoredDuringExecution, child(p, 'preferredDuringSchedulingIgnoredDuringExecution')),
    );
  }
  return errs;
}

/** validateTopologySpreadConstraints. */
export function validateTopologySpread(constraints: TopologySpreadConstraint[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const list = constraints ?? [];
  list.forEach((c, i) => {
    const p = index(path, i);
    if (c.maxSkew <= 0) errs.push(fe.invalid(child(p, 'maxSkew'), c.maxSkew, 'must be greater than zero'));
    if (!c.topologyKey) errs.push(fe.required(child(p, 'topologyKey'), 'can not be empty'));
    if (!['DoNotSchedule', 'ScheduleAnyway'].includes(c.whenUnsatisfiable)) {
      errs.push(fe.notSupported(child(p, 'whenUnsatisfiable'), c.whenUnsatisfiable ?? '', ['DoNotSchedule', 'ScheduleAnyway']));
    }
    if (list.slice(i + 1).some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable)) {
      errs.push(fe.duplicate(child(p, '{topologyKey, whenUnsatisfiable}'), `{${c.topologyKey}, ${c.whenUnsatisfiable}}`));
    }
    if (c.minDomains != null) {
      if (c.minDomains <= 0) errs.push(fe.invalid(child(p, 'minDomains'), c.minDomains, 'must be greater than zero'));
      if (c.whenUnsatisfiable !== 'DoNotSchedule') {
        errs.push(
          fe.invalid(
            child(p, 'minDomains'),
            c.minDomains,
            `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${c.whenUnsatisfiable}`,
          ),
        );
      }
    }
    errs.push(...validateLabelSelector(c.labelSelector, child(p, 'labelSelector')));
    for (const [field, v] of [
      ['nodeAffinityPolicy', c.nodeAffinityPolicy],
      ['nodeTaintsPolicy', c.nodeTaintsPolicy],
    ] as const) {
      if (v !== undefined && !['Honor', 'Ignore'].includes(v)) errs.push(fe.notSupported(child(p, field), v, ['Honor', 'Ignore']));
    }
  });
  return errs;
}
