import type { ConfigMap, Pod, Secret, Service } from 'kubernetes-types/core/v1';
import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../apiserver/apiserver';
import type { Informer } from '../controllers/informer';
import type { Clock } from '../sim/clock';
import type { RandomStream } from '../sim/random';
import type { ShellNet } from './shell/host';
import type { KubeletState, MachineState, PodRuntime } from './state';

/** The clock target every kubelet timer is routed to. */
export const TIMER_TARGET = 'kubelet';

/** What a kubelet timer carries: which machine/pod/container, and the epoch it was set in. */
export interface TimerData {
  node?: string;
  key?: string;
  container?: string;
  epoch?: number;
  kind?: string;
  code?: number;
}

/** What the kubelet's parts share: the API, the clock, the state, and a few helpers. */
export interface KubeletCore {
  readonly api: ApiServer;
  readonly clock: Clock;
  readonly state: KubeletState;
  readonly pods: Informer<Pod>;
  readonly configMaps: Informer<ConfigMap>;
  readonly secrets: Informer<Secret>;
  readonly services: Informer<Service>;
  readonly claims: Informer<PersistentVolumeClaim>;
  now(): number;
  /** metav1.Time of `ms` (default now). */
  ts(ms?: number): string;
  stream(name: string): RandomStream;
  at(due: number, event: string, data: TimerData): void;
  enqueue(key: string): void;
  podEvent(m: MachineState, rt: PodRuntime, type: 'Normal' | 'Warning', reason: string, message: string, container?: string): void;
  nodeEvent(m: MachineState, type: 'Normal' | 'Warning', reason: string, message: string): void;
  /** The cluster network as a pod sees it (DNS, HTTP), for `wget`/`nslookup` inside containers. */
  network(rt: PodRuntime): ShellNet | undefined;
}

/** `web-7d4b9c8f5d-x2kq9_default(3f2c…)`: how the kubelet names a pod in messages (format.Pod). */
export function formatPod(rt: PodRuntime): string {
  return `${rt.name}_${rt.namespace}(${rt.uid})`;
}

/** A uniform jitter: `base` plus up to `factor × base` more (wait.Jitter). */
export function jitter(core: KubeletCore, base: number, factor: number): number {
  return Math.round(base + core.stream('kubelet-jitter').next() * factor * base);
}
