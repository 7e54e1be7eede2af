import type { Pod } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { selectorFromLabelSelector } from '../api/labels';
import { clone, type Stored } from '../api/types';
import { forbidden, internalError, isStatusError, tooManyRequests } from '../api/status';
import type { ApiServer } from './apiserver';

const VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";

function isReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/**
 * The eviction subresource's budget check, as the API server does it: a pod covered by a
 * PodDisruptionBudget may go only while the budget allows a disruption, and each eviction
 * spends one (recorded in status.disruptedPods until the disruption controller sees the pod go).
 */
export function admitEviction(api: ApiServer, pod: Stored<Pod>, dryRun: boolean): void {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || pod.metadata.deletionTimestamp) return;
  const namespace = pod.metadata.namespace ?? 'default';
  const pdbs = api
    .list<PodDisruptionBudget>('policy/poddisruptionbudgets', namespace)
    .items.filter((p) => p.spec?.selector && selectorFromLabelSelector(p.spec.selector).matches(pod.metadata.labels ?? {}));
  if (pdbs.length === 0) return;
  if (pdbs.length > 1) {
    throw internalError('This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const pdb = attempt === 0 ? pdbs[0] : api.get<PodDisruptionBudget>('policy/poddisruptionbudgets', namespace, pdbs[0].metadata.name);
    const status = pdb.status ?? { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
    // An unready pod does not count as healthy; evicting it costs the budget nothing when the budget is met
    // (IfHealthyBudget, the default) or always (AlwaysAllow).
    if (!isReady(pod)) {
      const policy = pdb.spec?.unhealthyPodEvictionPolicy ?? 'IfHealthyBudget';
      if (policy === 'AlwaysAllow' || status.currentHealthy >= status.desiredHealthy) return;
    }
    if ((status.observedGeneration ?? 0) < (pdb.metadata.generation ?? 1)) {
      throw tooManyRequests(VIOLATION, [{ reason: 'DisruptionBudget', message: `The disruption budget ${pdb.metadata.name} is still being processed by the server.` }]);
    }
    if (status.disruptionsAllowed < 0) throw forbidden('pdb disruptions allowed is negative');
    if (status.disruptionsAllowed === 0) {
      throw tooManyRequests(VIOLATION, [
        {
          reason: 'DisruptionBudget',
          message: `The disruption budget ${pdb.metadata.name} needs ${status.desiredHealthy} healthy pods and has ${status.currentHealthy} currently`,
        },
      ]);
    }
    if (dryRun) return;
    const next = clone(pdb);
    next.status = {
      ...status,
      disruptionsAllowed: status.disruptionsAllowed - 1,
      disruptedPods: { ...(status.disruptedPods ?? {}), [pod.metadata.name]: api.clock.timestamp() },
    };
    try {
      api.updateStatus('policy/poddisruptionbudgets', namespace, next);
      return;
    } catch (e) {
      if (!isStatusError(e, 'Conflict')) throw e;
    }
  }
}
