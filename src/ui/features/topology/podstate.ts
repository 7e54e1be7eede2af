import type { Pod } from 'kubernetes-types/core/v1';
import { podReady, podRestarts, podStatus } from '../cluster/summary';

/** How a pod card is coloured: state must read at a glance, and never by colour alone (the text and icon say it too). */
export type Tone = 'ok' | 'progress' | 'notready' | 'error' | 'done' | 'terminating' | 'pending';
export type Icon = 'check' | 'spinner' | 'alert' | 'crash' | 'pull' | 'hourglass' | 'stop' | 'done' | 'x';

export interface PodVisual {
  status: string;
  ready: string;
  restarts: number;
  tone: Tone;
  icon: Icon;
}

const PULL = new Set(['ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'ErrImageNeverPull']);
const ERRORS = new Set(['Error', 'OOMKilled', 'CreateContainerConfigError', 'CreateContainerError', 'RunContainerError', 'ContainerCannotRun', 'Evicted', 'Failed', 'Unknown', 'DeadlineExceeded', 'NodeAffinity', 'OutOfcpu', 'OutOfmemory', 'UnexpectedAdmissionError']);
const PROGRESS = new Set(['ContainerCreating', 'PodInitializing']);

export function podVisual(pod: Pod): PodVisual {
  const status = podStatus(pod);
  const ready = podReady(pod);
  const restarts = podRestarts(pod);
  const base = { status, ready, restarts };
  const [have, want] = ready.split('/').map(Number);
  if (status === 'Terminating') return { ...base, tone: 'terminating', icon: 'stop' };
  if (status === 'CrashLoopBackOff' || status === 'Init:CrashLoopBackOff') return { ...base, tone: 'error', icon: 'crash' };
  if (PULL.has(status) || PULL.has(status.replace(/^Init:/, ''))) return { ...base, tone: 'error', icon: 'pull' };
  if (ERRORS.has(status) || /^(Init:)?(ExitCode|Signal):/.test(status) || status === 'Init:Error') return { ...base, tone: 'error', icon: 'x' };
  if (status === 'Completed' || status === 'Succeeded') return { ...base, tone: 'done', icon: 'done' };
  if (status === 'Running') return have === want && want > 0 ? { ...base, tone: 'ok', icon: 'check' } : { ...base, tone: 'notready', icon: 'alert' };
  if (status === 'NotReady') return { ...base, tone: 'notready', icon: 'alert' };
  if (PROGRESS.has(status) || status.startsWith('Init:')) return { ...base, tone: 'progress', icon: 'spinner' };
  if (status === 'Pending' || status === 'SchedulingGated') return pod.spec?.nodeName ? { ...base, tone: 'progress', icon: 'spinner' } : { ...base, tone: 'pending', icon: 'hourglass' };
  return { ...base, tone: 'notready', icon: 'alert' };
}

/** Why a pending pod waits, from its PodScheduled condition (the scheduler's FailedScheduling message). */
export function pendingReason(pod: Pod): string | undefined {
  const c = pod.status?.conditions?.find((x) => x.type === 'PodScheduled' && x.status === 'False');
  return c?.message || c?.reason || undefined;
}
