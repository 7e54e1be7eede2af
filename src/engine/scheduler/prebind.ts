import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import { isStatusError } from '../api/status';
import { clone, type KObject, type Stored } from '../api/types';
import type { ApiServer } from '../apiserver/apiserver';
import type { Informer } from '../controllers/informer';
import { AnnSelectedNode, isDelayBinding, podClaims } from './plugins/volume-binding';
import type { ClusterView } from './view';

type Claims = Informer<PersistentVolumeClaim & KObject>;

/** VolumeBinding's PreBind, light: which claims wait for this pod, and whether they are bound. */
export function claimsToBind(pod: Pod, claims: Claims, view: ClusterView): Stored<PersistentVolumeClaim>[] {
  const ns = pod.metadata?.namespace ?? '';
  const out: Stored<PersistentVolumeClaim>[] = [];
  for (const c of podClaims(pod)) {
    const pvc = claims.get(ns, c.name);
    if (pvc && !pvc.spec?.volumeName && isDelayBinding(pvc, view)) out.push(pvc);
  }
  return out;
}

export function claimsBound(pod: Pod, claims: Claims): boolean {
  const ns = pod.metadata?.namespace ?? '';
  return podClaims(pod).every((c) => {
    const pvc = claims.get(ns, c.name);
    return !!pvc?.spec?.volumeName && pvc.status?.phase === 'Bound';
  });
}

/** Tell the provisioner (or the volume binder) which node the claim's first consumer landed on. */
export function annotateSelectedNode(api: ApiServer, pvc: Stored<PersistentVolumeClaim>, node: string): void {
  if (pvc.metadata.annotations?.[AnnSelectedNode] === node) return;
  const next = clone(pvc);
  next.metadata.annotations = { ...next.metadata.annotations, [AnnSelectedNode]: node };
  try {
    api.update('persistentvolumeclaims', pvc.metadata.namespace ?? '', next);
  } catch (e) {
    if (!isStatusError(e)) throw e;
  }
}
