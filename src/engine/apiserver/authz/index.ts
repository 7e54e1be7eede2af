import type { InformerFactory } from '../../controllers/informer';
import type { ApiServer } from '../apiserver';
import type { UserInfo } from '../types';
import { rbacEscalationAdmission } from './escalation';
import { FULL_AUTHORITY, RbacAuthorizer } from './rbac';
import { aggregateMessage, RuleResolver } from './resolver';

export { escalationError, rbacEscalationAdmission } from './escalation';
export { FULL_AUTHORITY, isPrivileged, RbacAuthorizer, SYSTEM_MASTERS } from './rbac';
export { RuleResolver, userKeys } from './resolver';
export { covers, ruleAllows } from './rules';

const installed = new WeakMap<ApiServer, RbacAuthorizer>();

/**
 * Turns RBAC on for an API server: every verb is authorized against Roles and bindings, and
 * writes of roles and bindings are checked for privilege escalation. Returns the authorizer.
 */
export function installRbac(api: ApiServer, informers: InformerFactory): RbacAuthorizer {
  const authz = new RbacAuthorizer(new RuleResolver(informers));
  api.authorizer = authz.hook;
  api.use(rbacEscalationAdmission(authz));
  installed.set(api, authz);
  return authz;
}

/** The RBAC authorizer of an API server, if RBAC is on. */
export function authorizerOf(api: ApiServer): RbacAuthorizer | undefined {
  return installed.get(api);
}

/** A resource as RBAC sees it: API group and plural name (a ResourceType fits). */
export interface ResourceRef {
  group: string;
  plural: string;
}

/**
 * `kubectl auth can-i`: may the user do `verb` on the resource (in the namespace, on the named
 * object or subresource)? A resource given as a string starting with `/` is a non-resource URL.
 * Without RBAC everything is allowed.
 */
export function canI(
  api: ApiServer,
  user: UserInfo,
  verb: string,
  resource: ResourceRef | string,
  namespace?: string,
  name?: string,
  subresource?: string,
): boolean {
  const authz = installed.get(api);
  if (!authz) return true;
  if (typeof resource === 'string') {
    if (resource.startsWith('/')) return authz.authorize(user, { verb, path: resource }).allowed;
    const slash = resource.indexOf('/');
    const plural = slash < 0 ? resource : resource.slice(0, slash);
    const sub = slash < 0 ? subresource : resource.slice(slash + 1);
    return authz.authorize(user, { verb, apiGroup: '', resource: plural, subresource: sub, namespace, name }).allowed;
  }
  return authz.authorize(user, { verb, apiGroup: resource.group, resource: resource.plural, subresource, namespace, name }).allowed;
}

export interface ResourceRuleInfo {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
}

export interface NonResourceRuleInfo {
  verbs: string[];
  nonResourceURLs: string[];
}

/** What a SelfSubjectRulesReview answers (`kubectl auth can-i --list`): the user's rules in a namespace. */
export interface RulesReview {
  resourceRules: ResourceRuleInfo[];
  nonResourceRules: NonResourceRuleInfo[];
  incomplete: boolean;
  evaluationError?: string;
}

export function rulesFor(api: ApiServer, user: UserInfo, namespace: string): RulesReview {
  const authz = installed.get(api);
  const { rules, errors } = authz ? authz.rulesFor(user, namespace) : { rules: FULL_AUTHORITY, errors: [] };
  const review: RulesReview = { resourceRules: [], nonResourceRules: [], incomplete: false };
  for (const r of rules) {
    if (r.resources?.length) {
      review.resourceRules.push({ verbs: [...(r.verbs ?? [])], apiGroups: [...(r.apiGroups ?? [])], resources: [...r.resources], resourceNames: [...(r.resourceNames ?? [])] });
    }
    if (r.nonResourceURLs?.length) review.nonResourceRules.push({ verbs: [...(r.verbs ?? [])], nonResourceURLs: [...r.nonResourceURLs] });
  }
  if (errors.length) review.evaluationError = aggregateMessage(errors);
  return review;
}
