import type { PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { compareGoStrings } from '../../api/names';
import { isStatusError } from '../../api/status';
import type { Stored } from '../../api/types';
import { Controller, type ControllerContext } from '../controller';
import { type Informer, keyOf, splitKey } from '../informer';
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_PROVISIONED_BY,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  claimClass,
  claimRefOf,
} from '../persistentvolume/matching';

export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';
/** Where the volumes live on the node (kind's local-path-config: nodePathMap DEFAULT_PATH_FOR_NON_LISTED_NODES). */
export const LOCAL_PATH_ROOT = '/var/local-path-provisioner';
/** How long the helper pod takes to create a volume's directory, and to remove it. */
export const PROVISION_MS = 3_000;
export const DELETE_MS = 2_000;
/** How soon a failed provisioning is tried again. */
const RETRY_MS = 15_000;
const SUPPORTED_MODES = ['ReadWriteOnce', 'ReadWriteOncePod'];
const BY_NAMESPACE = 'namespace';

interface State {
  /** Claim uid → when provisioning started. */
  provisioning: Record<string, number>;
  /** Volume name → when deletion started. */
  deleting: Record<string, number>;
}

/**
 * kind's dynamic provisioner for the `standard` class (rancher.io/local-path): once the PV
 * controller has asked for a volume (storage-provisioner annotation) and, for
 * WaitForFirstConsumer, the scheduler has chosen a node (selected-node annotation), it creates
 * `pvc-<uid>`: a hostPath directory `/var/local-path-provisioner/pvc-<uid>_<ns>_<claim>` on that
 * node, with node affinity to it and the class's reclaim policy. Released volumes of the Delete
 * policy are removed with their directory. Keys: `claim:<ns>/<name>`, `volume:<name>`.
 */
export class LocalPathProvisioner extends Controller {
  private readonly claims: Informer<PersistentVolumeClaim>;
  private readonly volumes: Informer<PersistentVolume>;
  private readonly classes: Informer<StorageClass>;
  private readonly pods: Informer<Pod>;
  private readonly identity: string;
  private state: State = { provisioning: {}, deleting: {} };

  constructor(ctx: ControllerContext) {
    super('local-path-provisioner', ctx);
    this.claims = ctx.informers.for<PersistentVolumeClaim>('persistentvolumeclaims');
    this.volumes = ctx.informers.for<PersistentVolume>('persistentvolumes');
    this.classes = ctx.informers.for<StorageClass>('storage.k8s.io/storageclasses');
    this.pods = ctx.informers.for<Pod>('pods');
    this.pods.addIndex(BY_NAMESPACE, (p) => [p.metadata.namespace ?? '']);
    this.identity = ctx.random.stream('local-path-provisioner').uuid();
    const claim = (c: Stored<PersistentVolumeClaim>) => this.queue.add(`claim:${keyOf(c)}`);
    this.claims.addHandlers({ add: claim, update: claim });
    const volume = (v: Stored<PersistentVolume>) => this.queue.add(`volume:${v.metadata.name}`);
    this.volumes.addHandlers({ add: volume, update: volume });
  }

  snapshotState(): State {
    return structuredClone(this.state);
  }

  restoreState(state: unknown): void {
    this.state = structuredClone(state as State);
  }

  /** The recorder identity the provisioner's events carry: `rancher.io/local-path_<pod>_<uuid>`. */
  private source(): { component: string } {
    const pod = this.pods
      .byIndex(BY_NAMESPACE, 'local-path-storage')
      .filter((p) => p.metadata.labels?.app === 'local-path-provisioner' && !p.metadata.deletionTimestamp)
      .map((p) => p.metadata.name)
      .sort(compareGoStrings)[0];
    return { component: `${LOCAL_PATH_PROVISIONER}_${pod ?? 'local-path-provisioner'}_${this.identity}` };
  }

  reconcile(key: string): number | undefined {
    if (key.startsWith('claim:')) {
      const [ns, name] = splitKey(key.slice('claim:'.length));
      return this.syncClaim(ns, name);
    }
    if (key.startsWith('volume:')) return this.syncVolume(key.slice('volume:'.length));
    return undefined;
  }

  private syncClaim(ns: string, name: string): number | undefined {
    const pvc = this.claims.get(ns, name);
    const uid = pvc?.metadata.uid ?? '';
    const done = () => {
      delete this.state.provisioning[uid];
      return undefined;
    };
    if (!pvc || pvc.spec?.volumeName || pvc.metadata.deletionTimestamp) return done();
    const cls = this.classes.get('', claimClass(pvc));
    if (!cls || cls.provisioner !== LOCAL_PATH_PROVISIONER) return done();
    const ann = pvc.metadata.annotations ?? {};
    if (ann[ANN_STORAGE_PROVISIONER] !== LOCAL_PATH_PROVISIONER && ann[ANN_BETA_STORAGE_PROVISIONER] !== LOCAL_PATH_PROVISIONER) return done();
    const node = ann[ANN_SELECTED_NODE];
    if (cls.volumeBindingMode === 'WaitForFirstConsumer' && !node) return done();
    const pvName = `pvc-${uid}`;
    if (this.volumes.get('', pvName)) return done();
    const warn = (message: string) => this.ctx.events.event(pvc, 'Warning', 'ProvisioningFailed', message, this.source());
    if (pvc.spec?.volumeMode === 'Block') {
      warn(`${LOCAL_PATH_PROVISIONER} does not support block volume provisioning`);
      return RETRY_MS;
    }
    const started = this.state.provisioning[uid];
    if (started === undefined) {
      this.ctx.events.event(pvc, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${ns}/${name}"`, this.source());
      if (!(pvc.spec?.accessModes ?? []).every((m) => SUPPORTED_MODES.includes(m))) {
        warn(`failed to provision volume with StorageClass "${cls.metadata?.name}": NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes`);
        return RETRY_MS;
      }
      if (!node) {
        warn(`failed to provision volume with StorageClass "${cls.metadata?.name}": configuration error, no node was specified`);
        return RETRY_MS;
      }
      this.state.provisioning[uid] = this.ctx.clock.now();
      return PROVISION_MS;
    }
    const left = started + PROVISION_MS - this.ctx.clock.now();
    if (left > 0) return left;
    this.api.create<PersistentVolume>('persistentvolumes', '', this.volumeFor(pvc, cls, node as string));
    this.ctx.events.event(pvc, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`, this.source());
    return done();
  }

  private volumeFor(pvc: Stored<PersistentVolumeClaim>, cls: StorageClass, node: string): PersistentVolume {
    const pv: PersistentVolume = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: `pvc-${pvc.metadata.uid}`, annotations: { [ANN_PROVISIONED_BY]: LOCAL_PATH_PROVISIONER } },
      spec: {
        accessModes: [...(pvc.spec?.accessModes ?? [])],
        capacity: { storage: pvc.spec?.resources?.requests?.storage as string },
        claimRef: claimRefOf(pvc),
        hostPath: { path: `${LOCAL_PATH_ROOT}/pvc-${pvc.metadata.uid}_${pvc.metadata.namespace}_${pvc.metadata.name}`, type: 'DirectoryOrCreate' },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
        persistentVolumeReclaimPolicy: cls.reclaimPolicy ?? 'Delete',
        storageClassName: cls.metadata?.name,
        volumeMode: 'Filesystem',
      },
    };
    if (cls.mountOptions?.length) (pv.spec as NonNullable<PersistentVolume['spec']>).mountOptions = [...cls.mountOptions];
    return pv;
  }

  /** A released volume of ours with the Delete policy goes, once its directory is removed. */
  private syncVolume(name: string): number | undefined {
    const pv = this.volumes.get('', name);
    const wanted =
      !!pv &&
      pv.metadata.annotations?.[ANN_PROVISIONED_BY] === LOCAL_PATH_PROVISIONER &&
      pv.status?.phase === 'Released' &&
      pv.spec?.persistentVolumeReclaimPolicy === 'Delete' &&
      !pv.metadata.deletionTimestamp;
    if (!wanted) {
      delete this.state.deleting[name];
      return undefined;
    }
    const started = this.state.deleting[name];
    if (started === undefined) {
      this.state.deleting[name] = this.ctx.clock.now();
      return DELETE_MS;
    }
    const left = started + DELETE_MS - this.ctx.clock.now();
    if (left > 0) return left;
    try {
      this.api.delete('persistentvolumes', '', name);
    } catch (e) {
      if (!isStatusError(e, 'NotFound')) throw e;
    }
    delete this.state.deleting[name];
    return undefined;
  }
}
