import type { StatefulSet } from 'kubernetes-types/apps/v1';
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { internalError, isStatusError, StatusError } from '../../api/status';
import { clone, type Stored } from '../../api/types';
import type { ControllerContext } from '../controller';
import { isNamespaceTerminating } from '../controllerutil/podcontrol';
import { inOrdinalRange, ordinalOf, podClaims, updateIdentity, updateStorage } from './identity';

const COMPONENT = 'statefulset-controller';
const title = (verb: string) => verb[0].toUpperCase() + verb.slice(1);

/**
 * StatefulPodControl: creates, updates and deletes a set's pods and claims, recording
 * `create Pod web-0 in StatefulSet web successful` and friends on the set.
 */
export class StatefulPodControl {
  constructor(private readonly ctx: ControllerContext) {}

  private podEvent(verb: string, set: StatefulSet, pod: Pod, err?: unknown): void {
    const name = pod.metadata?.name;
    if (err === undefined) {
      this.ctx.events.event(set, 'Normal', `Successful${title(verb)}`, `${verb} Pod ${name} in StatefulSet ${set.metadata?.name} successful`, { component: COMPONENT });
    } else {
      const msg = `${verb} Pod ${name} in StatefulSet ${set.metadata?.name} failed error: ${(err as Error).message}`;
      this.ctx.events.event(set, 'Warning', `Failed${title(verb)}`, msg, { component: COMPONENT });
    }
  }

  private claimEvent(verb: string, set: StatefulSet, pod: Pod, claim: PersistentVolumeClaim, err?: unknown): void {
    const c = claim.metadata?.name;
    const p = pod.metadata?.name;
    const s = set.metadata?.name;
    if (err === undefined) {
      this.ctx.events.event(set, 'Normal', `Successful${title(verb)}`, `${verb} Claim ${c} Pod ${p} in StatefulSet ${s} success`, { component: COMPONENT });
    } else {
      const msg = `${verb} Claim ${c} for Pod ${p} in StatefulSet ${s} failed error: ${(err as Error).message}`;
      this.ctx.events.event(set, 'Warning', `Failed${title(verb)}`, msg, { component: COMPONENT });
    }
  }

  /** createPersistentVolumeClaims: the pod's missing claims; one being deleted is an error. */
  createMissingClaims(set: StatefulSet, pod: Pod): void {
    const errors: string[] = [];
    for (const claim of podClaims(set, ordinalOf(pod)).values()) {
      const ns = claim.metadata?.namespace ?? '';
      const name = claim.metadata?.name ?? '';
      const existing = this.ctx.api.find<PersistentVolumeClaim>('persistentvolumeclaims', ns, name);
      if (!existing) {
        try {
          this.ctx.api.create('persistentvolumeclaims', ns, claim);
          this.claimEvent('create', set, pod, claim);
        } catch (e) {
          if (!(e instanceof StatusError)) throw e;
          errors.push(`failed to create PVC ${name}: ${e.message}`);
          if (!isStatusError(e, 'AlreadyExists')) this.claimEvent('create', set, pod, claim, e);
        }
      } else if (existing.metadata.deletionTimestamp) {
        errors.push(`pvc ${name} is being deleted`);
      }
    }
    if (errors.length) throw internalError(errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`);
  }

  createPod(set: Stored<StatefulSet>, pod: Pod): void {
    try {
      this.createMissingClaims(set, pod);
    } catch (e) {
      this.podEvent('create', set, pod, e);
      throw e;
    }
    try {
      const created = this.ctx.api.create<Pod>('pods', set.metadata.namespace ?? '', pod);
      this.updateClaimsForRetention(set, created);
    } catch (e) {
      if (isStatusError(e, 'AlreadyExists')) throw e;
      if (!isNamespaceTerminating(e)) this.podEvent('create', set, pod, e);
      throw e;
    }
    this.podEvent('create', set, pod);
  }

  deletePod(set: StatefulSet, pod: Stored<Pod>): void {
    try {
      this.ctx.api.delete('pods', pod.metadata.namespace ?? '', pod.metadata.name);
    } catch (e) {
      if (isStatusError(e, 'NotFound')) return;
      this.podEvent('delete', set, pod, e);
      throw e;
    }
    this.podEvent('delete', set, pod);
  }

  /** UpdateStatefulPod: restore identity and storage, create missing claims, fix claim owners. */
  updatePod(set: Stored<StatefulSet>, pod: Stored<Pod>): void {
    const next = clone(pod);
    updateIdentity(set, next);
    updateStorage(set, next);
    try {
      this.createMissingClaims(set, next);
      this.updateClaimsForRetention(set, next);
      this.ctx.api.update('pods', next.metadata.namespace ?? '', next);
    } catch (e) {
      this.podEvent('update', set, pod, e);
      throw e;
    }
    this.podEvent('update', set, pod);
  }

  /** Whether the pod's claims carry the owner references the retention policy asks for. */
  claimsMatchRetention(set: StatefulSet, pod: Stored<Pod>): boolean {
    for (const claim of podClaims(set, ordinalOf(pod)).values()) {
      const existing = this.ctx.api.find<PersistentVolumeClaim>('persistentvolumeclaims', claim.metadata?.namespace ?? '', claim.metadata?.name ?? '');
      if (existing && desiredOwners(set, pod, existing.metadata.ownerReferences) !== undefined) return false;
    }
    return true;
  }

  /**
   * persistentVolumeClaimRetentionPolicy: whenDeleted Delete makes the set the claim's owner (so
   * the garbage collector removes it with the set); whenScaled Delete makes a scaled-down pod
   * its owner (so it goes with the pod). Retain keeps no owner.
   */
  updateClaimsForRetention(set: StatefulSet, pod: Stored<Pod>): void {
    for (const claim of podClaims(set, ordinalOf(pod)).values()) {
      const ns = claim.metadata?.namespace ?? '';
      const existing = this.ctx.api.find<PersistentVolumeClaim>('persistentvolumeclaims', ns, claim.metadata?.name ?? '');
      if (!existing) continue;
      const refs = desiredOwners(set, pod, existing.metadata.ownerReferences);
      if (refs === undefined) continue;
      const next = clone(existing);
      if (refs.length) next.metadata.ownerReferences = refs;
      else delete next.metadata.ownerReferences;
      this.ctx.api.update('persistentvolumeclaims', ns, next);
    }
  }
}

/** The owner references a claim should have, or undefined when it already has them. */
function desiredOwners(set: StatefulSet, pod: Stored<Pod>, refs: OwnerReference[] | undefined): OwnerReference[] | undefined {
  const current = refs ?? [];
  const setUid = set.metadata?.uid ?? '';
  const podUid = pod.metadata.uid;
  // Stale references (a previous set or pod of the same name) are left alone, as upstream does.
  if (current.some((r) => (r.kind === 'StatefulSet' && r.name === set.metadata?.name && r.uid !== setUid) || (r.kind === 'Pod' && r.name === pod.metadata.name && r.uid !== podUid))) {
    return undefined;
  }
  const policy = set.spec?.persistentVolumeClaimRetentionPolicy ?? {};
  const scaledDown = !inOrdinalRange(pod, set);
  const wantSet = policy.whenDeleted === 'Delete' && !(policy.whenScaled === 'Delete' && scaledDown);
  const wantPod = policy.whenScaled === 'Delete' && scaledDown;
  const hasSet = current.some((r) => r.uid === setUid);
  const hasPod = current.some((r) => r.uid === podUid);
  if (hasSet === wantSet && hasPod === wantPod) return undefined;
  const out = current.filter((r) => r.uid !== setUid && r.uid !== podUid);
  if (wantSet) out.push({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: set.metadata?.name ?? '', uid: setUid, controller: true });
  if (wantPod) out.push({ apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name, uid: podUid, controller: true });
  return out;
}
