import type { ControllerRevision, StatefulSet, StatefulSetStatus } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { Stored } from '../../api/types';
import {
  endOrdinal,
  identityMatches,
  inOrdinalRange,
  isCreated,
  isFailed,
  isHealthy,
  isPending,
  isRunningAndAvailable,
  isRunningAndReady,
  isSucceeded,
  isTerminating,
  newStatefulSetPod,
  ordinalOf,
  podRevision,
  replicasOf,
  startOrdinal,
  storageMatches,
} from './identity';
import type { StatefulPodControl } from './podcontrol';
import { applyRevision } from './revisions';

export interface UpdateInput {
  set: Stored<StatefulSet>;
  pods: Stored<Pod>[];
  current: Stored<ControllerRevision>;
  update: Stored<ControllerRevision>;
  collisionCount: number;
  control: StatefulPodControl;
  now: number;
  event(type: 'Normal' | 'Warning', reason: string, message: string): void;
}

/** A pod slot: the pod in the cache, or one to create. */
type Slot = Stored<Pod> | Pod;

function computeCounts(status: StatefulSetStatus, lists: Slot[][], minReady: number, now: number, cur: string, upd: string): void {
  status.replicas = 0;
  status.readyReplicas = 0;
  status.availableReplicas = 0;
  status.currentReplicas = 0;
  status.updatedReplicas = 0;
  for (const list of lists) {
    for (const pod of list) {
      if (isCreated(pod)) status.replicas++;
      if (isRunningAndReady(pod)) {
        status.readyReplicas++;
        if (isRunningAndAvailable(pod, minReady, now)) status.availableReplicas++;
      }
      if (isCreated(pod) && !isTerminating(pod)) {
        const rev = podRevision(pod);
        if (rev === cur) status.currentReplicas++;
        if (rev === upd) status.updatedReplicas++;
      }
    }
  }
}

/**
 * updateStatefulSet: the StatefulSet control loop. Pods in the ordinal range are created when
 * missing (in order, each waiting for its predecessors to be Running and Ready, unless the
 * policy is Parallel), failed ones recreated; pods beyond the range are deleted from the highest
 * ordinal down; then RollingUpdate deletes, from the highest ordinal down to the partition, the
 * first pod not at the update revision, one at a time, once the others are healthy.
 */
export function updateStatefulSet(input: UpdateInput): StatefulSetStatus {
  const { set, pods, current, update, control, now } = input;
  const minReady = set.spec?.minReadySeconds ?? 0;
  const currentSet = applyRevision(set, current);
  const updateSet = applyRevision(set, update);
  const status: StatefulSetStatus = {
    replicas: 0,
    observedGeneration: set.metadata.generation,
    currentRevision: current.metadata.name,
    updateRevision: update.metadata.name,
    collisionCount: input.collisionCount,
  };
  const start = startOrdinal(set);
  const count = replicasOf(set);
  const replicas: Slot[] = new Array(count);
  const condemned: Stored<Pod>[] = [];
  for (const pod of pods) {
    if (inOrdinalRange(pod, set)) replicas[ordinalOf(pod) - start] = pod;
    else if (ordinalOf(pod) >= 0) condemned.push(pod);
  }
  const versioned = (ordinal: number): Pod => {
    const ru = set.spec?.updateStrategy?.rollingUpdate;
    const rolling = (set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
    // Below the partition (or, without rollingUpdate, among the current replicas) pods stay at the current revision.
    const atCurrent =
      (rolling && !ru && ordinal < start + (set.status?.currentReplicas ?? 0)) ||
      (!!ru && ordinal < start + (ru.partition ?? 0));
    return atCurrent
      ? newStatefulSetPod(currentSet, ordinal, current.metadata.name)
      : newStatefulSetPod(updateSet, ordinal, update.metadata.name);
  };
  for (let ord = start; ord <= endOrdinal(set); ord++) {
    if (!replicas[ord - start]) replicas[ord - start] = versioned(ord);
  }
  condemned.sort((a, b) => ordinalOf(b) - ordinalOf(a));
  let firstUnhealthy: Slot | undefined;
  for (const r of replicas) if (!isHealthy(r)) firstUnhealthy ??= r;
  for (let i = condemned.length - 1; i >= 0; i--) if (!isHealthy(condemned[i])) firstUnhealthy ??= condemned[i];

  const finish = () => {
    computeCounts(status, [replicas, condemned], minReady, now, current.metadata.name, update.metadata.name);
    return status;
  };
  computeCounts(status, [pods], minReady, now, current.metadata.name, update.metadata.name);
  if (set.metadata.deletionTimestamp) return status;

  const monotonic = (set.spec?.podManagementPolicy ?? 'OrderedReady') !== 'Parallel';

  // processReplica for each slot; true means stop this round.
  const processReplica = (i: number): boolean => {
    let pod = replicas[i];
    if (isFailed(pod) || isSucceeded(pod)) {
      if (isFailed(pod)) {
        input.event('Warning', 'RecreatingFailedPod', `StatefulSet ${set.metadata.namespace}/${set.metadata.name} is recreating failed Pod ${pod.metadata?.name}`);
      } else {
        input.event('Normal', 'RecreatingTerminatedPod', `StatefulSet ${set.metadata.namespace}/${set.metadata.name} is recreating terminated Pod ${pod.metadata?.name}`);
      }
      control.deletePod(set, pod as Stored<Pod>);
      pod = versioned(i + start);
      replicas[i] = pod;
    }
    if (!isCreated(pod)) {
      control.createPod(updateSet, pod);
      return monotonic;
    }
    const stored = pod as Stored<Pod>;
    if (isPending(stored)) control.createMissingClaims(set, stored);
    if (isTerminating(stored) && monotonic) return true;
    if (!isRunningAndReady(stored) && monotonic) return true;
    if (!isRunningAndAvailable(stored, minReady, now) && monotonic) return true;
    const retention = control.claimsMatchRetention(updateSet, stored);
    if (identityMatches(set, stored) && storageMatches(set, stored) && retention) return false;
    control.updatePod(updateSet, stored);
    return false;
  };

  if (runForAll(replicas.length, processReplica, monotonic)) return finish();

  // Claims of condemned pods move to the pod when whenScaled is Delete.
  const fixClaims = (i: number): boolean => {
    if (!control.claimsMatchRetention(updateSet, condemned[i])) control.updateClaimsForRetention(updateSet, condemned[i]);
    return false;
  };
  if (runForAll(condemned.length, fixClaims, monotonic)) return finish();

  const processCondemned = (i: number): boolean => {
    const pod = condemned[i];
    if (isTerminating(pod)) return monotonic;
    if (!isRunningAndReady(pod) && monotonic && pod !== firstUnhealthy) return true;
    if (!isRunningAndAvailable(pod, minReady, now) && monotonic && pod !== firstUnhealthy) return true;
    control.deletePod(set, pod);
    return true;
  };
  if (runForAll(condemned.length, processCondemned, monotonic)) return finish();

  finish();
  if (set.spec?.updateStrategy?.type === 'OnDelete') return status;

  const partition = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
  for (let target = replicas.length - 1; target >= partition; target--) {
    const pod = replicas[target];
    if (podRevision(pod) !== update.metadata.name && !isTerminating(pod)) {
      control.deletePod(set, pod as Stored<Pod>);
      status.currentReplicas = (status.currentReplicas ?? 0) - 1;
      return status;
    }
    if (!isHealthy(pod)) return status;
  }
  return status;
}

/**
 * runForAll: in order, stopping at the first slot that asks to (OrderedReady); or all of them
 * (Parallel), stopping only on an error.
 */
function runForAll(n: number, fn: (i: number) => boolean, monotonic: boolean): boolean {
  if (monotonic) {
    for (let i = 0; i < n; i++) if (fn(i)) return true;
    return false;
  }
  for (let i = 0; i < n; i++) fn(i);
  return false;
}
