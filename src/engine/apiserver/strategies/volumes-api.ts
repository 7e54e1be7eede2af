import type { PersistentVolume, PersistentVolumeClaim, PersistentVolumeSpec } from 'kubernetes-types/core/v1';
import { isDNS1123Subdomain } from '../../api/names';
import { tryParseQuantity, ZERO } from '../../api/quantity';
import type { FieldError } from '../../api/status';
import type { Strategy } from '../strategy';
import { semanticEqual, validateImmutable, ensureField } from './common';
import { child, fe, key } from './errors';
import { asDecodeError, defaultPVCSpec, defaultResourceList } from './podspec-defaults';
import { specDiff } from './specdiff';
import { validatePathNoBacksteps, validatePVCSpec } from './volumes';

/** PersistentVolumes and PersistentVolumeClaims. */

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];
/** The volume sources a PersistentVolume may have, in validation order. */
const PV_SOURCES = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'glusterfs',
  'flocker',
  'nfs',
  'rbd',
  'quobyte',
  'cephfs',
  'iscsi',
  'cinder',
  'fc',
  'flexVolume',
  'azureFile',
  'vsphereVolume',
  'photonPersistentDisk',
  'portworxVolume',
  'azureDisk',
  'scaleIO',
  'local',
  'storageos',
  'csi',
];

function validatePVSpec(spec: PersistentVolumeSpec | undefined): FieldError[] {
  const s: PersistentVolumeSpec = spec ?? {};
  const path = 'spec';
  const errs: FieldError[] = [];
  if (!s.accessModes?.length) errs.push(fe.required(child(path, 'accessModes')));
  let rwop = false;
  let other = false;
  for (const m of s.accessModes ?? []) {
    if (!ACCESS_MODES.includes(m)) errs.push(fe.notSupported(child(path, 'accessModes'), m, ACCESS_MODES));
    if (m === 'ReadWriteOncePod') rwop = true;
    else if (ACCESS_MODES.includes(m)) other = true;
  }
  if (rwop && other) errs.push(fe.forbidden(child(path, 'accessModes'), 'may not use ReadWriteOncePod with other access modes'));
  const capacity = (s.capacity ?? {}) as Record<string, string>;
  const keys = Object.keys(capacity);
  if (!keys.length) errs.push(fe.required(child(path, 'capacity')));
  if (!('storage' in capacity) || keys.length > 1) errs.push(fe.notSupported(child(path, 'capacity'), capacity, ['storage']));
  for (const k of keys.sort()) {
    const q = tryParseQuantity(capacity[k]);
    if (!q || q.sign() <= 0)
      errs.push(fe.invalid(key(child(path, 'capacity'), k), q ? q.toString() : capacity[k], 'must be greater than zero'));
  }
  const policy = s.persistentVolumeReclaimPolicy;
  if (policy && !RECLAIM_POLICIES.includes(policy))
    errs.push(fe.notSupported(child(path, 'persistentVolumeReclaimPolicy'), policy, RECLAIM_POLICIES));
  const src = s as Record<string, unknown>;
  let count = 0;
  for (const field of PV_SOURCES) {
    if (src[field] == null) continue;
    if (count > 0) {
      errs.push(fe.forbidden(child(path, field), 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    if (field === 'hostPath') {
      const p = s.hostPath?.path;
      if (!p) errs.push(fe.required(child(path, 'hostPath', 'path')));
      else errs.push(...validatePathNoBacksteps(p, child(path, 'hostPath', 'path')));
    }
    if (field === 'local') {
      if (!s.local?.path) errs.push(fe.required(child(path, 'local', 'path')));
      if (!s.nodeAffinity?.required) errs.push(fe.required(child(path, 'nodeAffinity'), 'Local volume requires node affinity'));
    }
    if (field === 'nfs') {
      if (!s.nfs?.server) errs.push(fe.required(child(path, 'nfs', 'server')));
      if (!s.nfs?.path) errs.push(fe.required(child(path, 'nfs', 'path')));
    }
    if (field === 'csi') {
      if (!s.csi?.driver) errs.push(fe.required(child(path, 'csi', 'driver')));
      if (!s.csi?.volumeHandle) errs.push(fe.required(child(path, 'csi', 'volumeHandle')));
    }
  }
  if (count === 0) errs.push(fe.required(path, 'must specify a volume type'));
  if (s.storageClassName) {
    for (const msg of isDNS1123Subdomain(s.storageClassName))
      errs.push(fe.invalid(child(path, 'storageClassName'), s.storageClassName, msg));
  }
  if (s.volumeMode && !['Block', 'Filesystem'].includes(s.volumeMode)) {
    errs.push(fe.notSupported(child(path, 'volumeMode'), s.volumeMode, ['Block', 'Filesystem']));
  }
  return errs;
}

const sourceOf = (s: PersistentVolumeSpec | undefined) =>
  Object.fromEntries(
    PV_SOURCES.filter((f) => (s as Record<string, unknown> | undefined)?.[f] != null).map((f) => [f, (s as Record<string, unknown>)[f]]),
  );

export const persistentVolumeStrategy: Strategy<PersistentVolume> = {
  statusSubresource: true,
  defaults(pv) {
    asDecodeError(pv, () => {
      const status = ensureField(pv as { status?: PersistentVolume['status'] }, 'status', {});
      status.phase ||= 'Pending';
      const spec = ensureField(pv, 'spec', {});
      spec.persistentVolumeReclaimPolicy ||= 'Retain';
      spec.volumeMode ||= 'Filesystem';
      if (spec.hostPath && spec.hostPath.type === undefined) spec.hostPath.type = '';
      defaultResourceList(spec.capacity as Record<string, string> | undefined);
    });
  },
  validate(pv) {
    return validatePVSpec(pv.spec);
  },
  validateUpdate(pv, old) {
    const errs: FieldError[] = [];
    if (!semanticEqual(sourceOf(pv.spec), sourceOf(old.spec))) {
      errs.push(
        fe.forbidden(
          'spec.persistentvolumesource',
          `spec.persistentvolumesource is immutable after creation\n${specDiff('core.PersistentVolumeSource', sourceOf(old.spec), sourceOf(pv.spec))}`,
        ),
      );
    }
    errs.push(...validateImmutable(pv.spec?.volumeMode ?? null, old.spec?.volumeMode ?? null, 'volumeMode'));
    return errs;
  },
};

export const persistentVolumeClaimStrategy: Strategy<PersistentVolumeClaim> = {
  statusSubresource: true,
  defaults(pvc) {
    asDecodeError(pvc, () => {
      const status = ensureField(pvc as { status?: PersistentVolumeClaim['status'] }, 'status', {});
      status.phase ||= 'Pending';
      defaultPVCSpec(ensureField(pvc, 'spec', {}));
    });
  },
  prepareForCreate(pvc) {
    (pvc as { status?: PersistentVolumeClaim['status'] }).status = {
      phase: 'Pending',
    };
  },
  validate(pvc) {
    return validatePVCSpec(pvc.spec, 'spec');
  },
  validateUpdate(pvc, old) {
    const next = structuredClone(pvc.spec ?? {});
    const prev = structuredClone(old.spec ?? {});
    // The binder sets volumeName once; a bound claim may grow its storage request.
    if (!prev.volumeName) prev.volumeName = next.volumeName;
    const bound = pvc.status?.phase === 'Bound';
    if (bound && next.resources?.requests) next.resources.requests.storage = prev.resources?.requests?.storage as string;
    if (bound) next.volumeAttributesClassName = prev.volumeAttributesClassName;
    const errs: FieldError[] = [];
    if (!semanticEqual(next, prev)) {
      errs.push(
        fe.forbidden(
          'spec',
          `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${specDiff('core.PersistentVolumeClaimSpec', prev, next)}`,
        ),
      );
    }
    const newSize = tryParseQuantity(pvc.spec?.resources?.requests?.storage as string | undefined);
    const oldSize = tryParseQuantity(old.spec?.resources?.requests?.storage as string | undefined);
    const statusSize = tryParseQuantity(old.status?.capacity?.storage as string | undefined);
    if (newSize && oldSize && newSize.cmp(oldSize) < 0 && newSize.cmp(statusSize ?? ZERO) <= 0) {
      errs.push(fe.forbidden('spec.resources.requests.storage', 'field can not be less than status.capacity'));
    }
    errs.push(...validateImmutable(pvc.spec?.volumeMode ?? null, old.spec?.volumeMode ?? null, 'volumeMode'));
    return errs;
  },
};
