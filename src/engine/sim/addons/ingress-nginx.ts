import type { ConfigMap, Namespace, Node, Secret, Service, ServiceAccount } from 'kubernetes-types/core/v1';
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { IngressClass } from 'kubernetes-types/networking/v1';
import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding } from 'kubernetes-types/rbac/v1';
import type { KObject } from '../../api/types';
import { INGRESS_NGINX_RELEASE } from '../../kubelet/ingress-controller';
import type { Cluster } from '../cluster';
import type { Addon } from './index';

const NS = 'ingress-nginx';
const VERSION = INGRESS_NGINX_RELEASE.slice(1);
const IMAGE = `registry.k8s.io/ingress-nginx/controller:${INGRESS_NGINX_RELEASE}`;
/** The label kind's ingress guide gives the node that gets the host's ports 80 and 443. */
export const INGRESS_READY_LABEL = 'ingress-ready';

function labels(component?: string): Record<string, string> {
  return {
    ...(component ? { 'app.kubernetes.io/component': component } : {}),
    'app.kubernetes.io/instance': 'ingress-nginx',
    'app.kubernetes.io/name': 'ingress-nginx',
    'app.kubernetes.io/part-of': 'ingress-nginx',
    'app.kubernetes.io/version': VERSION,
  };
}

const rule = (apiGroups: string[], resources: string[], verbs: string[], resourceNames?: string[]): PolicyRule => (resourceNames ? { apiGroups, resources, verbs, resourceNames } : { apiGroups, resources, verbs });

/** The controller's rights in its own namespace (leader election, its ConfigMap, events). */
const ROLE_RULES: PolicyRule[] = [
  rule([''], ['namespaces'], ['get']),
  rule([''], ['configmaps', 'pods', 'secrets', 'endpoints'], ['get', 'list', 'watch']),
  rule([''], ['services'], ['get', 'list', 'watch']),
  rule(['networking.k8s.io'], ['ingresses'], ['get', 'list', 'watch']),
  rule(['networking.k8s.io'], ['ingresses/status'], ['update']),
  rule(['networking.k8s.io'], ['ingressclasses'], ['get', 'list', 'watch']),
  rule(['coordination.k8s.io'], ['leases'], ['get', 'update'], ['ingress-nginx-leader']),
  rule(['coordination.k8s.io'], ['leases'], ['create']),
  rule([''], ['events'], ['create', 'patch']),
  rule(['discovery.k8s.io'], ['endpointslices'], ['list', 'watch', 'get']),
];

/** What it reads across the cluster: Ingresses, their Services and Secrets, the nodes. */
const CLUSTER_ROLE_RULES: PolicyRule[] = [
  rule([''], ['configmaps', 'endpoints', 'nodes', 'pods', 'secrets', 'namespaces'], ['list', 'watch']),
  rule(['coordination.k8s.io'], ['leases'], ['list', 'watch']),
  rule([''], ['nodes'], ['get']),
  rule([''], ['services'], ['get', 'list', 'watch']),
  rule(['networking.k8s.io'], ['ingresses'], ['get', 'list', 'watch']),
  rule([''], ['events'], ['create', 'patch']),
  rule(['networking.k8s.io'], ['ingresses/status'], ['update']),
  rule(['networking.k8s.io'], ['ingressclasses'], ['get', 'list', 'watch']),
  rule(['discovery.k8s.io'], ['endpointslices'], ['list', 'watch', 'get']),
];

const probe = (failureThreshold: number) => ({
  httpGet: { path: '/healthz', port: 10254, scheme: 'HTTP' },
  initialDelaySeconds: 10,
  periodSeconds: 10,
  timeoutSeconds: 1,
  successThreshold: 1,
  failureThreshold,
});

/** A stand-in for the webhook certificate the admission `create` Job would have generated. */
const PEM = (kind: string) => btoa(`-----BEGIN ${kind}-----\nc2FuZGJveA==\n-----END ${kind}-----\n`);

/** ingress-nginx's kind manifest (deploy/static/provider/kind, controller-v1.12.1), object by object, in apply order. */
function manifest(): { plural: string; kind: string; obj: KObject }[] {
  const meta = (name: string, component?: string, namespaced = true) => ({ name, ...(namespaced ? { namespace: NS } : {}), labels: labels(component) });
  const out: { plural: string; kind: string; obj: KObject }[] = [];
  const add = (plural: string, kind: string, obj: object) => out.push({ plural, kind, obj: obj as KObject });
  add('namespaces', 'namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS, labels: { 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' } } } satisfies Namespace);
  add('serviceaccounts', 'serviceaccount', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('ingress-nginx', 'controller'), automountServiceAccountToken: true } satisfies ServiceAccount);
  add('serviceaccounts', 'serviceaccount', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('ingress-nginx-admission', 'admission-webhook'), automountServiceAccountToken: true } satisfies ServiceAccount);
  add('rbac.authorization.k8s.io/roles', 'role.rbac.authorization.k8s.io', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta('ingress-nginx', 'controller'), rules: ROLE_RULES } satisfies Role);
  add('rbac.authorization.k8s.io/clusterroles', 'clusterrole.rbac.authorization.k8s.io', {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'ingress-nginx', labels: labels() },
    rules: CLUSTER_ROLE_RULES,
  } satisfies ClusterRole);
  add('rbac.authorization.k8s.io/rolebindings', 'rolebinding.rbac.authorization.k8s.io', {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: meta('ingress-nginx', 'controller'),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'ingress-nginx' },
    subjects: [{ kind: 'ServiceAccount', name: 'ingress-nginx', namespace: NS }],
  } satisfies RoleBinding);
  add('rbac.authorization.k8s.io/clusterrolebindings', 'clusterrolebinding.rbac.authorization.k8s.io', {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'ingress-nginx', labels: labels() },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'ingress-nginx' },
    subjects: [{ kind: 'ServiceAccount', name: 'ingress-nginx', namespace: NS }],
  } satisfies ClusterRoleBinding);
  add('configmaps', 'configmap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('ingress-nginx-controller', 'controller'), data: { 'allow-snippet-annotations': 'false' } } satisfies ConfigMap);
  add('services', 'service', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('ingress-nginx-controller', 'controller'),
    spec: {
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [
        { appProtocol: 'http', name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' },
        { appProtocol: 'https', name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' },
      ],
      selector: { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' },
      type: 'NodePort',
    },
  } satisfies Service);
  add('services', 'service', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('ingress-nginx-controller-admission', 'controller'),
    spec: {
      ports: [{ appProtocol: 'https', name: 'https-webhook', port: 443, targetPort: 'webhook' }],
      selector: { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' },
      type: 'ClusterIP',
    },
  } satisfies Service);
  // What the admission `create` Job leaves behind: the webhook's serving certificate.
  add('secrets', 'secret', {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'ingress-nginx-admission', namespace: NS },
    data: { ca: PEM('CERTIFICATE'), cert: PEM('CERTIFICATE'), key: PEM('EC PRIVATE KEY') },
  } satisfies Secret);
  const selector = { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' };
  add('apps/deployments', 'deployment.apps', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta('ingress-nginx-controller', 'controller'),
    spec: {
      minReadySeconds: 0,
      revisionHistoryLimit: 10,
      selector: { matchLabels: selector },
      strategy: { rollingUpdate: { maxUnavailable: 1 }, type: 'RollingUpdate' },
      template: {
        metadata: { labels: labels('controller') },
        spec: {
          containers: [
            {
              name: 'controller',
              image: IMAGE,
              imagePullPolicy: 'IfNotPresent',
              args: [
                '/nginx-ingress-controller',
                '--election-id=ingress-nginx-leader',
                '--controller-class=k8s.io/ingress-nginx',
                '--ingress-class=nginx',
                '--configmap=$(POD_NAMESPACE)/ingress-nginx-controller',
                '--validating-webhook=:8443',
                '--validating-webhook-certificate=/usr/local/certificates/cert',
                '--validating-webhook-key=/usr/local/certificates/key',
                '--watch-ingress-without-class=true',
                '--enable-metrics=false',
                '--publish-status-address=localhost',
              ],
              env: [
                { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                { name: 'LD_PRELOAD', value: '/usr/local/lib/libmimalloc.so' },
              ],
              lifecycle: { preStop: { exec: { command: ['/wait-shutdown'] } } },
              livenessProbe: probe(5),
              readinessProbe: probe(3),
              ports: [
                { containerPort: 80, hostPort: 80, name: 'http', protocol: 'TCP' },
                { containerPort: 443, hostPort: 443, name: 'https', protocol: 'TCP' },
                { containerPort: 8443, name: 'webhook', protocol: 'TCP' },
              ],
              resources: { requests: { cpu: '100m', memory: '90Mi' } },
              securityContext: {
                allowPrivilegeEscalation: false,
                capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
                readOnlyRootFilesystem: false,
                runAsGroup: 82,
                runAsNonRoot: true,
                runAsUser: 101,
                seccompProfile: { type: 'RuntimeDefault' },
              },
              volumeMounts: [{ mountPath: '/usr/local/certificates/', name: 'webhook-cert', readOnly: true }],
            },
          ],
          dnsPolicy: 'ClusterFirst',
          nodeSelector: { [INGRESS_READY_LABEL]: 'true', 'kubernetes.io/os': 'linux' },
          serviceAccountName: 'ingress-nginx',
          terminationGracePeriodSeconds: 0,
          tolerations: [
            { effect: 'NoSchedule', key: 'node-role.kubernetes.io/master', operator: 'Equal' },
            { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane', operator: 'Equal' },
          ],
          volumes: [{ name: 'webhook-cert', secret: { secretName: 'ingress-nginx-admission' } }],
        },
      },
    },
  } satisfies Deployment);
  add('networking.k8s.io/ingressclasses', 'ingressclass.networking.k8s.io', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: { name: 'nginx', labels: labels('controller') },
    spec: { controller: 'k8s.io/ingress-nginx' },
  } satisfies IngressClass);
  return out;
}

/**
 * ingress-nginx as kind's ingress guide installs it. The guide creates the cluster with the
 * control-plane node labelled `ingress-ready=true` and the host's ports 80/443 mapped to it; the
 * default preset's control plane has the port mappings (see network/external.ts), and enabling
 * the add-on puts the label on it when no node has it yet, so the controller lands there as the
 * guide shows. The admission webhook's Jobs are not run: the sandbox's API server calls no
 * webhooks, so the add-on creates the certificate Secret their `create` Job would have made and
 * no ValidatingWebhookConfiguration.
 */
export const ingressNginx: Addon = {
  name: 'ingress-nginx',
  summary: `ingress-nginx controller ${INGRESS_NGINX_RELEASE} (kind's manifest): IngressClass nginx, reachable on http://localhost`,
  installed: (cluster: Cluster) => !!cluster.api.find('networking.k8s.io/ingressclasses', '', 'nginx') && !!cluster.api.find('apps/deployments', NS, 'ingress-nginx-controller'),
  install(cluster: Cluster): string[] {
    const lines: string[] = [];
    const nodes = cluster.api.store.list('nodes') as Node[];
    if (!nodes.some((n) => n.metadata?.labels?.[INGRESS_READY_LABEL] === 'true')) {
      const cp = nodes.find((n) => n.metadata?.labels?.['node-role.kubernetes.io/control-plane'] !== undefined);
      const current = cp?.metadata?.name ? cluster.api.find<Node>('nodes', '', cp.metadata.name) : undefined;
      if (current) {
        cluster.api.update<Node>('nodes', '', { ...current, metadata: { ...current.metadata, labels: { ...current.metadata.labels, [INGRESS_READY_LABEL]: 'true' } } });
        lines.push(`node/${current.metadata.name} labeled`);
      }
    }
    for (const { plural, kind, obj } of manifest()) {
      const ns = obj.metadata?.namespace ?? '';
      const name = obj.metadata?.name ?? '';
      if (cluster.api.find(plural, ns, name)) {
        lines.push(`${kind}/${name} unchanged`);
        continue;
      }
      cluster.api.create(plural, ns, obj);
      lines.push(`${kind}/${name} created`);
    }
    return lines;
  },
};
