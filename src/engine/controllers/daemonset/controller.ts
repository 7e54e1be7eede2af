import type { ControllerRevision, DaemonSet, DaemonSetStatus } from 'kubernetes-types/apps/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { type Selector, SelectorParseError, selectorFromLabelSelector } from '../../api/labels';
import type { Stored } from '../../api/types';
import { Controller, type ControllerContext } from '../controller';
import { type Informer, keyOf, splitKey } from '../informer';
import { ChildEventBatcher } from '../controllerutil/batching';
import { REVISION_HASH_LABEL } from '../controllerutil/history';
import { addOwnerIndexes } from '../controllerutil/indexes';
import { controllerRef, getControllerOf } from '../controllerutil/ownerref';
import { createPod, deletePod, podFromTemplate, slowStartBatch } from '../controllerutil/podcontrol';
import { availableAt, isPodAvailable, isPodReady, isPodTerminal } from '../controllerutil/podutil';
import { cachedSelector } from '../controllerutil/podfacts';
import { PodChildren } from '../controllerutil/children';
import { claimChildren } from '../controllerutil/refmanager';
import { deepEqual, omitZero } from '../controllerutil/status';
import { DaemonPlacement, daemonPodTemplate, pinToNode, targetNodeName } from './eligibility';
import { cleanupHistory, constructHistory, DAEMONSET_KIND } from './history';
import { byCreationAndPhase, isPodUpdated, rollingUpdate, templateGeneration } from './update';

const COMPONENT = 'daemonset-controller';
const BURST_REPLICAS = 250;
/** Backoff before deleting another failed daemon pod on the same node: 1 s doubling to 15 min. */
const FAILED_POD_BACKOFF_MS = 1000;
const FAILED_POD_BACKOFF_MAX_MS = 15 * 60_000;

interface BackoffEntry {
  delay: number;
  last: number;
}

/**
 * The DaemonSet controller: one daemon pod on every node the pod fits (node selector, required
 * node affinity and NoSchedule/NoExecute taints, with the daemon tolerations added), each pinned
 * to its node by node affinity and bound by the scheduler; pods on nodes where they no longer
 * belong are deleted, failed ones replaced (with backoff). Templates are kept as
 * ControllerRevisions and rolled out with RollingUpdate or OnDelete.
 */
export class DaemonSetController extends Controller {
  private readonly sets: Informer<DaemonSet>;
  private readonly pods: Informer<Pod>;
  private readonly children: PodChildren;
  private readonly nodes: Informer<Node>;
  private readonly revisions: Informer<ControllerRevision>;
  private readonly batcher: ChildEventBatcher;
  private backoff = new Map<string, BackoffEntry>();
  private readonly placements = new Map<string, DaemonPlacement>();

  constructor(ctx: ControllerContext) {
    super('daemonset', ctx);
    this.batcher = new ChildEventBatcher(this.queue);
    this.sets = ctx.informers.for<DaemonSet>('apps/daemonsets');
    this.pods = ctx.informers.for<Pod>('pods');
    this.children = PodChildren.of(this.pods);
    this.nodes = ctx.informers.for<Node>('nodes');
    this.revisions = addOwnerIndexes(ctx.informers.for<ControllerRevision>('apps/controllerrevisions'));
    this.sets.addHandlers({
      add: (ds) => this.queue.add(keyOf(ds)),
      update: (ds) => this.queue.add(keyOf(ds)),
      delete: (ds) => this.queue.add(keyOf(ds)),
    });
    this.pods.addHandlers({
      add: (p) => this.podChanged(p),
      update: (p, old) => {
        if (getControllerOf(old)?.uid !== getControllerOf(p)?.uid) this.podChanged(old);
        this.podChanged(p);
      },
      delete: (p) => this.podChanged(p),
    });
    this.revisions.addHandlers({
      add: (r) => this.ownerChanged(r),
      delete: (r) => this.ownerChanged(r),
    });
    this.nodes.addHandlers({
      add: () => this.enqueueAll(),
      update: (n, old) => {
        if (
          !deepEqual(n.metadata.labels, old.metadata.labels) ||
          !deepEqual(n.spec?.taints, old.spec?.taints) ||
          n.spec?.unschedulable !== old.spec?.unschedulable
        ) {
          this.enqueueAll();
        }
      },
      delete: () => this.enqueueAll(),
    });
  }

  override snapshotState(): [string, BackoffEntry][] {
    return [...this.backoff];
  }

  override restoreState(state: unknown): void {
    this.backoff = new Map(state as [string, BackoffEntry][]);
    this.children.rebuild();
  }

  /** A node changed: every DaemonSet may need a pod there (batched like pod events in a large cluster). */
  private enqueueAll(): void {
    for (const ds of this.sets.list()) this.batcher.enqueue(keyOf(ds));
  }

  private ownerChanged(obj: Stored<Pod> | Stored<ControllerRevision>): void {
    const ref = getControllerOf(obj);
    if (ref?.kind !== 'DaemonSet') return;
    const ds = this.sets.get(obj.metadata.namespace ?? '', ref.name);
    if (ds && ds.metadata.uid === ref.uid) this.batcher.enqueue(keyOf(ds));
  }

  private podChanged(pod: Stored<Pod>): void {
    if (getControllerOf(pod)) {
      this.ownerChanged(pod);
      return;
    }
    if (pod.metadata.deletionTimestamp) return;
    for (const ds of this.sets.list(pod.metadata.namespace ?? '')) {
      if (selectorOf(ds)?.matches(pod.metadata.labels ?? {})) this.queue.add(keyOf(ds));
    }
  }

  reconcile(key: string): number | undefined {
    const [ns, name] = splitKey(key);
    const ds = this.sets.get(ns, name);
    if (!ds) {
      this.batcher.forget(key);
      for (const k of [...this.backoff.keys()]) if (k.startsWith(`${key}/`)) this.backoff.delete(k);
      return;
    }
    const selector = selectorOf(ds);
    if (!selector) return;
    if (selector.empty()) {
      this.ctx.events.event(ds, 'Warning', 'SelectingAll', 'This daemon set is selecting all pods. A non-empty selector is required.', { component: COMPONENT });
      return;
    }
    if (ds.metadata.deletionTimestamp) return;
    const nodes = this.nodes.list().sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    const placement = this.placementFor(ds);
    const { cur, old } = constructHistory(this.api, this.revisions, ds, selector);
    const hash = cur.metadata.labels?.[REVISION_HASH_LABEL] ?? '';

    let requeue: number | undefined;
    let failure: unknown;
    let pods = this.claimed(ds, selector);
    // A sync walks every node and daemon pod: its cost is the larger of the two.
    this.batcher.noteSize(key, Math.max(pods.length, nodes.length));
    let wrote = false;
    try {
      const more = this.manage(ds, pods, nodes, placement, hash, key);
      requeue = more.requeue;
      wrote = more.changed;
      // Upstream waits for its own creations and deletions to be observed before rolling; the
      // events of these writes bring that next sync.
      if (!more.changed && (ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
        const plan = rollingUpdate(ds, nodes, this.nodeToPods(pods, false), placement, hash, this.ctx.clock.now());
        if (plan.deletePods.length || plan.createOnNodes.length) {
          this.syncNodes(ds, plan.deletePods, plan.createOnNodes, hash);
          wrote = true;
        }
      }
      cleanupHistory(this.api, ds, old, pods);
    } catch (e) {
      failure = e;
      wrote = true;
    }
    if (wrote) pods = this.claimed(ds, selector);
    const statusRequeue = this.updateStatus(ds, pods, nodes, placement, hash);
    if (failure !== undefined) throw failure;
    return minDefined(requeue, statusRequeue);
  }

  /**
   * One DaemonPlacement per DaemonSet generation (the spec it reads changes only with it), so that
   * its per-node answers carry over from one sync to the next while the nodes stay the same.
   */
  private placementFor(ds: Stored<DaemonSet>): DaemonPlacement {
    const key = `${ds.metadata.uid}/${ds.metadata.generation ?? 0}`;
    let placement = this.placements.get(key);
    if (!placement) {
      if (this.placements.size >= 64) this.placements.clear();
      placement = new DaemonPlacement(ds);
      this.placements.set(key, placement);
    }
    return placement;
  }

  private claimed(ds: Stored<DaemonSet>, selector: Selector): Stored<Pod>[] {
    return claimChildren(
      { api: this.api, resource: 'pods', ownerResource: 'apps/daemonsets', owner: ds, kind: DAEMONSET_KIND, selector },
      this.children.of(ds.metadata.uid),
      this.children.orphans(ds.metadata.namespace ?? ''),
    ).map((c) => c.pod);
  }

  /** getNodesToDaemonPods: claimed pods by the node they run on or are pinned to. */
  private nodeToPods(pods: readonly Stored<Pod>[], includeDeletedTerminal: boolean): Map<string, Stored<Pod>[]> {
    const out = new Map<string, Stored<Pod>[]>();
    for (const pod of pods) {
      if (!includeDeletedTerminal && isPodTerminal(pod) && pod.metadata.deletionTimestamp) continue;
      const node = targetNodeName(pod);
      if (node === undefined) continue;
      const list = out.get(node);
      if (list) list.push(pod);
      else out.set(node, [pod]);
    }
    return out;
  }

  private manage(
    ds: Stored<DaemonSet>,
    pods: readonly Stored<Pod>[],
    nodes: Stored<Node>[],
    placement: DaemonPlacement,
    hash: string,
    key: string,
  ): { changed: boolean; requeue?: number } {
    const byNode = this.nodeToPods(pods, false);
    const needing: string[] = [];
    const toDelete: string[] = [];
    let requeue: number | undefined;
    const now = this.ctx.clock.now();
    const known = new Set<string>();
    for (const node of nodes) {
      const nodeName = node.metadata.name;
      known.add(nodeName);
      const [shouldRun, shouldContinue] = placement.decide(node);
      const onNode = byNode.get(nodeName);
      if (shouldRun && !onNode) {
        needing.push(nodeName);
      } else if (shouldContinue && onNode) {
        const running: Stored<Pod>[] = [];
        for (const pod of onNode) {
          if (pod.metadata.deletionTimestamp) continue;
          const phase = pod.status?.phase;
          if (phase === 'Failed') {
            const bk = `${key}/${nodeName}`;
            const entry = this.backoff.get(bk);
            if (entry && now - entry.last < entry.delay) {
              requeue = minDefined(requeue, entry.last + entry.delay - now);
              continue;
            }
            const expired = !entry || now - entry.last > 2 * FAILED_POD_BACKOFF_MAX_MS;
            this.backoff.set(bk, {
              delay: expired ? FAILED_POD_BACKOFF_MS : Math.min(entry.delay * 2, FAILED_POD_BACKOFF_MAX_MS),
              last: now,
            });
            const msg = `Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${nodeName}, will try to kill it`;
            this.ctx.events.event(ds, 'Warning', 'FailedDaemonPod', msg, { component: COMPONENT });
            toDelete.push(pod.metadata.name);
          } else if (phase === 'Succeeded') {
            const msg = `Found succeeded daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${nodeName}, will try to delete it`;
            this.ctx.events.event(ds, 'Normal', 'SucceededDaemonPod', msg, { component: COMPONENT });
            toDelete.push(pod.metadata.name);
          } else running.push(pod);
        }
        const surge = this.allowsSurge(ds);
        if (!surge) {
          if (running.length > 1) {
            running.sort(byCreationAndPhase);
            for (const p of running.slice(1)) toDelete.push(p.metadata.name);
          }
        } else if (running.length <= 1) {
          if (running.length === 0 && shouldRun) needing.push(nodeName);
        } else {
          this.pruneSurge(ds, running, hash, toDelete, now);
        }
      } else if (!shouldContinue && onNode) {
        for (const pod of onNode) if (!pod.metadata.deletionTimestamp) toDelete.push(pod.metadata.name);
      }
    }
    // Pods pinned to nodes that no longer exist are never scheduled; nobody else removes them.
    for (const [nodeName, onNode] of byNode) {
      if (known.has(nodeName)) continue;
      for (const pod of onNode) {
        if (!pod.spec?.nodeName && !pod.metadata.deletionTimestamp) toDelete.push(pod.metadata.name);
      }
    }
    if (!needing.length && !toDelete.length) return { changed: false, requeue };
    const capped = this.syncNodes(ds, toDelete, needing, hash);
    return { changed: true, requeue: capped ? 0 : requeue };
  }

  private allowsSurge(ds: DaemonSet): boolean {
    const us = ds.spec?.updateStrategy;
    if ((us?.type ?? 'RollingUpdate') !== 'RollingUpdate') return false;
    const s = us?.rollingUpdate?.maxSurge;
    return s !== undefined && s !== 0 && s !== '0%';
  }

  /** With surge, keep the oldest new pod and, while it is not yet available, the oldest ready old one. */
  private pruneSurge(ds: Stored<DaemonSet>, running: Stored<Pod>[], hash: string, toDelete: string[], now: number): void {
    running.sort(byCreationAndPhase);
    let oldestNew: Stored<Pod> | undefined;
    let oldestOld: Stored<Pod> | undefined;
    for (const pod of running) {
      if (pod.metadata.labels?.[REVISION_HASH_LABEL] === hash) {
        if (!oldestNew) {
          oldestNew = pod;
          continue;
        }
      } else if (!oldestOld) {
        oldestOld = pod;
        continue;
      }
      toDelete.push(pod.metadata.name);
    }
    if (oldestNew && oldestOld) {
      if (!isPodReady(oldestOld) || isPodAvailable(oldestNew, ds.spec?.minReadySeconds ?? 0, now)) {
        toDelete.push(oldestOld.metadata.name);
      }
    }
  }

  /** Create daemon pods on `nodes` (slow start) and delete `podNames`; true when capped by the burst. */
  private syncNodes(ds: Stored<DaemonSet>, podNames: string[], nodes: string[], hash: string): boolean {
    const ns = ds.metadata.namespace ?? '';
    const creates = nodes.slice(0, BURST_REPLICAS);
    const deletes = podNames.slice(0, BURST_REPLICAS);
    let first: unknown;
    if (creates.length) {
      const template = daemonPodTemplate(ds, templateGeneration(ds), hash);
      const ref = controllerRef(ds, DAEMONSET_KIND);
      const { error } = slowStartBatch(creates.length, 1, (i) => {
        const pod = podFromTemplate(template, ds, ref);
        if (pod.spec) pod.spec.affinity = pinToNode(pod.spec.affinity, creates[i]);
        createPod(this.ctx, ds, pod, COMPONENT);
      });
      first = error;
    }
    for (const name of deletes) {
      try {
        deletePod(this.ctx, ds, ns, name, COMPONENT);
      } catch (e) {
        first ??= e;
      }
    }
    if (first !== undefined) throw first;
    return nodes.length > BURST_REPLICAS || podNames.length > BURST_REPLICAS;
  }

  private updateStatus(
    ds: Stored<DaemonSet>,
    claimed: readonly Stored<Pod>[],
    nodes: Stored<Node>[],
    placement: DaemonPlacement,
    hash: string,
  ): number | undefined {
    const byNode = this.nodeToPods(claimed, false);
    const now = this.ctx.clock.now();
    const minReady = ds.spec?.minReadySeconds ?? 0;
    const generation = templateGeneration(ds);
    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    let updated = 0;
    let available = 0;
    let next: number | undefined;
    for (const node of nodes) {
      const [shouldRun] = placement.decide(node);
      const pods = byNode.get(node.metadata.name);
      if (!shouldRun) {
        if (pods?.length) misscheduled++;
        continue;
      }
      desired++;
      if (!pods?.length) continue;
      current++;
      const pod = [...pods].sort(byCreationAndPhase)[0];
      if (isPodReady(pod)) {
        ready++;
        if (isPodAvailable(pod, minReady, now)) available++;
        else next = minDefined(next, availableAt(pod, minReady, now));
      }
      if (isPodUpdated(pod, hash, generation)) updated++;
    }
    const status: DaemonSetStatus = omitZero(
      {
        currentNumberScheduled: current,
        numberMisscheduled: misscheduled,
        desiredNumberScheduled: desired,
        numberReady: ready,
        observedGeneration: ds.metadata.generation,
        updatedNumberScheduled: updated,
        numberAvailable: available,
        numberUnavailable: desired - available,
        collisionCount: ds.status?.collisionCount,
        conditions: ds.status?.conditions,
      },
      ['observedGeneration', 'updatedNumberScheduled', 'numberAvailable', 'numberUnavailable', 'collisionCount'],
    );
    if (status.conditions === undefined) delete status.conditions;
    const fresh = this.sets.get(ds.metadata.namespace ?? '', ds.metadata.name) ?? ds;
    if (!deepEqual(fresh.status, status)) {
      this.api.updateStatus('apps/daemonsets', ds.metadata.namespace ?? '', { ...fresh, status } as DaemonSet);
    }
    return next === undefined ? undefined : next - now;
  }
}

function selectorOf(ds: DaemonSet): Selector | undefined {
  try {
    return cachedSelector(['DaemonSet', ds.spec?.selector], () => selectorFromLabelSelector(ds.spec?.selector));
  } catch (e) {
    if (e instanceof SelectorParseError) return undefined;
    throw e;
  }
}

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}
