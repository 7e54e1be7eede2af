import type { PolicyRule } from 'kubernetes-types/rbac/v1';
import { ADMIN, type AuthorizationRequest } from '../apiserver';
import type { UserInfo } from '../types';
import { aggregateMessage, type RuleResolver } from './resolver';
import { type RequestAttributes, ruleAllows } from './rules';

/** The group whose members bypass authorization altogether, as the API server's superuser check does. */
export const SYSTEM_MASTERS = 'system:masters';

/** Everything, as the privileged-group authorizer describes what system:masters may do. */
export const FULL_AUTHORITY: PolicyRule[] = [
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  { verbs: ['*'], nonResourceURLs: ['*'] },
];

/**
 * Who is not subject to RBAC: the sandbox's own components (controllers, kubelets and the
 * scheduler call the API without a user, which reaches here as the very ADMIN object) and
 * members of system:masters.
 */
export function isPrivileged(user: UserInfo): boolean {
  return user === ADMIN || user.groups.includes(SYSTEM_MASTERS);
}

export interface Decision {
  allowed: boolean;
  /** On denial: why, when RBAC met errors on the way (`RBAC: role.rbac... "x" not found`). */
  reason?: string;
}

/** The RBAC authorizer: allowed when any rule reachable through the user's bindings allows the request. */
export class RbacAuthorizer {
  constructor(readonly resolver: RuleResolver) {}

  authorize(user: UserInfo, attrs: RequestAttributes): Decision {
    if (isPrivileged(user)) return { allowed: true };
    let allowed = false;
    const errors: string[] = [];
    this.resolver.visitRulesFor(user, attrs.namespace ?? '', (_source, rule, err) => {
      if (rule && ruleAllows(attrs, rule)) {
        allowed = true;
        return false;
      }
      if (err) errors.push(err);
      return true;
    });
    if (allowed) return { allowed: true };
    return errors.length ? { allowed: false, reason: `RBAC: ${aggregateMessage(errors)}` } : { allowed: false };
  }

  /** The API server's hook: one call per verb on a resource. */
  readonly hook = (req: AuthorizationRequest): Decision =>
    this.authorize(req.user, {
      verb: req.verb,
      apiGroup: req.resource.group,
      resource: req.resource.plural,
      subresource: req.subresource,
      name: req.name,
      namespace: req.namespace,
    });

  /** Rules that apply to the user in a namespace (SelfSubjectRulesReview, `kubectl auth can-i --list`). */
  rulesFor(user: UserInfo, namespace: string): { rules: PolicyRule[]; errors: string[] } {
    if (user === ADMIN) return { rules: [...FULL_AUTHORITY], errors: [] };
    const own = this.resolver.rulesFor(user, namespace);
    // The superuser check answers first and lists everything; RBAC adds what the bindings grant.
    return user.groups.includes(SYSTEM_MASTERS) ? { rules: [...FULL_AUTHORITY, ...own.rules], errors: own.errors } : own;
  }
}
