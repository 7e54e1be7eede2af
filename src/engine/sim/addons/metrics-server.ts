import type { KObject } from '../../api/types';
import { resourceKey } from '../../apiserver/registry';
import type { Cluster } from '../cluster';
import type { Addon } from './index';

/**
 * metrics-server v0.7.2, as its release's components.yaml installs it, with the one change every
 * kind guide makes: `--kubelet-insecure-tls`, because a kind kubelet's serving certificate is
 * self-signed. The metrics API itself is served by src/engine/metrics once the APIService is
 * Available (its Service has a ready endpoint).
 */
const LABELS = { 'k8s-app': 'metrics-server' };
const NS = 'kube-system';
const SA = { kind: 'ServiceAccount', name: 'metrics-server', namespace: NS };

export const METRICS_SERVER_IMAGE = 'registry.k8s.io/metrics-server/metrics-server:v0.7.2';

function manifests(): { resource: string; object: KObject }[] {
  return [
    {
      resource: 'serviceaccounts',
      object: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'metrics-server', namespace: NS, labels: LABELS } },
    },
    {
      resource: 'rbac.authorization.k8s.io/clusterroles',
      object: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: {
          name: 'system:aggregated-metrics-reader',
          labels: {
            ...LABELS,
            'rbac.authorization.k8s.io/aggregate-to-admin': 'true',
            'rbac.authorization.k8s.io/aggregate-to-edit': 'true',
            'rbac.authorization.k8s.io/aggregate-to-view': 'true',
          },
        },
        rules: [{ apiGroups: ['metrics.k8s.io'], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] }],
      } as KObject,
    },
    {
      resource: 'rbac.authorization.k8s.io/clusterroles',
      object: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'system:metrics-server', labels: LABELS },
        rules: [
          { apiGroups: [''], resources: ['nodes/metrics'], verbs: ['get'] },
          { apiGroups: [''], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] },
        ],
      } as KObject,
    },
    {
      resource: 'rbac.authorization.k8s.io/rolebindings',
      object: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'metrics-server-auth-reader', namespace: NS, labels: LABELS },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'extension-apiserver-authentication-reader' },
        subjects: [SA],
      } as KObject,
    },
    {
      resource: 'rbac.authorization.k8s.io/clusterrolebindings',
      object: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: 'metrics-server:system:auth-delegator', labels: LABELS },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:auth-delegator' },
        subjects: [SA],
      } as KObject,
    },
    {
      resource: 'rbac.authorization.k8s.io/clusterrolebindings',
      object: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: 'system:metrics-server', labels: LABELS },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:metrics-server' },
        subjects: [SA],
      } as KObject,
    },
    {
      resource: 'services',
      object: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'metrics-server', namespace: NS, labels: LABELS },
        spec: { ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' }], selector: LABELS },
      } as KObject,
    },
    {
      resource: 'apps/deployments',
      object: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'metrics-server', namespace: NS, labels: LABELS },
        spec: {
          selector: { matchLabels: LABELS },
          strategy: { rollingUpdate: { maxUnavailable: 0 } },
          template: {
            metadata: { labels: LABELS },
            spec: {
              containers: [
                {
                  name: 'metrics-server',
                  image: METRICS_SERVER_IMAGE,
                  imagePullPolicy: 'IfNotPresent',
                  args: [
                    '--cert-dir=/tmp',
                    '--secure-port=10250',
                    '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
                    '--kubelet-use-node-status-port',
                    '--metric-resolution=15s',
                    '--kubelet-insecure-tls',
                  ],
                  livenessProbe: { failureThreshold: 3, httpGet: { path: '/livez', port: 'https', scheme: 'HTTPS' }, periodSeconds: 10 },
                  readinessProbe: {
                    failureThreshold: 3,
                    httpGet: { path: '/readyz', port: 'https', scheme: 'HTTPS' },
                    initialDelaySeconds: 20,
                    periodSeconds: 10,
                  },
                  ports: [{ containerPort: 10250, name: 'https', protocol: 'TCP' }],
                  resources: { requests: { cpu: '100m', memory: '200Mi' } },
                  securityContext: {
                    allowPrivilegeEscalation: false,
                    capabilities: { drop: ['ALL'] },
                    readOnlyRootFilesystem: true,
                    runAsNonRoot: true,
                    runAsUser: 1000,
                    seccompProfile: { type: 'RuntimeDefault' },
                  },
                  volumeMounts: [{ mountPath: '/tmp', name: 'tmp-dir' }],
                },
              ],
              nodeSelector: { 'kubernetes.io/os': 'linux' },
              priorityClassName: 'system-cluster-critical',
              serviceAccountName: 'metrics-server',
              volumes: [{ emptyDir: {}, name: 'tmp-dir' }],
            },
          },
        },
      } as KObject,
    },
    {
      resource: 'apiregistration.k8s.io/apiservices',
      object: {
        apiVersion: 'apiregistration.k8s.io/v1',
        kind: 'APIService',
        metadata: { name: 'v1beta1.metrics.k8s.io', labels: LABELS },
        spec: {
          group: 'metrics.k8s.io',
          groupPriorityMinimum: 100,
          insecureSkipTLSVerify: true,
          service: { name: 'metrics-server', namespace: NS },
          version: 'v1beta1',
          versionPriority: 100,
        },
      } as KObject,
    },
  ];
}

export const metricsServerAddon: Addon = {
  name: 'metrics-server',
  summary: 'metrics-server v0.7.2: the resource metrics API behind kubectl top and the HorizontalPodAutoscaler',
  installed(cluster: Cluster): boolean {
    return !!cluster.api.find('apps/deployments', NS, 'metrics-server');
  },
  install(cluster: Cluster): string[] {
    const out: string[] = [];
    for (const { resource, object } of manifests()) {
      const rt = cluster.api.resource(resource);
      const what = `${rt.singular}${rt.group ? `.${rt.group}` : ''}/${object.metadata?.name}`;
      if (cluster.api.find(rt, object.metadata?.namespace ?? '', object.metadata?.name ?? '')) {
        out.push(`${what} unchanged`);
        continue;
      }
      cluster.api.create(resourceKey(rt), object.metadata?.namespace ?? '', object);
      out.push(`${what} created`);
    }
    return out;
  },
};
