import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { isStatusError } from '../api/status';
import { clone, type Stored } from '../api/types';
import type { ResourceType } from '../apiserver/registry';
import { Controller, type ControllerContext } from './controller';

interface Ref {
  resource: string;
  namespace: string;
  name: string;
  /** The ownerReferences last seen (the stored array itself: status writes keep it). */
  owners: readonly OwnerReference[];
}

const NONE: readonly OwnerReference[] = [];

const OWNER = 'owner:';
const ITEM = 'item:';

/**
 * The garbage collector: a dependent whose owners are all gone is deleted (cascading, in the
 * background); an owner deleted with propagation Orphan first releases its dependents; one
 * deleted with Foreground waits until its blocking dependents are gone.
 * It keeps a graph of every object that has or is an owner, fed by a store-wide watch.
 */
export class GarbageCollector extends Controller {
  /** uid → where the object lives */
  private readonly byUid = new Map<string, Ref>();
  /** owner uid → dependent uids */
  private readonly dependents = new Map<string, Set<string>>();

  constructor(ctx: ControllerContext) {
    super('garbagecollector', ctx);
    ctx.api.store.watch('*', (e, resource) => this.observe(e.type, e.object, resource));
    this.rebuild();
  }

  /** The graph is derived from the store, so after a restore it is rebuilt, not saved. */
  restoreState(): void {
    this.rebuild();
  }

  snapshotState(): null {
    return null;
  }

  private rebuild(): void {
    this.byUid.clear();
    this.dependents.clear();
    for (const resource of this.api.store.resources()) {
      for (const obj of this.api.store.each(resource)) this.index(obj, resource);
    }
  }

  /**
   * Add an object to the graph, or note its new owners; false when its owners are the same as
   * last seen (most writes: status), which needs no attention, as upstream's graph builder.
   */
  private index(obj: Stored, resource: string): boolean {
    const uid = obj.metadata.uid;
    const owners = obj.metadata.ownerReferences ?? NONE;
    // Events own nothing and rarely have owners: leaving them out keeps the graph to the objects that matter.
    if (resource === 'events' && !owners.length) return false;
    const known = this.byUid.get(uid);
    if (known && (known.owners === owners || sameOwners(known.owners, owners))) {
      known.owners = owners;
      return false;
    }
    for (const ref of known?.owners ?? NONE) this.dependents.get(ref.uid)?.delete(uid);
    this.byUid.set(uid, { resource, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name, owners });
    for (const ref of owners) {
      let set = this.dependents.get(ref.uid);
      if (!set) {
        set = new Set();
        this.dependents.set(ref.uid, set);
      }
      set.add(uid);
    }
    return true;
  }

  private observe(type: string, obj: Stored, resource: string): void {
    const uid = obj.metadata.uid;
    const owners = obj.metadata.ownerReferences ?? NONE;
    if (type === 'DELETED') {
      this.byUid.delete(uid);
      for (const ref of owners) {
        this.dependents.get(ref.uid)?.delete(uid);
        this.queue.add(OWNER + ref.uid); // an owner waiting in foreground may now be free
      }
      // Its dependents may now be orphans: each is looked at on its own.
      for (const dep of this.dependents.get(uid) ?? []) this.queue.add(ITEM + dep);
      this.dependents.delete(uid);
      return;
    }
    if (this.index(obj, resource) && owners.length) this.queue.add(ITEM + uid);
    const finalizers = obj.metadata.finalizers ?? [];
    if (obj.metadata.deletionTimestamp && (finalizers.includes('orphan') || finalizers.includes('foregroundDeletion'))) {
      this.queue.add(OWNER + uid);
    }
  }

  reconcile(key: string): number | undefined {
    if (key.startsWith(ITEM)) return this.reconcileDependent(key.slice(ITEM.length));
    return this.reconcileOwner(key.slice(OWNER.length));
  }

  private lookup(uid: string): [Stored, ResourceType] | undefined {
    const ref = this.byUid.get(uid);
    if (!ref) return undefined;
    const obj = this.api.store.get(ref.resource, ref.namespace, ref.name);
    if (!obj || obj.metadata.uid !== uid) return undefined;
    return [obj, this.api.resource(ref.resource)];
  }

  /** Delete a dependent whose owners are all gone; drop references to owners that are gone. */
  private reconcileDependent(uid: string): undefined {
    const found = this.lookup(uid);
    if (!found) return;
    const [obj, rt] = found;
    if (obj.metadata.deletionTimestamp) return;
    const owners = obj.metadata.ownerReferences ?? [];
    if (!owners.length) return;
    const alive = owners.filter((o) => this.ownerExists(o, obj.metadata.namespace));
    if (alive.length === owners.length) {
      // Owners that are going away in the foreground take blocking dependents with them.
      const foreground = owners.some((o) => {
        const owner = this.lookup(o.uid)?.[0];
        return owner?.metadata.deletionTimestamp && (owner.metadata.finalizers ?? []).includes('foregroundDeletion');
      });
      if (foreground) this.deleteObject(rt, obj, 'Foreground');
      return;
    }
    if (alive.length === 0) {
      this.deleteObject(rt, obj, 'Background');
      return;
    }
    const next = clone(obj);
    next.metadata.ownerReferences = alive;
    this.api.update(rt, obj.metadata.namespace ?? '', next);
  }

  private ownerExists(ref: OwnerReference, namespace: string | undefined): boolean {
    const found = this.lookup(ref.uid);
    if (!found) return false;
    const [owner] = found;
    // A namespaced dependent can only be owned by an object in its namespace or a cluster-scoped one.
    return !owner.metadata.namespace || owner.metadata.namespace === namespace;
  }

  private reconcileOwner(uid: string): number | undefined {
    const found = this.lookup(uid);
    if (!found) return;
    const [owner, rt] = found;
    if (!owner.metadata.deletionTimestamp) return;
    const finalizers = owner.metadata.finalizers ?? [];
    // The graph only grows on updates, so check each dependent still points at this owner.
    const dependents = [...(this.dependents.get(uid) ?? [])]
      .map((d) => this.lookup(d))
      .filter((d): d is [Stored, ResourceType] => !!d && (d[0].metadata.ownerReferences ?? []).some((r) => r.uid === uid));
    if (finalizers.includes('orphan')) {
      for (const [dep, depRt] of dependents) {
        const next = clone(dep);
        next.metadata.ownerReferences = (dep.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
        if (!next.metadata.ownerReferences.length) delete next.metadata.ownerReferences;
        this.api.update(depRt, dep.metadata.namespace ?? '', next);
      }
      this.removeFinalizer(rt, owner, 'orphan');
      return;
    }
    if (finalizers.includes('foregroundDeletion')) {
      let blocking = 0;
      for (const [dep, depRt] of dependents) {
        const ref = (dep.metadata.ownerReferences ?? []).find((r) => r.uid === uid);
        if (ref?.blockOwnerDeletion) blocking++;
        if (!dep.metadata.deletionTimestamp) this.deleteObject(depRt, dep, 'Foreground');
      }
      if (blocking === 0) this.removeFinalizer(rt, owner, 'foregroundDeletion');
    }
    return undefined;
  }

  private deleteObject(rt: ResourceType, obj: Stored, propagationPolicy: 'Background' | 'Foreground'): void {
    try {
      this.api.delete(rt, obj.metadata.namespace ?? '', obj.metadata.name, {
        propagationPolicy,
        preconditions: { uid: obj.metadata.uid },
      });
    } catch (e) {
      if (!isStatusError(e, 'NotFound')) throw e;
    }
  }

  private removeFinalizer(rt: ResourceType, obj: Stored, finalizer: string): void {
    const next = clone(obj);
    next.metadata.finalizers = (obj.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    this.api.update(rt, obj.metadata.namespace ?? '', next);
  }
}

function sameOwners(a: readonly OwnerReference[], b: readonly OwnerReference[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.uid !== y.uid || x.name !== y.name || x.kind !== y.kind || x.apiVersion !== y.apiVersion || !!x.controller !== !!y.controller || !!x.blockOwnerDeletion !== !!y.blockOwnerDeletion) return false;
  }
  return true;
}
