import type { Pod } from 'kubernetes-types/core/v1';
import { nodeRoles, nodeStatus } from '../../../kubectl/printers/columns/nodes';
import { podSummary } from '../../../kubectl/printers/columns/pods';

// The graph shows exactly what `kubectl get nodes` / `kubectl get pods` print: the same functions decide.
export { nodeRoles, nodeStatus };

/** A pod's STATUS column, by kubectl's rules (init containers, waiting/terminated reasons, deletion). */
export function podStatus(pod: Pod): string {
  // STATUS does not depend on the time; only RESTARTS' "(5s ago)" does. A pod with no phase yet
  // (never sent by the server, but possible in a draft) reads as Pending rather than blank.
  return podSummary(pod, 0).status || 'Pending';
}

/** A pod's READY column (`1/2`; restartable init containers count, as kubectl counts them). */
export function podReady(pod: Pod): string {
  return podSummary(pod, 0).ready;
}

export function podRestarts(pod: Pod): number {
  let n = 0;
  for (const c of pod.status?.containerStatuses ?? []) n += c.restartCount ?? 0;
  for (const c of pod.status?.initContainerStatuses ?? []) n += c.restartCount ?? 0;
  return n;
}
