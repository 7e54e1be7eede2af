import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { compareGoStrings, goQuote } from '../../api/names';
import { tryParseQuantity } from '../../api/quantity';
import { forbidden } from '../../api/status';
import type { ApiServer } from '../apiserver';
import { qualifiedName } from '../registry';
import { claimClass } from './resourcequota-usage';
import type { AdmissionPlugin } from './types';

export const PVC_PROTECTION = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION = 'kubernetes.io/pv-protection';
const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
const BETA_DEFAULT_CLASS = 'storageclass.beta.kubernetes.io/is-default-class';

/** GetDefaultClass: of the classes marked default, the newest (then by name). */
export function defaultStorageClass(api: ApiServer): StorageClass | undefined {
  const marked = api.store
    .list('storage.k8s.io/storageclasses')
    .filter((c) => c.metadata.annotations?.[DEFAULT_CLASS] === 'true' || c.metadata.annotations?.[BETA_DEFAULT_CLASS] === 'true');
  marked.sort((a, b) => {
    const t = Date.parse(b.metadata.creationTimestamp) - Date.parse(a.metadata.creationTimestamp);
    return t !== 0 ? t : compareGoStrings(a.metadata.name, b.metadata.name);
  });
  return marked[0] as StorageClass | undefined;
}

const isClaims = (group: string, plural: string) => group === '' && plural === 'persistentvolumeclaims';

/** DefaultStorageClass: a new claim that names no class (not even "") gets the default class. */
export const defaultStorageClassAdmission: AdmissionPlugin = {
  name: 'DefaultStorageClass',
  admit(req, api) {
    if (req.operation !== 'CREATE' || req.subresource || !isClaims(req.resource.group, req.resource.plural)) return;
    const pvc = req.object as PersistentVolumeClaim;
    if (pvc.spec?.storageClassName != null || pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] !== undefined) return;
    const cls = defaultStorageClass(api);
    if (cls?.metadata?.name) pvc.spec = { ...pvc.spec, storageClassName: cls.metadata.name };
  },
};

/**
 * StorageObjectInUseProtection: new claims and volumes carry the protection finalizers, so that
 * one in use is not removed under a pod (the pvc-protection and pv-protection controllers lift them).
 */
export const storageProtectionAdmission: AdmissionPlugin = {
  name: 'StorageObjectInUseProtection',
  admit(req) {
    if (req.operation !== 'CREATE' || req.subresource || req.resource.group !== '' || !req.object) return;
    const finalizer = req.resource.plural === 'persistentvolumeclaims' ? PVC_PROTECTION : req.resource.plural === 'persistentvolumes' ? PV_PROTECTION : '';
    if (!finalizer) return;
    const obj = req.object as PersistentVolume | PersistentVolumeClaim;
    const finalizers = obj.metadata?.finalizers ?? [];
    if (!finalizers.includes(finalizer)) obj.metadata = { ...obj.metadata, finalizers: [...finalizers, finalizer] };
  },
};

/** PersistentVolumeClaimResize: a bound claim may grow only when its class allows volume expansion. */
export const claimResizeAdmission: AdmissionPlugin = {
  name: 'PersistentVolumeClaimResize',
  validate(req, api) {
    if (req.operation !== 'UPDATE' || req.subresource || !isClaims(req.resource.group, req.resource.plural)) return;
    const pvc = req.object as PersistentVolumeClaim;
    const old = req.oldObject as PersistentVolumeClaim | undefined;
    if (!old) return;
    const next = tryParseQuantity(pvc.spec?.resources?.requests?.storage as string | undefined);
    const prev = tryParseQuantity(old.spec?.resources?.requests?.storage as string | undefined);
    if (!next || (prev && next.cmp(prev) <= 0)) return;
    const refuse = (why: string) => forbidden(`${qualifiedName(req.resource)} ${goQuote(req.name)} is forbidden: ${why}`);
    if (old.status?.phase !== 'Bound') throw refuse('Only bound persistent volume claims can be expanded');
    const cls = claimClass(pvc);
    const sc = cls && cls === claimClass(old) ? (api.store.get('storage.k8s.io/storageclasses', '', cls) as StorageClass | undefined) : undefined;
    if (!sc?.allowVolumeExpansion) {
      throw refuse('only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize');
    }
  },
};
