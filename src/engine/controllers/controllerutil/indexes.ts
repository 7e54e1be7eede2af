import type { KObject, Stored } from '../../api/types';
import type { Informer } from '../informer';
import { getControllerOf } from './ownerref';

/** Index name: objects by the uid of their controller (pods by ReplicaSet, Jobs by CronJob …). */
export const BY_CONTROLLER = 'controllerUid';
/** Index name: objects without a controller, by namespace: the candidates for adoption. */
export const ORPHANS = 'orphansByNamespace';

const byController = (obj: KObject): string[] => {
  const ref = getControllerOf(obj);
  return ref ? [ref.uid] : [];
};

const orphans = (obj: KObject): string[] => (getControllerOf(obj) ? [] : [obj.metadata?.namespace ?? '']);

/**
 * Owner indexes on a shared informer (adding them twice is harmless). Controllers find their
 * children by their own uid and adoption candidates among a namespace's orphans, so no sync
 * scans every object of the kind.
 */
export function addOwnerIndexes<T extends KObject>(inf: Informer<T>): Informer<T> {
  inf.addIndex(BY_CONTROLLER, byController);
  inf.addIndex(ORPHANS, orphans);
  return inf;
}

export function ownedBy<T extends KObject>(inf: Informer<T>, uid: string): Stored<T>[] {
  return inf.byIndex(BY_CONTROLLER, uid);
}

export function orphansIn<T extends KObject>(inf: Informer<T>, namespace: string): Stored<T>[] {
  return inf.byIndex(ORPHANS, namespace);
}
