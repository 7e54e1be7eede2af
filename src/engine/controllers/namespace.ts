import type { Namespace } from 'kubernetes-types/core/v1';
import { isStatusError } from '../api/status';
import { resourceKey } from '../apiserver/registry';
import { Controller, type ControllerContext } from './controller';

/** How often a terminating namespace is checked again while its content is still going. */
const RECHECK_MS = 5_000;

/**
 * The namespace controller waits this long after a namespace event before acting, as upstream
 * does so that every API server sees the deletion and late creations land first.
 */
const DELETION_GRACE_MS = 5_000;

/**
 * Namespace lifecycle: a namespace marked for deletion (phase Terminating) has all its content
 * deleted, then the `kubernetes` finalizer is removed and the namespace goes away.
 */
export class NamespaceController extends Controller {
  constructor(ctx: ControllerContext) {
    super('namespace', ctx);
    const namespaces = ctx.informers.for<Namespace>('namespaces');
    namespaces.addHandlers({
      add: (ns) => ns.metadata.deletionTimestamp && this.queue.addAfter(ns.metadata.name, DELETION_GRACE_MS),
      update: (ns) => ns.metadata.deletionTimestamp && this.queue.addAfter(ns.metadata.name, DELETION_GRACE_MS),
    });
  }

  reconcile(name: string): number | undefined {
    const ns = this.api.find<Namespace>('namespaces', '', name);
    if (!ns?.metadata.deletionTimestamp) return;
    let remaining = 0;
    for (const rt of this.api.registry.all()) {
      if (!rt.namespaced || !rt.verbs.includes('delete') || !rt.verbs.includes('list')) continue;
      const key = resourceKey(rt);
      for (const obj of this.api.store.list(key, name)) {
        remaining++;
        if (obj.metadata.deletionTimestamp) continue;
        try {
          this.api.delete(rt, name, obj.metadata.name, { propagationPolicy: 'Background' });
        } catch (e) {
          if (!isStatusError(e, 'NotFound')) throw e;
        }
      }
    }
    // Deleting may have removed things outright; count what is really left.
    remaining = 0;
    for (const rt of this.api.registry.all()) {
      if (rt.namespaced && rt.verbs.includes('list')) remaining += this.api.store.count(resourceKey(rt), name);
    }
    if (remaining > 0) return RECHECK_MS;
    const finalizers = (ns.spec?.finalizers ?? []).filter((f) => f !== 'kubernetes');
    this.api.finalizeNamespace(name, finalizers);
    return undefined;
  }
}
