import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type {
  CSIDriver,
  CSINode,
  CSIStorageCapacity,
  StorageClass,
  VolumeAttachment,
} from 'kubernetes-types/storage/v1';
import { canonicalQuantity } from '../quantity';
import { ageColumn, as, bool, field, nameColumn } from './common';
import type { ColumnDef } from './types';

const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** RWO, ROX, RWX, RWOP in that order, whatever order the object lists them in. */
export function accessModes(modes: readonly string[] | undefined): string {
  const set = new Set(modes ?? []);
  const out: string[] = [];
  if (set.has('ReadWriteOnce')) out.push('RWO');
  if (set.has('ReadOnlyMany')) out.push('ROX');
  if (set.has('ReadWriteMany')) out.push('RWX');
  if (set.has('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

const phaseOrTerminating = (o: PersistentVolume | PersistentVolumeClaim): string =>
  o.metadata?.deletionTimestamp != null ? 'Terminating' : (o.status?.phase ?? '');

function pvClass(pv: PersistentVolume): string {
  return pv.metadata?.annotations?.[BETA_CLASS_ANNOTATION] ?? pv.spec?.storageClassName ?? '';
}

function pvcClass(pvc: PersistentVolumeClaim): string {
  return pvc.metadata?.annotations?.[BETA_CLASS_ANNOTATION] ?? pvc.spec?.storageClassName ?? '';
}

export const persistentVolumeColumns: ColumnDef[] = [
  nameColumn,
  {
    name: 'Capacity',
    cell: (o) => canonicalQuantity(as<PersistentVolume>(o).spec?.capacity?.storage),
  },
  {
    name: 'Access Modes',
    cell: (o) => accessModes(as<PersistentVolume>(o).spec?.accessModes),
  },
  {
    name: 'Reclaim Policy',
    cell: (o) => as<PersistentVolume>(o).spec?.persistentVolumeReclaimPolicy ?? '',
  },
  { name: 'Status', cell: (o) => phaseOrTerminating(as<PersistentVolume>(o)) },
  {
    name: 'Claim',
    cell: (o) => {
      const ref = as<PersistentVolume>(o).spec?.claimRef;
      return ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '';
    },
  },
  { name: 'StorageClass', cell: (o) => pvClass(as<PersistentVolume>(o)) },
  {
    name: 'VolumeAttributesClass',
    cell: (o) => (field(o, 'spec', 'volumeAttributesClassName') as string | undefined) ?? '<unset>',
  },
  { name: 'Reason', cell: (o) => as<PersistentVolume>(o).status?.reason ?? '' },
  ageColumn,
  {
    name: 'VolumeMode',
    wide: true,
    cell: (o) => as<PersistentVolume>(o).spec?.volumeMode ?? '<unset>',
  },
];

export const persistentVolumeClaimColumns: ColumnDef[] = [
  nameColumn,
  {
    name: 'Status',
    cell: (o) => phaseOrTerminating(as<PersistentVolumeClaim>(o)),
  },
  {
    name: 'Volume',
    cell: (o) => as<PersistentVolumeClaim>(o).spec?.volumeName ?? '',
  },
  {
    name: 'Capacity',
    cell: (o) => {
      const pvc = as<PersistentVolumeClaim>(o);
      return pvc.spec?.volumeName ? canonicalQuantity(pvc.status?.capacity?.storage) : '';
    },
  },
  {
    name: 'Access Modes',
    cell: (o) => {
      const pvc = as<PersistentVolumeClaim>(o);
      return pvc.spec?.volumeName ? accessModes(pvc.status?.accessModes) : '';
    },
  },
  { name: 'StorageClass', cell: (o) => pvcClass(as<PersistentVolumeClaim>(o)) },
  {
    name: 'VolumeAttributesClass',
    cell: (o) => (field(o, 'spec', 'volumeAttributesClassName') as string | undefined) ?? '<unset>',
  },
  ageColumn,
  {
    name: 'VolumeMode',
    wide: true,
    cell: (o) => as<PersistentVolumeClaim>(o).spec?.volumeMode ?? '<unset>',
  },
];

function isDefaultClass(sc: StorageClass): boolean {
  const a = sc.metadata?.annotations ?? {};
  return (
    a['storageclass.kubernetes.io/is-default-class'] === 'true' ||
    a['storageclass.beta.kubernetes.io/is-default-class'] === 'true'
  );
}

export const storageClassColumns: ColumnDef[] = [
  {
    ...nameColumn,
    cell: (o) => {
      const sc = as<StorageClass>(o);
      const name = sc.metadata?.name ?? '';
      return isDefaultClass(sc) ? `${name} (default)` : name;
    },
  },
  { name: 'Provisioner', cell: (o) => as<StorageClass>(o).provisioner ?? '' },
  {
    name: 'ReclaimPolicy',
    cell: (o) => as<StorageClass>(o).reclaimPolicy ?? 'Delete',
  },
  {
    name: 'VolumeBindingMode',
    cell: (o) => as<StorageClass>(o).volumeBindingMode ?? 'Immediate',
  },
  {
    name: 'AllowVolumeExpansion',
    cell: (o) => bool(as<StorageClass>(o).allowVolumeExpansion),
  },
  ageColumn,
];

export const csiDriverColumns: ColumnDef[] = [
  nameColumn,
  {
    name: 'AttachRequired',
    cell: (o) => bool(as<CSIDriver>(o).spec?.attachRequired ?? true),
  },
  {
    name: 'PodInfoOnMount',
    cell: (o) => bool(as<CSIDriver>(o).spec?.podInfoOnMount),
  },
  {
    name: 'StorageCapacity',
    cell: (o) => bool(as<CSIDriver>(o).spec?.storageCapacity),
  },
  {
    name: 'TokenRequests',
    cell: (o) => {
      const reqs = as<CSIDriver>(o).spec?.tokenRequests;
      return reqs == null ? '<unset>' : reqs.map((t) => t.audience).join(',');
    },
  },
  {
    name: 'RequiresRepublish',
    cell: (o) => bool(as<CSIDriver>(o).spec?.requiresRepublish),
  },
  {
    name: 'Modes',
    cell: (o) => (as<CSIDriver>(o).spec?.volumeLifecycleModes ?? []).join(',') || '<none>',
  },
  ageColumn,
];

export const csiNodeColumns: ColumnDef[] = [
  nameColumn,
  {
    name: 'Drivers',
    cell: (o) => String(as<CSINode>(o).spec?.drivers?.length ?? 0),
  },
  ageColumn,
];

export const csiStorageCapacityColumns: ColumnDef[] = [
  nameColumn,
  {
    name: 'StorageClassName',
    cell: (o) => as<CSIStorageCapacity>(o).storageClassName ?? '',
  },
  {
    name: 'Capacity',
    cell: (o) => {
      const c = as<CSIStorageCapacity>(o).capacity;
      return c == null ? '<unset>' : canonicalQuantity(c);
    },
  },
];

export const volumeAttachmentColumns: ColumnDef[] = [
  nameColumn,
  {
    name: 'Attacher',
    cell: (o) => as<VolumeAttachment>(o).spec?.attacher ?? '',
  },
  {
    name: 'PV',
    cell: (o) => as<VolumeAttachment>(o).spec?.source?.persistentVolumeName ?? '',
  },
  { name: 'Node', cell: (o) => as<VolumeAttachment>(o).spec?.nodeName ?? '' },
  {
    name: 'Attached',
    cell: (o) => bool(as<VolumeAttachment>(o).status?.attached),
  },
  ageColumn,
];
