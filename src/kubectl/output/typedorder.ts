/**
 * Objects kubectl builds itself (create/run/expose with --dry-run=client) are Go structs, and
 * `-o json` writes struct fields in declaration order rather than sorted. These tables give that
 * order for the types those generators produce; anything not listed keeps sorted keys.
 */
type Fields = [name: string, type?: string][];

const META: Fields = [
  ['name'],
  ['generateName'],
  ['namespace'],
  ['selfLink'],
  ['uid'],
  ['resourceVersion'],
  ['generation'],
  ['creationTimestamp'],
  ['deletionTimestamp'],
  ['deletionGracePeriodSeconds'],
  ['labels'],
  ['annotations'],
  ['ownerReferences', 'OwnerReference'],
  ['finalizers'],
];

const TYPES: Record<string, Fields> = {
  ObjectMeta: META,
  OwnerReference: [['apiVersion'], ['kind'], ['name'], ['uid'], ['controller'], ['blockOwnerDeletion']],
  LabelSelector: [['matchLabels'], ['matchExpressions', 'Requirement']],
  Requirement: [['key'], ['operator'], ['values']],
  Deployment: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['spec', 'DeploymentSpec'], ['status']],
  DeploymentSpec: [['replicas'], ['selector', 'LabelSelector'], ['template', 'PodTemplateSpec'], ['strategy', 'DeploymentStrategy'], ['minReadySeconds'], ['revisionHistoryLimit'], ['paused'], ['progressDeadlineSeconds']],
  DeploymentStrategy: [['type'], ['rollingUpdate']],
  PodTemplateSpec: [['metadata', 'ObjectMeta'], ['spec', 'PodSpec']],
  Pod: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['spec', 'PodSpec'], ['status']],
  PodSpec: [
    ['volumes'],
    ['initContainers', 'Container'],
    ['containers', 'Container'],
    ['ephemeralContainers'],
    ['restartPolicy'],
    ['terminationGracePeriodSeconds'],
    ['activeDeadlineSeconds'],
    ['dnsPolicy'],
    ['nodeSelector'],
    ['serviceAccountName'],
    ['serviceAccount'],
    ['automountServiceAccountToken'],
    ['nodeName'],
    ['hostNetwork'],
    ['hostPID'],
    ['hostIPC'],
    ['shareProcessNamespace'],
    ['securityContext'],
    ['imagePullSecrets'],
    ['hostname'],
    ['subdomain'],
    ['affinity'],
    ['schedulerName'],
    ['tolerations'],
    ['hostAliases'],
    ['priorityClassName'],
    ['priority'],
  ],
  Container: [
    ['name'],
    ['image'],
    ['command'],
    ['args'],
    ['workingDir'],
    ['ports', 'ContainerPort'],
    ['envFrom'],
    ['env', 'EnvVar'],
    ['resources', 'ResourceRequirements'],
    ['resizePolicy'],
    ['restartPolicy'],
    ['volumeMounts'],
    ['volumeDevices'],
    ['livenessProbe'],
    ['readinessProbe'],
    ['startupProbe'],
    ['lifecycle'],
    ['terminationMessagePath'],
    ['terminationMessagePolicy'],
    ['imagePullPolicy'],
    ['securityContext'],
    ['stdin'],
    ['stdinOnce'],
    ['tty'],
  ],
  ContainerPort: [['name'], ['hostPort'], ['containerPort'], ['protocol'], ['hostIP']],
  EnvVar: [['name'], ['value'], ['valueFrom']],
  ResourceRequirements: [['limits'], ['requests'], ['claims']],
  Job: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['spec', 'JobSpec'], ['status']],
  JobSpec: [['parallelism'], ['completions'], ['activeDeadlineSeconds'], ['backoffLimit'], ['selector', 'LabelSelector'], ['manualSelector'], ['template', 'PodTemplateSpec'], ['ttlSecondsAfterFinished'], ['completionMode'], ['suspend']],
  CronJob: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['spec', 'CronJobSpec'], ['status']],
  CronJobSpec: [['schedule'], ['timeZone'], ['startingDeadlineSeconds'], ['concurrencyPolicy'], ['suspend'], ['jobTemplate', 'JobTemplateSpec'], ['successfulJobsHistoryLimit'], ['failedJobsHistoryLimit']],
  JobTemplateSpec: [['metadata', 'ObjectMeta'], ['spec', 'JobSpec']],
  Service: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['spec', 'ServiceSpec'], ['status']],
  ServiceSpec: [['ports', 'ServicePort'], ['selector'], ['clusterIP'], ['clusterIPs'], ['type'], ['externalIPs'], ['sessionAffinity'], ['loadBalancerIP'], ['loadBalancerSourceRanges'], ['externalName']],
  ServicePort: [['name'], ['protocol'], ['appProtocol'], ['port'], ['targetPort'], ['nodePort']],
  ConfigMap: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['immutable'], ['data'], ['binaryData']],
  Secret: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['immutable'], ['data'], ['stringData'], ['type']],
  Namespace: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['spec'], ['status']],
  ServiceAccount: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['secrets'], ['imagePullSecrets'], ['automountServiceAccountToken']],
  PodDisruptionBudget: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['spec', 'PodDisruptionBudgetSpec'], ['status', 'PodDisruptionBudgetStatus']],
  PodDisruptionBudgetSpec: [['minAvailable'], ['selector', 'LabelSelector'], ['maxUnavailable'], ['unhealthyPodEvictionPolicy']],
  PodDisruptionBudgetStatus: [['observedGeneration'], ['disruptedPods'], ['disruptionsAllowed'], ['currentHealthy'], ['desiredHealthy'], ['expectedPods'], ['conditions']],
  ResourceQuota: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['spec', 'ResourceQuotaSpec'], ['status']],
  ResourceQuotaSpec: [['hard'], ['scopes'], ['scopeSelector']],
  PriorityClass: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['value'], ['globalDefault'], ['description'], ['preemptionPolicy']],
  Role: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['rules', 'PolicyRule']],
  ClusterRole: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['rules', 'PolicyRule'], ['aggregationRule']],
  PolicyRule: [['verbs'], ['apiGroups'], ['resources'], ['resourceNames'], ['nonResourceURLs']],
  RoleBinding: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['subjects', 'Subject'], ['roleRef', 'RoleRef']],
  ClusterRoleBinding: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['subjects', 'Subject'], ['roleRef', 'RoleRef']],
  Subject: [['kind'], ['apiGroup'], ['name'], ['namespace']],
  RoleRef: [['apiGroup'], ['kind'], ['name']],
  HorizontalPodAutoscaler: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['spec', 'HorizontalPodAutoscalerSpec'], ['status', 'HorizontalPodAutoscalerStatus']],
  HorizontalPodAutoscalerSpec: [['scaleTargetRef', 'CrossVersionObjectReference'], ['minReplicas'], ['maxReplicas'], ['targetCPUUtilizationPercentage']],
  HorizontalPodAutoscalerStatus: [['observedGeneration'], ['lastScaleTime'], ['currentReplicas'], ['desiredReplicas'], ['currentCPUUtilizationPercentage']],
  CrossVersionObjectReference: [['kind'], ['name'], ['apiVersion']],
  Ingress: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['spec', 'IngressSpec'], ['status']],
  IngressSpec: [['ingressClassName'], ['defaultBackend', 'IngressBackend'], ['tls', 'IngressTLS'], ['rules', 'IngressRule']],
  IngressBackend: [['service', 'IngressServiceBackend'], ['resource']],
  IngressServiceBackend: [['name'], ['port', 'ServiceBackendPort']],
  ServiceBackendPort: [['name'], ['number']],
  IngressTLS: [['hosts'], ['secretName']],
  IngressRule: [['host'], ['http', 'HTTPIngressRuleValue']],
  HTTPIngressRuleValue: [['paths', 'HTTPIngressPath']],
  HTTPIngressPath: [['path'], ['pathType'], ['backend', 'IngressBackend']],
  TokenRequest: [['kind'], ['apiVersion'], ['metadata', 'ObjectMeta'], ['spec', 'TokenRequestSpec'], ['status', 'TokenRequestStatus']],
  TokenRequestSpec: [['audiences'], ['expirationSeconds'], ['boundObjectRef', 'BoundObjectReference']],
  BoundObjectReference: [['kind'], ['apiVersion'], ['name'], ['uid']],
  TokenRequestStatus: [['token'], ['expirationTimestamp']],
};

function order(value: unknown, type: string | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => order(v, type));
  if (!value || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const fields = type ? TYPES[type] : undefined;
  if (!fields) {
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(obj).sort()) sorted[k] = order(obj[k], undefined);
    return sorted;
  }
  const out: Record<string, unknown> = {};
  for (const [name, child] of fields) if (obj[name] !== undefined) out[name] = order(obj[name], child);
  // Fields the table does not know go last, sorted, so nothing is lost.
  for (const k of Object.keys(obj).sort()) if (!(k in out) && obj[k] !== undefined) out[k] = order(obj[k], undefined);
  return out;
}

/** `-o json` of an object kubectl generated itself: Go struct field order, 4-space indent. */
export function typedJson(obj: { kind?: string }): string {
  const text = JSON.stringify(order(obj, obj.kind), null, 4);
  return `${text.replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}
