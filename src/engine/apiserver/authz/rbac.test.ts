import type { ConfigMap, Pod } from 'kubernetes-types/core/v1';
import type { ClusterRole, Role, RoleBinding } from 'kubernetes-types/rbac/v1';
import { describe, expect, it } from 'vitest';
import { StatusError } from '../../api/status';
import { ClusterRoleAggregationController } from '../../controllers/clusterroleaggregation';
import { controllerHarness } from '../../controllers/harness';
import { createBootstrapRbac } from '../../sim/presets/rbac';
import type { UserInfo } from '../types';
import { canI, installRbac, rulesFor } from './index';

const RBAC = 'rbac.authorization.k8s.io';
const kubectlAdmin = (): UserInfo => ({ username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] });
const jane: UserInfo = { username: 'jane', groups: ['system:authenticated'] };
const viewer: UserInfo = {
  username: 'system:serviceaccount:team:viewer',
  groups: ['system:serviceaccounts', 'system:serviceaccounts:team', 'system:authenticated'],
};

function setup() {
  const h = controllerHarness((c) => new ClusterRoleAggregationController(c));
  const authz = installRbac(h.api, h.ctx.informers);
  // The sandbox's own components call without a user: they are not subject to RBAC.
  for (const name of ['default', 'kube-system', 'kube-public', 'team']) h.api.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  createBootstrapRbac(h.api);
  h.settle();
  const role = (ns: string, name: string, rules: Role['rules']) => h.api.create<Role>(`${RBAC}/roles`, ns, { metadata: { name }, rules }, { user: kubectlAdmin() });
  const bind = (ns: string, name: string, roleRef: RoleBinding['roleRef'], subjects: RoleBinding['subjects'], user = kubectlAdmin()) =>
    h.api.create<RoleBinding>(`${RBAC}/rolebindings`, ns, { metadata: { name }, roleRef, subjects }, { user });
  const pod = (ns: string, name: string) =>
    h.api.create<Pod>('pods', ns, { metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
  return { ...h, authz, role, bind, pod };
}

function forbiddenMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(StatusError);
    expect((e as StatusError).reason).toBe('Forbidden');
    return (e as StatusError).message;
  }
  throw new Error('expected Forbidden');
}

describe('RBAC authorizer', () => {
  it('kubernetes-admin is cluster-admin through kubeadm:cluster-admins', () => {
    const h = setup();
    expect(canI(h.api, kubectlAdmin(), 'delete', { group: '', plural: 'nodes' })).toBe(true);
    expect(canI(h.api, kubectlAdmin(), 'get', '/metrics')).toBe(true);
    h.api.delete(`${RBAC}/clusterrolebindings`, '', 'kubeadm:cluster-admins');
    expect(canI(h.api, kubectlAdmin(), 'list', { group: '', plural: 'pods' }, 'default')).toBe(false);
    // system:masters needs no binding at all.
    expect(canI(h.api, { username: 'root', groups: ['system:masters'] }, 'delete', { group: 'apps', plural: 'deployments' }, 'team')).toBe(true);
  });

  it('a Role bound to a service account allows its verbs and refuses the rest with the real message', () => {
    const h = setup();
    h.pod('team', 'a');
    h.pod('default', 'b');
    h.role('team', 'pod-reader', [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }]);
    h.bind('team', 'viewer-reads', { apiGroup: RBAC, kind: 'Role', name: 'pod-reader' }, [{ kind: 'ServiceAccount', name: 'viewer', namespace: 'team' }]);
    expect(h.api.list('pods', 'team', { user: viewer }).items.map((p) => p.metadata.name)).toEqual(['a']);
    expect(canI(h.api, viewer, 'list', { group: '', plural: 'pods' }, 'team')).toBe(true);
    expect(canI(h.api, viewer, 'delete', { group: '', plural: 'pods' }, 'team')).toBe(false);
    const table: [() => unknown, string][] = [
      [
        () => h.api.delete('pods', 'team', 'a', { user: viewer }),
        'pods "a" is forbidden: User "system:serviceaccount:team:viewer" cannot delete resource "pods" in API group "" in the namespace "team"',
      ],
      [
        () => h.api.get('pods', 'default', 'b', { user: viewer }),
        'pods "b" is forbidden: User "system:serviceaccount:team:viewer" cannot get resource "pods" in API group "" in the namespace "default"',
      ],
      [() => h.api.list('nodes', '', { user: viewer }), 'nodes is forbidden: User "system:serviceaccount:team:viewer" cannot list resource "nodes" in API group "" at the cluster scope'],
      [
        () => h.api.list('apps/deployments', 'team', { user: viewer }),
        'deployments.apps is forbidden: User "system:serviceaccount:team:viewer" cannot list resource "deployments" in API group "apps" in the namespace "team"',
      ],
    ];
    for (const [call, message] of table) expect(forbiddenMessage(call)).toBe(message);
  });

  it('binds to groups: system:serviceaccounts:<ns> and system:authenticated', () => {
    const h = setup();
    h.bind('team', 'all-sas', { apiGroup: RBAC, kind: 'ClusterRole', name: 'view' }, [{ kind: 'Group', name: 'system:serviceaccounts:team', apiGroup: RBAC }]);
    expect(canI(h.api, viewer, 'get', { group: 'apps', plural: 'deployments' }, 'team')).toBe(true);
    expect(canI(h.api, viewer, 'get', { group: 'apps', plural: 'deployments' }, 'default')).toBe(false);
    // Every authenticated user may discover the API and read the health endpoints.
    expect(canI(h.api, jane, 'get', '/api/v1')).toBe(true);
    expect(canI(h.api, jane, 'get', '/healthz')).toBe(true);
    expect(canI(h.api, jane, 'get', '/metrics')).toBe(false);
    expect(canI(h.api, jane, 'create', { group: 'authorization.k8s.io', plural: 'selfsubjectaccessreviews' })).toBe(true);
  });

  it('the aggregated view, edit and admin roles grant what upstream documents', () => {
    const h = setup();
    const as = (role: string): UserInfo => {
      h.bind('team', `${role}-binding`, { apiGroup: RBAC, kind: 'ClusterRole', name: role }, [{ kind: 'User', name: `${role}-user`, apiGroup: RBAC }]);
      return { username: `${role}-user`, groups: ['system:authenticated'] };
    };
    const [view, edit, admin] = [as('view'), as('edit'), as('admin')];
    const can = (u: UserInfo, verb: string, group: string, plural: string, sub?: string) => canI(h.api, u, verb, { group, plural }, 'team', undefined, sub);
    expect(can(view, 'get', '', 'pods')).toBe(true);
    expect(can(view, 'get', '', 'pods', 'log')).toBe(true);
    expect(can(view, 'get', '', 'secrets')).toBe(false);
    expect(can(view, 'create', 'apps', 'deployments')).toBe(false);
    expect(can(edit, 'get', '', 'secrets')).toBe(true);
    expect(can(edit, 'create', 'apps', 'deployments')).toBe(true);
    expect(can(edit, 'create', '', 'pods', 'exec')).toBe(true);
    expect(can(edit, 'create', RBAC, 'roles')).toBe(false);
    expect(can(admin, 'create', RBAC, 'rolebindings')).toBe(true);
    expect(can(admin, 'update', 'apps', 'deployments', 'scale')).toBe(true);
    expect(can(admin, 'delete', '', 'namespaces')).toBe(false);
  });

  it('a binding to a missing role adds the resolution error to the refusal', () => {
    const h = setup();
    h.pod('team', 'a');
    h.bind('team', 'dangling', { apiGroup: RBAC, kind: 'Role', name: 'ghost' }, [{ kind: 'User', name: 'jane', apiGroup: RBAC }]);
    expect(forbiddenMessage(() => h.api.get('pods', 'team', 'a', { user: jane }))).toBe(
      'pods "a" is forbidden: User "jane" cannot get resource "pods" in API group "" in the namespace "team": RBAC: role.rbac.authorization.k8s.io "ghost" not found',
    );
  });

  it('resourceNames limit a rule to the named objects', () => {
    const h = setup();
    h.api.create<ConfigMap>('configmaps', 'team', { metadata: { name: 'app' }, data: {} });
    h.api.create<ConfigMap>('configmaps', 'team', { metadata: { name: 'db' }, data: {} });
    h.role('team', 'app-config', [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['app'], verbs: ['get'] }]);
    h.bind('team', 'jane-app', { apiGroup: RBAC, kind: 'Role', name: 'app-config' }, [{ kind: 'User', name: 'jane', apiGroup: RBAC }]);
    expect(h.api.get('configmaps', 'team', 'app', { user: jane }).metadata.name).toBe('app');
    expect(forbiddenMessage(() => h.api.get('configmaps', 'team', 'db', { user: jane }))).toBe(
      'configmaps "db" is forbidden: User "jane" cannot get resource "configmaps" in API group "" in the namespace "team"',
    );
  });

  it('rulesFor lists what a user may do in a namespace (auth can-i --list)', () => {
    const h = setup();
    h.role('team', 'pod-reader', [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }]);
    h.bind('team', 'viewer-reads', { apiGroup: RBAC, kind: 'Role', name: 'pod-reader' }, [{ kind: 'ServiceAccount', name: 'viewer' }]);
    const review = rulesFor(h.api, viewer, 'team');
    expect(review.resourceRules).toContainEqual({ verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['pods'], resourceNames: [] });
    expect(review.resourceRules).toContainEqual({ verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], resourceNames: [] });
    expect(review.nonResourceRules).toContainEqual({ verbs: ['get'], nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'] });
    expect(rulesFor(h.api, viewer, 'default').resourceRules.some((r) => r.resources.includes('pods'))).toBe(false);
  });
});

describe('RBAC escalation prevention', () => {
  function withRoleWriter() {
    const h = setup();
    // jane may manage roles and bindings in team, and read pods.
    h.role('team', 'role-writer', [
      { apiGroups: [RBAC], resources: ['roles', 'rolebindings'], verbs: ['create', 'update', 'get'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] },
    ]);
    h.bind('team', 'jane-writes', { apiGroup: RBAC, kind: 'Role', name: 'role-writer' }, [{ kind: 'User', name: 'jane', apiGroup: RBAC }]);
    return h;
  }

  it('a user may not create a role granting what they do not hold', () => {
    const h = withRoleWriter();
    h.api.create<Role>(`${RBAC}/roles`, 'team', { metadata: { name: 'ok' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] }, { user: jane });
    expect(
      forbiddenMessage(() =>
        h.api.create<Role>(
          `${RBAC}/roles`,
          'team',
          { metadata: { name: 'too-much' }, rules: [{ apiGroups: [''], resources: ['pods', 'secrets'], verbs: ['get', 'delete'] }] },
          { user: jane },
        ),
      ),
    ).toBe(
      'roles.rbac.authorization.k8s.io "too-much" is forbidden: user "jane" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:[""], Resources:["pods"], Verbs:["delete"]}\n{APIGroups:[""], Resources:["secrets"], Verbs:["get" "delete"]}',
    );
  });

  it('the escalate verb on roles lifts the check', () => {
    const h = withRoleWriter();
    h.role('team', 'escalator', [{ apiGroups: [RBAC], resources: ['roles'], verbs: ['escalate'] }]);
    h.bind('team', 'jane-escalates', { apiGroup: RBAC, kind: 'Role', name: 'escalator' }, [{ kind: 'User', name: 'jane', apiGroup: RBAC }]);
    h.api.create<Role>(`${RBAC}/roles`, 'team', { metadata: { name: 'big' }, rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] }, { user: jane });
  });

  it('binding a role needs its permissions, or the bind verb on it', () => {
    const h = withRoleWriter();
    const attempt = () => h.bind('team', 'jane-admin', { apiGroup: RBAC, kind: 'ClusterRole', name: 'admin' }, [{ kind: 'User', name: 'jane', apiGroup: RBAC }], jane);
    expect(forbiddenMessage(attempt)).toMatch(
      /^rolebindings\.rbac\.authorization\.k8s\.io "jane-admin" is forbidden: user "jane" \(groups=\["system:authenticated"\]\) is attempting to grant RBAC permissions not currently held:\n\{APIGroups:\[""\], Resources:\["bindings"\], Verbs:\["get" "list" "watch"\]\}\n/,
    );
    h.role('team', 'binder', [{ apiGroups: [RBAC], resources: ['clusterroles'], verbs: ['bind'], resourceNames: ['admin'] }]);
    h.bind('team', 'jane-binds', { apiGroup: RBAC, kind: 'Role', name: 'binder' }, [{ kind: 'User', name: 'jane', apiGroup: RBAC }]);
    expect(attempt().metadata.name).toBe('jane-admin');
  });

  it('binding a role that does not exist is NotFound', () => {
    const h = withRoleWriter();
    try {
      h.bind('team', 'x', { apiGroup: RBAC, kind: 'Role', name: 'ghost' }, [{ kind: 'User', name: 'jane', apiGroup: RBAC }], jane);
      throw new Error('expected NotFound');
    } catch (e) {
      expect((e as StatusError).reason).toBe('NotFound');
      expect((e as StatusError).message).toBe('role.rbac.authorization.k8s.io "ghost" not found');
    }
  });

  it('only a full admin may write an aggregationRule', () => {
    const h = setup();
    h.api.create(`${RBAC}/clusterrolebindings`, '', {
      metadata: { name: 'jane-roles' },
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'jane-roles' },
      subjects: [{ kind: 'User', name: 'jane', apiGroup: RBAC }],
    });
    h.api.create<ClusterRole>(`${RBAC}/clusterroles`, '', { metadata: { name: 'jane-roles' }, rules: [{ apiGroups: [RBAC], resources: ['clusterroles'], verbs: ['create'] }] });
    expect(
      forbiddenMessage(() =>
        h.api.create<ClusterRole>(
          `${RBAC}/clusterroles`,
          '',
          { metadata: { name: 'gather' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: 'y' } }] } },
          { user: jane },
        ),
      ),
    ).toBe('clusterroles.rbac.authorization.k8s.io "gather" is forbidden: must have cluster-admin privileges to use the aggregationRule');
  });
});

describe('ClusterRole aggregation controller', () => {
  it('fills admin, edit and view, follows labelled roles, and a second pass writes nothing', () => {
    const h = setup();
    const rules = (name: string) => h.api.get<ClusterRole>(`${RBAC}/clusterroles`, '', name).rules ?? [];
    expect(rules('view').length).toBeGreaterThan(5);
    // admin gathers edit (which gathers view) and system:aggregate-to-admin, by name order.
    expect(rules('admin')[0]).toEqual(rules('edit')[0]);
    expect(rules('admin')).toContainEqual(rules('system:aggregate-to-admin')[0]);
    h.api.create<ClusterRole>(`${RBAC}/clusterroles`, '', {
      metadata: { name: 'crontab-reader', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } },
      rules: [{ apiGroups: ['stable.example.com'], resources: ['crontabs'], verbs: ['get'] }],
    });
    h.settle();
    for (const role of ['view', 'edit', 'admin']) expect(rules(role)).toContainEqual({ apiGroups: ['stable.example.com'], resources: ['crontabs'], verbs: ['get'] });
    expect(h.writesOnResync(h.controllers[0], ['admin', 'edit', 'view', 'cluster-admin'])).toBe(false);
    h.api.delete(`${RBAC}/clusterroles`, '', 'crontab-reader');
    h.settle();
    expect(rules('admin').some((r) => r.resources?.includes('crontabs'))).toBe(false);
  });
});
