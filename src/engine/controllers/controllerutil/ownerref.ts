import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { KObject } from '../../api/types';

/** The identity a controller stamps on what it creates: `apps/v1` + `ReplicaSet`, and so on. */
export interface ControllerKind {
  apiVersion: string;
  kind: string;
}

/**
 * metav1.NewControllerRef: the owner reference a controller puts on its children. `controller`
 * marks the one owner that manages the child; `blockOwnerDeletion` makes a foreground deletion of
 * the owner wait for the child.
 */
export function controllerRef(owner: KObject, kind: ControllerKind): OwnerReference {
  return {
    apiVersion: kind.apiVersion,
    kind: kind.kind,
    name: owner.metadata?.name ?? '',
    uid: owner.metadata?.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** metav1.GetControllerOf: the owner reference with `controller: true`, if any. */
export function getControllerOf(obj: KObject): OwnerReference | undefined {
  const refs = obj.metadata?.ownerReferences;
  if (!refs) return undefined;
  for (const r of refs) if (r.controller) return r;
  return undefined;
}

/** metav1.IsControlledBy. */
export function isControlledBy(obj: KObject, owner: KObject): boolean {
  const ref = getControllerOf(obj);
  return !!ref && ref.uid === owner.metadata?.uid;
}
