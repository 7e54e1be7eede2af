import type { Container, ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { humanDuration, parseTimestamp } from '../duration';
import { ageColumn, as, nameColumn } from './common';
import type { ColumnDef } from './types';

/** The READY, STATUS and RESTARTS cells of a pod, worked out together as printPod does. */
export interface PodSummary {
  ready: string;
  status: string;
  restarts: string;
}

const isRestartableInit = (c: Container | undefined): boolean => c?.restartPolicy === 'Always';

/** Time of a container's last termination, or -Infinity (Go's zero time) when unknown. */
function lastTerminated(status: ContainerStatus): number {
  return parseTimestamp(status.lastState?.terminated?.finishedAt) ?? Number.NEGATIVE_INFINITY;
}

function hasPodReadyCondition(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

function isPodInitialized(pod: Pod): boolean {
  const cond = (pod.status?.conditions ?? []).find((c) => c.type === 'Initialized');
  return cond?.status === 'True';
}

function terminatedText(t: { reason?: string; signal?: number; exitCode?: number }, prefix: string): string {
  if (t.reason) return prefix + t.reason;
  if (t.signal) return `${prefix}Signal:${t.signal}`;
  return `${prefix}ExitCode:${t.exitCode ?? 0}`;
}

export function podSummary(pod: Pod, now: number): PodSummary {
  const spec = pod.spec;
  const status = pod.status ?? {};
  let restarts = 0;
  let restartableInitRestarts = 0;
  let totalContainers = spec?.containers?.length ?? 0;
  let readyContainers = 0;
  let lastRestart = Number.NEGATIVE_INFINITY;
  let lastRestartableInitRestart = Number.NEGATIVE_INFINITY;

  const phase = status.phase ?? '';
  let reason = status.reason || phase;
  // A pod held back by scheduling gates says so instead of Pending.
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initContainers = new Map<string, Container>();
  for (const c of spec?.initContainers ?? []) {
    initContainers.set(c.name, c);
    if (isRestartableInit(c)) totalContainers++;
  }
  const initCount = spec?.initContainers?.length ?? 0;

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    restarts += c.restartCount ?? 0;
    if (c.lastState?.terminated) lastRestart = Math.max(lastRestart, lastTerminated(c));
    const restartable = isRestartableInit(initContainers.get(c.name));
    if (restartable) {
      restartableInitRestarts += c.restartCount ?? 0;
      if (c.lastState?.terminated) lastRestartableInitRestart = Math.max(lastRestartableInitRestart, lastTerminated(c));
    }
    const terminated = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (restartable && c.started === true) {
      if (c.ready) readyContainers++;
      continue;
    }
    if (terminated) reason = terminatedText(terminated, 'Init:');
    else if (waiting?.reason && waiting.reason !== 'PodInitializing') reason = `Init:${waiting.reason}`;
    else reason = `Init:${i}/${initCount}`;
    initializing = true;
    break;
  }

  if (!initializing || isPodInitialized(pod)) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    // Walked backwards so that the first container's state wins.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += c.restartCount ?? 0;
      if (c.lastState?.terminated) lastRestart = Math.max(lastRestart, lastTerminated(c));
      const waiting = c.state?.waiting;
      const terminated = c.state?.terminated;
      if (waiting?.reason) reason = waiting.reason;
      else if (terminated) reason = terminatedText(terminated, '');
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A completed sidecar-style container next to running ones does not make the pod Completed.
    if (reason === 'Completed' && hasRunning) reason = hasPodReadyCondition(pod) ? 'Running' : 'NotReady';
  }

  const deleting = pod.metadata?.deletionTimestamp != null;
  if (deleting && status.reason === 'NodeLost') reason = 'Unknown';
  else if (deleting && phase !== 'Failed' && phase !== 'Succeeded') reason = 'Terminating';

  let restartsText = String(restarts);
  if (restarts !== 0 && lastRestart !== Number.NEGATIVE_INFINITY) {
    restartsText = `${restarts} (${humanDuration(now - lastRestart)} ago)`;
  }
  return {
    ready: `${readyContainers}/${totalContainers}`,
    status: reason,
    restarts: restartsText,
  };
}

function readinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  let trueConditions = 0;
  for (const gate of gates) {
    const cond = (pod.status?.conditions ?? []).find((c) => c.type === gate.conditionType);
    if (cond?.status === 'True') trueConditions++;
  }
  return `${trueConditions}/${gates.length}`;
}

const orNone = (s: string | undefined): string => s || '<none>';

export const podColumns: ColumnDef[] = [
  nameColumn,
  { name: 'Ready', cell: (o, now) => podSummary(as<Pod>(o), now).ready },
  { name: 'Status', cell: (o, now) => podSummary(as<Pod>(o), now).status },
  { name: 'Restarts', cell: (o, now) => podSummary(as<Pod>(o), now).restarts },
  ageColumn,
  {
    name: 'IP',
    wide: true,
    cell: (o) => orNone(as<Pod>(o).status?.podIPs?.[0]?.ip),
  },
  { name: 'Node', wide: true, cell: (o) => orNone(as<Pod>(o).spec?.nodeName) },
  {
    name: 'Nominated Node',
    wide: true,
    cell: (o) => orNone(as<Pod>(o).status?.nominatedNodeName),
  },
  {
    name: 'Readiness Gates',
    wide: true,
    cell: (o) => readinessGates(as<Pod>(o)),
  },
];
