import type { ReplicaSetCondition, ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import type { Selector } from '../../api/labels';
import type { Child } from '../controllerutil/children';
import { omitZero } from '../controllerutil/status';

/** What a ReplicaSet and a ReplicationController share for their status. */
export interface ReplicaStatus {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: ReplicaSetCondition[];
}

export interface CalculatedStatus {
  status: ReplicaStatus;
  /** When the next ready pod becomes available (ms), if one is waiting for minReadySeconds. */
  nextAvailable?: number;
}

/**
 * calculateStatus: counts over the controller's active pods, and the ReplicaFailure condition
 * while creating or deleting pods fails (FailedCreate / FailedDelete, with the error's text).
 */
export function calculateStatus(
  current: ReplicaSetStatus | undefined,
  spec: { replicas: number; minReadySeconds: number; templateSelector: Selector },
  pods: readonly Child[],
  manageError: string | undefined,
  generation: number,
  now: number,
  timestamp: string,
): CalculatedStatus {
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  let nextAvailable: number | undefined;
  for (const c of pods) {
    if (c.matches(spec.templateSelector)) fullyLabeled++;
    if (!c.ready) continue;
    ready++;
    if (c.available(spec.minReadySeconds, now)) available++;
    else if (spec.minReadySeconds && c.readySince) {
      const at = c.readySince + spec.minReadySeconds * 1000;
      if (nextAvailable === undefined || at < nextAvailable) nextAvailable = at;
    }
  }
  let conditions = current?.conditions ? [...current.conditions] : [];
  const failure = conditions.find((c) => c.type === 'ReplicaFailure');
  if (manageError !== undefined && !failure) {
    const diff = pods.length - spec.replicas;
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    conditions.push({ type: 'ReplicaFailure', status: 'True', lastTransitionTime: timestamp, reason, message: manageError });
  } else if (manageError === undefined && failure) {
    conditions = conditions.filter((c) => c.type !== 'ReplicaFailure');
  }
  const status: ReplicaStatus = omitZero(
    {
      replicas: pods.length,
      fullyLabeledReplicas: fullyLabeled,
      readyReplicas: ready,
      availableReplicas: available,
      observedGeneration: generation,
      conditions: conditions.length ? conditions : undefined,
    },
    ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration'],
  );
  return { status, nextAvailable };
}
