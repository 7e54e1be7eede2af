/**
 * The API's discovery data: every resource the sandbox serves, as `kubectl api-resources`
 * lists it on a kind cluster running Kubernetes v1.32.
 */
export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  /** The resource name in URLs: `pods`, `deployments`. */
  plural: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  verbs: string[];
  categories: string[];
  /** Subresources served besides the main resource. */
  subresources: string[];
  /**
   * Older versions the server also serves for this resource (`autoscaling/v1` for HPAs); objects
   * are stored in `version` and converted on the way in and out (see ./conversion).
   */
  alsoServed?: string[];
}

const CRUD = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

type Row = [
  group: string,
  version: string,
  kind: string,
  plural: string,
  shortNames: string,
  namespaced: boolean,
  extra?: { verbs?: string[]; categories?: string[]; subresources?: string[]; alsoServed?: string[] },
];

const ALL = ['all'];

const rows: Row[] = [
  ['', 'v1', 'Binding', 'bindings', '', true, { verbs: ['create'] }],
  ['', 'v1', 'ComponentStatus', 'componentstatuses', 'cs', false, { verbs: ['get', 'list'] }],
  ['', 'v1', 'ConfigMap', 'configmaps', 'cm', true],
  ['', 'v1', 'Endpoints', 'endpoints', 'ep', true],
  ['', 'v1', 'Event', 'events', 'ev', true],
  ['', 'v1', 'LimitRange', 'limitranges', 'limits', true],
  ['', 'v1', 'Namespace', 'namespaces', 'ns', false, { verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], subresources: ['status', 'finalize'] }],
  ['', 'v1', 'Node', 'nodes', 'no', false, { subresources: ['status'] }],
  ['', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', 'pvc', true, { subresources: ['status'] }],
  ['', 'v1', 'PersistentVolume', 'persistentvolumes', 'pv', false, { subresources: ['status'] }],
  ['', 'v1', 'Pod', 'pods', 'po', true, { categories: ALL, subresources: ['status', 'binding', 'eviction', 'log', 'exec', 'ephemeralcontainers'] }],
  ['', 'v1', 'PodTemplate', 'podtemplates', '', true],
  ['', 'v1', 'ReplicationController', 'replicationcontrollers', 'rc', true, { categories: ALL, subresources: ['status', 'scale'] }],
  ['', 'v1', 'ResourceQuota', 'resourcequotas', 'quota', true, { subresources: ['status'] }],
  ['', 'v1', 'Secret', 'secrets', '', true],
  ['', 'v1', 'ServiceAccount', 'serviceaccounts', 'sa', true, { subresources: ['token'] }],
  ['', 'v1', 'Service', 'services', 'svc', true, { categories: ALL, subresources: ['status'] }],
  ['admissionregistration.k8s.io', 'v1', 'MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', '', false, { categories: ['api-extensions'] }],
  ['admissionregistration.k8s.io', 'v1', 'ValidatingAdmissionPolicy', 'validatingadmissionpolicies', '', false, { categories: ['api-extensions'], subresources: ['status'] }],
  ['admissionregistration.k8s.io', 'v1', 'ValidatingAdmissionPolicyBinding', 'validatingadmissionpolicybindings', '', false, { categories: ['api-extensions'] }],
  ['admissionregistration.k8s.io', 'v1', 'ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', '', false, { categories: ['api-extensions'] }],
  ['apiextensions.k8s.io', 'v1', 'CustomResourceDefinition', 'customresourcedefinitions', 'crd,crds', false, { categories: ['api-extensions'], subresources: ['status'] }],
  ['apiregistration.k8s.io', 'v1', 'APIService', 'apiservices', '', false, { categories: ['api-extensions'], subresources: ['status'] }],
  ['apps', 'v1', 'ControllerRevision', 'controllerrevisions', '', true],
  ['apps', 'v1', 'DaemonSet', 'daemonsets', 'ds', true, { categories: ALL, subresources: ['status'] }],
  ['apps', 'v1', 'Deployment', 'deployments', 'deploy', true, { categories: ALL, subresources: ['status', 'scale'] }],
  ['apps', 'v1', 'ReplicaSet', 'replicasets', 'rs', true, { categories: ALL, subresources: ['status', 'scale'] }],
  ['apps', 'v1', 'StatefulSet', 'statefulsets', 'sts', true, { categories: ALL, subresources: ['status', 'scale'] }],
  ['authentication.k8s.io', 'v1', 'SelfSubjectReview', 'selfsubjectreviews', '', false, { verbs: ['create'] }],
  ['authentication.k8s.io', 'v1', 'TokenReview', 'tokenreviews', '', false, { verbs: ['create'] }],
  ['authorization.k8s.io', 'v1', 'LocalSubjectAccessReview', 'localsubjectaccessreviews', '', true, { verbs: ['create'] }],
  ['authorization.k8s.io', 'v1', 'SelfSubjectAccessReview', 'selfsubjectaccessreviews', '', false, { verbs: ['create'] }],
  ['authorization.k8s.io', 'v1', 'SelfSubjectRulesReview', 'selfsubjectrulesreviews', '', false, { verbs: ['create'] }],
  ['authorization.k8s.io', 'v1', 'SubjectAccessReview', 'subjectaccessreviews', '', false, { verbs: ['create'] }],
  ['autoscaling', 'v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', 'hpa', true, { categories: ALL, subresources: ['status'], alsoServed: ['v1'] }],
  ['batch', 'v1', 'CronJob', 'cronjobs', 'cj', true, { categories: ALL, subresources: ['status'] }],
  ['batch', 'v1', 'Job', 'jobs', '', true, { categories: ALL, subresources: ['status'] }],
  ['certificates.k8s.io', 'v1', 'CertificateSigningRequest', 'certificatesigningrequests', 'csr', false, { subresources: ['status', 'approval'] }],
  ['coordination.k8s.io', 'v1', 'Lease', 'leases', '', true],
  ['discovery.k8s.io', 'v1', 'EndpointSlice', 'endpointslices', '', true],
  ['events.k8s.io', 'v1', 'Event', 'events', 'ev', true],
  ['flowcontrol.apiserver.k8s.io', 'v1', 'FlowSchema', 'flowschemas', '', false, { subresources: ['status'] }],
  ['flowcontrol.apiserver.k8s.io', 'v1', 'PriorityLevelConfiguration', 'prioritylevelconfigurations', '', false, { subresources: ['status'] }],
  ['networking.k8s.io', 'v1', 'IngressClass', 'ingressclasses', '', false],
  ['networking.k8s.io', 'v1', 'Ingress', 'ingresses', 'ing', true, { subresources: ['status'] }],
  ['networking.k8s.io', 'v1', 'NetworkPolicy', 'networkpolicies', 'netpol', true],
  ['node.k8s.io', 'v1', 'RuntimeClass', 'runtimeclasses', '', false],
  ['policy', 'v1', 'PodDisruptionBudget', 'poddisruptionbudgets', 'pdb', true, { subresources: ['status'] }],
  ['rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', 'clusterrolebindings', '', false],
  ['rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles', '', false],
  ['rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings', '', true],
  ['rbac.authorization.k8s.io', 'v1', 'Role', 'roles', '', true],
  ['scheduling.k8s.io', 'v1', 'PriorityClass', 'priorityclasses', 'pc', false],
  ['storage.k8s.io', 'v1', 'CSIDriver', 'csidrivers', '', false],
  ['storage.k8s.io', 'v1', 'CSINode', 'csinodes', '', false],
  ['storage.k8s.io', 'v1', 'CSIStorageCapacity', 'csistoragecapacities', '', true],
  ['storage.k8s.io', 'v1', 'StorageClass', 'storageclasses', 'sc', false],
  ['storage.k8s.io', 'v1', 'VolumeAttachment', 'volumeattachments', '', false, { subresources: ['status'] }],
];

export function apiVersionOf(t: Pick<ResourceType, 'group' | 'version'>): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

/** `pods`, `deployments.apps`: how the server names a resource in messages. */
export function qualifiedName(t: Pick<ResourceType, 'group' | 'plural'>): string {
  return t.group ? `${t.plural}.${t.group}` : t.plural;
}

/** The key a resource is stored under: `pods`, `apps/deployments`. */
export function resourceKey(t: Pick<ResourceType, 'group' | 'plural'>): string {
  return t.group ? `${t.group}/${t.plural}` : t.plural;
}

export const builtinResources: readonly ResourceType[] = rows.map(
  ([group, version, kind, plural, shortNames, namespaced, extra]) => ({
    group,
    version,
    kind,
    plural,
    singular: kind.toLowerCase(),
    shortNames: shortNames ? shortNames.split(',') : [],
    namespaced,
    verbs: extra?.verbs ?? CRUD,
    categories: extra?.categories ?? [],
    subresources: extra?.subresources ?? [],
    ...(extra?.alsoServed ? { alsoServed: extra.alsoServed } : {}),
  }),
);

/**
 * The set of resources the server serves. Starts with the built-ins; custom resources join it
 * when their CustomResourceDefinition is established.
 */
export class ResourceRegistry {
  private readonly byKey = new Map<string, ResourceType>();
  private readonly byGVK = new Map<string, ResourceType>();

  constructor(types: readonly ResourceType[] = builtinResources) {
    for (const t of types) this.add(t);
  }

  add(t: ResourceType): void {
    this.byKey.set(resourceKey(t), t);
    for (const v of servedVersions(t)) this.byGVK.set(`${apiVersionOf({ group: t.group, version: v })}/${t.kind}`, t);
  }

  remove(t: ResourceType): void {
    this.byKey.delete(resourceKey(t));
    for (const v of servedVersions(t)) this.byGVK.delete(`${apiVersionOf({ group: t.group, version: v })}/${t.kind}`);
  }

  all(): ResourceType[] {
    return [...this.byKey.values()];
  }

  /** By group and plural: `('', 'pods')`, `('apps', 'deployments')`. */
  get(group: string, plural: string): ResourceType | undefined {
    return this.byKey.get(group ? `${group}/${plural}` : plural);
  }

  /** By the `apiVersion` and `kind` an object carries. */
  forObject(apiVersion: string | undefined, kind: string | undefined): ResourceType | undefined {
    if (!apiVersion || !kind) return undefined;
    return this.byGVK.get(`${apiVersion}/${kind}`);
  }

  /**
   * What kubectl's RESTMapper does with a word a user typed: plural, singular, short name or kind,
   * optionally qualified by group (`deployments.apps`, `deploy.apps`) or version
   * (`deployments.v1.apps`). Core and well-known groups win ties, as kubectl's priority does.
   */
  resolve(word: string): ResourceType | undefined {
    const lower = word.toLowerCase();
    const [name, ...rest] = lower.split('.');
    let group: string | undefined;
    let version: string | undefined;
    if (rest.length) {
      if (/^v\d+((alpha|beta)\d+)?$/.test(rest[0])) {
        version = rest[0];
        group = rest.slice(1).join('.');
      } else {
        group = rest.join('.');
      }
    }
    const matches = (t: ResourceType) =>
      (group === undefined || t.group === group) && (version === undefined || servedVersions(t).includes(version));
    const candidates = this.all().filter(matches);
    const tiers: ((t: ResourceType) => boolean)[] = [
      (t) => t.plural === name,
      (t) => t.singular === name,
      (t) => t.shortNames.includes(name),
      (t) => t.kind.toLowerCase() === name,
    ];
    for (const tier of tiers) {
      const found = candidates.filter(tier);
      if (found.length) return found.sort(byPriority)[0];
    }
    return undefined;
  }
}

/** Every version a resource is served in, the preferred (storage) one first. */
export function servedVersions(t: Pick<ResourceType, 'version' | 'alsoServed'>): string[] {
  return [t.version, ...(t.alsoServed ?? [])];
}

/** kubectl prefers the core group, then the others in a fixed order (events: core before events.k8s.io). */
function byPriority(a: ResourceType, b: ResourceType): number {
  const rank = (t: ResourceType) => (t.group === '' ? 0 : t.group === 'events.k8s.io' ? 2 : 1);
  return rank(a) - rank(b);
}
