import { syncRolloutStatus } from './progress';
import type { DeploymentSync } from './sync';
import { active, byCreation, deploymentComplete, desiredOf, maxUnavailable, newRSNewReplicas, type RS, replicasOf, sumAvailable, sumReplicas } from './util';

/**
 * rolloutRolling: grow the new ReplicaSet within maxSurge, shrink old ones within
 * maxUnavailable (unhealthy replicas first), and clean up history once complete.
 */
export function rolloutRolling(s: DeploymentSync): void {
  const { newRS, oldRSs } = s.allReplicaSets(true);
  const all = () => [...s.oldReplicaSets(s.current(newRS)), s.current(newRS)];
  if (newRS && reconcileNewReplicaSet(s, all(), s.current(newRS) as RS)) {
    syncRolloutStatus(s, all(), s.current(newRS));
    return;
  }
  if (reconcileOldReplicaSets(s, all(), active(oldRSs.map((r) => s.current(r) as RS)), s.current(newRS))) {
    syncRolloutStatus(s, all(), s.current(newRS));
    return;
  }
  if (deploymentComplete(s.d, s.d.status ?? {})) s.cleanup(s.oldReplicaSets(s.current(newRS)));
  syncRolloutStatus(s, all(), s.current(newRS));
}

function reconcileNewReplicaSet(s: DeploymentSync, allRSs: (RS | undefined)[], newRS: RS): boolean {
  const want = desiredOf(s.d);
  if (replicasOf(newRS) === want) return false;
  if (replicasOf(newRS) > want) return s.scaleAndRecord(newRS, want);
  return s.scaleAndRecord(newRS, newRSNewReplicas(s.d, allRSs, newRS));
}

function reconcileOldReplicaSets(s: DeploymentSync, allRSs: (RS | undefined)[], oldRSs: RS[], newRS: RS | undefined): boolean {
  const oldPods = sumReplicas(oldRSs);
  if (oldPods === 0) return false;
  const allPods = sumReplicas(allRSs);
  const minAvailable = desiredOf(s.d) - maxUnavailable(s.d);
  const newUnavailable = newRS ? replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0) : 0;
  const maxScaledDown = allPods - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const cleaned = cleanupUnhealthyReplicas(s, oldRSs, maxScaledDown);
  const olds = oldRSs.map((r) => s.current(r) as RS);
  const scaledDown = scaleDownOldReplicaSets(s, [...olds, newRS && s.current(newRS)], olds);
  return cleaned + scaledDown > 0;
}

/** Old replicas that are not available go first: removing them costs no availability. */
function cleanupUnhealthyReplicas(s: DeploymentSync, oldRSs: RS[], maxCleanup: number): number {
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= maxCleanup) break;
    const cur = s.current(rs) as RS;
    const replicas = replicasOf(cur);
    const available = cur.status?.availableReplicas ?? 0;
    if (replicas === 0 || replicas === available) continue;
    const count = Math.min(maxCleanup - total, replicas - available);
    s.scaleAndRecord(cur, replicas - count);
    total += count;
  }
  return total;
}

function scaleDownOldReplicaSets(s: DeploymentSync, allRSs: (RS | undefined)[], oldRSs: RS[]): number {
  const minAvailable = desiredOf(s.d) - maxUnavailable(s.d);
  const available = sumAvailable(allRSs);
  if (available <= minAvailable) return 0;
  const totalToScale = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= totalToScale) break;
    const cur = s.current(rs) as RS;
    if (replicasOf(cur) === 0) continue;
    const count = Math.min(replicasOf(cur), totalToScale - total);
    s.scaleAndRecord(cur, replicasOf(cur) - count);
    total += count;
  }
  return total;
}
