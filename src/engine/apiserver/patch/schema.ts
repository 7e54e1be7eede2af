import { builtinResources } from '../registry';
import { type FieldSpec, type PatchSchema, schemaFromTable, type TypeTable } from './meta';

/**
 * Strategic-merge metadata of the built-in API types (Kubernetes v1.32), transcribed from the
 * `patchStrategy` / `patchMergeKey` tags of the Go types. Only tagged fields and the fields
 * leading to them appear; see meta.ts for why that is enough.
 *
 * Lists that look mergeable but carry no tag are replaced whole, and learners do meet that:
 * `spec.tolerations`, `spec.taints` of a Node, `subsets` of Endpoints, `rules` of a Role,
 * `imagePullSecrets` of a ServiceAccount (only the PodSpec's is merged by name).
 */

/** A list of maps merged element by element, matched by `mergeKey`. */
const mergeBy = (mergeKey: string, type?: string): FieldSpec => ({ strategy: 'merge', mergeKey, type });
/** A list of scalars merged as a set (`finalizers`). */
const mergeScalars: FieldSpec = { strategy: 'merge' };
const of = (type: string): FieldSpec => ({ type });
/** Conditions are merged by `type` wherever they carry tags. */
const conditions = mergeBy('type');
const withConditions = { conditions };

const types = {
  ObjectMeta: {
    ownerReferences: mergeBy('uid'),
    finalizers: mergeScalars,
  },
  Object: { metadata: of('ObjectMeta') },

  // core/v1: pods and their templates
  Pod: { metadata: of('ObjectMeta'), spec: of('PodSpec'), status: of('PodStatus') },
  PodTemplateSpec: { metadata: of('ObjectMeta'), spec: of('PodSpec') },
  PodTemplate: { metadata: of('ObjectMeta'), template: of('PodTemplateSpec') },
  PodSpec: {
    volumes: { strategy: 'merge', retainKeys: true, mergeKey: 'name', type: 'Volume' },
    initContainers: mergeBy('name', 'Container'),
    containers: mergeBy('name', 'Container'),
    ephemeralContainers: mergeBy('name', 'Container'),
    imagePullSecrets: mergeBy('name'),
    hostAliases: mergeBy('ip'),
    topologySpreadConstraints: mergeBy('topologyKey'),
    schedulingGates: mergeBy('name'),
    resourceClaims: { strategy: 'merge', retainKeys: true, mergeKey: 'name' },
  },
  // A generic ephemeral volume embeds a claim template with its own metadata.
  Volume: { ephemeral: of('EphemeralVolumeSource') },
  EphemeralVolumeSource: { volumeClaimTemplate: of('PersistentVolumeClaimTemplate') },
  PersistentVolumeClaimTemplate: { metadata: of('ObjectMeta') },
  // EphemeralContainer shares these tags with Container, so both use this entry.
  Container: {
    ports: mergeBy('containerPort'),
    env: mergeBy('name'),
    volumeMounts: mergeBy('mountPath'),
    volumeDevices: mergeBy('devicePath'),
  },
  // containerStatuses carry no tag, so they are replaced whole and their element tags never apply.
  PodStatus: {
    conditions,
    hostIPs: mergeBy('ip'),
    podIPs: mergeBy('ip'),
    resourceClaimStatuses: { strategy: 'merge', retainKeys: true, mergeKey: 'name' },
  },

  // Workloads: everything that embeds a pod template.
  ReplicationController: { metadata: of('ObjectMeta'), spec: of('TemplateSpec'), status: of('ConditionsStatus') },
  ReplicaSet: { metadata: of('ObjectMeta'), spec: of('TemplateSpec'), status: of('ConditionsStatus') },
  StatefulSet: { metadata: of('ObjectMeta'), spec: of('TemplateSpec'), status: of('ConditionsStatus') },
  DaemonSet: { metadata: of('ObjectMeta'), spec: of('TemplateSpec'), status: of('ConditionsStatus') },
  Deployment: { metadata: of('ObjectMeta'), spec: of('DeploymentSpec'), status: of('ConditionsStatus') },
  DeploymentSpec: {
    template: of('PodTemplateSpec'),
    // Switching Recreate <-> RollingUpdate must drop rollingUpdate: hence retainKeys.
    strategy: { retainKeys: true },
  },
  TemplateSpec: { template: of('PodTemplateSpec') },
  ConditionsStatus: withConditions,
  Job: { metadata: of('ObjectMeta'), spec: of('TemplateSpec'), status: of('ConditionsStatus') },
  CronJob: { metadata: of('ObjectMeta'), spec: of('CronJobSpec') },
  CronJobSpec: { jobTemplate: of('JobTemplateSpec') },
  JobTemplateSpec: { metadata: of('ObjectMeta'), spec: of('TemplateSpec') },

  // core/v1: the rest
  Service: { metadata: of('ObjectMeta'), spec: of('ServiceSpec'), status: of('ConditionsStatus') },
  // Keyed by port alone: two ports with the same number and different protocols collide.
  ServiceSpec: { ports: mergeBy('port') },
  Node: { metadata: of('ObjectMeta'), spec: of('NodeSpec'), status: of('NodeStatus') },
  NodeSpec: { podCIDRs: mergeScalars },
  NodeStatus: { conditions, addresses: mergeBy('type') },
  Namespace: { metadata: of('ObjectMeta'), status: of('ConditionsStatus') },
  PersistentVolumeClaim: { metadata: of('ObjectMeta'), status: of('ConditionsStatus') },
  ServiceAccount: { metadata: of('ObjectMeta'), secrets: mergeBy('name') },
  ComponentStatus: { metadata: of('ObjectMeta'), conditions },

  // Other groups
  PodDisruptionBudget: { metadata: of('ObjectMeta'), spec: of('PodDisruptionBudgetSpec'), status: of('ConditionsStatus') },
  PodDisruptionBudgetSpec: { selector: { strategy: 'replace' } },
  HorizontalPodAutoscaler: { metadata: of('ObjectMeta'), status: of('ConditionsStatus') },
  FlowControlObject: { metadata: of('ObjectMeta'), status: of('ConditionsStatus') },
  CSINode: { metadata: of('ObjectMeta'), spec: of('CSINodeSpec') },
  CSINodeSpec: { drivers: mergeBy('name') },
  ValidatingWebhookConfiguration: { metadata: of('ObjectMeta'), webhooks: mergeBy('name', 'Webhook') },
  MutatingWebhookConfiguration: { metadata: of('ObjectMeta'), webhooks: mergeBy('name', 'Webhook') },
  Webhook: { matchConditions: mergeBy('name') },
  ValidatingAdmissionPolicy: { metadata: of('ObjectMeta'), spec: of('ValidatingAdmissionPolicySpec') },
  ValidatingAdmissionPolicySpec: { matchConditions: mergeBy('name'), variables: mergeBy('name') },
} satisfies TypeTable;

type TypeName = keyof typeof types;

/** Root types by `apiVersion/kind`; other built-in kinds only have tagged metadata. */
const roots: Readonly<Record<string, TypeName>> = {
  'v1/Pod': 'Pod',
  'v1/PodTemplate': 'PodTemplate',
  'v1/ReplicationController': 'ReplicationController',
  'v1/Service': 'Service',
  'v1/Node': 'Node',
  'v1/Namespace': 'Namespace',
  'v1/PersistentVolumeClaim': 'PersistentVolumeClaim',
  'v1/ServiceAccount': 'ServiceAccount',
  'v1/ComponentStatus': 'ComponentStatus',
  'apps/v1/Deployment': 'Deployment',
  'apps/v1/ReplicaSet': 'ReplicaSet',
  'apps/v1/StatefulSet': 'StatefulSet',
  'apps/v1/DaemonSet': 'DaemonSet',
  'batch/v1/Job': 'Job',
  'batch/v1/CronJob': 'CronJob',
  'policy/v1/PodDisruptionBudget': 'PodDisruptionBudget',
  // autoscaling/v1's HorizontalPodAutoscaler has no conditions list; only v2 tags it.
  'autoscaling/v2/HorizontalPodAutoscaler': 'HorizontalPodAutoscaler',
  'flowcontrol.apiserver.k8s.io/v1/FlowSchema': 'FlowControlObject',
  'flowcontrol.apiserver.k8s.io/v1/PriorityLevelConfiguration': 'FlowControlObject',
  'storage.k8s.io/v1/CSINode': 'CSINode',
  'admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration': 'ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/v1/MutatingWebhookConfiguration': 'MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy': 'ValidatingAdmissionPolicy',
};

/** Built-in kinds that are not resources of their own but are patched or posted as bodies. */
const extraBuiltins = new Set([
  'autoscaling/v1/Scale',
  'autoscaling/v1/HorizontalPodAutoscaler',
  'policy/v1/Eviction',
  'v1/Binding',
]);

const builtins = new Set([
  ...builtinResources.map((r) => `${r.group ? `${r.group}/` : ''}${r.version}/${r.kind}`),
  ...extraBuiltins,
  ...Object.keys(roots),
]);

const cache = new Map<string, PatchSchema>();

/**
 * The strategic-merge schema of a kind, or undefined when the kind has none: a custom
 * resource, for which the server refuses strategic merge patches (415) and kubectl apply
 * falls back to a JSON merge patch.
 */
export function schemaFor(apiVersion: string, kind: string): PatchSchema | undefined {
  const gvk = `${apiVersion}/${kind}`;
  if (!builtins.has(gvk)) return undefined;
  let schema = cache.get(gvk);
  if (!schema) {
    schema = schemaFromTable(types, roots[gvk] ?? 'Object');
    cache.set(gvk, schema);
  }
  return schema;
}

/** The built-in type table, for tests and tools that walk it. */
export const builtinPatchTypes: TypeTable = types;
