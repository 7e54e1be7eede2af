import type { Deployment, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1';
import { isStatusError, StatusError } from '../../api/status';
import { clone } from '../../api/types';
import { templateHash } from '../../api/names';
import type { ControllerContext } from '../controller';
import { controllerRef, getControllerOf } from '../controllerutil/ownerref';
import { deepEqual } from '../controllerutil/status';
import {
  active,
  byCreation,
  type D,
  desiredOf,
  DESIRED_REPLICAS,
  equalIgnoreHash,
  FAILED_RS_CREATE,
  findActiveOrLatest,
  findNewReplicaSet,
  FOUND_NEW_RS,
  getCondition,
  HASH_LABEL,
  hasProgressDeadline,
  hasRevisionHistoryLimit,
  isRollingUpdate,
  isSaturated,
  maxRevision,
  maxSurge,
  maxUnavailable,
  MIN_AVAILABLE,
  MIN_UNAVAILABLE,
  NEW_RS_CREATED,
  newCondition,
  newRSNewReplicas,
  PAUSED,
  proportion,
  type RS,
  replicasOf,
  RESUMED,
  REVISION,
  revisionOf,
  setCondition,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  sumActual,
  sumAvailable,
  sumReady,
  sumReplicas,
  TIMED_OUT,
  annotationInt,
} from './util';

export const COMPONENT = 'deployment-controller';
export const DEPLOYMENT_KIND = { apiVersion: 'apps/v1', kind: 'Deployment' };

/**
 * One sync of one Deployment. Like upstream, it works on a copy of the Deployment (`d`) whose
 * status and annotations it changes along the way and writes at the points upstream does.
 */
export class DeploymentSync {
  d: D;
  /** When to look at this Deployment again (ms), the earliest any step asked for. */
  requeue: number | undefined;

  constructor(
    readonly ctx: ControllerContext,
    deployment: D,
    public rsList: RS[],
  ) {
    this.d = clone(deployment);
  }

  get now(): number {
    return this.ctx.clock.now();
  }

  get timestamp(): string {
    return this.ctx.clock.timestamp();
  }

  get ns(): string {
    return this.d.metadata.namespace ?? '';
  }

  requeueAfter(ms: number): void {
    this.requeue = this.requeue === undefined ? ms : Math.min(this.requeue, ms);
  }

  /**
   * Write the copy back through the status subresource. A Deployment's /status also takes
   * annotations (that is how `deployment.kubernetes.io/revision` lands without bumping
   * metadata.generation); if this API server keeps only status there, the annotations go through
   * the main resource instead.
   */
  write(): void {
    const api = this.ctx.api;
    let stored = api.get<Deployment>('apps/deployments', this.ns, this.d.metadata.name);
    const annotations = this.d.metadata.annotations ?? {};
    const annotationsChanged = !deepEqual(stored.metadata.annotations ?? {}, annotations);
    if (annotationsChanged || !deepEqual(stored.status ?? {}, this.d.status ?? {})) {
      const next = { ...stored, metadata: { ...stored.metadata, annotations }, status: this.d.status } as Deployment;
      stored = api.updateStatus<Deployment>('apps/deployments', this.ns, next);
    }
    if (annotationsChanged && !deepEqual(stored.metadata.annotations ?? {}, annotations)) {
      const next = clone(stored);
      next.metadata.annotations = { ...annotations };
      api.update<Deployment>('apps/deployments', this.ns, next);
    }
  }

  event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.event(this.d, type, reason, message, { component: COMPONENT });
  }

  private status(): DeploymentStatus {
    this.d = { ...this.d, status: { ...(this.d.status ?? {}) } } as D;
    return this.d.status as DeploymentStatus;
  }

  /** checkPausedConditions: Progressing Unknown DeploymentPaused / DeploymentResumed. */
  checkPausedConditions(): void {
    if (!hasProgressDeadline(this.d)) return;
    const cond = getCondition(this.d.status, 'Progressing');
    if (cond?.reason === TIMED_OUT) return;
    const pausedCond = cond?.reason === PAUSED;
    const paused = !!this.d.spec?.paused;
    if (paused && !pausedCond) {
      setCondition(this.status(), newCondition('Progressing', 'Unknown', PAUSED, 'Deployment is paused', this.timestamp));
    } else if (!paused && pausedCond) {
      setCondition(this.status(), newCondition('Progressing', 'Unknown', RESUMED, 'Deployment is resumed', this.timestamp));
    } else return;
    this.write();
  }

  oldReplicaSets(newRS: RS | undefined): RS[] {
    return this.rsList.filter((rs) => rs.metadata.uid !== newRS?.metadata.uid);
  }

  /** getAllReplicaSetsAndSyncRevision. */
  allReplicaSets(create: boolean): { newRS: RS | undefined; oldRSs: RS[] } {
    const existing = findNewReplicaSet(this.d, this.rsList);
    const oldRSs = this.oldReplicaSets(existing);
    const newRS = this.newReplicaSet(existing, oldRSs, create);
    return { newRS, oldRSs: this.oldReplicaSets(newRS) };
  }

  private newReplicaSet(existing: RS | undefined, oldRSs: RS[], create: boolean): RS | undefined {
    const newRevision = maxRevision(oldRSs) + 1;
    if (existing) {
      const annotations = { ...(existing.metadata.annotations ?? {}) };
      const changed = setNewReplicaSetAnnotations(this.d, annotations, newRevision, true);
      const minReady = this.d.spec?.minReadySeconds ?? 0;
      if (changed || (existing.spec?.minReadySeconds ?? 0) !== minReady) {
        const next = clone(existing);
        next.metadata.annotations = annotations;
        next.spec = { ...next.spec, minReadySeconds: minReady } as ReplicaSet['spec'];
        const updated = this.ctx.api.update<ReplicaSet>('apps/replicasets', this.ns, next);
        this.replace(updated);
        return updated;
      }
      let needsUpdate = this.setRevision(existing.metadata.annotations?.[REVISION] ?? '');
      if (hasProgressDeadline(this.d) && !getCondition(this.d.status, 'Progressing')) {
        const msg = `Found new replica set "${existing.metadata.name}"`;
        setCondition(this.status(), newCondition('Progressing', 'True', FOUND_NEW_RS, msg, this.timestamp));
        needsUpdate = true;
      }
      if (needsUpdate) this.write();
      return existing;
    }
    if (!create) return undefined;

    const template = clone(this.d.spec?.template ?? {});
    const hash = templateHash(template, this.d.status?.collisionCount);
    const labels = { ...(template.metadata?.labels ?? {}), [HASH_LABEL]: hash };
    template.metadata = { ...(template.metadata ?? {}), labels };
    const selector = clone(this.d.spec?.selector ?? {});
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [HASH_LABEL]: hash };
    const name = `${this.d.metadata.name}-${hash}`;
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name,
        namespace: this.ns,
        ownerReferences: [controllerRef(this.d, DEPLOYMENT_KIND)],
        labels,
      },
      spec: { replicas: 0, minReadySeconds: this.d.spec?.minReadySeconds ?? 0, selector, template },
    };
    const count = newRSNewReplicas(this.d, [...oldRSs, rs as RS], rs);
    (rs.spec as NonNullable<ReplicaSet['spec']>).replicas = count;
    const annotations: Record<string, string> = {};
    setNewReplicaSetAnnotations(this.d, annotations, newRevision, false);
    (rs.metadata as NonNullable<ReplicaSet['metadata']>).annotations = annotations;
    let created: RS;
    let alreadyExists = false;
    try {
      created = this.ctx.api.create<ReplicaSet>('apps/replicasets', this.ns, rs);
    } catch (e) {
      if (isStatusError(e, 'AlreadyExists')) {
        const found = this.ctx.api.get<ReplicaSet>('apps/replicasets', this.ns, name);
        if (getControllerOf(found)?.uid === this.d.metadata.uid && equalIgnoreHash(this.d.spec?.template, found.spec?.template)) {
          created = found;
          alreadyExists = true;
        } else {
          // A hash collision: the next sync hashes with a higher collisionCount.
          this.status().collisionCount = (this.d.status?.collisionCount ?? 0) + 1;
          this.write();
          throw e;
        }
      } else if (e instanceof StatusError && !/because it is being terminated/.test(e.message)) {
        const msg = `Failed to create new replica set "${name}": ${e.message}`;
        if (hasProgressDeadline(this.d)) {
          setCondition(this.status(), newCondition('Progressing', 'False', FAILED_RS_CREATE, msg, this.timestamp));
          this.write();
        }
        this.event('Warning', FAILED_RS_CREATE, msg);
        throw e;
      } else throw e;
    }
    if (!alreadyExists && count > 0) {
      this.event('Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${count}`);
    }
    let needsUpdate = this.setRevision(String(newRevision));
    if (!alreadyExists && hasProgressDeadline(this.d)) {
      const msg = `Created new replica set "${created.metadata.name}"`;
      setCondition(this.status(), newCondition('Progressing', 'True', NEW_RS_CREATED, msg, this.timestamp));
      needsUpdate = true;
    }
    if (needsUpdate) this.write();
    this.replace(created);
    return created;
  }

  /** SetDeploymentRevision on the working copy. */
  private setRevision(revision: string): boolean {
    const annotations = this.d.metadata.annotations ?? {};
    if (annotations[REVISION] === revision) return false;
    this.d = { ...this.d, metadata: { ...this.d.metadata, annotations: { ...annotations, [REVISION]: revision } } } as D;
    return true;
  }

  /** Put an updated ReplicaSet in place of its old copy in the working list. */
  replace(rs: RS): void {
    const i = this.rsList.findIndex((x) => x.metadata.uid === rs.metadata.uid);
    if (i < 0) this.rsList.push(rs);
    else this.rsList[i] = rs;
  }

  /** isScalingEvent: an active ReplicaSet was sized for another replica count. */
  isScalingEvent(): boolean {
    const { newRS, oldRSs } = this.allReplicaSets(false);
    for (const rs of active([...oldRSs, newRS])) {
      const desired = annotationInt(rs, DESIRED_REPLICAS);
      if (desired === undefined) continue;
      if (desired !== desiredOf(this.d)) return true;
    }
    return false;
  }

  /** sync: scaling and paused Deployments (no rollout). */
  sync(): void {
    const { newRS, oldRSs } = this.allReplicaSets(false);
    this.scale(newRS, oldRSs);
    if (this.d.spec?.paused) this.cleanup(this.oldReplicaSets(this.current(newRS)));
    const cur = this.current(newRS);
    this.syncDeploymentStatus([...this.oldReplicaSets(cur), cur], cur);
  }

  /** The latest copy of a ReplicaSet from the working list. */
  current(rs: RS | undefined): RS | undefined {
    if (!rs) return undefined;
    return this.rsList.find((x) => x.metadata.uid === rs.metadata.uid) ?? rs;
  }

  /** scale: proportional scaling of a Deployment whose replicas changed mid-rollout. */
  scale(newRS: RS | undefined, oldRSs: RS[]): void {
    const d = this.d;
    const single = findActiveOrLatest(newRS, oldRSs);
    if (single) {
      if (replicasOf(single) === desiredOf(d)) return;
      this.scaleAndRecord(single, desiredOf(d));
      return;
    }
    if (isSaturated(d, newRS)) {
      for (const old of active(oldRSs)) this.scaleAndRecord(old, 0);
      return;
    }
    if (!isRollingUpdate(d)) return;
    const all = active([...oldRSs, newRS]);
    const allReplicas = sumReplicas(all);
    const allowed = desiredOf(d) > 0 ? desiredOf(d) + maxSurge(d) : 0;
    const toAdd = allowed - allReplicas;
    let op = '';
    if (toAdd > 0) {
      // ReplicaSetsBySizeNewer: larger first, newer first among equals.
      all.sort((a, b) => replicasOf(b) - replicasOf(a) || byCreation(b, a));
      op = 'up';
    } else if (toAdd < 0) {
      // ReplicaSetsBySizeOlder: larger first, older first among equals.
      all.sort((a, b) => replicasOf(b) - replicasOf(a) || byCreation(a, b));
      op = 'down';
    }
    let added = 0;
    const sizes = new Map<string, number>();
    for (const rs of all) {
      if (toAdd !== 0) {
        const p = proportion(rs, d, toAdd, added);
        sizes.set(rs.metadata.name, replicasOf(rs) + p);
        added += p;
      } else sizes.set(rs.metadata.name, replicasOf(rs));
    }
    all.forEach((rs, i) => {
      if (i === 0 && toAdd !== 0) {
        const leftover = toAdd - added;
        sizes.set(rs.metadata.name, Math.max(0, (sizes.get(rs.metadata.name) ?? 0) + leftover));
      }
      this.scaleReplicaSet(rs, sizes.get(rs.metadata.name) ?? 0, op);
    });
  }

  /** scaleReplicaSetAndRecordEvent. */
  scaleAndRecord(rs: RS, newScale: number): boolean {
    if (replicasOf(rs) === newScale) return false;
    return this.scaleReplicaSet(rs, newScale, replicasOf(rs) < newScale ? 'up' : 'down');
  }

  /**
   * scaleReplicaSet: set the size and the desired/max-replicas annotations; record
   * ScalingReplicaSet (`Scaled up replica set web-7d4b9c8f5d from 0 to 3`) when the size moved.
   */
  scaleReplicaSet(rs: RS, newScale: number, op: string): boolean {
    const cur = this.current(rs) as RS;
    const oldScale = replicasOf(cur);
    const sizeChanged = oldScale !== newScale;
    const annotations = { ...(cur.metadata.annotations ?? {}) };
    const annChanged = setReplicasAnnotations(annotations, desiredOf(this.d), desiredOf(this.d) + maxSurge(this.d));
    if (!sizeChanged && !annChanged) return false;
    const next = clone(cur);
    next.metadata.annotations = annotations;
    next.spec = { ...next.spec, replicas: newScale } as ReplicaSet['spec'];
    const updated = this.ctx.api.update<ReplicaSet>('apps/replicasets', this.ns, next);
    this.replace(updated);
    if (sizeChanged) {
      this.event('Normal', 'ScalingReplicaSet', `Scaled ${op} replica set ${updated.metadata.name} from ${oldScale} to ${newScale}`);
    }
    return sizeChanged;
  }

  /** cleanupDeployment: delete the oldest scaled-down ReplicaSets beyond revisionHistoryLimit. */
  cleanup(oldRSs: RS[]): void {
    if (!hasRevisionHistoryLimit(this.d)) return;
    const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
    const diff = cleanable.length - (this.d.spec?.revisionHistoryLimit ?? 10);
    if (diff <= 0) return;
    cleanable.sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
    for (const rs of cleanable.slice(0, diff)) {
      if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0) continue;
      if ((rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
      try {
        this.ctx.api.delete('apps/replicasets', this.ns, rs.metadata.name);
      } catch (e) {
        if (!isStatusError(e, 'NotFound')) throw e;
      }
    }
  }

  /** calculateStatus. */
  calculateStatus(allRSs: (RS | undefined)[], newRS: RS | undefined): DeploymentStatus {
    const d = this.d;
    const available = sumAvailable(allRSs);
    const total = sumReplicas(allRSs);
    const status: DeploymentStatus = {
      observedGeneration: d.metadata.generation,
      replicas: sumActual(allRSs),
      updatedReplicas: sumActual([newRS]),
      readyReplicas: sumReady(allRSs),
      availableReplicas: available,
      unavailableReplicas: Math.max(0, total - available),
      collisionCount: d.status?.collisionCount,
      conditions: [...(d.status?.conditions ?? [])],
    };
    if (available >= desiredOf(d) - maxUnavailable(d)) {
      setCondition(status, newCondition('Available', 'True', MIN_AVAILABLE, 'Deployment has minimum availability.', this.timestamp));
    } else {
      setCondition(
        status,
        newCondition('Available', 'False', MIN_UNAVAILABLE, 'Deployment does not have minimum availability.', this.timestamp),
      );
    }
    return status;
  }

  /** syncDeploymentStatus: write the calculated status when it changed. */
  syncDeploymentStatus(allRSs: (RS | undefined)[], newRS: RS | undefined): void {
    const status = omitEmpty(this.calculateStatus(allRSs, newRS));
    if (deepEqual(omitEmpty(this.d.status ?? {}), status)) return;
    this.d = { ...this.d, status } as D;
    this.write();
  }
}

/** DeploymentStatus fields are all omitempty: zero counters are left out of the JSON. */
export function omitEmpty(s: DeploymentStatus): DeploymentStatus {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) {
    if (v === undefined || v === null || v === 0) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out as DeploymentStatus;
}

