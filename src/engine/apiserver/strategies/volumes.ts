import type { KeyToPath, PersistentVolumeClaimSpec, Volume } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { isDNS1123Subdomain } from '../../api/names';
import { tryParseQuantity } from '../../api/quantity';
import type { FieldError } from '../../api/status';
import { validateDNS1123Label, validateLabelSelector, validateLabels } from './common';
import { child, fe, index, key } from './errors';
import { validateAnnotations } from './meta';

/**
 * Pod volume validation (ValidateVolumes and validateVolumeSource). The sources a simulated
 * node can actually mount are validated in depth; the cloud and network ones are only counted,
 * so "one source per volume" still holds.
 */

const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';

/** validateVolumeSource's order and the path each source is reported at when doubled. */
const SOURCES: [string, string][] = [
  ['emptyDir', 'emptyDir'],
  ['hostPath', 'hostPath'],
  ['gitRepo', 'gitRepo'],
  ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'],
  ['secret', 'secret'],
  ['nfs', 'nfs'],
  ['iscsi', 'iscsi'],
  ['glusterfs', 'glusterfs'],
  ['flocker', 'flocker'],
  ['persistentVolumeClaim', 'persistentVolumeClaim'],
  ['rbd', 'rbd'],
  ['cinder', 'cinder'],
  ['cephfs', 'cephFS'],
  ['quobyte', 'quobyte'],
  // Upstream's path really is misspelt.
  ['downwardAPI', 'downwarAPI'],
  ['fc', 'fc'],
  ['flexVolume', 'flexVolume'],
  ['configMap', 'configMap'],
  ['azureFile', 'azureFile'],
  ['vsphereVolume', 'vsphereVolume'],
  ['photonPersistentDisk', 'photonPersistentDisk'],
  ['portworxVolume', 'portworxVolume'],
  ['azureDisk', 'azureDisk'],
  ['storageos', 'storageos'],
  ['projected', 'projected'],
  ['scaleIO', 'scaleIO'],
  ['csi', 'csi'],
  ['ephemeral', 'ephemeral'],
  ['image', 'image'],
];

function validateFileMode(mode: number | undefined, path: string): FieldError[] {
  return mode !== undefined && (mode > 0o777 || mode < 0) ? [fe.invalid(path, mode, FILE_MODE_ERROR)] : [];
}

/** validateLocalDescendingPath: relative, and no `..` element. */
export function validateLocalDescendingPath(p: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (p.startsWith('/')) errs.push(fe.invalid(path, p, 'must be a relative path'));
  if (p.split(/[\\/]/).includes('..')) errs.push(fe.invalid(path, p, "must not contain '..'"));
  return errs;
}

/** validatePathNoBacksteps. */
export function validatePathNoBacksteps(p: string, path: string): FieldError[] {
  return p.split(/[\\/]/).includes('..') ? [fe.invalid(path, p, "must not contain '..'")] : [];
}

/** ValidateLocalNonReservedPath: descending, and not starting with `..`. */
function validateLocalNonReservedPath(p: string, path: string): FieldError[] {
  const errs = validateLocalDescendingPath(p, path);
  if (p.startsWith('..')) errs.push(fe.invalid(path, p, "must not start with '..'"));
  return errs;
}

function validateKeyToPath(kp: KeyToPath, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!kp.key) errs.push(fe.required(child(path, 'key')));
  if (!kp.path) errs.push(fe.required(child(path, 'path')));
  errs.push(...validateLocalNonReservedPath(kp.path ?? '', child(path, 'path')));
  errs.push(...validateFileMode(kp.mode, child(path, 'mode')));
  return errs;
}

const SUPPORTED_HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];
const SUPPORTED_ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

/** ValidatePersistentVolumeClaimSpec. */
export function validatePVCSpec(spec: PersistentVolumeClaimSpec | undefined, path: string): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  if (!s.accessModes?.length) errs.push(fe.required(child(path, 'accessModes'), 'at least 1 access mode is required'));
  if (s.selector) errs.push(...validateLabelSelector(s.selector, child(path, 'selector')));
  let rwop = false;
  let other = false;
  for (const m of s.accessModes ?? []) {
    if (!SUPPORTED_ACCESS_MODES.includes(m)) errs.push(fe.notSupported(child(path, 'accessModes'), m, SUPPORTED_ACCESS_MODES));
    if (m === 'ReadWriteOncePod') rwop = true;
    else if (SUPPORTED_ACCESS_MODES.includes(m)) other = true;
  }
  if (rwop && other) errs.push(fe.forbidden(child(path, 'accessModes'), 'may not use ReadWriteOncePod with other access modes'));
  const storagePath = key(child(path, 'resources'), 'storage');
  const storage = s.resources?.requests?.storage;
  if (storage === undefined) errs.push(fe.required(storagePath));
  else {
    const q = tryParseQuantity(storage as string);
    if (!q || q.sign() <= 0) errs.push(fe.invalid(storagePath, q ? q.toString() : String(storage), 'must be greater than zero'));
  }
  if (s.storageClassName) {
    for (const msg of isDNS1123Subdomain(s.storageClassName))
      errs.push(fe.invalid(child(path, 'storageClassName'), s.storageClassName, msg));
  }
  if (s.volumeMode && !['Block', 'Filesystem'].includes(s.volumeMode)) {
    errs.push(fe.notSupported(child(path, 'volumeMode'), s.volumeMode, ['Block', 'Filesystem']));
  }
  return errs;
}

function validateSource(v: Volume, path: string, podMeta: ObjectMeta | undefined): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  const src = v as unknown as Record<string, unknown>;
  for (const [field, shown] of SOURCES) {
    if (src[field] == null) continue;
    if (count > 0) {
      errs.push(fe.forbidden(child(path, shown), 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    errs.push(...validateOneSource(v, field, child(path, field), podMeta, path));
  }
  if (count === 0) errs.push(fe.required(path, 'must specify a volume type'));
  return errs;
}

function validateOneSource(v: Volume, field: string, p: string, podMeta: ObjectMeta | undefined, volPath: string): FieldError[] {
  const errs: FieldError[] = [];
  switch (field) {
    case 'emptyDir': {
      const limit = v.emptyDir?.sizeLimit;
      if (limit !== undefined && (tryParseQuantity(limit)?.sign() ?? 0) < 0) {
        errs.push(fe.forbidden(child(p, 'sizeLimit'), 'SizeLimit field must be a valid resource quantity'));
      }
      break;
    }
    case 'hostPath': {
      const hp = v.hostPath;
      if (!hp?.path) return [fe.required(child(p, 'path'))];
      errs.push(...validatePathNoBacksteps(hp.path, child(p, 'path')));
      if (hp.type !== undefined && !SUPPORTED_HOST_PATH_TYPES.includes(hp.type)) {
        errs.push(fe.notSupported(child(p, 'type'), hp.type, SUPPORTED_HOST_PATH_TYPES));
      }
      break;
    }
    case 'secret':
      if (!v.secret?.secretName) errs.push(fe.required(child(p, 'secretName')));
      errs.push(...validateFileMode(v.secret?.defaultMode, child(p, 'defaultMode')));
      (v.secret?.items ?? []).forEach((kp, i) => {
        errs.push(...validateKeyToPath(kp, index(child(p, 'items'), i)));
      });
      break;
    case 'configMap':
      if (!v.configMap?.name) errs.push(fe.required(child(p, 'name')));
      errs.push(...validateFileMode(v.configMap?.defaultMode, child(p, 'defaultMode')));
      (v.configMap?.items ?? []).forEach((kp, i) => {
        errs.push(...validateKeyToPath(kp, index(child(p, 'items'), i)));
      });
      break;
    case 'persistentVolumeClaim':
      if (!v.persistentVolumeClaim?.claimName) errs.push(fe.required(child(p, 'claimName')));
      break;
    case 'nfs':
      if (!v.nfs?.server) errs.push(fe.required(child(p, 'server')));
      if (!v.nfs?.path) errs.push(fe.required(child(p, 'path')));
      if (!(v.nfs?.path ?? '').startsWith('/')) errs.push(fe.invalid(child(p, 'path'), v.nfs?.path ?? '', 'must be an absolute path'));
      break;
    case 'downwardAPI':
      errs.push(...validateFileMode(v.downwardAPI?.defaultMode, child(p, 'defaultMode')));
      for (const item of v.downwardAPI?.items ?? []) {
        if (!item.path) errs.push(fe.required(child(p, 'path')));
        if (!item.fieldRef && !item.resourceFieldRef) errs.push(fe.required(p, 'one of fieldRef and resourceFieldRef is required'));
      }
      break;
    case 'projected':
      errs.push(...validateFileMode(v.projected?.defaultMode, child(p, 'defaultMode')));
      break;
    case 'csi':
      if (!v.csi?.driver) errs.push(fe.required(child(p, 'driver')));
      break;
    case 'ephemeral': {
      const t = v.ephemeral?.volumeClaimTemplate;
      if (!t) errs.push(fe.required(child(p, 'volumeClaimTemplate')));
      else {
        const tp = child(p, 'volumeClaimTemplate');
        errs.push(...validateAnnotations(t.metadata?.annotations, child(tp, 'metadata', 'annotations')));
        errs.push(...validateLabels(t.metadata?.labels, child(tp, 'metadata', 'labels')));
        errs.push(...validatePVCSpec(t.spec, child(tp, 'spec')));
      }
      if (podMeta?.name && v.name) {
        const pvc = `${podMeta.name}-${v.name}`;
        for (const msg of isDNS1123Subdomain(pvc)) errs.push(fe.invalid(child(volPath, 'name'), v.name, `PVC name "${pvc}": ${msg}`));
      }
      break;
    }
    default:
      break;
  }
  return errs;
}

/**
 * ValidateVolumes: returns the volumes that are valid (by name), which container mounts must
 * refer to, and the errors.
 */
export function validateVolumes(
  volumes: Volume[] | undefined,
  podMeta: ObjectMeta | undefined,
  path: string,
): { names: Map<string, Volume>; errs: FieldError[] } {
  const names = new Map<string, Volume>();
  const errs: FieldError[] = [];
  const created = new Set<string>();
  if (podMeta?.name) for (const v of volumes ?? []) if (v.ephemeral) created.add(`${podMeta.name}-${v.name}`);
  (volumes ?? []).forEach((v, i) => {
    const p = index(path, i);
    const namePath = child(p, 'name');
    const el = validateSource(v, p, podMeta);
    if (!v.name) el.push(fe.required(namePath));
    else el.push(...validateDNS1123Label(v.name, namePath));
    if (names.has(v.name)) el.push(fe.duplicate(namePath, v.name));
    if (el.length === 0) names.set(v.name, v);
    else errs.push(...el);
    const claim = v.persistentVolumeClaim?.claimName;
    if (claim && created.has(claim)) {
      errs.push(
        fe.invalid(
          child(p, 'persistentVolumeClaim', 'claimName'),
          claim,
          'must not reference a PVC that gets created for an ephemeral volume',
        ),
      );
    }
  });
  return { names, errs };
}
