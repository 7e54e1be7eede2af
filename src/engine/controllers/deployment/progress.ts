import type { DeploymentCondition, ReplicaSet } from 'kubernetes-types/apps/v1';
import { deepEqual } from '../controllerutil/status';
import { type DeploymentSync, omitEmpty } from './sync';
import {
  type D,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getCondition,
  hasProgressDeadline,
  NEW_RS_AVAILABLE,
  newCondition,
  type RS,
  RS_UPDATED,
  removeCondition,
  setCondition,
  TIMED_OUT,
} from './util';

/**
 * syncRolloutStatus: status plus the Progressing condition — NewReplicaSetAvailable once the
 * rollout is complete, ReplicaSetUpdated while it moves, ProgressDeadlineExceeded when it has not
 * moved for progressDeadlineSeconds — and the new ReplicaSet's ReplicaFailure, if any.
 */
export function syncRolloutStatus(s: DeploymentSync, allRSs: (RS | undefined)[], newRS: RS | undefined): void {
  const d = s.d;
  const status = s.calculateStatus(allRSs, newRS);
  if (!hasProgressDeadline(d)) removeCondition(status, 'Progressing');
  const currentCond = getCondition(d.status, 'Progressing');
  const isComplete = (status.replicas ?? 0) === (status.updatedReplicas ?? 0) && currentCond?.reason === NEW_RS_AVAILABLE;
  if (hasProgressDeadline(d) && !isComplete) {
    if (deploymentComplete(d, status)) {
      const msg = newRS
        ? `ReplicaSet "${newRS.metadata.name}" has successfully progressed.`
        : `Deployment "${d.metadata.name}" has successfully progressed.`;
      setCondition(status, newCondition('Progressing', 'True', NEW_RS_AVAILABLE, msg, s.timestamp));
    } else if (deploymentProgressing(d, status)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" is progressing.` : `Deployment "${d.metadata.name}" is progressing.`;
      const cond = newCondition('Progressing', 'True', RS_UPDATED, msg, s.timestamp);
      // Progress moves lastUpdateTime even when the reason stays; the transition time stays while True.
      if (currentCond) {
        if (currentCond.status === 'True') cond.lastTransitionTime = currentCond.lastTransitionTime;
        removeCondition(status, 'Progressing');
      }
      setCondition(status, cond);
    } else if (deploymentTimedOut(d, status, s.now)) {
      const msg = newRS
        ? `ReplicaSet "${newRS.metadata.name}" has timed out progressing.`
        : `Deployment "${d.metadata.name}" has timed out progressing.`;
      setCondition(status, newCondition('Progressing', 'False', TIMED_OUT, msg, s.timestamp));
    }
  }
  const failures = replicaFailures(allRSs, newRS);
  if (failures.length) setCondition(status, failures[0]);
  else removeCondition(status, 'ReplicaFailure');

  const next = omitEmpty(status);
  if (deepEqual(omitEmpty(d.status ?? {}), next)) {
    requeueStuck(s, d, next);
    return;
  }
  s.d = { ...d, status: next } as D;
  s.write();
}

function toDeploymentCondition(c: NonNullable<NonNullable<ReplicaSet['status']>['conditions']>[number]): DeploymentCondition {
  return {
    type: c.type,
    status: c.status,
    lastUpdateTime: c.lastTransitionTime,
    lastTransitionTime: c.lastTransitionTime,
    reason: c.reason,
    message: c.message,
  };
}

function replicaFailures(allRSs: (RS | undefined)[], newRS: RS | undefined): DeploymentCondition[] {
  const pick = (rs: RS | undefined) =>
    (rs?.status?.conditions ?? []).filter((c) => c.type === 'ReplicaFailure').map(toDeploymentCondition);
  const fromNew = pick(newRS);
  if (fromNew.length) return fromNew;
  return allRSs.flatMap(pick);
}

/**
 * requeueStuckDeployment: with no progress to report, look again when the progress deadline
 * would pass (plus a second, as upstream), so the timeout is noticed on time.
 */
function requeueStuck(s: DeploymentSync, d: D, status: ReturnType<typeof omitEmpty>): void {
  const cond = getCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || !cond) return;
  if (deploymentComplete(d, status) || cond.reason === TIMED_OUT) return;
  const deadline = Date.parse(cond.lastUpdateTime ?? '') + (d.spec?.progressDeadlineSeconds ?? 0) * 1000;
  const after = deadline - s.now;
  s.requeueAfter(after < 1000 ? 1000 : after + 1000);
}
