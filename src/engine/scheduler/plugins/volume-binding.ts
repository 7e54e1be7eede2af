import type { PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import { tryParseQuantity } from '../../api/quantity';
import type { StateData } from '../cyclestate';
import { Action, UpdateAny } from '../events';
import { PluginName } from '../names';
import type { NodeInfo } from '../nodeinfo';
import { CompiledNodeSelector } from '../nodeselector';
import type { Plugin } from '../plugin';
import { skip, unresolvable } from '../status';
import type { ClusterView } from '../view';

export const ErrReasonUnboundImmediate = 'pod has unbound immediate PersistentVolumeClaims';
export const ErrReasonBindConflict = "node(s) didn't find available persistent volumes to bind";
export const ErrReasonNodeConflict = 'node(s) had volume node affinity conflict';
export const ErrReasonPVNotExist = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';

/** The annotation that tells a provisioner which node the first consumer landed on. */
export const AnnSelectedNode = 'volume.kubernetes.io/selected-node';
const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

export interface PodClaim {
  readonly name: string;
  readonly ephemeral: boolean;
}

/** The claims a pod's volumes name; a generic ephemeral volume's claim is `<pod>-<volume>`. */
export function podClaims(pod: Pod): PodClaim[] {
  const out: PodClaim[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (v.persistentVolumeClaim) out.push({ name: v.persistentVolumeClaim.claimName, ephemeral: false });
    else if (v.ephemeral) out.push({ name: `${pod.metadata?.name}-${v.name}`, ephemeral: true });
  }
  return out;
}

export function claimClass(pvc: PersistentVolumeClaim): string {
  return pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pvc.spec?.storageClassName ?? '';
}

/** Whether the claim's class delays binding until a pod uses it (IsDelayBindingMode). */
export function isDelayBinding(pvc: PersistentVolumeClaim, view: ClusterView): boolean {
  const name = claimClass(pvc);
  if (!name) return false;
  return view.storageClass(name)?.volumeBindingMode === 'WaitForFirstConsumer';
}

interface State extends StateData {
  bound: { pvc: PersistentVolumeClaim; pv: PersistentVolume | undefined }[];
  toBind: PersistentVolumeClaim[];
}

const KEY = `PreFilter${PluginName.VolumeBinding}`;

function nodeAffinityMatches(pv: PersistentVolume, node: NodeInfo): boolean {
  const required = pv.spec?.nodeAffinity?.required;
  return !required || new CompiledNodeSelector(required).matches(node);
}

function quantity(v: string | number | undefined): number {
  return tryParseQuantity(v)?.value() ?? 0;
}

/** A static volume this claim could bind to on this node (FindMatchingVolume, simplified). */
function findMatchingVolume(pvc: PersistentVolumeClaim, node: NodeInfo, view: ClusterView): PersistentVolume | undefined {
  const cls = claimClass(pvc);
  const want = quantity(pvc.spec?.resources?.requests?.storage as string | undefined);
  const modes = pvc.spec?.accessModes ?? [];
  for (const pv of view.persistentVolumes()) {
    if (pv.metadata?.deletionTimestamp) continue;
    const ref = pv.spec?.claimRef;
    if (ref && !(ref.namespace === pvc.metadata?.namespace && ref.name === pvc.metadata?.name)) continue;
    if ((pv.spec?.storageClassName ?? '') !== cls) continue;
    if (quantity(pv.spec?.capacity?.storage as string | undefined) < want) continue;
    if (!modes.every((m) => (pv.spec?.accessModes ?? []).includes(m))) continue;
    if (!nodeAffinityMatches(pv, node)) continue;
    return pv;
  }
  return undefined;
}

/**
 * VolumeBinding, kept light until storage lands: claims must exist; an unbound claim of an
 * Immediate class blocks the pod; a bound volume's node affinity restricts the nodes;
 * WaitForFirstConsumer claims are provisioned (or bound) for the node the pod is placed on,
 * which the binding cycle announces with the selected-node annotation.
 */
export const volumeBinding: Plugin = {
  name: PluginName.VolumeBinding,
  preFilter(state, pod, view) {
    const claims = podClaims(pod.pod);
    if (!claims.length) return { status: skip() };
    const s: State = { bound: [], toBind: [] };
    const immediate: PersistentVolumeClaim[] = [];
    for (const c of claims) {
      const pvc = view.persistentVolumeClaim(pod.namespace, c.name);
      if (!pvc) {
        return {
          status: unresolvable(
            c.ephemeral
              ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${c.name}"`
              : `persistentvolumeclaim "${c.name}" not found`,
          ),
        };
      }
      if (pvc.status?.phase === 'Lost') {
        return { status: unresolvable(`persistentvolumeclaim "${c.name}" bound to non-existent persistentvolume "${pvc.spec?.volumeName ?? ''}"`) };
      }
      if (pvc.metadata?.deletionTimestamp) return { status: unresolvable(`persistentvolumeclaim "${c.name}" is being deleted`) };
      if (pvc.spec?.volumeName) s.bound.push({ pvc, pv: view.persistentVolume(pvc.spec.volumeName) });
      else if (isDelayBinding(pvc, view)) s.toBind.push(pvc);
      else immediate.push(pvc);
    }
    if (immediate.length) return { status: unresolvable(ErrReasonUnboundImmediate) };
    state.write(KEY, s);
    return undefined;
  },
  filter(state, _pod, node, view) {
    const s = state.read<State>(KEY);
    if (!s) return undefined;
    const reasons = new Set<string>();
    for (const b of s.bound) {
      if (!b.pv) reasons.add(ErrReasonPVNotExist);
      else if (!nodeAffinityMatches(b.pv, node)) reasons.add(ErrReasonNodeConflict);
    }
    for (const pvc of s.toBind) {
      const provisioner = view.storageClass(claimClass(pvc))?.provisioner;
      if (provisioner === NO_PROVISIONER && !findMatchingVolume(pvc, node, view)) reasons.add(ErrReasonBindConflict);
    }
    return reasons.size ? unresolvable(...reasons) : undefined;
  },
  events: [
    { resource: 'PersistentVolumeClaim', actions: Action.Add | UpdateAny },
    { resource: 'PersistentVolume', actions: Action.Add | UpdateAny },
    { resource: 'StorageClass', actions: Action.Add | UpdateAny },
    { resource: 'Node', actions: Action.Add | Action.UpdateNodeLabel | Action.UpdateNodeTaint },
  ],
};
