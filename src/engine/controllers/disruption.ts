import type { Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { Pod, ReplicationController } from 'kubernetes-types/core/v1';
import type { Condition, OwnerReference } from 'kubernetes-types/meta/v1';
import type { PodDisruptionBudget, PodDisruptionBudgetStatus } from 'kubernetes-types/policy/v1';
import { getScaledValueFromIntOrPercent } from '../api/intstr';
import { SelectorParseError, selectorFromLabelSelector } from '../api/labels';
import type { Stored } from '../api/types';
import { qualifiedName } from '../apiserver/registry';
import { Controller, type ControllerContext } from './controller';
import { ChildEventBatcher } from './controllerutil/batching';
import { getControllerOf } from './controllerutil/ownerref';
import { isPodReady, timeMs } from './controllerutil/podutil';
import { deepEqual } from './controllerutil/status';
import { type Informer, keyOf, splitKey } from './informer';

const COMPONENT = 'controllermanager';
/** A pod the eviction API let go is expected to be deleted within this time. */
const DELETION_TIMEOUT_MS = 2 * 60_000;
const BY_NAMESPACE = 'namespace';

class SyncError extends Error {}

/**
 * The disruption controller: keeps each PodDisruptionBudget's status — how many selected pods
 * are healthy (Ready, not being deleted, not just evicted), how many must be, how many the
 * owning controllers expect (their scale, for percentages and maxUnavailable), and how many
 * disruptions the eviction API may allow now.
 */
export class DisruptionController extends Controller {
  private readonly pdbs: Informer<PodDisruptionBudget>;
  private readonly pods: Informer<Pod>;
  private readonly rss: Informer<ReplicaSet>;
  private readonly deployments: Informer<Deployment>;
  private readonly statefulsets: Informer<StatefulSet>;
  private readonly rcs: Informer<ReplicationController>;
  private readonly batcher: ChildEventBatcher;

  constructor(ctx: ControllerContext) {
    super('disruption', ctx);
    this.batcher = new ChildEventBatcher(this.queue);
    this.pdbs = ctx.informers.for<PodDisruptionBudget>('policy/poddisruptionbudgets');
    this.pods = ctx.informers.for<Pod>('pods');
    this.pods.addIndex(BY_NAMESPACE, (p) => [p.metadata?.namespace ?? '']);
    this.rss = ctx.informers.for<ReplicaSet>('apps/replicasets');
    this.deployments = ctx.informers.for<Deployment>('apps/deployments');
    this.statefulsets = ctx.informers.for<StatefulSet>('apps/statefulsets');
    this.rcs = ctx.informers.for<ReplicationController>('replicationcontrollers');
    this.pdbs.addHandlers({
      add: (p) => this.queue.add(keyOf(p)),
      update: (p) => this.queue.add(keyOf(p)),
      delete: (p) => this.queue.add(keyOf(p)),
    });
    this.pods.addHandlers({
      add: (p) => this.podChanged(p),
      update: (p, old) => {
        if (!deepEqual(p.metadata.labels, old.metadata.labels)) this.podChanged(old);
        this.podChanged(p);
      },
      delete: (p) => this.podChanged(p),
    });
  }

  private podChanged(pod: Stored<Pod>): void {
    const labels = pod.metadata.labels ?? {};
    for (const pdb of this.pdbs.list(pod.metadata.namespace ?? '')) {
      try {
        if (selectorFromLabelSelector(pdb.spec?.selector).matches(labels)) this.batcher.enqueue(keyOf(pdb));
      } catch (e) {
        if (!(e instanceof SelectorParseError)) throw e;
      }
    }
  }

  reconcile(key: string): number | undefined {
    const [ns, name] = splitKey(key);
    const pdb = this.pdbs.get(ns, name);
    if (!pdb) {
      this.batcher.forget(key);
      return;
    }
    try {
      return this.trySync(pdb);
    } catch (e) {
      if (!(e instanceof SyncError)) throw e;
      this.failSafe(pdb, e.message);
      return;
    }
  }

  private event(pdb: PodDisruptionBudget, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.event(pdb, type, reason, message, { component: COMPONENT });
  }

  private podsFor(pdb: Stored<PodDisruptionBudget>): Stored<Pod>[] {
    let selector: ReturnType<typeof selectorFromLabelSelector>;
    try {
      selector = selectorFromLabelSelector(pdb.spec?.selector);
    } catch (e) {
      if (e instanceof SelectorParseError) throw new SyncError(e.message);
      throw e;
    }
    return this.pods.byIndex(BY_NAMESPACE, pdb.metadata.namespace ?? '').filter((p) => selector.matches(p.metadata.labels ?? {}));
  }

  private trySync(pdb: Stored<PodDisruptionBudget>): number | undefined {
    const pods = this.podsFor(pdb);
    this.batcher.noteSize(keyOf(pdb), pods.length);
    if (pods.length === 0) this.event(pdb, 'Normal', 'NoPods', 'No matching pods found');
    let expected: { expectedCount: number; desiredHealthy: number; unmanaged: string[] };
    try {
      expected = this.expectedPodCount(pdb, pods);
    } catch (e) {
      if (!(e instanceof SyncError)) throw e;
      this.event(pdb, 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${e.message}`);
      throw e;
    }
    if (expected.unmanaged.length) {
      this.event(
        pdb,
        'Warning',
        'UnmanagedPods',
        `Pods selected by this PodDisruptionBudget (selector: ${selectorText(pdb)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`,
      );
    }
    const now = this.ctx.clock.now();
    const { disrupted, recheck } = this.disruptedPods(pods, pdb, now);
    let healthy = 0;
    for (const p of pods) {
      if (p.metadata.deletionTimestamp) continue;
      const t = disrupted[p.metadata.name];
      if (t && timeMs(t) + DELETION_TIMEOUT_MS > now) continue;
      if (isPodReady(p)) healthy++;
    }
    this.updateStatus(pdb, healthy, expected.desiredHealthy, expected.expectedCount, disrupted);
    return recheck === undefined ? undefined : recheck - now;
  }

  /** getExpectedPodCount: minAvailable as a number counts the selected pods; otherwise the controllers' scale. */
  private expectedPodCount(pdb: Stored<PodDisruptionBudget>, pods: Stored<Pod>[]) {
    const spec = pdb.spec ?? {};
    if (spec.maxUnavailable != null) {
      const { expectedCount, unmanaged } = this.expectedScale(pdb, pods);
      const maxUnavailable = scaled(spec.maxUnavailable, expectedCount);
      return { expectedCount, desiredHealthy: Math.max(0, expectedCount - maxUnavailable), unmanaged };
    }
    if (spec.minAvailable != null) {
      if (typeof spec.minAvailable === 'number') {
        return { expectedCount: pods.length, desiredHealthy: spec.minAvailable, unmanaged: [] };
      }
      const { expectedCount, unmanaged } = this.expectedScale(pdb, pods);
      return { expectedCount, desiredHealthy: scaled(spec.minAvailable, expectedCount), unmanaged };
    }
    return { expectedCount: 0, desiredHealthy: 0, unmanaged: [] };
  }

  /** getExpectedScale: the sum of the scales of the controllers of the selected pods. */
  private expectedScale(pdb: Stored<PodDisruptionBudget>, pods: Stored<Pod>[]): { expectedCount: number; unmanaged: string[] } {
    const ns = pdb.metadata.namespace ?? '';
    const scales = new Map<string, number>();
    const unmanaged: string[] = [];
    for (const pod of pods) {
      const ref = getControllerOf(pod);
      if (!ref) {
        unmanaged.push(pod.metadata.name);
        continue;
      }
      if (scales.has(ref.uid)) continue;
      const found = this.controllerScale(ref, ns);
      if (!found) throw new SyncError(`found no controllers for pod "${pod.metadata.name}"`);
      scales.set(found.uid, found.scale);
    }
    let expectedCount = 0;
    for (const n of scales.values()) expectedCount += n;
    return { expectedCount, unmanaged };
  }

  private controllerScale(ref: OwnerReference, ns: string): { uid: string; scale: number } | undefined {
    const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
    if (ref.kind === 'ReplicaSet' && (group === 'apps' || group === 'extensions')) {
      const rs = this.rss.get(ns, ref.name);
      if (!rs || rs.metadata.uid !== ref.uid) return undefined;
      const owner = getControllerOf(rs);
      if (owner?.kind === 'Deployment') {
        const d = this.deployments.get(ns, owner.name);
        if (!d || d.metadata.uid !== owner.uid) return undefined;
        return { uid: d.metadata.uid, scale: d.spec?.replicas ?? 1 };
      }
      return { uid: rs.metadata.uid, scale: rs.spec?.replicas ?? 1 };
    }
    if (ref.kind === 'StatefulSet' && group === 'apps') {
      const s = this.statefulsets.get(ns, ref.name);
      return s && s.metadata.uid === ref.uid ? { uid: s.metadata.uid, scale: s.spec?.replicas ?? 1 } : undefined;
    }
    if (ref.kind === 'ReplicationController' && group === '') {
      const rc = this.rcs.get(ns, ref.name);
      return rc && rc.metadata.uid === ref.uid ? { uid: rc.metadata.uid, scale: rc.spec?.replicas ?? 1 } : undefined;
    }
    // Anything else is asked for its scale subresource.
    const rt = this.api.registry.forObject(ref.apiVersion, ref.kind);
    if (!rt) return undefined;
    if (!rt.subresources.includes('scale')) throw new SyncError(`${qualifiedName(rt)} does not implement the scale subresource`);
    const obj = this.api.find(rt, ns, ref.name);
    if (!obj || obj.metadata.uid !== ref.uid) return undefined;
    const scale = this.api.getScale(rt, ns, ref.name) as { spec?: { replicas?: number } };
    return { uid: obj.metadata.uid, scale: scale.spec?.replicas ?? 0 };
  }

  /** buildDisruptedPodMap: evicted pods not yet deleted, kept for 2 minutes. */
  private disruptedPods(pods: Stored<Pod>[], pdb: PodDisruptionBudget, now: number) {
    const known = pdb.status?.disruptedPods ?? {};
    const disrupted: Record<string, string> = {};
    let recheck: number | undefined;
    if (!pdb.status?.disruptedPods) return { disrupted, recheck };
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp) continue;
      const t = known[pod.metadata.name];
      if (!t) continue;
      const expectedDeletion = timeMs(t) + DELETION_TIMEOUT_MS;
      if (expectedDeletion < now) {
        const msg = `Pod was expected by PDB ${pdb.metadata?.namespace}/${pdb.metadata?.name} to be deleted but it wasn't`;
        this.ctx.events.event(pod, 'Warning', 'NotDeleted', msg, { component: COMPONENT });
      } else {
        if (recheck === undefined || expectedDeletion < recheck) recheck = expectedDeletion;
        disrupted[pod.metadata.name] = t;
      }
    }
    return { disrupted, recheck };
  }

  private updateStatus(pdb: Stored<PodDisruptionBudget>, healthy: number, desired: number, expected: number, disrupted: Record<string, string>): void {
    let allowed = healthy - desired;
    if (expected <= 0 || allowed <= 0) allowed = 0;
    const generation = pdb.metadata.generation ?? 1;
    const conditions = setCondition(
      pdb.status?.conditions,
      allowed > 0
        ? { type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods', message: '', observedGeneration: generation }
        : { type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods', message: '', observedGeneration: generation },
      this.ctx.clock.timestamp(),
    );
    const status: PodDisruptionBudgetStatus = {
      observedGeneration: generation,
      disruptionsAllowed: allowed,
      currentHealthy: healthy,
      desiredHealthy: desired,
      expectedPods: expected,
      conditions,
    };
    if (Object.keys(disrupted).length) status.disruptedPods = disrupted;
    if (deepEqual(pdb.status, status)) return;
    this.api.updateStatus<PodDisruptionBudget>('policy/poddisruptionbudgets', pdb.metadata.namespace ?? '', { ...pdb, status } as PodDisruptionBudget);
  }

  /** failSafe: when the status cannot be computed, allow no disruption. */
  private failSafe(pdb: Stored<PodDisruptionBudget>, message: string): void {
    const generation = pdb.status?.observedGeneration ?? 0;
    const status: PodDisruptionBudgetStatus = {
      ...(pdb.status ?? { currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 }),
      disruptionsAllowed: 0,
      conditions: setCondition(
        pdb.status?.conditions,
        { type: 'DisruptionAllowed', status: 'False', reason: 'SyncFailed', message, observedGeneration: generation },
        this.ctx.clock.timestamp(),
      ),
    } as PodDisruptionBudgetStatus;
    if (deepEqual(pdb.status, status)) return;
    this.api.updateStatus<PodDisruptionBudget>('policy/poddisruptionbudgets', pdb.metadata.namespace ?? '', { ...pdb, status } as PodDisruptionBudget);
  }
}

/** Percentages of a PDB round up (for minAvailable and maxUnavailable alike). */
function scaled(v: number | string, total: number): number {
  try {
    return getScaledValueFromIntOrPercent(v, total, true);
  } catch (e) {
    throw new SyncError((e as Error).message);
  }
}

/** apimeta.SetStatusCondition: the transition time moves only when the status does. */
function setCondition(list: readonly Condition[] | undefined, c: Omit<Condition, 'lastTransitionTime'>, now: string): Condition[] {
  const out = [...(list ?? [])];
  const i = out.findIndex((x) => x.type === c.type);
  if (i < 0) {
    out.push({ type: c.type, status: c.status, observedGeneration: c.observedGeneration, lastTransitionTime: now, reason: c.reason, message: c.message });
    return out;
  }
  const cur = out[i];
  out[i] = {
    type: c.type,
    status: c.status,
    observedGeneration: c.observedGeneration,
    lastTransitionTime: cur.status === c.status ? cur.lastTransitionTime : now,
    reason: c.reason,
    message: c.message,
  };
  return out;
}

function selectorText(pdb: PodDisruptionBudget): string {
  const s = pdb.spec?.selector;
  return s ? `&LabelSelector{MatchLabels:map[string]string{${Object.entries(s.matchLabels ?? {}).map(([k, v]) => `${k}: ${v},`).join('')}},MatchExpressions:[]LabelSelectorRequirement{},}` : '<nil>';
}
