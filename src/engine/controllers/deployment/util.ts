import type { Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { getScaledValueFromIntOrPercent, resolveFenceposts } from '../../api/intstr';
import type { Stored } from '../../api/types';
import { semanticEqual } from '../controllerutil/status';

export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const ROLLBACK_TO = 'deprecated.deployment.rollback.to';
export const HASH_LABEL = 'pod-template-hash';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** How long revision-history may grow, in characters. */
export const MAX_REV_HISTORY_CHARS = 2000;
/** math.MaxInt32: a progressDeadlineSeconds / revisionHistoryLimit that means "none". */
const MAX_INT32 = 2147483647;

// Condition reasons (deploymentutil).
export const NEW_RS_AVAILABLE = 'NewReplicaSetAvailable';
export const TIMED_OUT = 'ProgressDeadlineExceeded';
export const PAUSED = 'DeploymentPaused';
export const RESUMED = 'DeploymentResumed';
export const FOUND_NEW_RS = 'FoundNewReplicaSet';
export const NEW_RS_CREATED = 'NewReplicaSetCreated';
export const RS_UPDATED = 'ReplicaSetUpdated';
export const FAILED_RS_CREATE = 'ReplicaSetCreateError';
export const MIN_AVAILABLE = 'MinimumReplicasAvailable';
export const MIN_UNAVAILABLE = 'MinimumReplicasUnavailable';

export type RS = Stored<ReplicaSet>;
export type D = Stored<Deployment>;

export const replicasOf = (rs: ReplicaSet | undefined): number => rs?.spec?.replicas ?? 1;
export const desiredOf = (d: Deployment): number => d.spec?.replicas ?? 1;

export function isRollingUpdate(d: Deployment): boolean {
  return (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/** MaxSurge: the surge budget (rounded up), 0 for Recreate. */
export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  return resolveFenceposts(ru?.maxSurge ?? '25%', ru?.maxUnavailable ?? '25%', desiredOf(d)).surge;
}

/** MaxUnavailable: the unavailability budget (rounded down, at least 1 when surge is 0), capped at replicas. */
export function maxUnavailable(d: Deployment): number {
  if (!isRollingUpdate(d) || desiredOf(d) === 0) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  const { unavailable } = resolveFenceposts(ru?.maxSurge ?? '25%', ru?.maxUnavailable ?? '25%', desiredOf(d));
  return Math.min(unavailable, desiredOf(d));
}

export function maxSurgeRaw(d: Deployment): number {
  return getScaledValueFromIntOrPercent(d.spec?.strategy?.rollingUpdate?.maxSurge ?? '25%', desiredOf(d), true);
}

export const hasProgressDeadline = (d: Deployment) => {
  const p = d.spec?.progressDeadlineSeconds;
  return p !== undefined && p !== null && p !== MAX_INT32;
};

export const hasRevisionHistoryLimit = (d: Deployment) => {
  const l = d.spec?.revisionHistoryLimit;
  return l !== undefined && l !== null && l !== MAX_INT32;
};

/** The revision annotation as a number (0 when absent or not a number). */
export function revisionOf(obj: { metadata?: { annotations?: Record<string, string> } }): number {
  const v = obj.metadata?.annotations?.[REVISION];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : 0;
}

export function maxRevision(rss: readonly ReplicaSet[]): number {
  let max = 0;
  for (const rs of rss) max = Math.max(max, revisionOf(rs));
  return max;
}

/** EqualIgnoreHash: the templates are equal once the pod-template-hash label is left out. */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  const strip = (t: PodTemplateSpec | undefined) => {
    const { [HASH_LABEL]: _, ...labels } = t?.metadata?.labels ?? {};
    return { ...t, metadata: { ...t?.metadata, labels } };
  };
  return semanticEqual(strip(a), strip(b));
}

/** ReplicaSetsByCreationTimestamp: oldest first, then by name. */
export function byCreation(a: RS, b: RS): number {
  const ta = a.metadata.creationTimestamp;
  const tb = b.metadata.creationTimestamp;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template is the Deployment's. */
export function findNewReplicaSet(d: Deployment, rss: readonly RS[]): RS | undefined {
  return [...rss].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

export const sumReplicas = (rss: readonly (RS | undefined)[]) => rss.reduce((n, rs) => n + (rs ? replicasOf(rs) : 0), 0);
export const sumActual = (rss: readonly (RS | undefined)[]) => rss.reduce((n, rs) => n + (rs?.status?.replicas ?? 0), 0);
export const sumReady = (rss: readonly (RS | undefined)[]) => rss.reduce((n, rs) => n + (rs?.status?.readyReplicas ?? 0), 0);
export const sumAvailable = (rss: readonly (RS | undefined)[]) =>
  rss.reduce((n, rs) => n + (rs?.status?.availableReplicas ?? 0), 0);

/** FilterActiveReplicaSets: the ones that have (or ought to have) pods. */
export const active = (rss: readonly (RS | undefined)[]): RS[] => rss.filter((rs): rs is RS => !!rs && replicasOf(rs) > 0);

export function annotationInt(rs: ReplicaSet, key: string): number | undefined {
  const v = rs.metadata?.annotations?.[key];
  return v !== undefined && /^-?\d+$/.test(v) ? Number(v) : undefined;
}

/** IsSaturated: the new ReplicaSet has all the replicas, and they are all available. */
export function isSaturated(d: Deployment, rs: RS | undefined): boolean {
  if (!rs) return false;
  const desired = annotationInt(rs, DESIRED_REPLICAS);
  if (desired === undefined) return false;
  return replicasOf(rs) === desiredOf(d) && desired === desiredOf(d) && (rs.status?.availableReplicas ?? 0) === desiredOf(d);
}

/** FindActiveOrLatest: the only active ReplicaSet, or the newest when none is active. */
export function findActiveOrLatest(newRS: RS | undefined, oldRSs: RS[]): RS | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const olds = [...oldRSs].sort(byCreation).reverse();
  const act = active([...olds, newRS]);
  if (act.length === 0) return newRS ?? olds[0];
  if (act.length === 1) return act[0];
  return undefined;
}

/** GetProportion: this ReplicaSet's share of a proportional scale (never past what is left to add). */
export function proportion(rs: RS, d: D, toAdd: number, added: number): number {
  if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function replicaSetFraction(rs: RS, d: D): number {
  if (desiredOf(d) === 0) return -replicasOf(rs);
  const deploymentMax = desiredOf(d) + maxSurge(d);
  let annotated = annotationInt(rs, MAX_REPLICAS);
  if (annotated === undefined || annotated === 0) annotated = d.status?.replicas ?? 0;
  if (annotated === 0) return 0;
  const size = (replicasOf(rs) * deploymentMax) / annotated;
  return goRound(size) - replicasOf(rs);
}

/** math.Round: halves away from zero. */
function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

export function getCondition(status: DeploymentStatus | undefined, type: string): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

export function newCondition(type: string, status: string, reason: string, message: string, now: string): DeploymentCondition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

/**
 * SetDeploymentCondition: same status and reason changes nothing; a new reason keeps the
 * transition time when the status stays; the condition moves to the end of the list.
 */
export function setCondition(status: DeploymentStatus, cond: DeploymentCondition): void {
  const cur = getCondition(status, cond.type);
  if (cur && cur.status === cond.status && cur.reason === cond.reason) return;
  const next = { ...cond };
  if (cur && cur.status === cond.status) next.lastTransitionTime = cur.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== cond.type), next];
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  if (!status.conditions) return;
  status.conditions = status.conditions.filter((c) => c.type !== type);
  if (!status.conditions.length) delete status.conditions;
}

/** DeploymentComplete: every replica updated and available, and the spec observed. */
export function deploymentComplete(d: Deployment, s: DeploymentStatus): boolean {
  const want = desiredOf(d);
  return (
    (s.updatedReplicas ?? 0) === want &&
    (s.replicas ?? 0) === want &&
    (s.availableReplicas ?? 0) === want &&
    (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0)
  );
}

/** DeploymentProgressing: more pods updated, ready or available, or fewer old ones, than before. */
export function deploymentProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (
    (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** DeploymentTimedOut: no progress reported for progressDeadlineSeconds. */
export function deploymentTimedOut(d: Deployment, s: DeploymentStatus, nowMs: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const cond = getCondition(s, 'Progressing');
  if (!cond) return false;
  if (cond.reason === NEW_RS_AVAILABLE) return false;
  if (cond.reason === TIMED_OUT) return true;
  const from = Date.parse(cond.lastUpdateTime ?? '');
  return from + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 < nowMs;
}

/** Deployment annotations that are not copied onto its ReplicaSets. */
const SKIP_COPY = new Set([LAST_APPLIED, REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, ROLLBACK_TO]);

/** copyDeploymentAnnotationsToReplicaSet (this is how kubernetes.io/change-cause reaches the RS). */
export function copyAnnotations(d: Deployment, annotations: Record<string, string>): boolean {
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) {
    if (SKIP_COPY.has(k) || annotations[k] === v) continue;
    annotations[k] = v;
    changed = true;
  }
  return changed;
}

/** SetReplicasAnnotations: desired-replicas and max-replicas as of this scale. */
export function setReplicasAnnotations(annotations: Record<string, string>, desired: number, max: number): boolean {
  let changed = false;
  if (annotations[DESIRED_REPLICAS] !== String(desired)) {
    annotations[DESIRED_REPLICAS] = String(desired);
    changed = true;
  }
  if (annotations[MAX_REPLICAS] !== String(max)) {
    annotations[MAX_REPLICAS] = String(max);
    changed = true;
  }
  return changed;
}

/**
 * SetNewReplicaSetAnnotations: copy the Deployment's annotations, raise the revision to
 * `newRevision` when it is behind (keeping the old numbers in revision-history, as a rollback
 * does), and on creation record the replica annotations.
 */
export function setNewReplicaSetAnnotations(d: D, annotations: Record<string, string>, newRevision: number, exists: boolean): boolean {
  let changed = copyAnnotations(d, annotations);
  const oldRevision = annotations[REVISION];
  let oldInt = 0;
  if (oldRevision !== undefined && oldRevision !== '') {
    if (!/^\d+$/.test(oldRevision)) return false;
    oldInt = Number(oldRevision);
  }
  if (oldInt < newRevision) {
    annotations[REVISION] = String(newRevision);
    changed = true;
    if (oldRevision !== undefined) {
      const history = annotations[REVISION_HISTORY] ?? '';
      const olds = history.split(',');
      if (olds[0].length === 0) annotations[REVISION_HISTORY] = oldRevision;
      else {
        let total = history.length + oldRevision.length + 1;
        let start = 0;
        while (total > MAX_REV_HISTORY_CHARS && start < olds.length) {
          total -= olds[start].length + 1;
          start++;
        }
        if (total <= MAX_REV_HISTORY_CHARS) annotations[REVISION_HISTORY] = [...olds.slice(start), oldRevision].join(',');
      }
    }
  }
  if (!exists && setReplicasAnnotations(annotations, desiredOf(d), desiredOf(d) + maxSurge(d))) changed = true;
  return changed;
}

/** NewRSNewReplicas: how big the new ReplicaSet may be now. */
export function newRSNewReplicas(d: D, allRSs: readonly (RS | undefined)[], newRS: { spec?: { replicas?: number } }): number {
  if (isRollingUpdate(d)) {
    const surge = maxSurgeRaw(d);
    const current = sumReplicas(allRSs);
    const maxTotal = desiredOf(d) + surge;
    const newReplicas = newRS.spec?.replicas ?? 0;
    if (current >= maxTotal) return newReplicas;
    const up = Math.min(maxTotal - current, desiredOf(d) - newReplicas);
    return newReplicas + up;
  }
  return desiredOf(d);
}
