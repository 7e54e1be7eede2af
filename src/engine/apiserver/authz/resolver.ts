import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, RoleRef, Subject } from 'kubernetes-types/rbac/v1';
import { compareGoStrings } from '../../api/names';
import { notFound } from '../../api/status';
import type { Stored } from '../../api/types';
import type { Informer, InformerFactory } from '../../controllers/informer';
import type { UserInfo } from '../types';

const GROUP = 'rbac.authorization.k8s.io';
/** Informer index: bindings by the subjects they name (`u:jane`, `g:devs`, `sa:team:viewer`). */
export const BY_SUBJECT = 'rbacSubject';
const SA_PREFIX = 'system:serviceaccount:';

/** Where a rule came from, for error texts and `describe`-like explanations. */
export interface RuleSource {
  kind: 'ClusterRoleBinding' | 'RoleBinding';
  binding: string;
  namespace?: string;
  roleRef: RoleRef;
}

export type RuleVisitor = (source: RuleSource | undefined, rule: PolicyRule | undefined, error: string | undefined) => boolean;

function subjectKey(s: Subject, bindingNamespace: string): string | undefined {
  switch (s.kind) {
    case 'User':
      return `u:${s.name}`;
    case 'Group':
      return `g:${s.name}`;
    case 'ServiceAccount': {
      // A subject without a namespace means the binding's own (RoleBindings only).
      const ns = s.namespace || bindingNamespace;
      return ns ? `sa:${ns}:${s.name}` : undefined;
    }
    default:
      return undefined;
  }
}

function bindingKeys(subjects: readonly Subject[] | undefined, namespace: string): string[] {
  const keys = new Set<string>();
  for (const s of subjects ?? []) {
    const k = subjectKey(s, namespace);
    if (k) keys.add(namespace ? `${namespace}|${k}` : k);
  }
  return [...keys];
}

/** The keys under which bindings naming this user (directly, by group, or as a service account) are indexed. */
export function userKeys(user: UserInfo): string[] {
  const keys = [`u:${user.username}`, ...user.groups.map((g) => `g:${g}`)];
  if (user.username.startsWith(SA_PREFIX)) {
    const rest = user.username.slice(SA_PREFIX.length);
    const colon = rest.indexOf(':');
    if (colon > 0 && colon < rest.length - 1 && !rest.slice(colon + 1).includes(':')) {
      keys.push(`sa:${rest.slice(0, colon)}:${rest.slice(colon + 1)}`);
    }
  }
  return keys;
}

const byName = (a: { metadata: { name: string } }, b: { metadata: { name: string } }) => compareGoStrings(a.metadata.name, b.metadata.name);

/**
 * The RBAC rule resolver: which rules apply to a user in a namespace, through which bindings.
 * Bindings are indexed by subject, so a check looks at the bindings that name the user and
 * nothing else, however many bindings the cluster has.
 */
export class RuleResolver {
  readonly roles: Informer<Role>;
  readonly roleBindings: Informer<RoleBinding>;
  readonly clusterRoles: Informer<ClusterRole>;
  readonly clusterRoleBindings: Informer<ClusterRoleBinding>;

  constructor(informers: InformerFactory) {
    this.roles = informers.for<Role>('rbac.authorization.k8s.io/roles');
    this.clusterRoles = informers.for<ClusterRole>('rbac.authorization.k8s.io/clusterroles');
    this.roleBindings = informers.for<RoleBinding>('rbac.authorization.k8s.io/rolebindings');
    this.clusterRoleBindings = informers.for<ClusterRoleBinding>('rbac.authorization.k8s.io/clusterrolebindings');
    this.roleBindings.addIndex(BY_SUBJECT, (b) => bindingKeys(b.subjects, b.metadata.namespace ?? ''));
    this.clusterRoleBindings.addIndex(BY_SUBJECT, (b) => bindingKeys(b.subjects, ''));
    // Which bindings apply to whom changes only when a binding does.
    const forget = () => this.bindingCache.clear();
    for (const inf of [this.roleBindings, this.clusterRoleBindings] as Informer<RoleBinding | ClusterRoleBinding>[]) {
      inf.addHandlers({ add: forget, update: forget, delete: forget });
    }
  }

  private readonly bindingCache = new Map<string, { cluster: Stored<ClusterRoleBinding>[]; local: Stored<RoleBinding>[] }>();

  /** The rules a role reference grants; NotFound as the listers word it when the role is missing. */
  getRoleReferenceRules(ref: RoleRef, bindingNamespace: string): PolicyRule[] {
    if (ref.kind === 'Role') {
      const role = this.roles.get(bindingNamespace, ref.name);
      if (!role) throw notFound(`role.${GROUP}`, ref.name, GROUP, 'role');
      return role.rules ?? [];
    }
    if (ref.kind === 'ClusterRole') {
      const role = this.clusterRoles.get('', ref.name);
      if (!role) throw notFound(`clusterrole.${GROUP}`, ref.name, GROUP, 'clusterrole');
      return role.rules ?? [];
    }
    throw new Error(`unsupported role reference kind: "${ref.kind}"`);
  }

  /** Bindings that apply to the user: cluster-wide ones, then those of the namespace, each by name. */
  bindingsFor(user: UserInfo, namespace: string): { cluster: Stored<ClusterRoleBinding>[]; local: Stored<RoleBinding>[] } {
    const keys = userKeys(user);
    const cacheKey = `${namespace}\u0000${keys.join('\u0000')}`;
    const cached = this.bindingCache.get(cacheKey);
    if (cached) return cached;
    const found = this.lookupBindings(keys, namespace);
    // Bounded: a flood of distinct users must not grow it without end.
    if (this.bindingCache.size > 1000) this.bindingCache.clear();
    this.bindingCache.set(cacheKey, found);
    return found;
  }

  private lookupBindings(keys: string[], namespace: string): { cluster: Stored<ClusterRoleBinding>[]; local: Stored<RoleBinding>[] } {
    const cluster = new Map<string, Stored<ClusterRoleBinding>>();
    for (const k of keys) for (const b of this.clusterRoleBindings.byIndex(BY_SUBJECT, k)) cluster.set(b.metadata.name, b);
    const local = new Map<string, Stored<RoleBinding>>();
    if (namespace) {
      for (const k of keys) for (const b of this.roleBindings.byIndex(BY_SUBJECT, `${namespace}|${k}`)) local.set(b.metadata.name, b);
    }
    return { cluster: [...cluster.values()].sort(byName), local: [...local.values()].sort(byName) };
  }

  /** VisitRulesFor: every rule that applies, with errors for bindings whose role is missing. Stops when the visitor says so. */
  visitRulesFor(user: UserInfo, namespace: string, visit: RuleVisitor): void {
    const { cluster, local } = this.bindingsFor(user, namespace);
    const walk = (kind: RuleSource['kind'], bindings: Stored<ClusterRoleBinding | RoleBinding>[], ns: string): boolean => {
      for (const b of bindings) {
        const source: RuleSource = { kind, binding: b.metadata.name, namespace: ns || undefined, roleRef: b.roleRef };
        let rules: PolicyRule[];
        try {
          rules = this.getRoleReferenceRules(b.roleRef, ns);
        } catch (e) {
          if (!visit(undefined, undefined, (e as Error).message)) return false;
          continue;
        }
        for (const r of rules) if (!visit(source, r, undefined)) return false;
      }
      return true;
    };
    if (!walk('ClusterRoleBinding', cluster, '')) return;
    walk('RoleBinding', local, namespace);
  }

  /** RulesFor: the rules, and the errors met on the way (the list may then be incomplete). */
  rulesFor(user: UserInfo, namespace: string): { rules: PolicyRule[]; errors: string[] } {
    const rules: PolicyRule[] = [];
    const errors: string[] = [];
    this.visitRulesFor(user, namespace, (_s, rule, err) => {
      if (rule) rules.push(rule);
      if (err) errors.push(err);
      return true;
    });
    return { rules, errors };
  }
}

/** utilerrors.NewAggregate(...).Error(): one message alone, several in brackets, duplicates once. */
export function aggregateMessage(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}
