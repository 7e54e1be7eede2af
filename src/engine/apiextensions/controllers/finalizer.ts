import { clone, type Stored } from '../../api/types';
import { isStatusError } from '../../api/status';
import { resourceKey } from '../../apiserver/registry';
import { Controller, type ControllerContext } from '../../controllers/controller';
import type { Informer } from '../../controllers/informer';
import { findCondition, isConditionTrue, sameCondition, setCondition } from '../conditions';
import { CLEANUP_FINALIZER, CRD_RESOURCE, type CRD, type CRDCondition } from '../types';
import { crdInformer } from './crds';

/** The real finalizer polls every 5 s for the objects it deleted to be gone. */
const POLL_MS = 5_000;

type Condition = Omit<CRDCondition, 'lastTransitionTime'>;

const IN_PROGRESS: Condition = {
  type: 'Terminating',
  status: 'True',
  reason: 'InstanceDeletionInProgress',
  message: 'CustomResource deletion is in progress',
};
const COMPLETED: Condition = {
  type: 'Terminating',
  status: 'False',
  reason: 'InstanceDeletionCompleted',
  message: 'removed all instances',
};
const NEVER_ESTABLISHED: Condition = {
  type: 'Terminating',
  status: 'False',
  reason: 'NeverEstablished',
  message: 'resource was never established',
};

/**
 * The CRD finalizer (customresourcecleanup.apiextensions.k8s.io): a deleted CRD is Terminating
 * while every object of its resource is deleted; objects that have finalizers of their own keep
 * it waiting. When none are left the finalizer comes off and the CRD (and its resource) go.
 */
export class CRDFinalizer extends Controller {
  private readonly crds: Informer<CRD>;

  constructor(ctx: ControllerContext) {
    super('crd-finalizer', ctx);
    this.crds = crdInformer(ctx);
    const enqueue = (crd: Stored<CRD>) => {
      if (crd.metadata.deletionTimestamp && (crd.metadata.finalizers ?? []).includes(CLEANUP_FINALIZER)) this.queue.add(crd.metadata.name);
    };
    this.crds.addHandlers({ add: enqueue, update: enqueue });
  }

  reconcile(name: string): number | undefined {
    let crd = this.crds.get('', name);
    if (!crd?.metadata.deletionTimestamp || !(crd.metadata.finalizers ?? []).includes(CLEANUP_FINALIZER)) return undefined;
    crd = this.writeCondition(crd, IN_PROGRESS);
    if (!crd) return undefined;
    if (!isConditionTrue(crd, 'Established')) {
      crd = this.writeCondition(crd, NEVER_ESTABLISHED);
      if (crd) this.removeFinalizer(crd);
      return undefined;
    }
    const group = crd.spec.group;
    const plural = crd.status?.acceptedNames?.plural ?? crd.spec.names.plural;
    const rt = this.api.registry.get(group, plural);
    const key = resourceKey({ group, plural });
    if (rt) {
      for (const obj of this.api.store.list(key)) {
        if (obj.metadata.deletionTimestamp) continue;
        try {
          this.api.delete(rt, obj.metadata.namespace ?? '', obj.metadata.name);
        } catch (e) {
          if (!isStatusError(e, 'NotFound')) throw e;
        }
      }
    }
    if (this.api.store.count(key) > 0) return POLL_MS;
    crd = this.writeCondition(crd, COMPLETED);
    if (crd) this.removeFinalizer(crd);
    return undefined;
  }

  private writeCondition(crd: Stored<CRD>, condition: Condition): Stored<CRD> | undefined {
    if (sameCondition(findCondition(crd, 'Terminating'), condition as CRDCondition)) return crd;
    const next = clone(crd) as Stored<CRD>;
    setCondition(next, condition, this.ctx.clock.timestamp());
    try {
      return this.api.updateStatus(CRD_RESOURCE, '', next);
    } catch (e) {
      if (isStatusError(e, 'NotFound') || isStatusError(e, 'Conflict')) return undefined;
      throw e;
    }
  }

  private removeFinalizer(crd: Stored<CRD>): void {
    const next = clone(crd) as Stored<CRD>;
    next.metadata.finalizers = (crd.metadata.finalizers ?? []).filter((f) => f !== CLEANUP_FINALIZER);
    try {
      this.api.update(CRD_RESOURCE, '', next);
    } catch (e) {
      if (isStatusError(e, 'NotFound') || isStatusError(e, 'Conflict')) return;
      throw e;
    }
  }
}
