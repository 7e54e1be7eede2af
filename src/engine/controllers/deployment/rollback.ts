import type { Deployment } from 'kubernetes-types/apps/v1';
import { clone } from '../../api/types';
import type { DeploymentSync } from './sync';
import { equalIgnoreHash, HASH_LABEL, maxRevision, revisionOf, ROLLBACK_TO } from './util';

/** The revision a legacy rollback asks for (`deprecated.deployment.rollback.to`), if any. */
export function rollbackTo(d: Deployment): number | undefined {
  const v = d.metadata?.annotations?.[ROLLBACK_TO];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

/**
 * The legacy, annotation-driven rollback (extensions/v1beta1's rollbackTo): copy the template of
 * the ReplicaSet with that revision (0: the one before the current) into the Deployment. kubectl
 * `rollout undo` now patches the template itself; the controller then just finds an old
 * ReplicaSet matching the template and makes it the new one with the next revision.
 */
export function rollback(s: DeploymentSync): void {
  const d = s.d;
  let target = rollbackTo(d) ?? 0;
  const { newRS, oldRSs } = s.allReplicaSets(true);
  const all = [...oldRSs, ...(newRS ? [newRS] : [])];
  if (target === 0) {
    const current = revisionOf(d);
    target = maxRevision(all.filter((rs) => revisionOf(rs) < current));
    if (target === 0) {
      s.event('Warning', 'DeploymentRollbackRevisionNotFound', 'Unable to find last revision.');
      clearRollback(s);
      return;
    }
  }
  const rs = all.find((r) => revisionOf(r) === target);
  if (!rs) {
    s.event('Warning', 'DeploymentRollbackRevisionNotFound', 'Unable to find the revision to rollback to.');
    clearRollback(s);
    return;
  }
  if (equalIgnoreHash(d.spec?.template, rs.spec?.template)) {
    s.event('Warning', 'DeploymentRollbackTemplateUnchanged', `The rollback revision contains the same template as current deployment "${d.metadata.name}"`);
    clearRollback(s);
    return;
  }
  const next = clone(s.ctx.api.get<Deployment>('apps/deployments', s.ns, d.metadata.name));
  const template = clone(rs.spec?.template ?? {});
  if (template.metadata?.labels) delete template.metadata.labels[HASH_LABEL];
  next.spec = { ...next.spec, template } as Deployment['spec'];
  const annotations = { ...(next.metadata.annotations ?? {}) };
  delete annotations[ROLLBACK_TO];
  next.metadata.annotations = annotations;
  s.ctx.api.update('apps/deployments', s.ns, next);
  s.event('Normal', 'DeploymentRollback', `Rolled back deployment "${d.metadata.name}" to revision ${target}`);
}

function clearRollback(s: DeploymentSync): void {
  const next = clone(s.ctx.api.get<Deployment>('apps/deployments', s.ns, s.d.metadata.name));
  const annotations = { ...(next.metadata.annotations ?? {}) };
  delete annotations[ROLLBACK_TO];
  next.metadata.annotations = annotations;
  s.ctx.api.update('apps/deployments', s.ns, next);
}
