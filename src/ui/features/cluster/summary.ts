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

function initialized(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Initialized' && c.status === 'True') ?? false;
}

function podReadyCondition(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** A pod's STATUS column with kubectl's rules: init containers, waiting/terminated reasons, deletion. */
export function podStatus(pod: Pod): string {
  let reason = pod.status?.reason || pod.status?.phase || 'Pending';
  const gated = pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'SchedulingGated');
  if (gated) reason = 'SchedulingGated';
  const initSpecs = pod.spec?.initContainers ?? [];
  let initializing = false;
  (pod.status?.initContainerStatuses ?? []).some((c, i) => {
    const t = c.state?.terminated;
    if (t && t.exitCode === 0) return false;
    const sidecar = initSpecs.find((s) => s.name === c.name)?.restartPolicy === 'Always';
    if (sidecar && c.started) return false;
    if (t) reason = t.reason ? `Init:${t.reason}` : t.signal ? `Init:Signal:${t.signal}` : `Init:ExitCode:${t.exitCode}`;
    else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') reason = `Init:${c.state.waiting.reason}`;
    else reason = `Init:${i}/${initSpecs.length}`;
    initializing = true;
    return true;
  });
  if (!initializing || initialized(pod)) {
    let hasRunning = false;
    for (const c of [...(pod.status?.containerStatuses ?? [])].reverse()) {
      const t = c.state?.terminated;
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (t?.reason) reason = t.reason;
      else if (t) reason = t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode}`;
      else if (c.ready && c.state?.running) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) reason = podReadyCondition(pod) ? 'Running' : 'NotReady';
  }
  if (pod.metadata?.deletionTimestamp && pod.status?.reason === 'NodeLost') return 'Unknown';
  if (pod.metadata?.deletionTimestamp) return 'Terminating';
  return reason;
}

export function podReady(pod: Pod): string {
  const statuses = pod.status?.containerStatuses ?? [];
  const total = pod.spec?.containers?.length ?? statuses.length;
  return `${statuses.filter((c) => c.ready).length}/${total}`;
}

export function podRestarts(pod: Pod): number {
  let n = 0;
  for (const c of pod.status?.containerStatuses ?? []) n += c.restartCount ?? 0;
  for (const c of pod.status?.initContainerStatuses ?? []) n += c.restartCount ?? 0;
  return n;
}
