import type {
  Container,
  EphemeralContainer,
  HTTPGetAction,
  LifecycleHandler,
  PersistentVolumeClaimSpec,
  PodSpec,
  PodTemplateSpec,
  Probe,
  Volume,
} from 'kubernetes-types/core/v1';
import { badRequest } from '../../api/status';
import { parseQuantity, QuantityParseError } from '../../api/quantity';
import type { KObject } from '../../api/types';
import { imageTag } from './formats';

/**
 * PodSpec defaulting as the generated SetObjectDefaults_* functions apply it (SetDefaults_PodSpec,
 * _Container, _Probe, _HTTPGetAction, _Volume …). A Pod additionally gets SetDefaults_Pod
 * (requests from limits, enableServiceLinks, host ports on the host network); a pod template
 * embedded in a workload does not.
 */

type ResourceList = Record<string, string>;

/** Volume file modes: 0644. */
const DEFAULT_MODE = 420;

/**
 * SetDefaults_ResourceList: every value rounded up to milli precision. Values are also
 * written back in canonical form, as the API server serializes quantities (`0.5` → `500m`).
 * An unparseable value throws the decoder's error.
 */
export function defaultResourceList(list: ResourceList | undefined): void {
  if (!list) return;
  for (const [k, v] of Object.entries(list)) {
    list[k] = parseQuantity(v as string | number)
      .roundUp(-3)
      .toString();
  }
}

/** A single quantity field (sizeLimit, storage): canonical form, no rounding. */
export function canonicalQuantity(v: string | number | undefined): string | undefined {
  return v === undefined ? undefined : parseQuantity(v).toString();
}

function defaultHTTPGet(h: HTTPGetAction | undefined): void {
  if (!h) return;
  h.path ||= '/';
  h.scheme ||= 'HTTP';
}

function defaultHandler(h: LifecycleHandler | undefined): void {
  defaultHTTPGet(h?.httpGet);
}

export function defaultProbe(p: Probe | undefined): void {
  if (!p) return;
  p.timeoutSeconds ||= 1;
  p.periodSeconds ||= 10;
  p.successThreshold ||= 1;
  p.failureThreshold ||= 3;
  defaultHTTPGet(p.httpGet);
  if (p.grpc && p.grpc.service === undefined) p.grpc.service = '';
}

/** SetDefaults_Container plus the defaults of everything inside a container. */
export function defaultContainer(c: Container | EphemeralContainer): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = imageTag(c.image ?? '') === 'latest' ? 'Always' : 'IfNotPresent';
  c.terminationMessagePath ||= '/dev/termination-log';
  c.terminationMessagePolicy ||= 'File';
  for (const p of c.ports ?? []) p.protocol ||= 'TCP';
  for (const e of c.env ?? []) {
    const ref = e.valueFrom?.fieldRef;
    if (ref) ref.apiVersion ||= 'v1';
  }
  // ResourceRequirements is a struct: the API always prints it, if only as `resources: {}`.
  c.resources ??= {};
  defaultResourceList(c.resources.limits as ResourceList | undefined);
  defaultResourceList(c.resources.requests as ResourceList | undefined);
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  defaultHandler(c.lifecycle?.postStart);
  defaultHandler(c.lifecycle?.preStop);
}

export function defaultPVCSpec(spec: PersistentVolumeClaimSpec | undefined): void {
  if (!spec) return;
  spec.volumeMode ||= 'Filesystem';
  defaultResourceList(spec.resources?.requests as ResourceList | undefined);
  defaultResourceList(spec.resources?.limits as ResourceList | undefined);
}

/** SetDefaults_Volume and the defaults of each volume source. */
export function defaultVolume(v: Volume): void {
  const sources = Object.keys(v).filter((k) => k !== 'name');
  if (sources.length === 0) v.emptyDir = {};
  if (v.emptyDir?.sizeLimit !== undefined) v.emptyDir.sizeLimit = canonicalQuantity(v.emptyDir.sizeLimit);
  if (v.hostPath && v.hostPath.type === undefined) v.hostPath.type = '';
  if (v.secret) v.secret.defaultMode ??= DEFAULT_MODE;
  if (v.configMap) v.configMap.defaultMode ??= DEFAULT_MODE;
  if (v.downwardAPI) {
    v.downwardAPI.defaultMode ??= DEFAULT_MODE;
    for (const item of v.downwardAPI.items ?? []) if (item.fieldRef) item.fieldRef.apiVersion ||= 'v1';
  }
  if (v.projected) {
    v.projected.defaultMode ??= DEFAULT_MODE;
    for (const s of v.projected.sources ?? []) {
      if (s.serviceAccountToken) s.serviceAccountToken.expirationSeconds ??= 3600;
      for (const item of s.downwardAPI?.items ?? []) if (item.fieldRef) item.fieldRef.apiVersion ||= 'v1';
    }
  }
  if (v.iscsi) v.iscsi.iscsiInterface ||= 'default';
  if (v.ephemeral?.volumeClaimTemplate) defaultPVCSpec(v.ephemeral.volumeClaimTemplate.spec);
}

/**
 * SetDefaults_PodSpec and the defaults of its volumes and containers: what every PodSpec gets,
 * in a Pod or in a template.
 */
export function defaultPodSpec(spec: PodSpec): void {
  spec.dnsPolicy ||= 'ClusterFirst';
  spec.restartPolicy ||= 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ||= 'default-scheduler';
  for (const v of spec.volumes ?? []) defaultVolume(v);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.ephemeralContainers ?? []) defaultContainer(c);
  defaultResourceList(spec.overhead as ResourceList | undefined);
}

/**
 * SetDefaults_Pod: requests default to limits (for Pods only, not templates), service links
 * are enabled, and on the host network each container port is also a host port.
 */
export function defaultPodOnly(spec: PodSpec): void {
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const limits = c.resources?.limits;
    if (!limits) continue;
    const resources = c.resources ?? {};
    const requests = resources.requests ?? {};
    for (const [k, v] of Object.entries(limits)) if (!(k in requests)) requests[k] = v;
    resources.requests = requests;
    c.resources = resources;
  }
  spec.enableServiceLinks ??= true;
  if (spec.hostNetwork) {
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      for (const p of c.ports ?? []) p.hostPort ||= p.containerPort;
    }
  }
}

/**
 * A pod template's defaults. Templates print `metadata.creationTimestamp: null`, as
 * ObjectMeta's zero Time serializes in v1.32.
 */
export function defaultPodTemplateSpec(t: PodTemplateSpec | undefined): void {
  if (!t) return;
  t.metadata ??= {};
  if (t.metadata.creationTimestamp === undefined) (t.metadata as { creationTimestamp: unknown }).creationTimestamp = null;
  t.spec ??= {} as PodSpec;
  defaultPodSpec(t.spec);
}

/**
 * Runs defaulting the way decoding does: a value the decoder cannot read (a malformed
 * quantity) is a BadRequest naming the kind, as the real server answers.
 */
export function asDecodeError(obj: KObject, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (e instanceof QuantityParseError) {
      const version = (obj.apiVersion ?? 'v1').split('/').pop();
      throw badRequest(`${obj.kind} in version "${version}" cannot be handled as a ${obj.kind}: ${e.message}`);
    }
    throw e;
  }
}
