import type { Pod, ResourceQuota } from 'kubernetes-types/core/v1';
import { clone, type KObject, type Stored } from '../../api/types';
import { BY_NAMESPACE, quotaInformer, quotasIn } from '../../apiserver/admission/resourcequota';
import { fromUsage, maskUsage, toUsage } from '../../apiserver/admission/resourcequota-usage';
import { deepEqual } from '../../apiserver/apiserver';
import { Controller, type ControllerContext } from '../controller';
import { type Informer, keyOf, splitKey } from '../informer';
import { calculateUsage, quotaCountsResource } from './usage';

/** A pod change that can change what it uses of a quota (counting it, or its compute resources). */
function podUsageChanged(p: Pod, old: Pod): boolean {
  const terminal = (x: Pod) => x.status?.phase === 'Succeeded' || x.status?.phase === 'Failed';
  return (
    terminal(p) !== terminal(old) ||
    p.metadata?.deletionTimestamp !== old.metadata?.deletionTimestamp ||
    // Status writes keep the spec object itself: nothing to compare then.
    (p.spec !== old.spec &&
      !deepEqual(
        p.spec?.containers?.map((c) => c.resources),
        old.spec?.containers?.map((c) => c.resources),
      ))
  );
}

/**
 * The resource quota controller: keeps each ResourceQuota's status.hard equal to its spec and
 * status.used equal to what the namespace's objects really use (replenishing what deleted or
 * finished objects gave back). Admission charges new objects at once; this recount settles
 * what admission cannot know (deletions, pods finishing, failed creates).
 */
export class ResourceQuotaController extends Controller {
  private readonly quotas: Informer<ResourceQuota>;
  private readonly pods: Informer<Pod>;

  constructor(ctx: ControllerContext) {
    super('resourcequota-controller', ctx);
    this.quotas = quotaInformer(ctx.informers);
    this.pods = ctx.informers.for<Pod>('pods');
    this.pods.addIndex(BY_NAMESPACE, (p) => [p.metadata.namespace ?? '']);
    const allIn = (ns: string) => {
      for (const q of this.quotas.byIndex(BY_NAMESPACE, ns)) this.queue.add(keyOf(q));
    };
    // A new or removed quota changes the namespace's resourcequotas count too.
    this.quotas.addHandlers({
      add: (q) => allIn(q.metadata.namespace ?? ''),
      update: (q) => this.queue.add(keyOf(q)),
      delete: (q) => allIn(q.metadata.namespace ?? ''),
    });
    this.pods.addHandlers({
      add: (p) => this.touched('pods', p),
      // Most namespaces have no quota: that is checked before anything about the pod.
      update: (p, old) => this.hasQuota(p.metadata.namespace ?? '') && podUsageChanged(p, old) && this.touched('pods', p),
      delete: (p) => this.touched('pods', p),
    });
    // Every other kind can be counted (`count/deployments.apps`): watch them all, cheaply.
    ctx.api.store.watch('*', (e, resource) => {
      if (resource === 'pods' || resource === 'resourcequotas') return;
      if (e.type === 'MODIFIED' && resource !== 'services' && resource !== 'persistentvolumeclaims') return;
      this.touched(resource, e.object);
    });
  }

  private hasQuota(namespace: string): boolean {
    return this.quotas.countByIndex(BY_NAMESPACE, namespace) > 0;
  }

  private touched(resource: string, obj: KObject): void {
    const ns = obj.metadata?.namespace;
    if (!ns || !this.hasQuota(ns)) return;
    for (const q of this.quotas.byIndex(BY_NAMESPACE, ns)) if (quotaCountsResource(q, resource)) this.queue.add(keyOf(q));
  }

  reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    const rq = this.quotas.get(ns, name);
    if (!rq) return;
    const hard = { ...(rq.spec?.hard ?? {}) } as Record<string, string>;
    const computed = calculateUsage(rq, {
      store: this.api.store,
      pods: (namespace) => this.pods.byIndex(BY_NAMESPACE, namespace),
      now: this.ctx.clock.now(),
    });
    // Keep past observations of resources nothing here measures; limit to what the spec limits.
    const used = toUsage(rq.status?.used as Record<string, string>);
    for (const [k, v] of computed) used.set(k, v);
    const status = { hard, used: fromUsage(maskUsage(used, Object.keys(hard))) };
    if (deepEqual(rq.status?.hard ?? null, status.hard) && deepEqual(rq.status?.used ?? null, status.used)) return;
    const next = clone(rq) as Stored<ResourceQuota>;
    next.status = status;
    this.api.updateStatus<ResourceQuota>('resourcequotas', ns, next);
  }

  /** Quotas of a namespace (for tests and tools). */
  quotasIn(namespace: string): Stored<ResourceQuota>[] {
    return quotasIn(this.quotas, namespace);
  }
}
