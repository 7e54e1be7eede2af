import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import { tryParseQuantity } from '../../api/quantity';
import { clone, type Stored } from '../../api/types';
import { Controller, type ControllerContext } from '../controller';
import { type Informer, keyOf, splitKey } from '../informer';

export const ANN_STORAGE_RESIZER = 'volume.kubernetes.io/storage-resizer';

const size = (v: unknown) => tryParseQuantity(v as string | undefined);

/** A bound claim asks for more than it has. */
function wantsMore(pvc: PersistentVolumeClaim): boolean {
  const want = size(pvc.spec?.resources?.requests?.storage);
  const have = size(pvc.status?.capacity?.storage);
  return pvc.status?.phase === 'Bound' && !!want && !!have && want.cmp(have) > 0;
}

/**
 * Volume expansion after a bound claim's request grew (PersistentVolumeClaimResize admission
 * has checked that its class allows it). The expand controller hands CSI volumes to their
 * driver's external resizer (simulated here: the volume and then the claim's capacity grow) and
 * otherwise says it waits for an external controller, as for kind's local-path volumes, which
 * nothing can resize.
 */
export class ExpandController extends Controller {
  private readonly claims: Informer<PersistentVolumeClaim>;
  private readonly volumes: Informer<PersistentVolume>;

  constructor(ctx: ControllerContext) {
    super('expand-controller', ctx);
    this.claims = ctx.informers.for<PersistentVolumeClaim>('persistentvolumeclaims');
    this.volumes = ctx.informers.for<PersistentVolume>('persistentvolumes');
    this.claims.addHandlers({
      add: (c) => wantsMore(c) && this.queue.add(keyOf(c)),
      update: (c, old) => {
        const grew = c.spec?.resources?.requests?.storage !== old.spec?.resources?.requests?.storage;
        const resizer = c.metadata.annotations?.[ANN_STORAGE_RESIZER] !== old.metadata.annotations?.[ANN_STORAGE_RESIZER];
        if ((grew || resizer) && wantsMore(c)) this.queue.add(keyOf(c));
      },
    });
  }

  reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    const pvc = this.claims.get(ns, name);
    if (!pvc || !wantsMore(pvc)) return;
    const pv = this.volumes.get('', pvc.spec?.volumeName ?? '');
    if (!pv) return;
    const driver = pv.spec?.csi?.driver;
    if (!driver) {
      this.ctx.events.event(pvc, 'Normal', 'ExternalExpanding', 'waiting for an external controller to expand this PVC', { component: 'volume_expand' });
      return;
    }
    if (pvc.metadata.annotations?.[ANN_STORAGE_RESIZER] !== driver) {
      const next = clone(pvc);
      next.metadata.annotations = { ...next.metadata.annotations, [ANN_STORAGE_RESIZER]: driver };
      this.api.update('persistentvolumeclaims', ns, next);
      return;
    }
    this.resize(pvc, pv, driver);
  }

  /** The CSI external-resizer: grow the volume, then report the claim's new capacity. */
  private resize(pvc: Stored<PersistentVolumeClaim>, pv: Stored<PersistentVolume>, driver: string): void {
    const source = { component: `external-resizer ${driver}` };
    const want = pvc.spec?.resources?.requests?.storage as string;
    this.ctx.events.event(pvc, 'Normal', 'Resizing', `External resizer is resizing volume ${pv.metadata.name}`, source);
    const grown = size(pv.spec?.capacity?.storage);
    if (!grown || grown.cmp(size(want) ?? grown) < 0) {
      const next = clone(pv);
      next.spec = { ...next.spec, capacity: { ...next.spec?.capacity, storage: want } };
      this.api.update('persistentvolumes', '', next);
    }
    const claim = clone(pvc) as Stored<PersistentVolumeClaim> & { status?: PersistentVolumeClaim['status'] };
    claim.status = { ...claim.status, capacity: { ...claim.status?.capacity, storage: want } };
    this.api.updateStatus('persistentvolumeclaims', pvc.metadata.namespace ?? '', claim);
    this.ctx.events.event(pvc, 'Normal', 'VolumeResizeSuccessful', 'Resize volume succeeded', source);
  }
}
