import type { Node, ObjectReference, PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import { selectorFromLabelSelector } from '../../api/labels';
import { compareGoStrings } from '../../api/names';
import { tryParseQuantity, ZERO } from '../../api/quantity';
import { claimClass } from '../../apiserver/admission/resourcequota-usage';
import { CompiledNodeSelector } from '../../scheduler/nodeselector';

/** Annotations of the binding protocol (pkg/controller/volume/persistentvolume). */
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
export const ANN_PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';

export { claimClass };

export const volumeClass = (pv: PersistentVolume) =>
  pv.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pv.spec?.storageClassName ?? '';

const storageOf = (v: unknown) => tryParseQuantity(v as string | undefined) ?? ZERO;

/** IsVolumeBoundToClaim: the volume's claimRef names this claim (and its uid, once set). */
export function isVolumeBoundToClaim(pv: PersistentVolume, pvc: PersistentVolumeClaim): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== pvc.metadata?.name || ref.namespace !== pvc.metadata?.namespace) return false;
  return !ref.uid || ref.uid === pvc.metadata?.uid;
}

/** reference.GetReference of a claim, as a volume's claimRef holds it. */
export function claimRefOf(pvc: PersistentVolumeClaim): ObjectReference {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    name: pvc.metadata?.name,
    namespace: pvc.metadata?.namespace,
    resourceVersion: pvc.metadata?.resourceVersion,
    uid: pvc.metadata?.uid,
  };
}

/** CheckVolumeModeMismatches: both default to Filesystem. */
export function volumeModeMismatch(pvc: PersistentVolumeClaim, pv: PersistentVolume): boolean {
  return (pvc.spec?.volumeMode ?? 'Filesystem') !== (pv.spec?.volumeMode ?? 'Filesystem');
}

/** CheckAccessModes: the volume offers every mode the claim asks for. */
export function accessModesMatch(pvc: PersistentVolumeClaim, pv: PersistentVolume): boolean {
  const offered = pv.spec?.accessModes ?? [];
  return (pvc.spec?.accessModes ?? []).every((m) => offered.includes(m));
}

function nodeAffinityMatches(pv: PersistentVolume, node: Node): boolean {
  const required = pv.spec?.nodeAffinity?.required;
  if (!required) return true;
  return new CompiledNodeSelector(required).matches({ name: node.metadata?.name ?? '', labels: node.metadata?.labels ?? {} });
}

/** checkVolumeSatisfyClaim: why a volume the claim names cannot be bound to it. */
export function checkVolumeSatisfyClaim(pv: PersistentVolume, pvc: PersistentVolumeClaim): string | undefined {
  const requested = storageOf(pvc.spec?.resources?.requests?.storage);
  if (pv.metadata?.deletionTimestamp) return `the volume is marked for deletion "${pv.metadata.name}"`;
  if (storageOf(pv.spec?.capacity?.storage).cmp(requested) < 0) return 'requested PV is too small';
  if (volumeClass(pv) !== claimClass(pvc)) return 'storageClassName does not match';
  if (volumeModeMismatch(pvc, pv)) return 'incompatible volumeMode';
  if (!accessModesMatch(pvc, pv)) return 'incompatible accessMode';
  return undefined;
}

/**
 * FindMatchingVolume over one group of volumes: the volume pre-bound to the claim if any, else
 * the smallest Available one that fits (class, size, mode, selector; on a node, its affinity and
 * access modes). Without a node, a delayed-binding claim only takes a pre-bound volume.
 */
function findMatching(pvc: PersistentVolumeClaim, volumes: PersistentVolume[], node: Node | undefined, delayBinding: boolean): PersistentVolume | undefined {
  const requested = storageOf(pvc.spec?.resources?.requests?.storage);
  const cls = claimClass(pvc);
  const selector = pvc.spec?.selector ? selectorFromLabelSelector(pvc.spec.selector) : undefined;
  let smallest: PersistentVolume | undefined;
  for (const pv of volumes) {
    if (pv.spec?.claimRef && !isVolumeBoundToClaim(pv, pvc)) continue;
    const size = storageOf(pv.spec?.capacity?.storage);
    if (size.cmp(requested) < 0) continue;
    if (volumeModeMismatch(pvc, pv)) continue;
    if (pv.metadata?.deletionTimestamp) continue;
    const affinityOk = !node || nodeAffinityMatches(pv, node);
    if (isVolumeBoundToClaim(pv, pvc)) return affinityOk ? pv : undefined;
    if (!node && delayBinding) continue;
    if (pv.status?.phase !== 'Available') continue;
    if (selector && !selector.matches(pv.metadata?.labels ?? {})) continue;
    if (volumeClass(pv) !== cls) continue;
    if (!affinityOk) continue;
    if (node && !accessModesMatch(pvc, pv)) continue;
    if (!smallest || storageOf(smallest.spec?.capacity?.storage).cmp(size) > 0) smallest = pv;
  }
  return smallest;
}

/**
 * findByClaim: volumes are grouped by their set of access modes; the groups that offer every
 * mode the claim asks for are searched from the fewest modes up, so a claim for ReadWriteOnce
 * prefers a ReadWriteOnce volume to a ReadWriteOnce+ReadOnlyMany one.
 */
export function findBestMatch(pvc: PersistentVolumeClaim, all: PersistentVolume[], delayBinding: boolean, node?: Node): PersistentVolume | undefined {
  const wanted = pvc.spec?.accessModes ?? [];
  const groups = new Map<string, PersistentVolume[]>();
  for (const pv of all) {
    const modes = [...new Set(pv.spec?.accessModes ?? [])].sort(compareGoStrings);
    if (!wanted.every((m) => modes.includes(m))) continue;
    const key = modes.join(',');
    const g = groups.get(key);
    if (g) g.push(pv);
    else groups.set(key, [pv]);
  }
  const ordered = [...groups.entries()].sort(
    ([a], [b]) => a.split(',').length - b.split(',').length || compareGoStrings(a, b),
  );
  for (const [, volumes] of ordered) {
    volumes.sort((a, b) => compareGoStrings(a.metadata?.name ?? '', b.metadata?.name ?? ''));
    const found = findMatching(pvc, volumes, node, delayBinding);
    if (found) return found;
  }
  return undefined;
}
