import type { Pod } from 'kubernetes-types/core/v1';
import { syncRolloutStatus } from './progress';
import type { DeploymentSync } from './sync';
import { active, deploymentComplete, desiredOf, type RS, sumActual } from './util';

/**
 * rolloutRecreate: scale every old ReplicaSet to 0, wait until none of their pods is left
 * running, then create (or scale up) the new ReplicaSet.
 */
export function rolloutRecreate(s: DeploymentSync, podsByRS: Map<string, Pod[]>): void {
  let { newRS, oldRSs } = s.allReplicaSets(false);
  const all = () => [...s.oldReplicaSets(s.current(newRS)), s.current(newRS)];
  let scaledDown = false;
  for (const rs of active(oldRSs)) if (s.scaleAndRecord(rs, 0)) scaledDown = true;
  if (scaledDown) {
    syncRolloutStatus(s, all(), s.current(newRS));
    return;
  }
  if (oldPodsRunning(newRS, s.oldReplicaSets(s.current(newRS)), podsByRS)) {
    syncRolloutStatus(s, all(), s.current(newRS));
    return;
  }
  if (!newRS) ({ newRS, oldRSs } = s.allReplicaSets(true));
  if (newRS) s.scaleAndRecord(s.current(newRS) as RS, desiredOf(s.d));
  if (deploymentComplete(s.d, s.d.status ?? {})) s.cleanup(s.oldReplicaSets(s.current(newRS)));
  syncRolloutStatus(s, all(), s.current(newRS));
}

/** Old pods still running (or that an old ReplicaSet still counts) block the new ones. */
function oldPodsRunning(newRS: RS | undefined, oldRSs: RS[], podsByRS: Map<string, Pod[]>): boolean {
  if (sumActual(oldRSs) > 0) return true;
  for (const [uid, pods] of podsByRS) {
    if (newRS && newRS.metadata.uid === uid) continue;
    for (const pod of pods) {
      const phase = pod.status?.phase;
      if (phase === 'Failed' || phase === 'Succeeded') continue;
      return true;
    }
  }
  return false;
}
