import type { ControllerRevision, StatefulSet, StatefulSetStatus } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { type Selector, SelectorParseError, selectorFromLabelSelector } from '../../api/labels';
import type { Stored } from '../../api/types';
import { Controller, type ControllerContext } from '../controller';
import { type Informer, keyOf, splitKey } from '../informer';
import { ChildEventBatcher } from '../controllerutil/batching';
import { addOwnerIndexes, orphansIn, ownedBy } from '../controllerutil/indexes';
import { getControllerOf } from '../controllerutil/ownerref';
import { availableAt } from '../controllerutil/podutil';
import { cachedSelector } from '../controllerutil/podfacts';
import { claim } from '../controllerutil/refmanager';
import { deepEqual } from '../controllerutil/status';
import { isMemberOf, replicasOf, STATEFULSET_KIND } from './identity';
import { StatefulPodControl } from './podcontrol';
import { statefulSetRevisions, truncateHistory } from './revisions';
import { updateStatefulSet } from './update';

const COMPONENT = 'statefulset-controller';

/**
 * The StatefulSet controller: pods with stable names (`web-0`, `web-1` …), hostnames and
 * claims (`www-web-0`), created in order and removed in reverse order (OrderedReady) or all at
 * once (Parallel), updated from the highest ordinal down to the partition (RollingUpdate) or
 * only when deleted (OnDelete), with ControllerRevisions for the templates.
 */
export class StatefulSetController extends Controller {
  private readonly sets: Informer<StatefulSet>;
  private readonly pods: Informer<Pod>;
  private readonly revisions: Informer<ControllerRevision>;
  private readonly control: StatefulPodControl;
  private readonly batcher: ChildEventBatcher;

  constructor(ctx: ControllerContext) {
    super('statefulset', ctx);
    this.control = new StatefulPodControl(ctx);
    this.batcher = new ChildEventBatcher(this.queue);
    this.sets = ctx.informers.for<StatefulSet>('apps/statefulsets');
    this.pods = addOwnerIndexes(ctx.informers.for<Pod>('pods'));
    this.revisions = addOwnerIndexes(ctx.informers.for<ControllerRevision>('apps/controllerrevisions'));
    this.sets.addHandlers({
      add: (s) => this.queue.add(keyOf(s)),
      update: (s) => this.queue.add(keyOf(s)),
      delete: (s) => this.queue.add(keyOf(s)),
    });
    this.pods.addHandlers({
      add: (p) => this.podChanged(p),
      update: (p, old) => {
        if (getControllerOf(old)?.uid !== getControllerOf(p)?.uid) this.podChanged(old);
        this.podChanged(p);
      },
      delete: (p) => this.podChanged(p),
    });
  }

  private podChanged(pod: Stored<Pod>): void {
    const ref = getControllerOf(pod);
    const ns = pod.metadata.namespace ?? '';
    if (ref) {
      if (ref.kind !== 'StatefulSet') return;
      const set = this.sets.get(ns, ref.name);
      if (set && set.metadata.uid === ref.uid) this.batcher.enqueue(keyOf(set));
      return;
    }
    if (pod.metadata.deletionTimestamp) return;
    for (const set of this.sets.list(ns)) {
      if (selectorOf(set)?.matches(pod.metadata.labels ?? {})) this.queue.add(keyOf(set));
    }
  }

  reconcile(key: string): number | undefined {
    const [ns, name] = splitKey(key);
    const set = this.sets.get(ns, name);
    if (!set) {
      this.batcher.forget(key);
      return;
    }
    const selector = selectorOf(set);
    if (!selector) return;
    const revisions = claim(
      { api: this.api, resource: 'apps/controllerrevisions', ownerResource: 'apps/statefulsets', owner: set, kind: STATEFULSET_KIND, selector },
      ownedBy(this.revisions, set.metadata.uid),
      orphansIn(this.revisions, ns),
    );
    const pods = claim(
      {
        api: this.api,
        resource: 'pods',
        ownerResource: 'apps/statefulsets',
        owner: set,
        kind: STATEFULSET_KIND,
        selector,
        filter: (p) => isMemberOf(set, p),
      },
      ownedBy(this.pods, set.metadata.uid),
      orphansIn(this.pods, ns),
    );
    this.batcher.noteSize(key, pods.length);
    const now = this.ctx.clock.now();
    const { current, update, collisionCount } = statefulSetRevisions(this.api, set, revisions);
    let status: StatefulSetStatus | undefined;
    let failure: unknown;
    try {
      status = updateStatefulSet({
        set,
        pods,
        current,
        update,
        collisionCount,
        control: this.control,
        now,
        event: (type, reason, message) => this.ctx.events.event(set, type, reason, message, { component: COMPONENT }),
      });
    } catch (e) {
      failure = e;
    }
    if (status) this.writeStatus(set, status);
    const live = [current.metadata.name, update.metadata.name];
    truncateHistory(this.api, set, pods, ownedBy(this.revisions, set.metadata.uid), live);
    if (failure !== undefined) throw failure;
    // One more look when a ready pod crosses minReadySeconds.
    const minReady = set.spec?.minReadySeconds ?? 0;
    if (minReady > 0 && status && (status.availableReplicas ?? 0) !== replicasOf(set)) {
      let next: number | undefined;
      for (const p of pods) {
        const at = availableAt(p, minReady, now);
        if (at !== undefined && (next === undefined || at < next)) next = at;
      }
      return next === undefined ? minReady * 1000 : next - now;
    }
    return undefined;
  }

  /** updateStatefulSetStatus: complete a finished rolling update, write only what changed. */
  private writeStatus(set: Stored<StatefulSet>, status: StatefulSetStatus): void {
    const s = { ...status };
    if ((set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate' && s.updatedReplicas === s.replicas && s.readyReplicas === s.replicas) {
      s.currentReplicas = s.updatedReplicas;
      s.currentRevision = s.updateRevision;
    }
    const old = set.status ?? { replicas: 0 };
    const inconsistent =
      (s.observedGeneration ?? 0) > (old.observedGeneration ?? 0) ||
      s.replicas !== old.replicas ||
      (s.currentReplicas ?? 0) !== (old.currentReplicas ?? 0) ||
      (s.readyReplicas ?? 0) !== (old.readyReplicas ?? 0) ||
      (s.updatedReplicas ?? 0) !== (old.updatedReplicas ?? 0) ||
      (s.currentRevision ?? '') !== (old.currentRevision ?? '') ||
      (s.availableReplicas ?? 0) !== (old.availableReplicas ?? 0) ||
      (s.updateRevision ?? '') !== (old.updateRevision ?? '') ||
      (s.collisionCount ?? 0) !== (old.collisionCount ?? 0);
    if (!inconsistent) return;
    const next: StatefulSetStatus = {
      replicas: s.replicas,
      availableReplicas: s.availableReplicas ?? 0,
      collisionCount: s.collisionCount ?? 0,
    };
    if (s.observedGeneration) next.observedGeneration = s.observedGeneration;
    if (s.readyReplicas) next.readyReplicas = s.readyReplicas;
    if (s.currentReplicas) next.currentReplicas = s.currentReplicas;
    if (s.updatedReplicas) next.updatedReplicas = s.updatedReplicas;
    if (s.currentRevision) next.currentRevision = s.currentRevision;
    if (s.updateRevision) next.updateRevision = s.updateRevision;
    const fresh = this.sets.get(set.metadata.namespace ?? '', set.metadata.name) ?? set;
    if (deepEqual(fresh.status, next)) return;
    this.api.updateStatus('apps/statefulsets', set.metadata.namespace ?? '', { ...fresh, status: next } as StatefulSet);
  }
}

function selectorOf(set: StatefulSet): Selector | undefined {
  try {
    return cachedSelector(['StatefulSet', set.spec?.selector], () => selectorFromLabelSelector(set.spec?.selector));
  } catch (e) {
    if (e instanceof SelectorParseError) return undefined;
    throw e;
  }
}
