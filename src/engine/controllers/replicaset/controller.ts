import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod, PodTemplateSpec, ReplicationController } from 'kubernetes-types/core/v1';
import { type Selector, SelectorParseError, selectorFromLabelSelector, selectorFromSet } from '../../api/labels';
import type { Stored } from '../../api/types';
import { Controller, type ControllerContext } from '../controller';
import { type Informer, keyOf, splitKey } from '../informer';
import { ChildEventBatcher } from '../controllerutil/batching';
import { addOwnerIndexes, ownedBy } from '../controllerutil/indexes';
import { type ControllerKind, controllerRef, getControllerOf } from '../controllerutil/ownerref';
import { createPod, deletePod, podFromTemplate, slowStartBatch } from '../controllerutil/podcontrol';
import { podsToDelete } from '../controllerutil/ranking';
import { cachedSelector } from '../controllerutil/podfacts';
import { claimChildren } from '../controllerutil/refmanager';
import { type Child, PodChildren } from '../controllerutil/children';
import { deepEqual } from '../controllerutil/status';
import { calculateStatus } from './status';

/** At most this many pods are created or deleted in one sync (--replicaset-... burstReplicas). */
export const BURST_REPLICAS = 500;

type Owner = Stored<ReplicaSet> | Stored<ReplicationController>;

/** The differences between ReplicaSets and ReplicationControllers, which share one controller. */
export interface ReplicaKind {
  controllerName: string;
  resource: string;
  kind: ControllerKind;
  /** The event source (`replicaset-controller`). */
  component: string;
  selector(obj: Owner): Selector;
}

export const REPLICASET: ReplicaKind = {
  controllerName: 'replicaset',
  resource: 'apps/replicasets',
  kind: { apiVersion: 'apps/v1', kind: 'ReplicaSet' },
  component: 'replicaset-controller',
  selector: (rs) => selectorFromLabelSelector((rs as ReplicaSet).spec?.selector),
};

export const REPLICATION_CONTROLLER: ReplicaKind = {
  controllerName: 'replicationcontroller',
  resource: 'replicationcontrollers',
  kind: { apiVersion: 'v1', kind: 'ReplicationController' },
  component: 'replication-controller',
  selector: (rc) => selectorFromSet((rc as ReplicationController).spec?.selector ?? {}),
};

/**
 * The ReplicaSet controller (and, with REPLICATION_CONTROLLER, the replication manager): keeps
 * `spec.replicas` active pods, adopting matching orphans and creating or deleting the difference,
 * and reports replicas / fullyLabeled / ready / available in status.
 *
 * Upstream guards each sync with "expectations" (creations and deletions it still waits to see in
 * its cache). Here informers are fed synchronously by the store, so a write is in the cache before
 * the API call returns; a sync can never act on a cache that misses its own last writes, and
 * expectations would always be satisfied.
 */
export class ReplicaSetController extends Controller {
  private readonly owners: Informer<ReplicaSet | ReplicationController>;
  private readonly pods: Informer<Pod>;
  private readonly children: PodChildren;
  private readonly batcher: ChildEventBatcher;

  constructor(
    ctx: ControllerContext,
    private readonly rk: ReplicaKind = REPLICASET,
  ) {
    super(rk.controllerName, ctx);
    this.batcher = new ChildEventBatcher(this.queue);
    this.owners = addOwnerIndexes(ctx.informers.for<ReplicaSet | ReplicationController>(rk.resource));
    this.pods = ctx.informers.for<Pod>('pods');
    this.children = PodChildren.of(this.pods);
    this.owners.addHandlers({
      add: (o) => this.queue.add(keyOf(o)),
      update: (o) => this.queue.add(keyOf(o)),
      delete: (o) => this.queue.add(keyOf(o)),
    });
    this.pods.addHandlers({
      add: (p) => this.podChanged(p),
      update: (p, old) => {
        const ref = getControllerOf(p)?.uid;
        const oldRef = getControllerOf(old)?.uid;
        if (oldRef !== ref) this.podChanged(old);
        if (ref || !deepEqual(p.metadata.labels, old.metadata.labels) || oldRef !== ref) this.podChanged(p);
      },
      delete: (p) => this.podChanged(p),
    });
  }

  private podChanged(pod: Stored<Pod>): void {
    const ref = getControllerOf(pod);
    if (ref) {
      if (ref.kind !== this.rk.kind.kind) return;
      const owner = this.owners.get(pod.metadata.namespace ?? '', ref.name);
      if (owner && owner.metadata.uid === ref.uid) this.batcher.enqueue(keyOf(owner));
      return;
    }
    // An orphan: every controller whose selector matches may want to adopt it.
    if (pod.metadata.deletionTimestamp) return;
    const ns = pod.metadata.namespace ?? '';
    for (const o of this.owners.list(ns)) {
      if (this.selectorOf(o)?.matches(pod.metadata.labels ?? {})) this.queue.add(keyOf(o));
    }
  }

  private selectorOf(o: Owner): Selector | undefined {
    try {
      return cachedSelector([this.rk.kind.kind, (o as ReplicaSet).spec?.selector], () => this.rk.selector(o));
    } catch (e) {
      if (e instanceof SelectorParseError) return undefined;
      throw e;
    }
  }

  /** Nothing to save; after a restore the pod children are read again from the informer. */
  override snapshotState(): null {
    return null;
  }

  override restoreState(): void {
    this.children.rebuild();
  }

  reconcile(key: string): number | undefined {
    const [ns, name] = splitKey(key);
    const owner = this.owners.get(ns, name);
    if (!owner) {
      this.batcher.forget(key);
      return;
    }
    const selector = this.selectorOf(owner);
    if (!selector) return;
    const spec: NonNullable<ReplicaSet['spec']> | Partial<NonNullable<ReplicaSet['spec']>> = (owner as ReplicaSet).spec ?? {};
    const replicas = spec.replicas ?? 1;
    const uid = owner.metadata.uid;
    const pods = claimChildren(
      {
        api: this.api,
        resource: 'pods',
        ownerResource: this.rk.resource,
        owner,
        kind: this.rk.kind,
        selector,
      },
      this.children.of(uid).filter((c) => c.active),
      this.children.orphans(ns).filter((c) => c.active),
    );
    this.batcher.noteSize(key, pods.length);

    let manageError: string | undefined;
    let thrown: unknown;
    let capped = false;
    if (!owner.metadata.deletionTimestamp) {
      try {
        capped = this.manageReplicas(owner, pods, replicas);
      } catch (e) {
        thrown = e;
        manageError = e instanceof Error ? e.message : String(e);
      }
    }
    const now = this.ctx.clock.now();
    // As upstream, status counts the pods seen before this sync's writes; the events of those
    // writes bring the next sync, which counts them.
    const { status, nextAvailable } = calculateStatus(
      owner.status,
      {
        replicas,
        minReadySeconds: spec.minReadySeconds ?? 0,
        templateSelector: this.templateSelector(owner),
      },
      pods,
      manageError,
      owner.metadata.generation ?? 1,
      now,
      this.ctx.clock.timestamp(),
    );
    if (!deepEqual(owner.status, status)) {
      this.api.updateStatus<ReplicaSet>(this.rk.resource, ns, { ...(owner as ReplicaSet), status } as ReplicaSet);
    }
    if (thrown !== undefined) throw thrown;
    if (capped) return 0;
    if (nextAvailable !== undefined) return nextAvailable - now;
    return undefined;
  }

  /** The template's labels as a selector: a pod with all of them is "fully labeled". */
  private templateSelector(owner: Owner): Selector {
    const t = (owner as ReplicaSet).spec?.template as PodTemplateSpec | undefined;
    return cachedSelector(['template', t?.metadata?.labels], () => selectorFromSet(t?.metadata?.labels ?? {}));
  }

  /** Create or delete the difference; true when the burst limit left work for the next sync. */
  private manageReplicas(owner: Owner, children: Child[], replicas: number): boolean {
    const pods = children.map((c) => c.pod);
    const diff = pods.length - replicas;
    const ns = owner.metadata.namespace ?? '';
    if (diff < 0) {
      const count = Math.min(-diff, BURST_REPLICAS);
      const template = (owner as ReplicaSet).spec?.template;
      const ref = controllerRef(owner, this.rk.kind);
      const { error } = slowStartBatch(count, 1, () => {
        createPod(this.ctx, owner, podFromTemplate(template, owner, ref), this.rk.component);
      });
      if (error !== undefined) throw error;
      return -diff > BURST_REPLICAS;
    }
    if (diff > 0) {
      const count = Math.min(diff, BURST_REPLICAS);
      const victims = podsToDelete(pods, this.relatedPods(owner, pods), count, this.ctx.clock.now());
      let first: unknown;
      for (const pod of victims) {
        try {
          deletePod(this.ctx, owner, ns, pod.metadata.name, this.rk.component);
        } catch (e) {
          first ??= e;
        }
      }
      if (first !== undefined) throw first;
      return diff > BURST_REPLICAS;
    }
    return false;
  }

  /**
   * getIndirectlyRelatedPods: the pods of every ReplicaSet with the same controller (the
   * Deployment's other ReplicaSets), so scale-down prefers nodes where the app is doubled up.
   */
  private relatedPods(owner: Owner, own: Stored<Pod>[]): Stored<Pod>[] {
    const parent = getControllerOf(owner);
    if (!parent) return own;
    const out: Stored<Pod>[] = [];
    for (const sibling of ownedBy(this.owners, parent.uid)) {
      for (const c of this.children.of(sibling.metadata.uid)) out.push(c.pod);
    }
    return out;
  }
}

