import type { StatefulSet } from 'kubernetes-types/apps/v1';
import type { PersistentVolumeClaim, Pod, Volume } from 'kubernetes-types/core/v1';
import { clone } from '../../api/types';
import { REVISION_HASH_LABEL } from '../controllerutil/history';
import { controllerRef } from '../controllerutil/ownerref';
import { podFromTemplate } from '../controllerutil/podcontrol';
import { isPodAvailable, isPodReady } from '../controllerutil/podutil';

export const STATEFULSET_KIND = { apiVersion: 'apps/v1', kind: 'StatefulSet' };
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

const ORDINAL = /^(.*)-([0-9]+)$/;

/** getParentNameAndOrdinal: `web-2` → [`web`, 2]; [``, -1] for a name without an ordinal. */
export function parentAndOrdinal(pod: Pod): [string, number] {
  const m = ORDINAL.exec(pod.metadata?.name ?? '');
  if (!m) return ['', -1];
  const n = Number(m[2]);
  return Number.isSafeInteger(n) && n <= 2147483647 ? [m[1], n] : ['', -1];
}

export const ordinalOf = (pod: Pod) => parentAndOrdinal(pod)[1];
export const startOrdinal = (set: StatefulSet) => set.spec?.ordinals?.start ?? 0;
export const replicasOf = (set: StatefulSet) => set.spec?.replicas ?? 1;
export const endOrdinal = (set: StatefulSet) => startOrdinal(set) + replicasOf(set) - 1;

export function inOrdinalRange(pod: Pod, set: StatefulSet): boolean {
  const o = ordinalOf(pod);
  return o >= startOrdinal(set) && o <= endOrdinal(set);
}

/** isMemberOf: the pod's name says it belongs to this set. */
export const isMemberOf = (set: StatefulSet, pod: Pod) => parentAndOrdinal(pod)[0] === set.metadata?.name;

export const podName = (set: StatefulSet, ordinal: number) => `${set.metadata?.name}-${ordinal}`;

/** `<claim template>-<set>-<ordinal>`, e.g. `www-web-0`. */
export const claimName = (set: StatefulSet, template: PersistentVolumeClaim, ordinal: number) =>
  `${template.metadata?.name}-${set.metadata?.name}-${ordinal}`;

/** getPersistentVolumeClaims: the claims a pod of this ordinal uses, by template name. */
export function podClaims(set: StatefulSet, ordinal: number): Map<string, PersistentVolumeClaim> {
  const out = new Map<string, PersistentVolumeClaim>();
  const selectorLabels = set.spec?.selector?.matchLabels ?? {};
  for (const t of set.spec?.volumeClaimTemplates ?? []) {
    const claim = clone(t);
    const meta = { ...(claim.metadata ?? {}) };
    meta.name = claimName(set, t, ordinal);
    meta.namespace = set.metadata?.namespace;
    meta.labels = { ...(meta.labels ?? {}), ...selectorLabels };
    claim.metadata = meta;
    delete (claim as { status?: unknown }).status;
    out.set(t.metadata?.name ?? '', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', ...claim });
  }
  return out;
}

/** updateIdentity: name, namespace and the pod-name / pod-index labels. */
export function updateIdentity(set: StatefulSet, pod: Pod): void {
  const ordinal = ordinalOf(pod);
  if (!pod.metadata) pod.metadata = {};
  const meta = pod.metadata;
  meta.name = podName(set, ordinal);
  meta.namespace = set.metadata?.namespace;
  meta.labels = { ...(meta.labels ?? {}), [POD_NAME_LABEL]: meta.name, [POD_INDEX_LABEL]: String(ordinal) };
}

/** updateStorage: a volume per claim template pointing at the pod's claim, other volumes kept. */
export function updateStorage(set: StatefulSet, pod: Pod): void {
  const claims = podClaims(set, ordinalOf(pod));
  const spec = pod.spec ?? { containers: [] };
  const volumes: Volume[] = [];
  for (const [name, claim] of claims) {
    volumes.push({ name, persistentVolumeClaim: { claimName: claim.metadata?.name ?? '' } });
  }
  for (const v of spec.volumes ?? []) if (!claims.has(v.name)) volumes.push(v);
  spec.volumes = volumes;
  pod.spec = spec;
}

/** newStatefulSetPod: `<set>-<ordinal>`, hostname = name, subdomain = serviceName. */
export function newStatefulSetPod(set: StatefulSet, ordinal: number, revision: string): Pod {
  const pod = podFromTemplate(set.spec?.template, set, controllerRef(set, STATEFULSET_KIND));
  (pod.metadata as NonNullable<Pod['metadata']>).name = podName(set, ordinal);
  updateIdentity(set, pod);
  updateStorage(set, pod);
  const spec = pod.spec as NonNullable<Pod['spec']>;
  spec.hostname = pod.metadata?.name;
  if (set.spec?.serviceName) spec.subdomain = set.spec.serviceName;
  const meta = pod.metadata as NonNullable<Pod['metadata']>;
  meta.labels = { ...(meta.labels ?? {}), [REVISION_HASH_LABEL]: revision };
  return pod;
}

export function identityMatches(set: StatefulSet, pod: Pod): boolean {
  const [parent, ordinal] = parentAndOrdinal(pod);
  return (
    ordinal >= 0 &&
    parent === set.metadata?.name &&
    pod.metadata?.name === podName(set, ordinal) &&
    pod.metadata?.namespace === set.metadata?.namespace &&
    pod.metadata?.labels?.[POD_NAME_LABEL] === pod.metadata?.name
  );
}

export function storageMatches(set: StatefulSet, pod: Pod): boolean {
  const ordinal = ordinalOf(pod);
  if (ordinal < 0) return false;
  const volumes = new Map((pod.spec?.volumes ?? []).map((v) => [v.name, v]));
  for (const [name, claim] of podClaims(set, ordinal)) {
    const v = volumes.get(name);
    if (!v?.persistentVolumeClaim || v.persistentVolumeClaim.claimName !== claim.metadata?.name) return false;
  }
  return true;
}

export const podRevision = (pod: Pod) => pod.metadata?.labels?.[REVISION_HASH_LABEL] ?? '';
export const isCreated = (pod: Pod) => !!pod.status?.phase;
export const isPending = (pod: Pod) => pod.status?.phase === 'Pending';
export const isFailed = (pod: Pod) => pod.status?.phase === 'Failed';
export const isSucceeded = (pod: Pod) => pod.status?.phase === 'Succeeded';
export const isTerminating = (pod: Pod) => !!pod.metadata?.deletionTimestamp;
export const isRunningAndReady = (pod: Pod) => pod.status?.phase === 'Running' && isPodReady(pod);
export const isRunningAndAvailable = (pod: Pod, minReady: number, now: number) =>
  pod.status?.phase === 'Running' && isPodAvailable(pod, minReady, now);
export const isHealthy = (pod: Pod) => isRunningAndReady(pod) && !isTerminating(pod);
