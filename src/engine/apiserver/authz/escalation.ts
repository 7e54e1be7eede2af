import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, RoleRef } from 'kubernetes-types/rbac/v1';
import { goQuote } from '../../api/names';
import { forbidden, type StatusError } from '../../api/status';
import type { KObject } from '../../api/types';
import { deepEqual } from '../apiserver';
import type { AdmissionPlugin, AdmissionRequest } from '../admission/types';
import { qualifiedName } from '../registry';
import type { UserInfo } from '../types';
import { FULL_AUTHORITY, isPrivileged, type RbacAuthorizer } from './rbac';
import { covers, describeMissing, goQuotedList } from './rules';

const GROUP = 'rbac.authorization.k8s.io';

/** ConfirmNoEscalation's refusal text, or undefined when the user holds every permission. */
export function escalationError(authz: RbacAuthorizer, user: UserInfo, namespace: string, rules: readonly PolicyRule[]): string | undefined {
  const own = authz.rulesFor(user, namespace);
  const { covered, missing } = covers(own.rules, rules);
  if (covered) return undefined;
  let msg = `user ${goQuote(user.username)} (groups=${goQuotedList(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${describeMissing(missing)}`;
  if (own.errors.length) msg += `; resolution errors: [${own.errors.join(' ')}]`;
  return msg;
}

/** Only metadata the garbage collector needs (owner references, finalizers) changed. */
function onlyGCFieldsChanged(obj: KObject, old: KObject | undefined): boolean {
  if (!old) return false;
  const strip = (o: KObject) => {
    const { ownerReferences: _o, finalizers: _f, resourceVersion: _r, generation: _g, managedFields: _m, ...meta } = (o.metadata ?? {}) as Record<string, unknown>;
    return { ...o, metadata: meta };
  };
  return deepEqual(strip(obj), strip(old));
}

function allowedTo(authz: RbacAuthorizer, user: UserInfo, verb: string, resource: string, namespace: string, name: string): boolean {
  return authz.authorize(user, { verb, apiGroup: GROUP, resource, namespace: namespace || undefined, name: name || undefined }).allowed;
}

function refused(req: AdmissionRequest, message: string): StatusError {
  return forbidden(`${qualifiedName(req.resource)} ${goQuote(req.name)} is forbidden: ${message}`);
}

function checkRole(authz: RbacAuthorizer, req: AdmissionRequest): void {
  const role = req.object as Role | ClusterRole;
  const clusterScoped = req.resource.kind === 'ClusterRole';
  const namespace = clusterScoped ? '' : req.namespace;
  // Holding `escalate` on the role lets a user write any rules into it.
  const escalateName = req.operation === 'UPDATE' ? req.name : '';
  if (allowedTo(authz, req.user, 'escalate', req.resource.plural, namespace, escalateName)) return;
  const err = escalationError(authz, req.user, namespace, role.rules ?? []);
  if (err) throw refused(req, err);
  if (clusterScoped) {
    const aggregated = (o: KObject | undefined) => !!(o as ClusterRole | undefined)?.aggregationRule;
    if ((aggregated(req.object) || aggregated(req.oldObject)) && escalationError(authz, req.user, '', FULL_AUTHORITY)) {
      throw refused(req, 'must have cluster-admin privileges to use the aggregationRule');
    }
  }
}

function checkBinding(authz: RbacAuthorizer, req: AdmissionRequest): void {
  const binding = req.object as RoleBinding | ClusterRoleBinding;
  const ref: RoleRef = binding.roleRef;
  const namespace = req.resource.kind === 'ClusterRoleBinding' ? '' : req.namespace;
  // Holding `bind` on the referenced role is enough to bind it.
  const resource = ref?.kind === 'Role' ? 'roles' : ref?.kind === 'ClusterRole' ? 'clusterroles' : '';
  if (resource && ref.apiGroup === GROUP && allowedTo(authz, req.user, 'bind', resource, namespace, ref.name)) return;
  const rules = authz.resolver.getRoleReferenceRules(ref, namespace);
  const err = escalationError(authz, req.user, namespace, rules);
  if (err) throw refused(req, err);
}

/**
 * RBAC's escalation prevention, as the roles and bindings registries enforce it: a user may only
 * write a role granting what they already hold (or hold `escalate`), and only bind a role whose
 * permissions they hold (or hold `bind` on it). Runs at the end of the mutating phase, before
 * validation, where the registries run it.
 */
export function rbacEscalationAdmission(authz: RbacAuthorizer): AdmissionPlugin {
  return {
    name: 'RBACEscalation',
    admit(req) {
      if (req.resource.group !== GROUP || req.subresource || !req.object) return;
      if (req.operation !== 'CREATE' && req.operation !== 'UPDATE') return;
      if (isPrivileged(req.user)) return;
      if (req.operation === 'UPDATE' && onlyGCFieldsChanged(req.object, req.oldObject)) return;
      switch (req.resource.kind) {
        case 'Role':
        case 'ClusterRole':
          checkRole(authz, req);
          return;
        case 'RoleBinding':
        case 'ClusterRoleBinding':
          checkBinding(authz, req);
      }
    },
  };
}
