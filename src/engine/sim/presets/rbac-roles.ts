import type { PolicyRule } from 'kubernetes-types/rbac/v1';

/**
 * The ClusterRoles the API server bootstraps (bootstrappolicy, Kubernetes v1.32, default feature
 * gates), as data. Each rule is [apiGroups, resources, verbs, resourceNames?]; a URL rule is
 * ['url', nonResourceURLs, verbs].
 */
type RuleRow = [string[], string[], string[], string[]?] | ['url', string[], string[]];

export interface RoleData {
  name: string;
  rules?: RuleRow[];
  /** ClusterRole labels besides kubernetes.io/bootstrapping (the aggregation labels). */
  labels?: Record<string, string>;
  /** Label selectors of an aggregated role (admin, edit, view). */
  aggregate?: Record<string, string>[];
}

/** Fields in the order `kubectl get -o yaml` prints them (alphabetical). */
export function toRule(row: RuleRow): PolicyRule {
  if (row[0] === 'url') return { nonResourceURLs: row[1] as string[], verbs: row[2] };
  const [apiGroups, resources, verbs, resourceNames] = row as [string[], string[], string[], string[]?];
  return resourceNames ? { apiGroups, resourceNames, resources, verbs } : { apiGroups, resources, verbs };
}

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const ALL_RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const EVENTS: RuleRow = [['', 'events.k8s.io'], ['events'], ['create', 'patch', 'update']];
const AGG = 'rbac.authorization.k8s.io/aggregate-to-';

export const clusterRoles: RoleData[] = [
  { name: 'admin', aggregate: [{ [`${AGG}admin`]: 'true' }] },
  { name: 'cluster-admin', rules: [[['*'], ['*'], ['*']], ['url', ['*'], ['*']]] },
  { name: 'edit', labels: { [`${AGG}admin`]: 'true' }, aggregate: [{ [`${AGG}edit`]: 'true' }] },
  {
    name: 'system:aggregate-to-admin',
    labels: { [`${AGG}admin`]: 'true' },
    rules: [
      [['authorization.k8s.io'], ['localsubjectaccessreviews'], ['create']],
      [['rbac.authorization.k8s.io'], ['rolebindings', 'roles'], ALL_RW],
    ],
  },
  {
    name: 'system:aggregate-to-edit',
    labels: { [`${AGG}edit`]: 'true' },
    rules: [
      [[''], ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy'], READ],
      [[''], ['serviceaccounts'], ['impersonate']],
      [[''], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'], WRITE],
      [[''], ['pods/eviction'], ['create']],
      [
        [''],
        ['configmaps', 'events', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'secrets', 'serviceaccounts', 'services', 'services/proxy'],
        WRITE,
      ],
      [[''], ['serviceaccounts/token'], ['create']],
      [['apps'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale'], WRITE],
      [['autoscaling'], ['horizontalpodautoscalers'], WRITE],
      [['batch'], ['cronjobs', 'jobs'], WRITE],
      [
        ['extensions'],
        ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'ingresses', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicationcontrollers/scale'],
        WRITE,
      ],
      [['policy'], ['poddisruptionbudgets'], WRITE],
      [['networking.k8s.io'], ['ingresses', 'networkpolicies'], WRITE],
      [['coordination.k8s.io'], ['leases'], ALL_RW],
    ],
  },
  {
    name: 'system:aggregate-to-view',
    labels: { [`${AGG}view`]: 'true' },
    rules: [
      [
        [''],
        ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status'],
        READ,
      ],
      [[''], ['bindings', 'events', 'limitranges', 'namespaces/status', 'pods/log', 'pods/status', 'replicationcontrollers/status', 'resourcequotas', 'resourcequotas/status'], READ],
      [[''], ['namespaces'], READ],
      [['discovery.k8s.io'], ['endpointslices'], READ],
      [
        ['apps'],
        ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status'],
        READ,
      ],
      [['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'], READ],
      [['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status'], READ],
      [
        ['extensions'],
        ['daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'ingresses', 'ingresses/status', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicasets/status', 'replicationcontrollers/scale'],
        READ,
      ],
      [['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status'], READ],
      [['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies'], READ],
    ],
  },
  {
    name: 'system:auth-delegator',
    rules: [
      [['authentication.k8s.io'], ['tokenreviews'], ['create']],
      [['authorization.k8s.io'], ['subjectaccessreviews'], ['create']],
    ],
  },
  {
    name: 'system:basic-user',
    rules: [
      [['authorization.k8s.io'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], ['create']],
      [['authentication.k8s.io'], ['selfsubjectreviews'], ['create']],
    ],
  },
  { name: 'system:certificates.k8s.io:certificatesigningrequests:nodeclient', rules: [[['certificates.k8s.io'], ['certificatesigningrequests/nodeclient'], ['create']]] },
  { name: 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', rules: [[['certificates.k8s.io'], ['certificatesigningrequests/selfnodeclient'], ['create']]] },
  { name: 'system:certificates.k8s.io:kube-apiserver-client-approver', rules: [[['certificates.k8s.io'], ['signers'], ['approve'], ['kubernetes.io/kube-apiserver-client']]] },
  { name: 'system:certificates.k8s.io:kube-apiserver-client-kubelet-approver', rules: [[['certificates.k8s.io'], ['signers'], ['approve'], ['kubernetes.io/kube-apiserver-client-kubelet']]] },
  { name: 'system:certificates.k8s.io:kubelet-serving-approver', rules: [[['certificates.k8s.io'], ['signers'], ['approve'], ['kubernetes.io/kubelet-serving']]] },
  { name: 'system:certificates.k8s.io:legacy-unknown-approver', rules: [[['certificates.k8s.io'], ['signers'], ['approve'], ['kubernetes.io/legacy-unknown']]] },
  {
    name: 'system:discovery',
    rules: [['url', ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'], ['get']]],
  },
  {
    name: 'system:heapster',
    rules: [
      [[''], ['events', 'namespaces', 'nodes', 'pods'], READ],
      [['extensions'], ['deployments'], READ],
    ],
  },
  { name: 'system:kube-aggregator', rules: [[[''], ['endpoints', 'services'], READ]] },
  {
    name: 'system:kube-controller-manager',
    rules: [
      EVENTS,
      [['coordination.k8s.io'], ['leases'], ['create']],
      [['coordination.k8s.io'], ['leases'], ['get', 'update'], ['kube-controller-manager']],
      [[''], ['secrets', 'serviceaccounts'], ['create']],
      [[''], ['secrets'], ['delete']],
      [[''], ['configmaps', 'namespaces', 'secrets', 'serviceaccounts'], ['get']],
      [[''], ['secrets', 'serviceaccounts'], ['update']],
      [['authentication.k8s.io'], ['tokenreviews'], ['create']],
      [['authorization.k8s.io'], ['subjectaccessreviews'], ['create']],
      [['*'], ['*'], ['list', 'watch']],
      [[''], ['serviceaccounts/token'], ['create']],
    ],
  },
  { name: 'system:kube-dns', rules: [[[''], ['endpoints', 'services'], ['list', 'watch']]] },
  {
    name: 'system:kube-scheduler',
    rules: [
      EVENTS,
      [['coordination.k8s.io'], ['leases'], ['create']],
      [['coordination.k8s.io'], ['leases'], ['get', 'update'], ['kube-scheduler']],
      [[''], ['nodes'], READ],
      [[''], ['pods'], ['delete', 'get', 'list', 'watch']],
      [[''], ['bindings', 'pods/binding'], ['create']],
      [[''], ['pods/status'], ['patch', 'update']],
      [[''], ['replicationcontrollers', 'services'], READ],
      [['apps', 'extensions'], ['replicasets'], READ],
      [['apps'], ['statefulsets'], READ],
      [['policy'], ['poddisruptionbudgets'], READ],
      [[''], ['persistentvolumeclaims', 'persistentvolumes'], READ],
      [['authentication.k8s.io'], ['tokenreviews'], ['create']],
      [['authorization.k8s.io'], ['subjectaccessreviews'], ['create']],
      [['storage.k8s.io'], ['csinodes'], READ],
      [[''], ['namespaces'], READ],
      [['storage.k8s.io'], ['csidrivers'], READ],
      [['storage.k8s.io'], ['csistoragecapacities'], READ],
    ],
  },
  {
    name: 'system:kubelet-api-admin',
    rules: [
      [[''], ['nodes'], READ],
      [[''], ['nodes'], ['proxy']],
      [[''], ['nodes/log', 'nodes/metrics', 'nodes/proxy', 'nodes/stats'], ['*']],
    ],
  },
  { name: 'system:monitoring', rules: [['url', ['/healthz', '/healthz/*', '/livez', '/livez/*', '/metrics', '/metrics/slis', '/readyz', '/readyz/*'], ['get']]] },
  {
    name: 'system:node',
    rules: [
      [['authentication.k8s.io'], ['tokenreviews'], ['create']],
      [['authorization.k8s.io'], ['localsubjectaccessreviews', 'subjectaccessreviews'], ['create']],
      [[''], ['services'], READ],
      [[''], ['nodes'], ['create', 'get', 'list', 'watch']],
      [[''], ['nodes/status'], ['patch', 'update']],
      [[''], ['nodes'], ['patch', 'update']],
      [[''], ['events'], ['create', 'patch', 'update']],
      [[''], ['pods'], READ],
      [[''], ['pods'], ['create', 'delete']],
      [[''], ['pods/status'], ['patch', 'update']],
      [[''], ['pods/eviction'], ['create']],
      [[''], ['configmaps', 'secrets'], READ],
      [[''], ['persistentvolumeclaims', 'persistentvolumes'], ['get']],
      [[''], ['endpoints'], ['get']],
      [['certificates.k8s.io'], ['certificatesigningrequests'], ['create', 'get', 'list', 'watch']],
      [['coordination.k8s.io'], ['leases'], ['create', 'delete', 'get', 'patch', 'update']],
      [['storage.k8s.io'], ['volumeattachments'], ['get']],
      [[''], ['serviceaccounts/token'], ['create']],
      [[''], ['persistentvolumeclaims/status'], ['get', 'patch', 'update']],
      [['storage.k8s.io'], ['csidrivers'], READ],
      [['storage.k8s.io'], ['csinodes'], ['create', 'delete', 'get', 'patch', 'update']],
      [['node.k8s.io'], ['runtimeclasses'], READ],
    ],
  },
  { name: 'system:node-bootstrapper', rules: [[['certificates.k8s.io'], ['certificatesigningrequests'], ['create', 'get', 'list', 'watch']]] },
  {
    name: 'system:node-problem-detector',
    rules: [[[''], ['nodes'], ['get']], [[''], ['nodes/status'], ['patch']], EVENTS],
  },
  {
    name: 'system:node-proxier',
    rules: [
      [[''], ['endpoints', 'services'], ['list', 'watch']],
      [[''], ['nodes'], READ],
      EVENTS,
      [['discovery.k8s.io'], ['endpointslices'], ['list', 'watch']],
    ],
  },
  {
    name: 'system:persistent-volume-provisioner',
    rules: [
      [[''], ['persistentvolumes'], ['create', 'delete', 'get', 'list', 'watch']],
      [[''], ['persistentvolumeclaims'], ['get', 'list', 'update', 'watch']],
      [['storage.k8s.io'], ['storageclasses'], READ],
      [[''], ['events'], ['watch']],
      EVENTS,
    ],
  },
  { name: 'system:public-info-viewer', rules: [['url', ['/healthz', '/livez', '/readyz', '/version', '/version/'], ['get']]] },
  { name: 'system:service-account-issuer-discovery', rules: [['url', ['/.well-known/openid-configuration', '/openid/v1/jwks'], ['get']]] },
  {
    name: 'system:volume-scheduler',
    rules: [
      [[''], ['persistentvolumes'], ['get', 'list', 'patch', 'update', 'watch']],
      [['storage.k8s.io'], ['storageclasses'], READ],
      [[''], ['persistentvolumeclaims'], ['get', 'list', 'patch', 'update', 'watch']],
    ],
  },
  { name: 'view', labels: { [`${AGG}edit`]: 'true' }, aggregate: [{ [`${AGG}view`]: 'true' }] },
];

/** The roles of kube-controller-manager's controllers, each bound to its service account in kube-system. */
export const controllerRoles: RoleData[] = [
  {
    name: 'attachdetach-controller',
    rules: [
      [[''], ['persistentvolumeclaims', 'persistentvolumes'], ['list', 'watch']],
      [[''], ['nodes'], READ],
      [[''], ['nodes/status'], ['patch', 'update']],
      [[''], ['pods'], ['list', 'watch']],
      EVENTS,
      [['storage.k8s.io'], ['volumeattachments'], ['create', 'delete', 'get', 'list', 'watch']],
      [['storage.k8s.io'], ['csidrivers'], READ],
      [['storage.k8s.io'], ['csinodes'], READ],
    ],
  },
  {
    name: 'certificate-controller',
    rules: [
      [['certificates.k8s.io'], ['certificatesigningrequests'], ['delete', 'get', 'list', 'watch']],
      [['certificates.k8s.io'], ['certificatesigningrequests/approval', 'certificatesigningrequests/status'], ['update']],
      [['certificates.k8s.io'], ['signers'], ['approve'], ['kubernetes.io/kube-apiserver-client-kubelet']],
      [
        ['certificates.k8s.io'],
        ['signers'],
        ['sign'],
        ['kubernetes.io/kube-apiserver-client', 'kubernetes.io/kube-apiserver-client-kubelet', 'kubernetes.io/kubelet-serving', 'kubernetes.io/legacy-unknown'],
      ],
      [['authorization.k8s.io'], ['subjectaccessreviews'], ['create']],
      EVENTS,
    ],
  },
  { name: 'clusterrole-aggregation-controller', rules: [[['rbac.authorization.k8s.io'], ['clusterroles'], ['escalate', 'get', 'list', 'patch', 'update', 'watch']]] },
  {
    name: 'cronjob-controller',
    rules: [
      [['batch'], ['cronjobs'], ['get', 'list', 'update', 'watch']],
      [['batch'], ['jobs'], ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']],
      [['batch'], ['cronjobs/status'], ['update']],
      [['batch'], ['cronjobs/finalizers'], ['update']],
      [[''], ['pods'], ['delete', 'list', 'watch']],
      EVENTS,
    ],
  },
  {
    name: 'daemon-set-controller',
    rules: [
      [['apps', 'extensions'], ['daemonsets'], READ],
      [['apps', 'extensions'], ['daemonsets/status'], ['update']],
      [['apps', 'extensions'], ['daemonsets/finalizers'], ['update']],
      [[''], ['nodes'], ['list', 'watch']],
      [[''], ['pods'], ['create', 'delete', 'list', 'patch', 'watch']],
      [[''], ['pods/binding'], ['create']],
      [['apps'], ['controllerrevisions'], ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']],
      EVENTS,
    ],
  },
  {
    name: 'deployment-controller',
    rules: [
      [['apps', 'extensions'], ['deployments'], ['get', 'list', 'update', 'watch']],
      [['apps', 'extensions'], ['deployments/status'], ['update']],
      [['apps', 'extensions'], ['deployments/finalizers'], ['update']],
      [['apps', 'extensions'], ['replicasets'], ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']],
      [[''], ['pods'], ['get', 'list', 'update', 'watch']],
      EVENTS,
    ],
  },
  {
    name: 'disruption-controller',
    rules: [
      [['apps', 'extensions'], ['deployments'], READ],
      [['apps', 'extensions'], ['replicasets'], READ],
      [[''], ['replicationcontrollers'], READ],
      [['policy'], ['poddisruptionbudgets'], READ],
      [['apps'], ['statefulsets'], READ],
      [['policy'], ['poddisruptionbudgets/status'], ['update']],
      [[''], ['pods/status'], ['patch', 'update']],
      [['*'], ['*/scale'], ['get']],
      EVENTS,
    ],
  },
  {
    name: 'endpoint-controller',
    rules: [
      [[''], ['pods', 'services'], READ],
      [[''], ['endpoints'], ['create', 'delete', 'get', 'list', 'update', 'watch']],
      [[''], ['endpoints/restricted'], ['create']],
      EVENTS,
    ],
  },
  {
    name: 'endpointslice-controller',
    rules: [
      [[''], ['nodes', 'pods', 'services'], READ],
      [[''], ['services/finalizers'], ['update']],
      [['discovery.k8s.io'], ['endpointslices'], ['create', 'delete', 'get', 'list', 'update', 'watch']],
      EVENTS,
    ],
  },
  {
    name: 'endpointslicemirroring-controller',
    rules: [
      [[''], ['endpoints', 'services'], READ],
      [[''], ['services/finalizers'], ['update']],
      [[''], ['endpoints/finalizers'], ['update']],
      [['discovery.k8s.io'], ['endpointslices'], ['create', 'delete', 'get', 'list', 'update', 'watch']],
      EVENTS,
    ],
  },
  {
    name: 'ephemeral-volume-controller',
    rules: [
      [[''], ['pods'], READ],
      [[''], ['pods/finalizers'], ['update']],
      [[''], ['persistentvolumeclaims'], ['create', 'get', 'list', 'watch']],
      EVENTS,
    ],
  },
  {
    name: 'expand-controller',
    rules: [
      [[''], ['persistentvolumes'], ['get', 'list', 'patch', 'update', 'watch']],
      [[''], ['persistentvolumeclaims/status'], ['patch', 'update']],
      [[''], ['persistentvolumeclaims'], READ],
      EVENTS,
    ],
  },
  { name: 'generic-garbage-collector', rules: [[['*'], ['*'], ['delete', 'get', 'list', 'patch', 'update', 'watch']], EVENTS] },
  {
    name: 'horizontal-pod-autoscaler',
    rules: [
      [['autoscaling'], ['horizontalpodautoscalers'], READ],
      [['autoscaling'], ['horizontalpodautoscalers/status'], ['update']],
      [['*'], ['*/scale'], ['get', 'update']],
      [[''], ['pods'], ['list', 'watch']],
      [['metrics.k8s.io'], ['pods'], ['list', 'watch']],
      [['custom.metrics.k8s.io'], ['*'], READ],
      [['external.metrics.k8s.io'], ['*'], READ],
      EVENTS,
    ],
  },
  {
    name: 'job-controller',
    rules: [
      [['batch'], ['jobs'], ['get', 'list', 'patch', 'update', 'watch']],
      [['batch'], ['jobs/status'], ['update']],
      [['batch'], ['jobs/finalizers'], ['update']],
      [[''], ['pods'], ['create', 'delete', 'list', 'patch', 'watch']],
      EVENTS,
    ],
  },
  {
    name: 'legacy-service-account-token-cleaner',
    rules: [
      [[''], ['configmaps'], ['get'], ['kube-apiserver-legacy-service-account-token-tracking']],
      [[''], ['secrets'], ['delete', 'patch']],
    ],
  },
  {
    name: 'namespace-controller',
    rules: [
      [[''], ['namespaces'], ['delete', 'get', 'list', 'watch']],
      [[''], ['namespaces/finalize', 'namespaces/status'], ['update']],
      [['*'], ['*'], ['delete', 'deletecollection', 'get', 'list', 'watch']],
    ],
  },
  {
    name: 'node-controller',
    rules: [
      [[''], ['nodes'], ['delete', 'get', 'list', 'patch', 'update', 'watch']],
      [[''], ['nodes/status'], ['patch', 'update']],
      [[''], ['pods/status'], ['patch', 'update']],
      [[''], ['pods'], ['delete', 'get', 'list', 'watch']],
      EVENTS,
    ],
  },
  {
    name: 'persistent-volume-binder',
    rules: [
      [[''], ['persistentvolumes'], ['create', 'delete', 'get', 'list', 'update', 'watch']],
      [[''], ['persistentvolumes/status'], ['update']],
      [[''], ['persistentvolumeclaims'], ['get', 'list', 'update', 'watch']],
      [[''], ['persistentvolumeclaims/status'], ['update']],
      [[''], ['pods'], ['create', 'delete', 'get', 'list', 'watch']],
      [['storage.k8s.io'], ['storageclasses'], READ],
      [[''], ['nodes'], ['list', 'watch']],
      EVENTS,
      [[''], ['events'], ['watch']],
    ],
  },
  {
    name: 'pod-garbage-collector',
    rules: [
      [[''], ['pods'], ['delete', 'list', 'watch']],
      [[''], ['nodes'], READ],
      [[''], ['pods/status'], ['patch']],
    ],
  },
  { name: 'pv-protection-controller', rules: [[[''], ['persistentvolumes'], ['get', 'list', 'update', 'watch']], EVENTS] },
  {
    name: 'pvc-protection-controller',
    rules: [
      [[''], ['persistentvolumeclaims'], ['get', 'list', 'update', 'watch']],
      [[''], ['persistentvolumeclaims/status'], ['update']],
      [[''], ['pods'], READ],
      EVENTS,
    ],
  },
  {
    name: 'replicaset-controller',
    rules: [
      [['apps', 'extensions'], ['replicasets'], ['get', 'list', 'update', 'watch']],
      [['apps', 'extensions'], ['replicasets/status'], ['update']],
      [['apps', 'extensions'], ['replicasets/finalizers'], ['update']],
      [[''], ['pods'], ['create', 'delete', 'list', 'patch', 'watch']],
      EVENTS,
    ],
  },
  {
    name: 'replication-controller',
    rules: [
      [[''], ['replicationcontrollers'], ['get', 'list', 'update', 'watch']],
      [[''], ['replicationcontrollers/status'], ['update']],
      [[''], ['replicationcontrollers/finalizers'], ['update']],
      [[''], ['pods'], ['create', 'delete', 'list', 'patch', 'watch']],
      EVENTS,
    ],
  },
  { name: 'resourcequota-controller', rules: [[['*'], ['*'], ['list', 'watch']], [[''], ['resourcequotas/status'], ['update']], EVENTS] },
  { name: 'root-ca-cert-publisher', rules: [[[''], ['configmaps'], ['create', 'update']], EVENTS] },
  { name: 'route-controller', rules: [[[''], ['nodes'], ['list', 'watch']], [[''], ['nodes/status'], ['patch']], EVENTS] },
  { name: 'service-account-controller', rules: [[[''], ['serviceaccounts'], ['create']], EVENTS] },
  {
    name: 'service-controller',
    rules: [
      [[''], ['services'], READ],
      [[''], ['services/status'], ['patch', 'update']],
      [[''], ['nodes'], ['list', 'watch']],
      EVENTS,
    ],
  },
  {
    name: 'statefulset-controller',
    rules: [
      [[''], ['pods'], ['list', 'watch']],
      [['apps'], ['statefulsets'], READ],
      [['apps'], ['statefulsets/status'], ['update']],
      [['apps'], ['statefulsets/finalizers'], ['update']],
      [[''], ['pods'], ['create', 'delete', 'get', 'patch', 'update']],
      [['apps'], ['controllerrevisions'], ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']],
      [[''], ['persistentvolumeclaims'], ['create', 'get', 'list', 'watch']],
      [[''], ['persistentvolumeclaims'], ['delete', 'update']],
      [[''], ['pods/finalizers'], ['update']],
      EVENTS,
    ],
  },
  { name: 'ttl-after-finished-controller', rules: [[['batch'], ['jobs'], ['delete', 'get', 'list', 'watch']], EVENTS] },
  { name: 'ttl-controller', rules: [[[''], ['nodes'], ['list', 'patch', 'update', 'watch']], EVENTS] },
  {
    name: 'validatingadmissionpolicy-status-controller',
    rules: [
      [['admissionregistration.k8s.io'], ['validatingadmissionpolicies'], READ],
      [['admissionregistration.k8s.io'], ['validatingadmissionpolicies/status'], ['get', 'patch', 'update']],
      EVENTS,
    ],
  },
];

/** ClusterRoles kubeadm and kind add on top of the API server's own. */
export const distributionRoles: RoleData[] = [
  { name: 'kubeadm:get-nodes', rules: [[[''], ['nodes'], ['get']]] },
  {
    name: 'system:coredns',
    rules: [
      [[''], ['endpoints', 'services', 'pods', 'namespaces'], ['list', 'watch']],
      [['discovery.k8s.io'], ['endpointslices'], ['list', 'watch']],
    ],
  },
  {
    name: 'kindnet',
    rules: [
      [[''], ['nodes'], ['list', 'watch', 'patch']],
      [[''], ['configmaps'], ['get']],
      [[''], ['namespaces', 'pods'], ['list', 'watch']],
      [['networking.k8s.io'], ['networkpolicies'], ['list', 'watch']],
    ],
  },
  {
    name: 'local-path-provisioner-role',
    rules: [
      [[''], ['nodes', 'persistentvolumeclaims', 'configmaps', 'pods', 'pods/log'], ['get', 'list', 'watch']],
      [[''], ['persistentvolumes'], ['get', 'list', 'watch', 'create', 'patch', 'update', 'delete']],
      [[''], ['events'], ['create', 'patch']],
      [['storage.k8s.io'], ['storageclasses'], ['get', 'list', 'watch']],
    ],
  },
];
