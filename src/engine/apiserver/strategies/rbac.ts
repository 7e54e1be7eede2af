import type {
  AggregationRule,
  ClusterRole,
  ClusterRoleBinding,
  PolicyRule,
  Role,
  RoleBinding,
  RoleRef,
  Subject,
} from 'kubernetes-types/rbac/v1';
import { nameIsDNSSubdomain } from '../../api/names';
import type { FieldError } from '../../api/status';
import type { Strategy } from '../strategy';
import { semanticEqual, validateLabelSelector } from './common';
import { child, fe, goStruct, index } from './errors';
import { isValidPathSegmentName } from './formats';

/** rbac.authorization.k8s.io: Roles, ClusterRoles and their bindings. Names are path segments. */

const GROUP = 'rbac.authorization.k8s.io';

/** ValidatePolicyRule. */
function validateRule(rule: PolicyRule, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!rule.verbs?.length) errs.push(fe.required(child(path, 'verbs'), 'verbs must contain at least one value'));
  if (rule.nonResourceURLs?.length) {
    if (namespaced)
      errs.push(fe.invalid(child(path, 'nonResourceURLs'), rule.nonResourceURLs, 'namespaced rules cannot apply to non-resource URLs'));
    if (rule.apiGroups?.length || rule.resources?.length || rule.resourceNames?.length) {
      errs.push(
        fe.invalid(
          child(path, 'nonResourceURLs'),
          rule.nonResourceURLs,
          'rules cannot apply to both regular resources and non-resource URLs',
        ),
      );
    }
    return errs;
  }
  if (!rule.apiGroups?.length) errs.push(fe.required(child(path, 'apiGroups'), 'resource rules must supply at least one api group'));
  if (!rule.resources?.length) errs.push(fe.required(child(path, 'resources'), 'resource rules must supply at least one resource'));
  return errs;
}

function validateRules(rules: PolicyRule[] | undefined, namespaced: boolean): FieldError[] {
  return (rules ?? []).flatMap((r, i) => validateRule(r, namespaced, index('rules', i)));
}

function validateAggregation(agg: AggregationRule | undefined): FieldError[] {
  return (agg?.clusterRoleSelectors ?? []).flatMap((s, i) => validateLabelSelector(s, index('aggregationRule.clusterRoleSelectors', i)));
}

export const roleStrategy: Strategy<Role> = {
  nameValidation: 'path-segment',
  validate: (r) => validateRules(r.rules, true),
};

export const clusterRoleStrategy: Strategy<ClusterRole> = {
  nameValidation: 'path-segment',
  validate: (r) => [...validateAggregation(r.aggregationRule), ...validateRules(r.rules, false)],
};

function defaultSubjects(subjects: Subject[] | undefined): void {
  for (const s of subjects ?? []) {
    if (s.apiGroup) continue;
    if (s.kind === 'ServiceAccount') s.apiGroup = '';
    else if (s.kind === 'User' || s.kind === 'Group') s.apiGroup = GROUP;
  }
}

/** ValidateRoleBindingSubject. */
function validateSubject(s: Subject, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!s.name) errs.push(fe.required(child(path, 'name')));
  switch (s.kind) {
    case 'ServiceAccount':
      if (s.name) for (const msg of nameIsDNSSubdomain(s.name, false)) errs.push(fe.invalid(child(path, 'name'), s.name, msg));
      if (s.apiGroup) errs.push(fe.notSupported(child(path, 'apiGroup'), s.apiGroup, ['']));
      if (!namespaced && !s.namespace) errs.push(fe.required(child(path, 'namespace')));
      break;
    case 'User':
    case 'Group':
      if (s.apiGroup !== GROUP) errs.push(fe.notSupported(child(path, 'apiGroup'), s.apiGroup ?? '', [GROUP]));
      break;
    default:
      errs.push(fe.notSupported(child(path, 'kind'), s.kind ?? '', ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

function validateBinding(roleRef: RoleRef | undefined, subjects: Subject[] | undefined, namespaced: boolean): FieldError[] {
  const ref = roleRef ?? ({} as RoleRef);
  const errs: FieldError[] = [];
  if (ref.apiGroup !== GROUP) errs.push(fe.notSupported('roleRef.apiGroup', ref.apiGroup ?? '', [GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(ref.kind)) errs.push(fe.notSupported('roleRef.kind', ref.kind ?? '', kinds));
  if (!ref.name) errs.push(fe.required('roleRef.name'));
  else for (const msg of isValidPathSegmentName(ref.name)) errs.push(fe.invalid('roleRef.name', ref.name, msg));
  (subjects ?? []).forEach((s, i) => {
    errs.push(...validateSubject(s, namespaced, index('subjects', i)));
  });
  return errs;
}

/** A binding's roleRef never changes: delete and recreate the binding instead. */
function roleRefUnchanged(next: RoleRef | undefined, old: RoleRef | undefined): FieldError[] {
  if (semanticEqual(next, old)) return [];
  const shown = goStruct('rbac.RoleRef', [
    ['APIGroup', next?.apiGroup ?? ''],
    ['Kind', next?.kind ?? ''],
    ['Name', next?.name ?? ''],
  ]);
  return [fe.invalid('roleRef', shown, 'cannot change roleRef')];
}

export const roleBindingStrategy: Strategy<RoleBinding> = {
  nameValidation: 'path-segment',
  defaults(rb) {
    if (rb.roleRef) rb.roleRef.apiGroup ||= GROUP;
    defaultSubjects(rb.subjects);
  },
  validate: (rb) => validateBinding(rb.roleRef, rb.subjects, true),
  validateUpdate: (rb, old) => roleRefUnchanged(rb.roleRef, old.roleRef),
};

export const clusterRoleBindingStrategy: Strategy<ClusterRoleBinding> = {
  nameValidation: 'path-segment',
  defaults(rb) {
    if (rb.roleRef) rb.roleRef.apiGroup ||= GROUP;
    defaultSubjects(rb.subjects);
  },
  validate: (rb) => validateBinding(rb.roleRef, rb.subjects, false),
  validateUpdate: (rb, old) => roleRefUnchanged(rb.roleRef, old.roleRef),
};
