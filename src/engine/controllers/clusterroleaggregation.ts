import type { ClusterRole, PolicyRule } from 'kubernetes-types/rbac/v1';
import { selectorFromLabelSelector } from '../api/labels';
import { compareGoStrings } from '../api/names';
import { clone } from '../api/types';
import { deepEqual } from '../apiserver/apiserver';
import { Controller, type ControllerContext } from './controller';
import type { Informer } from './informer';

const RESOURCE = 'rbac.authorization.k8s.io/clusterroles';

/**
 * The ClusterRole aggregation controller: a ClusterRole with an aggregationRule gets, as its
 * rules, the rules of every other ClusterRole its selectors match (by name order, duplicates
 * once). That is how admin, edit and view gather the aggregate-to-* roles, and custom roles
 * labelled `rbac.authorization.k8s.io/aggregate-to-view: "true"` join them.
 */
export class ClusterRoleAggregationController extends Controller {
  private readonly roles: Informer<ClusterRole>;

  constructor(ctx: ControllerContext) {
    super('clusterrole-aggregation-controller', ctx);
    this.roles = ctx.informers.for<ClusterRole>(RESOURCE);
    // Any role may change what an aggregated role gathers: look at every aggregated role again.
    const all = () => {
      for (const r of this.roles.list()) if (r.aggregationRule) this.queue.add(r.metadata.name);
    };
    this.roles.addHandlers({ add: all, update: all, delete: all });
  }

  reconcile(name: string): void {
    const role = this.roles.get('', name);
    if (!role?.aggregationRule) return;
    const rules: PolicyRule[] = [];
    for (const selector of role.aggregationRule.clusterRoleSelectors ?? []) {
      let matches: ReturnType<typeof selectorFromLabelSelector>;
      try {
        matches = selectorFromLabelSelector(selector);
      } catch {
        continue;
      }
      const sources = this.roles
        .list()
        .filter((r) => r.metadata.name !== name && matches.matches(r.metadata.labels ?? {}))
        .sort((a, b) => compareGoStrings(a.metadata.name, b.metadata.name));
      for (const src of sources) {
        for (const rule of src.rules ?? []) if (!rules.some((r) => deepEqual(r, rule))) rules.push(clone(rule));
      }
    }
    if (deepEqual(role.rules ?? [], rules)) return;
    const next = clone(role);
    next.rules = rules;
    this.api.update<ClusterRole>(RESOURCE, '', next);
  }
}
