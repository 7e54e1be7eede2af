import type { Node, Pod } from 'kubernetes-types/core/v1';
import { isStatusError } from '../../api/status';
import type { Stored } from '../../api/types';
import { Controller, type ControllerContext } from '../controller';
import type { Informer } from '../informer';

/**
 * The pod garbage collector (pod-garbage-collector), every 20 s: force-deletes pods bound to
 * nodes that no longer exist (after a 40 s quarantine, marking them Failed with a
 * DisruptionTarget condition), terminating pods that were never scheduled, and the oldest
 * finished pods beyond --terminated-pod-gc-threshold (12500).
 */
export const GC_PERIOD_MS = 20_000;
export const QUARANTINE_MS = 40_000;
export const TERMINATED_POD_THRESHOLD = 12_500;

export class PodGCController extends Controller {
  /** Node name → when its absence was first seen. */
  private missing: Record<string, number> = {};
  private readonly pods: Informer<Pod>;
  private readonly nodes: Informer<Node>;

  constructor(
    ctx: ControllerContext,
    readonly threshold = TERMINATED_POD_THRESHOLD,
  ) {
    super('pod-garbage-collector', ctx);
    this.pods = ctx.informers.for<Pod>('pods');
    this.nodes = ctx.informers.for<Node>('nodes');
    this.queue.addAfter('gc', GC_PERIOD_MS);
  }

  reconcile(): number {
    this.gcTerminated();
    this.gcOrphaned();
    this.gcUnscheduledTerminating();
    return GC_PERIOD_MS;
  }

  private forceDelete(pod: Stored<Pod>): void {
    try {
      this.api.delete('pods', pod.metadata.namespace ?? 'default', pod.metadata.name, { gracePeriodSeconds: 0 });
    } catch (e) {
      if (!isStatusError(e)) throw e;
    }
  }

  private gcTerminated(): void {
    const done = this.pods.list().filter((p) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed');
    const excess = done.length - this.threshold;
    if (excess <= 0) return;
    done.sort((a, b) => a.metadata.creationTimestamp.localeCompare(b.metadata.creationTimestamp) || a.metadata.name.localeCompare(b.metadata.name));
    for (const pod of done.slice(0, excess)) this.forceDelete(pod);
  }

  private gcOrphaned(): void {
    const now = this.ctx.clock.now();
    const pods = this.pods.list().filter((p) => p.spec?.nodeName && !this.nodes.get('', p.spec.nodeName));
    const absent = new Set(pods.map((p) => p.spec?.nodeName as string));
    for (const name of Object.keys(this.missing)) if (!absent.has(name)) delete this.missing[name];
    for (const name of absent) this.missing[name] ??= now;
    const gone = new Set([...absent].filter((n) => now - this.missing[n] >= QUARANTINE_MS && !this.api.find('nodes', '', n)));
    for (const pod of pods.sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`))) {
      if (!gone.has(pod.spec?.nodeName as string)) continue;
      const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
      const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
      conditions.push({
        type: 'DisruptionTarget',
        status: 'True',
        lastProbeTime: null as unknown as undefined,
        lastTransitionTime: this.ctx.clock.timestamp(),
        reason: 'DeletionByPodGC',
        message: 'PodGC: node no longer exists',
      });
      try {
        this.api.updateStatus<Pod>('pods', pod.metadata.namespace ?? 'default', {
          ...pod,
          status: {
            ...pod.status,
            phase: terminal ? pod.status?.phase : 'Failed',
            conditions,
          },
        });
      } catch (e) {
        if (!isStatusError(e)) throw e;
      }
      this.forceDelete(pod);
    }
    for (const n of gone) delete this.missing[n];
  }

  private gcUnscheduledTerminating(): void {
    for (const pod of this.pods.list()) {
      if (pod.metadata.deletionTimestamp && !pod.spec?.nodeName) this.forceDelete(pod);
    }
  }

  override snapshotState(): unknown {
    return { ...this.missing };
  }

  override restoreState(state: unknown): void {
    this.missing = { ...(state as Record<string, number>) };
  }
}
