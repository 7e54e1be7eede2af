import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { type Selector, SelectorParseError, selectorFromLabelSelector } from '../../api/labels';
import type { Stored } from '../../api/types';
import { Controller, type ControllerContext } from '../controller';
import { type Informer, keyOf, splitKey } from '../informer';
import { addOwnerIndexes, orphansIn, ownedBy } from '../controllerutil/indexes';
import { getControllerOf } from '../controllerutil/ownerref';
import { cachedSelector } from '../controllerutil/podfacts';
import { claim } from '../controllerutil/refmanager';
import { deepEqual } from '../controllerutil/status';
import { rolloutRecreate } from './recreate';
import { rollback, rollbackTo } from './rollback';
import { rolloutRolling } from './rolling';
import { COMPONENT, DEPLOYMENT_KIND, DeploymentSync } from './sync';

/**
 * The Deployment controller: one ReplicaSet per pod template (`<deployment>-<pod-template-hash>`),
 * rolled out with RollingUpdate or Recreate, scaled proportionally when replicas change mid-way,
 * paused and resumed, with revisions, rollbacks (an old template brought back makes its old
 * ReplicaSet the new one), history cleanup, and the Available / Progressing conditions.
 */
export class DeploymentController extends Controller {
  private readonly deployments: Informer<Deployment>;
  private readonly replicaSets: Informer<ReplicaSet>;
  private readonly pods: Informer<Pod>;

  constructor(ctx: ControllerContext) {
    super('deployment', ctx);
    this.deployments = ctx.informers.for<Deployment>('apps/deployments');
    this.replicaSets = addOwnerIndexes(ctx.informers.for<ReplicaSet>('apps/replicasets'));
    this.pods = addOwnerIndexes(ctx.informers.for<Pod>('pods'));
    this.deployments.addHandlers({
      add: (d) => this.queue.add(keyOf(d)),
      update: (d) => this.queue.add(keyOf(d)),
      delete: (d) => this.queue.add(keyOf(d)),
    });
    this.replicaSets.addHandlers({
      add: (rs) => this.rsChanged(rs),
      update: (rs, old) => {
        const ref = getControllerOf(rs)?.uid;
        if (getControllerOf(old)?.uid !== ref) this.rsChanged(old);
        if (ref || !deepEqual(rs.metadata.labels, old.metadata.labels)) this.rsChanged(rs);
      },
      delete: (rs) => this.rsChanged(rs),
    });
    this.pods.addHandlers({
      // Only a Recreate rollout waits on pods: it starts the new pods when the old ones are gone.
      delete: (pod) => {
        const rsRef = getControllerOf(pod);
        if (rsRef?.kind !== 'ReplicaSet') return;
        const rs = this.replicaSets.get(pod.metadata.namespace ?? '', rsRef.name);
        const d = rs && this.owner(rs);
        if (d?.spec?.strategy?.type === 'Recreate') this.queue.add(keyOf(d));
      },
    });
  }

  private owner(rs: Stored<ReplicaSet>): Stored<Deployment> | undefined {
    const ref = getControllerOf(rs);
    if (ref?.kind !== 'Deployment') return undefined;
    const d = this.deployments.get(rs.metadata.namespace ?? '', ref.name);
    return d && d.metadata.uid === ref.uid ? d : undefined;
  }

  private rsChanged(rs: Stored<ReplicaSet>): void {
    if (getControllerOf(rs)) {
      const d = this.owner(rs);
      if (d) this.queue.add(keyOf(d));
      return;
    }
    if (rs.metadata.deletionTimestamp) return;
    for (const d of this.deployments.list(rs.metadata.namespace ?? '')) {
      if (selectorOf(d)?.matches(rs.metadata.labels ?? {})) this.queue.add(keyOf(d));
    }
  }

  reconcile(key: string): number | undefined {
    const [ns, name] = splitKey(key);
    const d = this.deployments.get(ns, name);
    if (!d) return;
    const selector = selectorOf(d);
    if (!selector) return;
    if (selector.empty()) {
      this.ctx.events.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.', {
        component: COMPONENT,
      });
      if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        this.api.updateStatus('apps/deployments', ns, { ...d, status: { ...d.status, observedGeneration: d.metadata.generation } } as Deployment);
      }
      return;
    }
    const rsList = claim(
      { api: this.api, resource: 'apps/replicasets', ownerResource: 'apps/deployments', owner: d, kind: DEPLOYMENT_KIND, selector },
      ownedBy(this.replicaSets, d.metadata.uid),
      orphansIn(this.replicaSets, ns),
    );
    const s = new DeploymentSync(this.ctx, d, rsList);
    if (d.metadata.deletionTimestamp) {
      const { newRS, oldRSs } = s.allReplicaSets(false);
      s.syncDeploymentStatus([...oldRSs, newRS], newRS);
      return;
    }
    s.checkPausedConditions();
    if (d.spec?.paused) {
      s.sync();
      return s.requeue;
    }
    if (rollbackTo(d) !== undefined) {
      rollback(s);
      return s.requeue;
    }
    if (s.isScalingEvent()) {
      s.sync();
      return s.requeue;
    }
    if (d.spec?.strategy?.type === 'Recreate') rolloutRecreate(s, this.podsByReplicaSet(s.rsList));
    else rolloutRolling(s);
    return s.requeue;
  }

  private podsByReplicaSet(rsList: Stored<ReplicaSet>[]): Map<string, Pod[]> {
    const out = new Map<string, Pod[]>();
    for (const rs of rsList) out.set(rs.metadata.uid, ownedBy(this.pods, rs.metadata.uid));
    return out;
  }
}

function selectorOf(d: Deployment): Selector | undefined {
  try {
    return cachedSelector(['Deployment', d.spec?.selector], () => selectorFromLabelSelector(d.spec?.selector));
  } catch (e) {
    if (e instanceof SelectorParseError) return undefined;
    throw e;
  }
}
