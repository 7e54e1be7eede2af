import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding, Subject } from 'kubernetes-types/rbac/v1';
import type { ApiServer } from '../../apiserver/apiserver';
import type { Cluster } from '../cluster';
import { clusterRoles, controllerRoles, distributionRoles, type RoleData, toRule } from './rbac-roles';

const GROUP = 'rbac.authorization.k8s.io';
const API_VERSION = `${GROUP}/v1`;
const BOOTSTRAP_LABELS = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const AUTOUPDATE = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };
const NODE_TOKEN_GROUP = 'system:bootstrappers:kubeadm:default-node-token';

const user = (name: string): Subject => ({ apiGroup: GROUP, kind: 'User', name });
const group = (name: string): Subject => ({ apiGroup: GROUP, kind: 'Group', name });
const sa = (namespace: string, name: string): Subject => ({ kind: 'ServiceAccount', name, namespace });

function clusterRole(data: RoleData, bootstrap: boolean, prefix = ''): ClusterRole {
  const role: ClusterRole = {
    apiVersion: API_VERSION,
    kind: 'ClusterRole',
    metadata: {
      name: prefix + data.name,
      ...(bootstrap ? { labels: { ...BOOTSTRAP_LABELS, ...data.labels }, annotations: { ...AUTOUPDATE } } : {}),
    },
  };
  if (data.aggregate) role.aggregationRule = { clusterRoleSelectors: data.aggregate.map((matchLabels) => ({ matchLabels })) };
  if (data.rules) role.rules = data.rules.map(toRule);
  return role;
}

function clusterBinding(name: string, role: string, subjects: Subject[], bootstrap: boolean): ClusterRoleBinding {
  const b: ClusterRoleBinding = {
    apiVersion: API_VERSION,
    kind: 'ClusterRoleBinding',
    metadata: { name, ...(bootstrap ? { labels: { ...BOOTSTRAP_LABELS }, annotations: { ...AUTOUPDATE } } : {}) },
    roleRef: { apiGroup: GROUP, kind: 'ClusterRole', name: role },
  };
  if (subjects.length) b.subjects = subjects;
  return b;
}

function role(namespace: string, name: string, configMaps: string[], verbs: string[], bootstrap: boolean): Role {
  return {
    apiVersion: API_VERSION,
    kind: 'Role',
    metadata: { name, namespace, ...(bootstrap ? { labels: { ...BOOTSTRAP_LABELS }, annotations: { ...AUTOUPDATE } } : {}) },
    rules: [{ verbs, apiGroups: [''], resources: ['configmaps'], resourceNames: configMaps }],
  };
}

function roleBinding(namespace: string, name: string, roleName: string, subjects: Subject[], bootstrap: boolean): RoleBinding {
  return {
    apiVersion: API_VERSION,
    kind: 'RoleBinding',
    metadata: { name, namespace, ...(bootstrap ? { labels: { ...BOOTSTRAP_LABELS }, annotations: { ...AUTOUPDATE } } : {}) },
    roleRef: { apiGroup: GROUP, kind: 'Role', name: roleName },
    subjects,
  };
}

/** The bootstrap ClusterRoleBindings of the API server, then those kubeadm and kind add. */
function clusterBindings(): ClusterRoleBinding[] {
  return [
    clusterBinding('cluster-admin', 'cluster-admin', [group('system:masters')], true),
    clusterBinding('system:basic-user', 'system:basic-user', [group('system:authenticated')], true),
    clusterBinding('system:discovery', 'system:discovery', [group('system:authenticated')], true),
    clusterBinding('system:kube-controller-manager', 'system:kube-controller-manager', [user('system:kube-controller-manager')], true),
    clusterBinding('system:kube-dns', 'system:kube-dns', [sa('kube-system', 'kube-dns')], true),
    clusterBinding('system:kube-scheduler', 'system:kube-scheduler', [user('system:kube-scheduler')], true),
    clusterBinding('system:monitoring', 'system:monitoring', [group('system:monitoring')], true),
    // Nodes are authorized by the Node authorizer; the binding is kept, without subjects.
    clusterBinding('system:node', 'system:node', [], true),
    clusterBinding('system:node-proxier', 'system:node-proxier', [user('system:kube-proxy')], true),
    clusterBinding('system:public-info-viewer', 'system:public-info-viewer', [group('system:authenticated'), group('system:unauthenticated')], true),
    clusterBinding('system:service-account-issuer-discovery', 'system:service-account-issuer-discovery', [group('system:serviceaccounts')], true),
    clusterBinding('system:volume-scheduler', 'system:volume-scheduler', [user('system:kube-scheduler')], true),
    ...controllerRoles.map((r) => clusterBinding(`system:controller:${r.name}`, `system:controller:${r.name}`, [sa('kube-system', r.name)], true)),
    clusterBinding('kubeadm:cluster-admins', 'cluster-admin', [group('kubeadm:cluster-admins')], false),
    clusterBinding('kubeadm:get-nodes', 'kubeadm:get-nodes', [group(NODE_TOKEN_GROUP)], false),
    clusterBinding('kubeadm:kubelet-bootstrap', 'system:node-bootstrapper', [group(NODE_TOKEN_GROUP)], false),
    clusterBinding('kubeadm:node-autoapprove-bootstrap', 'system:certificates.k8s.io:certificatesigningrequests:nodeclient', [group(NODE_TOKEN_GROUP)], false),
    clusterBinding('kubeadm:node-autoapprove-certificate-rotation', 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', [group('system:nodes')], false),
    clusterBinding('kubeadm:node-proxier', 'system:node-proxier', [sa('kube-system', 'kube-proxy')], false),
    clusterBinding('system:coredns', 'system:coredns', [sa('kube-system', 'coredns')], false),
    clusterBinding('kindnet', 'kindnet', [sa('kube-system', 'kindnet')], false),
    clusterBinding('local-path-provisioner-bind', 'local-path-provisioner-role', [sa('local-path-storage', 'local-path-provisioner-service-account')], false),
  ];
}

function namespacedRoles(): { roles: Role[]; bindings: RoleBinding[] } {
  const roles = [
    role('kube-system', 'extension-apiserver-authentication-reader', ['extension-apiserver-authentication'], ['get', 'list', 'watch'], true),
    role('kube-system', 'system::leader-locking-kube-controller-manager', ['kube-controller-manager'], ['get', 'update'], true),
    role('kube-system', 'system::leader-locking-kube-scheduler', ['kube-scheduler'], ['get', 'update'], true),
    role('kube-system', 'kube-proxy', ['kube-proxy'], ['get'], false),
    role('kube-system', 'kubeadm:kubelet-config', ['kubelet-config'], ['get'], false),
    role('kube-system', 'kubeadm:nodes-kubeadm-config', ['kubeadm-config'], ['get'], false),
    role('kube-public', 'kubeadm:bootstrap-signer-clusterinfo', ['cluster-info'], ['get'], false),
  ];
  // The leader-locking roles also watch every ConfigMap in kube-system.
  for (const r of roles.slice(1, 3)) r.rules?.unshift({ verbs: ['watch'], apiGroups: [''], resources: ['configmaps'] });
  const bindings = [
    roleBinding('kube-system', 'system::extension-apiserver-authentication-reader', 'extension-apiserver-authentication-reader', [user('system:kube-controller-manager'), user('system:kube-scheduler')], true),
    roleBinding('kube-system', 'system::leader-locking-kube-controller-manager', 'system::leader-locking-kube-controller-manager', [user('system:kube-controller-manager'), sa('kube-system', 'kube-controller-manager')], true),
    roleBinding('kube-system', 'system::leader-locking-kube-scheduler', 'system::leader-locking-kube-scheduler', [user('system:kube-scheduler'), sa('kube-system', 'kube-scheduler')], true),
    roleBinding('kube-system', 'kube-proxy', 'kube-proxy', [group(NODE_TOKEN_GROUP)], false),
    roleBinding('kube-system', 'kubeadm:kubelet-config', 'kubeadm:kubelet-config', [group('system:nodes'), group(NODE_TOKEN_GROUP)], false),
    roleBinding('kube-system', 'kubeadm:nodes-kubeadm-config', 'kubeadm:nodes-kubeadm-config', [group(NODE_TOKEN_GROUP), group('system:nodes')], false),
    roleBinding('kube-public', 'kubeadm:bootstrap-signer-clusterinfo', 'kubeadm:bootstrap-signer-clusterinfo', [user('system:anonymous')], false),
  ];
  return { roles, bindings };
}

/** Every RBAC object a fresh kind cluster has, for tests and tools that need them without a Cluster. */
export function bootstrapRbacObjects(): { clusterRoles: ClusterRole[]; clusterRoleBindings: ClusterRoleBinding[]; roles: Role[]; roleBindings: RoleBinding[] } {
  const { roles, bindings } = namespacedRoles();
  return {
    clusterRoles: [
      ...clusterRoles.map((r) => clusterRole(r, true)),
      ...controllerRoles.map((r) => clusterRole(r, true, 'system:controller:')),
      ...distributionRoles.map((r) => clusterRole(r, false)),
    ],
    clusterRoleBindings: clusterBindings(),
    roles,
    roleBindings: bindings,
  };
}

/**
 * Creates the default RBAC policy of a kind cluster: the API server's bootstrap roles and
 * bindings (cluster-admin for system:masters, admin/edit/view by aggregation, the controllers'
 * roles), and kubeadm's and kind's (kubeadm:cluster-admins makes kubernetes-admin cluster-admin).
 * Namespaced objects need their namespaces (kube-system, kube-public) to exist.
 */
export function bootstrapRbac(cluster: Cluster): void {
  createBootstrapRbac(cluster.api);
}

/** The same, straight onto an API server (test harnesses). */
export function createBootstrapRbac(api: ApiServer): void {
  const objs = bootstrapRbacObjects();
  for (const r of objs.clusterRoles) api.create(`${GROUP}/clusterroles`, '', r);
  for (const b of objs.clusterRoleBindings) api.create(`${GROUP}/clusterrolebindings`, '', b);
  for (const r of objs.roles) api.create(`${GROUP}/roles`, r.metadata?.namespace ?? '', r);
  for (const b of objs.roleBindings) api.create(`${GROUP}/rolebindings`, b.metadata?.namespace ?? '', b);
}
