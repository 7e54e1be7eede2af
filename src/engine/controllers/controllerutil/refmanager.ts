import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { Selector } from '../../api/labels';
import { isStatusError } from '../../api/status';
import { clone, type KObject, type Stored } from '../../api/types';
import type { ApiServer } from '../../apiserver/apiserver';
import type { Pod } from 'kubernetes-types/core/v1';
import { type ControllerKind, controllerRef, getControllerOf } from './ownerref';
import { Child } from './children';
import { podMatches } from './podfacts';

export interface ClaimSpec<T extends KObject> {
  api: ApiServer;
  /** Resource of the children: `pods`, `apps/replicasets`, `batch/jobs`, `apps/controllerrevisions`. */
  resource: string;
  /** Resource of the owner, to re-read it before adopting. */
  ownerResource: string;
  owner: Stored;
  kind: ControllerKind;
  /** Build it with selectorOf(owner, …) so that matches can be remembered between syncs. */
  selector: Selector;
  /** A further condition a child must meet to be kept or adopted (e.g. a StatefulSet's pod names). */
  filter?: (obj: Stored<T>) => boolean;
}

/**
 * ControllerRefManager.Claim*: keeps the children that still match, releases those that no
 * longer do (unless the owner is being deleted), and adopts matching orphans, after checking
 * with a fresh read that the owner is not being deleted. Returns the children the owner now has.
 */
export function claim<T extends KObject>(spec: ClaimSpec<T>, owned: Stored<T>[], orphans: Stored<T>[]): Stored<T>[] {
  const { api, owner, selector, filter } = spec;
  const uid = owner.metadata.uid;
  const ownerDeleting = !!owner.metadata.deletionTimestamp;
  const match = (o: Stored<T>) =>
    (o.kind === 'Pod' ? podMatches(selector, o as unknown as Pod) : selector.matches(o.metadata.labels ?? {})) && (!filter || filter(o));
  const out: Stored<T>[] = [];
  // `owned` comes from the controller-uid index: every one of them has this owner as controller.
  for (const obj of owned) {
    if (match(obj)) {
      out.push(obj);
      continue;
    }
    if (ownerDeleting) continue;
    release(api, spec.resource, obj, uid);
  }
  let adoptable: boolean | undefined;
  for (const obj of orphans) {
    if (ownerDeleting || getControllerOf(obj) || !match(obj)) continue;
    if (obj.metadata.deletionTimestamp) continue;
    if (owner.metadata.namespace && owner.metadata.namespace !== obj.metadata.namespace) continue;
    adoptable ??= recheckOwner(spec);
    if (!adoptable) break;
    const adopted = adopt(api, spec.resource, obj, controllerRef(owner, spec.kind));
    if (adopted) out.push(adopted);
  }
  return out;
}

/** claim for pods held as digested children (the ReplicaSet and DaemonSet hot path). */
export function claimChildren(spec: ClaimSpec<Pod>, owned: readonly Child[], orphans: readonly Child[]): Child[] {
  const { api, owner, selector, filter } = spec;
  const uid = owner.metadata.uid;
  const ownerDeleting = !!owner.metadata.deletionTimestamp;
  const match = (c: Child) => c.matches(selector) && (!filter || filter(c.pod));
  const out: Child[] = [];
  for (const c of owned) {
    if (match(c)) {
      out.push(c);
      continue;
    }
    if (ownerDeleting) continue;
    release(api, spec.resource, c.pod, uid);
  }
  let adoptable: boolean | undefined;
  for (const c of orphans) {
    const obj = c.pod;
    if (ownerDeleting || getControllerOf(obj) || !match(c)) continue;
    if (obj.metadata.deletionTimestamp) continue;
    if (owner.metadata.namespace && owner.metadata.namespace !== obj.metadata.namespace) continue;
    adoptable ??= recheckOwner(spec);
    if (!adoptable) break;
    const adopted = adopt(api, spec.resource, obj, controllerRef(owner, spec.kind));
    if (adopted) out.push(new Child(adopted));
  }
  return out;
}

/**
 * RecheckDeletionTimestamp: an owner read from a cache may already be gone or going; adoption
 * must not attach children to it.
 */
function recheckOwner<T extends KObject>(spec: ClaimSpec<T>): boolean {
  const fresh = spec.api.find(spec.ownerResource, spec.owner.metadata.namespace ?? '', spec.owner.metadata.name);
  return !!fresh && fresh.metadata.uid === spec.owner.metadata.uid && !fresh.metadata.deletionTimestamp;
}

function adopt<T extends KObject>(api: ApiServer, resource: string, obj: Stored<T>, ref: OwnerReference): Stored<T> | undefined {
  const next = clone(obj) as Stored<T>;
  next.metadata.ownerReferences = [...(obj.metadata.ownerReferences ?? []), ref];
  try {
    return api.update<T>(resource, obj.metadata.namespace ?? '', next);
  } catch (e) {
    if (isStatusError(e, 'NotFound')) return undefined;
    throw e;
  }
}

function release(api: ApiServer, resource: string, obj: Stored, ownerUid: string): void {
  const next = clone(obj);
  const refs = (obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== ownerUid);
  if (refs.length) next.metadata.ownerReferences = refs;
  else delete next.metadata.ownerReferences;
  try {
    api.update(resource, obj.metadata.namespace ?? '', next);
  } catch (e) {
    if (!isStatusError(e, 'NotFound')) throw e;
  }
}
