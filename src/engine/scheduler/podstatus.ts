import type { Pod, PodCondition } from 'kubernetes-types/core/v1';
import { isStatusError } from '../api/status';
import { clone, type Stored } from '../api/types';
import type { ApiServer } from '../apiserver/apiserver';

/**
 * podutil.UpdatePodCondition plus the nomination, through the status subresource: nothing is
 * written when nothing changed, and the transition time moves only when the status does.
 * `nominatedNode` undefined leaves the nomination alone; "" clears it.
 */
export function updatePodCondition(api: ApiServer, pod: Stored<Pod>, cond: PodCondition, nominatedNode?: string): void {
  const now = api.clock.timestamp();
  const conditions = [...(pod.status?.conditions ?? [])];
  const i = conditions.findIndex((c) => c.type === cond.type);
  const old = i >= 0 ? conditions[i] : undefined;
  const next: PodCondition = {
    type: cond.type,
    status: cond.status,
    lastProbeTime: null as unknown as undefined,
    lastTransitionTime: old && old.status === cond.status ? old.lastTransitionTime : now,
    reason: cond.reason,
    message: cond.message,
  };
  const changed =
    !old || old.status !== next.status || old.reason !== next.reason || old.message !== next.message || old.lastTransitionTime !== next.lastTransitionTime;
  const nnnChanged = nominatedNode !== undefined && (pod.status?.nominatedNodeName ?? '') !== nominatedNode;
  if (!changed && !nnnChanged) return;
  if (i >= 0) conditions[i] = next;
  else conditions.push(next);
  const { nominatedNodeName: previous, ...rest } = pod.status ?? {};
  const nnn = nnnChanged ? nominatedNode : previous;
  writeStatus(api, { ...clone(pod), status: { ...clone(rest), conditions, ...(nnn ? { nominatedNodeName: nnn } : {}) } });
}

/** Clear status.nominatedNodeName (a lower-priority pod whose nominated node was taken). */
export function clearNominatedNodeName(api: ApiServer, pod: Stored<Pod>): void {
  if (!pod.status?.nominatedNodeName) return;
  const { nominatedNodeName: _dropped, ...status } = pod.status;
  writeStatus(api, { ...clone(pod), status });
}

function writeStatus(api: ApiServer, pod: Stored<Pod>): void {
  try {
    api.updateStatus('pods', pod.metadata.namespace ?? '', pod);
  } catch (e) {
    // The pod changed or went meanwhile; its next event brings it back if it matters.
    if (!isStatusError(e)) throw e;
  }
}
