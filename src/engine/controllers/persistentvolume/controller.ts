import type { Node, PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { compareGoStrings } from '../../api/names';
import { isStatusError } from '../../api/status';
import { clone, type Stored } from '../../api/types';
import { defaultStorageClass } from '../../apiserver/admission/storage';
import { deepEqual } from '../../apiserver/apiserver';
import { Controller, type ControllerContext } from '../controller';
import { type Informer, keyOf, splitKey } from '../informer';
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_PROVISIONED_BY,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  checkVolumeSatisfyClaim,
  claimClass,
  claimRefOf,
  findBestMatch,
  isVolumeBoundToClaim,
  volumeModeMismatch,
} from './matching';

const SOURCE = { component: 'persistentvolume-controller' };
/** --pvclaimbinder-sync-period: unbound claims are looked at again this often. */
export const CLAIM_RESYNC_MS = 15_000;
/** Informer indexes: volumes by the claim they point at, pods by the claims they use. */
export const BY_CLAIM_REF = 'pv:claimRef';
export const BY_POD_CLAIM = 'pod:claims';

type PVC = Stored<PersistentVolumeClaim>;
type PV = Stored<PersistentVolume>;

export function podClaimKeys(p: Pod): string[] {
  const ns = p.metadata?.namespace ?? '';
  return (p.spec?.volumes ?? []).flatMap((v) =>
    v.persistentVolumeClaim ? [`${ns}/${v.persistentVolumeClaim.claimName}`] : v.ephemeral ? [`${ns}/${p.metadata?.name}-${v.name}`] : [],
  );
}

/**
 * The PersistentVolume controller (the binder): matches claims to volumes (class, access modes,
 * smallest capacity that fits, selector, volumeMode), asks external provisioners for volumes,
 * keeps both sides' phases (Pending/Bound/Lost, Available/Bound/Released/Failed) and binding
 * annotations, and reclaims released volumes (Retain, Delete, Recycle). Keys are
 * `claim:<ns>/<name>` and `volume:<name>`.
 */
export class PersistentVolumeController extends Controller {
  private readonly claims: Informer<PersistentVolumeClaim>;
  private readonly volumes: Informer<PersistentVolume>;
  private readonly classes: Informer<StorageClass>;
  private readonly pods: Informer<Pod>;
  private readonly nodes: Informer<Node>;

  constructor(ctx: ControllerContext) {
    super('persistentvolume-binder', ctx);
    this.claims = ctx.informers.for<PersistentVolumeClaim>('persistentvolumeclaims');
    this.volumes = ctx.informers.for<PersistentVolume>('persistentvolumes');
    this.classes = ctx.informers.for<StorageClass>('storage.k8s.io/storageclasses');
    this.pods = ctx.informers.for<Pod>('pods');
    this.nodes = ctx.informers.for<Node>('nodes');
    this.volumes.addIndex(BY_CLAIM_REF, (pv) => (pv.spec?.claimRef ? [`${pv.spec.claimRef.namespace}/${pv.spec.claimRef.name}`] : []));
    this.pods.addIndex(BY_POD_CLAIM, podClaimKeys);
    const claim = (c: PVC) => this.queue.add(`claim:${keyOf(c)}`);
    this.claims.addHandlers({
      add: claim,
      update: claim,
      // A deleted claim releases its volume.
      delete: (c) => {
        for (const pv of this.volumes.byIndex(BY_CLAIM_REF, keyOf(c))) this.queue.add(`volume:${pv.metadata.name}`);
      },
    });
    const volume = (v: PV) => this.queue.add(`volume:${v.metadata.name}`);
    this.volumes.addHandlers({ add: volume, update: volume });
    this.classes.addHandlers({
      add: (sc) => {
        for (const c of this.claims.list()) if (!c.spec?.volumeName && claimClass(c) === sc.metadata.name) claim(c);
      },
    });
  }

  reconcile(key: string): number | undefined {
    if (key.startsWith('claim:')) {
      const [ns, name] = splitKey(key.slice('claim:'.length));
      const c = this.claims.get(ns, name);
      if (!c) return undefined;
      return c.metadata.annotations?.[ANN_BIND_COMPLETED] ? this.syncBoundClaim(c) : this.syncUnboundClaim(c);
    }
    if (key.startsWith('volume:')) {
      const v = this.volumes.get('', key.slice('volume:'.length));
      if (v) this.syncVolume(v);
    }
    return undefined;
  }

  // ---- claims ----

  private isDelayBinding(pvc: PersistentVolumeClaim): boolean {
    const cls = claimClass(pvc);
    return !!cls && this.classes.get('', cls)?.volumeBindingMode === 'WaitForFirstConsumer';
  }

  private syncUnboundClaim(pvc: PVC): number | undefined {
    if (pvc.spec?.volumeName) return this.syncClaimAskingForVolume(pvc);
    const delay = this.isDelayBinding(pvc);
    // Once the scheduler has picked a node, a static volume that suits that node may be bound.
    const selected = pvc.metadata.annotations?.[ANN_SELECTED_NODE];
    const node = delay && selected ? this.nodes.get('', selected) : undefined;
    const volume = findBestMatch(pvc, this.volumes.list(), delay, node) as PV | undefined;
    if (volume) {
      this.bind(volume, pvc);
      return undefined;
    }
    if (this.assignDefaultStorageClass(pvc)) return undefined;
    if (delay && !selected) this.emitWaitingForConsumer(pvc);
    else if (claimClass(pvc)) {
      this.provisionClaim(pvc);
      return CLAIM_RESYNC_MS;
    } else {
      this.event(pvc, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
    }
    this.updateClaimStatus(pvc, 'Pending', undefined);
    return CLAIM_RESYNC_MS;
  }

  /** The user named a volume in spec.volumeName. */
  private syncClaimAskingForVolume(pvc: PVC): number | undefined {
    const volume = this.volumes.get('', pvc.spec?.volumeName ?? '');
    if (!volume) {
      this.updateClaimStatus(pvc, 'Pending', undefined);
      return CLAIM_RESYNC_MS;
    }
    if (!volume.spec?.claimRef) {
      const why = checkVolumeSatisfyClaim(volume, pvc);
      if (why) {
        this.event(pvc, 'Warning', 'VolumeMismatch', `Cannot bind to requested volume "${volume.metadata.name}": ${why}`);
        this.updateClaimStatus(pvc, 'Pending', undefined);
        return CLAIM_RESYNC_MS;
      }
      this.bind(volume, pvc);
      return undefined;
    }
    if (isVolumeBoundToClaim(volume, pvc)) {
      this.bind(volume, pvc);
      return undefined;
    }
    this.event(pvc, 'Warning', 'FailedBinding', `volume "${volume.metadata.name}" already bound to a different claim.`);
    this.updateClaimStatus(pvc, 'Pending', undefined);
    return CLAIM_RESYNC_MS;
  }

  private syncBoundClaim(pvc: PVC): undefined {
    const name = pvc.spec?.volumeName;
    if (!name) {
      this.lose(pvc, 'ClaimLost', 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!');
      return undefined;
    }
    const volume = this.volumes.get('', name);
    if (!volume) this.lose(pvc, 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
    else if (!volume.spec?.claimRef || volume.spec.claimRef.uid === pvc.metadata.uid) this.bind(volume, pvc);
    else this.lose(pvc, 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly');
    return undefined;
  }

  private lose(pvc: PVC, reason: string, message: string): void {
    if (pvc.status?.phase === 'Lost') return;
    const updated = this.updateClaimStatus(pvc, 'Lost', undefined);
    this.event(updated, 'Warning', reason, message);
  }

  /** Retroactive default class: a claim created before any class was default gets it now. */
  private assignDefaultStorageClass(pvc: PVC): boolean {
    if (pvc.spec?.storageClassName != null || pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] !== undefined) return false;
    const cls = defaultStorageClass(this.api);
    if (!cls?.metadata?.name) return false;
    const next = clone(pvc);
    next.spec = { ...next.spec, storageClassName: cls.metadata.name };
    try {
      this.api.update<PersistentVolumeClaim>('persistentvolumeclaims', pvc.metadata.namespace ?? '', next);
      return true;
    } catch (e) {
      if (isStatusError(e, 'Invalid')) return false;
      throw e;
    }
  }

  private emitWaitingForConsumer(pvc: PVC): void {
    const waiting = this.pods
      .byIndex(BY_POD_CLAIM, keyOf(pvc))
      .filter((p) => !p.spec?.nodeName)
      .map((p) => p.metadata.name)
      .sort(compareGoStrings);
    if (!waiting.length) this.event(pvc, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
    else if (waiting.length === 1) this.event(pvc, 'Normal', 'WaitForPodScheduled', `waiting for pod ${waiting[0]} to be scheduled`);
    else this.event(pvc, 'Normal', 'WaitForPodScheduled', `waiting for pods ${waiting.join(',')} to be scheduled`);
  }

  /** Every provisioner here is external: name it on the claim and wait for it. */
  private provisionClaim(pvc: PVC): void {
    const clsName = claimClass(pvc);
    const cls = this.classes.get('', clsName);
    if (!cls) {
      this.event(pvc, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${clsName}" not found`);
      return;
    }
    const provisioner = cls.provisioner;
    let claim: PersistentVolumeClaim = pvc;
    const ann = pvc.metadata.annotations ?? {};
    if (ann[ANN_STORAGE_PROVISIONER] !== provisioner || ann[ANN_BETA_STORAGE_PROVISIONER] !== provisioner) {
      const next = clone(pvc);
      next.metadata.annotations = { ...ann, [ANN_BETA_STORAGE_PROVISIONER]: provisioner, [ANN_STORAGE_PROVISIONER]: provisioner };
      claim = this.api.update<PersistentVolumeClaim>('persistentvolumeclaims', pvc.metadata.namespace ?? '', next);
    }
    this.event(
      claim,
      'Normal',
      'ExternalProvisioning',
      `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
    );
  }

  private updateClaimStatus(pvc: PersistentVolumeClaim, phase: string, volume: PersistentVolume | undefined): PVC {
    const status = { ...(pvc.status ?? {}) };
    let dirty = false;
    if (status.phase !== phase) {
      status.phase = phase;
      dirty = true;
    }
    if (!volume) {
      if (status.accessModes) {
        delete status.accessModes;
        dirty = true;
      }
      if (status.capacity) {
        delete status.capacity;
        dirty = true;
      }
    } else {
      if (!deepEqual(status.accessModes, volume.spec?.accessModes)) {
        status.accessModes = clone(volume.spec?.accessModes);
        dirty = true;
      }
      // Capacity is taken when the claim becomes Bound, not after (a resize may be under way).
      if (pvc.status?.phase !== phase && status.capacity?.storage !== volume.spec?.capacity?.storage) {
        status.capacity = clone(volume.spec?.capacity);
        dirty = true;
      }
    }
    if (!dirty) return pvc as PVC;
    const next = clone(pvc) as PVC & { status?: PersistentVolumeClaim['status'] };
    next.status = status;
    return this.api.updateStatus<PersistentVolumeClaim>('persistentvolumeclaims', pvc.metadata?.namespace ?? '', next);
  }

  /** Both sides of a binding, volume first, each written only when something is missing. */
  private bind(volume: PV, pvc: PVC): void {
    let pv = volume;
    const ref = pv.spec?.claimRef;
    if (!ref || ref.name !== pvc.metadata.name || ref.namespace !== pvc.metadata.namespace || ref.uid !== pvc.metadata.uid) {
      const next = clone(pv);
      const byController = !isVolumeBoundToClaim(pv, pvc);
      next.spec = { ...next.spec, claimRef: claimRefOf(pvc) };
      if (byController && !next.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER]) {
        next.metadata.annotations = { ...next.metadata.annotations, [ANN_BOUND_BY_CONTROLLER]: 'yes' };
      }
      pv = this.api.update<PersistentVolume>('persistentvolumes', '', next);
    }
    pv = this.updateVolumePhase(pv, 'Bound', '');
    let claim = pvc;
    const ann = claim.metadata.annotations ?? {};
    if (claim.spec?.volumeName !== pv.metadata.name || !ann[ANN_BIND_COMPLETED]) {
      const next = clone(claim);
      const annotations = { ...ann };
      if (next.spec?.volumeName !== pv.metadata.name) {
        next.spec = { ...next.spec, volumeName: pv.metadata.name };
        if (!annotations[ANN_BOUND_BY_CONTROLLER]) annotations[ANN_BOUND_BY_CONTROLLER] = 'yes';
      }
      if (!annotations[ANN_BIND_COMPLETED]) annotations[ANN_BIND_COMPLETED] = 'yes';
      next.metadata.annotations = annotations;
      claim = this.api.update<PersistentVolumeClaim>('persistentvolumeclaims', claim.metadata.namespace ?? '', next);
    }
    this.updateClaimStatus(claim, 'Bound', pv);
  }

  // ---- volumes ----

  private syncVolume(volume: PV): void {
    const ref = volume.spec?.claimRef;
    if (!ref?.uid) {
      // Unused, or reserved for a claim that has not bound yet.
      this.updateVolumePhase(volume, 'Available', '');
      return;
    }
    let claim = this.claims.get(ref.namespace ?? '', ref.name ?? '');
    if (claim && claim.metadata.uid !== ref.uid) claim = undefined;
    if (!claim) {
      let pv = volume;
      if (pv.status?.phase !== 'Released' && pv.status?.phase !== 'Failed') pv = this.updateVolumePhase(pv, 'Released', '');
      this.reclaimVolume(pv);
      return;
    }
    if (!claim.spec?.volumeName) {
      if (volumeModeMismatch(claim, volume)) {
        this.event(volume, 'Warning', 'VolumeMismatch', `Cannot bind PersistentVolume to requested PersistentVolumeClaim "${claim.metadata.name}" due to incompatible volumeMode.`);
        this.event(claim, 'Warning', 'VolumeMismatch', `Cannot bind PersistentVolume "${volume.metadata.name}" to requested PersistentVolumeClaim due to incompatible volumeMode.`);
        return;
      }
      // The claim's sync finishes the binding (a provisioner saves only the volume).
      this.queue.add(`claim:${keyOf(claim)}`);
      return;
    }
    if (claim.spec.volumeName === volume.metadata.name) {
      this.updateVolumePhase(volume, 'Bound', '');
      return;
    }
    // The claim went to another volume.
    if (volume.metadata.annotations?.[ANN_PROVISIONED_BY] && volume.spec?.persistentVolumeReclaimPolicy === 'Delete') {
      let pv = volume;
      if (pv.status?.phase !== 'Released' && pv.status?.phase !== 'Failed') pv = this.updateVolumePhase(pv, 'Released', '');
      this.reclaimVolume(pv);
      return;
    }
    this.unbindVolume(volume);
  }

  private unbindVolume(volume: PV): void {
    const next = clone(volume);
    if (next.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER]) {
      next.spec = { ...next.spec };
      delete next.spec.claimRef;
      const { [ANN_BOUND_BY_CONTROLLER]: _gone, ...rest } = next.metadata.annotations;
      next.metadata.annotations = Object.keys(rest).length ? rest : undefined;
      if (!next.metadata.annotations) delete next.metadata.annotations;
    } else if (next.spec?.claimRef) {
      // Pre-bound by a user: only the uid of the old binding goes.
      next.spec.claimRef = { ...next.spec.claimRef, uid: '' };
    }
    const saved = this.api.update<PersistentVolume>('persistentvolumes', '', next);
    this.updateVolumePhase(saved, 'Available', '');
  }

  private reclaimVolume(volume: PV): void {
    switch (volume.spec?.persistentVolumeReclaimPolicy) {
      case 'Retain':
        return;
      case 'Recycle':
        this.recycle(volume);
        return;
      case 'Delete':
        this.deleteVolume(volume);
        return;
      default:
        this.failVolume(volume, 'VolumeUnknownReclaimPolicy', 'Volume has unrecognized PersistentVolumeReclaimPolicy');
    }
  }

  /** The deprecated Recycle policy: hostPath and NFS volumes are scrubbed and offered again. */
  private recycle(volume: PV): void {
    if (!volume.spec?.hostPath && !volume.spec?.nfs) {
      this.failVolume(volume, 'VolumeFailedRecycle', 'No recycler plugin found for the volume!');
      return;
    }
    this.event(volume, 'Normal', 'VolumeRecycled', 'Volume recycled');
    this.unbindVolume(volume);
  }

  private deleteVolume(volume: PV): void {
    if (volume.metadata.deletionTimestamp) return;
    const provisioner = volume.metadata.annotations?.[ANN_PROVISIONED_BY];
    // An external provisioner deletes what it provisioned; the controller waits for it.
    if (provisioner && !provisioner.startsWith('kubernetes.io/')) return;
    const path = volume.spec?.hostPath?.path;
    if (path !== undefined) {
      if (!/^\/tmp\/.+/.test(path)) {
        this.failVolume(volume, 'VolumeFailedDelete', `host_path deleter only supports /tmp/.+ but received provided ${path}`);
        return;
      }
      this.api.delete('persistentvolumes', '', volume.metadata.name);
      return;
    }
    this.failVolume(volume, 'VolumeFailedDelete', `error getting deleter volume plugin for volume "${volume.metadata.name}": no deletable volume plugin matched`);
  }

  private failVolume(volume: PV, reason: string, message: string): void {
    if (volume.status?.phase === 'Failed') return;
    const updated = this.updateVolumePhase(volume, 'Failed', message);
    this.event(updated, 'Warning', reason, message);
  }

  private updateVolumePhase(volume: PV, phase: string, message: string): PV {
    if (volume.status?.phase === phase) return volume;
    const next = clone(volume) as PV & { status?: PersistentVolume['status'] };
    const status: NonNullable<PersistentVolume['status']> = { ...next.status, phase, lastPhaseTransitionTime: this.ctx.clock.timestamp() };
    if (message) status.message = message;
    else delete status.message;
    next.status = status;
    return this.api.updateStatus<PersistentVolume>('persistentvolumes', '', next);
  }

  private event(obj: PersistentVolume | PersistentVolumeClaim, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.event(obj, type, reason, message, SOURCE);
  }
}
