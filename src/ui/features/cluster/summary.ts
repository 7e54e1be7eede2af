import type { Node, Pod } from 'kubernetes-types/core/v1';

/** A node's STATUS as `kubectl get nodes` prints it. */
export function nodeStatus(node: Node): string {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const base = !ready ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady';
  return node.spec?.unschedulable ? `${base},SchedulingDisabled` : base;
}

export function nodeRoles(node: Node): string {
  const roles = Object.keys(node.metadata?.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length));
  return roles.length ? roles.join(',') : '<none>';
}

/** A pod's STATUS column, simplified from kubectl's rules: deletion, waiting or terminated reasons, then phase. */
export function podStatus(pod: Pod): string {
  if (pod.metadata?.deletionTimestamp) return 'Terminating';
  for (const c of pod.status?.containerStatuses ?? []) {
    if (c.state?.waiting?.reason) return c.state.waiting.reason;
    if (c.state?.terminated?.reason) return c.state.terminated.reason;
  }
  return pod.status?.reason ?? pod.status?.phase ?? 'Pending';
}

export function podReady(pod: Pod): string {
  const statuses = pod.status?.containerStatuses ?? [];
  const total = pod.spec?.containers?.length ?? statuses.length;
  return `${statuses.filter((c) => c.ready).length}/${total}`;
}
