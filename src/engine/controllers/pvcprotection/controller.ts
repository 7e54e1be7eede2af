import type { PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import { clone, type KObject, type Stored } from '../../api/types';
import { PV_PROTECTION, PVC_PROTECTION } from '../../apiserver/admission/storage';
import { Controller, type ControllerContext } from '../controller';
import { type Informer, keyOf, splitKey } from '../informer';
import { BY_POD_CLAIM, podClaimKeys } from '../persistentvolume/controller';

function withFinalizer<T extends KObject>(obj: Stored<T>, finalizer: string, present: boolean): Stored<T> {
  const next = clone(obj);
  const rest = (next.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  next.metadata.finalizers = present ? [...rest, finalizer] : rest;
  return next;
}

/**
 * The PVC protection controller: a claim keeps the kubernetes.io/pvc-protection finalizer, so a
 * claim deleted while a scheduled pod still uses it stays Terminating until those pods are gone.
 */
export class PVCProtectionController extends Controller {
  private readonly claims: Informer<PersistentVolumeClaim>;
  private readonly pods: Informer<Pod>;

  constructor(ctx: ControllerContext) {
    super('pvc-protection-controller', ctx);
    this.claims = ctx.informers.for<PersistentVolumeClaim>('persistentvolumeclaims');
    this.pods = ctx.informers.for<Pod>('pods');
    this.pods.addIndex(BY_POD_CLAIM, podClaimKeys);
    const claim = (c: Stored<PersistentVolumeClaim>) => this.queue.add(keyOf(c));
    this.claims.addHandlers({ add: claim, update: claim });
    // A pod that goes (or lands on a node) changes whether its claims are in use.
    const pod = (p: Stored<Pod>) => {
      for (const k of podClaimKeys(p)) {
        const [ns, name] = splitKey(k);
        if (this.claims.get(ns, name)?.metadata.deletionTimestamp) this.queue.add(k);
      }
    };
    this.pods.addHandlers({ add: pod, update: (p, old) => p.spec?.nodeName !== old.spec?.nodeName && pod(p), delete: pod });
  }

  /** podUsesPVC: a scheduled pod naming the claim (the kubelet will not start new ones for a deleted claim). */
  private inUse(pvc: Stored<PersistentVolumeClaim>): boolean {
    return this.pods.byIndex(BY_POD_CLAIM, keyOf(pvc)).some((p) => !!p.spec?.nodeName);
  }

  reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    const pvc = this.claims.get(ns, name);
    if (!pvc) return;
    const has = (pvc.metadata.finalizers ?? []).includes(PVC_PROTECTION);
    if (pvc.metadata.deletionTimestamp) {
      if (has && !this.inUse(pvc)) this.api.update('persistentvolumeclaims', ns, withFinalizer(pvc, PVC_PROTECTION, false));
      return;
    }
    if (!has) this.api.update('persistentvolumeclaims', ns, withFinalizer(pvc, PVC_PROTECTION, true));
  }
}

/** The PV protection controller: a volume keeps kubernetes.io/pv-protection while it is Bound. */
export class PVProtectionController extends Controller {
  private readonly volumes: Informer<PersistentVolume>;

  constructor(ctx: ControllerContext) {
    super('pv-protection-controller', ctx);
    this.volumes = ctx.informers.for<PersistentVolume>('persistentvolumes');
    const volume = (v: Stored<PersistentVolume>) => this.queue.add(v.metadata.name);
    this.volumes.addHandlers({ add: volume, update: volume });
  }

  reconcile(name: string): void {
    const pv = this.volumes.get('', name);
    if (!pv) return;
    const has = (pv.metadata.finalizers ?? []).includes(PV_PROTECTION);
    if (pv.metadata.deletionTimestamp) {
      if (has && pv.status?.phase !== 'Bound') this.api.update('persistentvolumes', '', withFinalizer(pv, PV_PROTECTION, false));
      return;
    }
    if (!has) this.api.update('persistentvolumes', '', withFinalizer(pv, PV_PROTECTION, true));
  }
}
