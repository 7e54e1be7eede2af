import type { Pod } from 'kubernetes-types/core/v1';
import type { Stored } from '../api/types';
import {
  type AffinityTerm,
  newAffinityTerms,
  newWeightedAffinityTerms,
  type WeightedAffinityTerm,
} from './affinityterm';
import { podNonZeroRequests, podRequests, type Resources } from './resources';

export interface HostPort {
  readonly ip: string;
  readonly protocol: string;
  readonly port: number;
}

/**
 * A pod with what the scheduler derives from it parsed once (framework.PodInfo): requests,
 * host ports, affinity terms. These are immutable in a pod's spec, so an updated pod object
 * reuses them (see {@link refreshPodInfo}); only labels and lifecycle fields are read anew.
 */
export interface PodInfo {
  readonly pod: Stored<Pod>;
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  /** `namespace/name` */
  readonly key: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly priority: number;
  readonly requests: Resources;
  readonly nonZeroCPU: number;
  readonly nonZeroMemory: number;
  readonly hostPorts: readonly HostPort[];
  readonly requiredAffinityTerms: readonly AffinityTerm[];
  readonly requiredAntiAffinityTerms: readonly AffinityTerm[];
  readonly preferredAffinityTerms: readonly WeightedAffinityTerm[];
  readonly preferredAntiAffinityTerms: readonly WeightedAffinityTerm[];
  /** Any pod (anti-)affinity at all (framework.NodeInfo.PodsWithAffinity). */
  readonly hasAffinity: boolean;
  readonly hasRequiredAntiAffinity: boolean;
  /** Being deleted (graceful termination under way). */
  readonly terminating: boolean;
}

export function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

/** The pod's priority as the Priority admission set it; 0 without one (corev1helpers.PodPriority). */
export function podPriority(pod: Pod): number {
  return pod.spec?.priority ?? 0;
}

/** One shared empty list for what most pods have none of (every pod record keeps five lists). */
const NONE: readonly never[] = Object.freeze([]);

function orNone<T>(list: readonly T[]): readonly T[] {
  return list.length ? list : NONE;
}

function hostPorts(pod: Pod): readonly HostPort[] {
  const out: HostPort[] = [];
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue;
      out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort });
    }
  }
  return out.length ? out : NONE;
}

export function newPodInfo(pod: Stored<Pod>): PodInfo {
  const ns = pod.metadata.namespace ?? '';
  const aff = pod.spec?.affinity;
  const requiredAffinityTerms = orNone(newAffinityTerms(ns, aff?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution));
  const requiredAntiAffinityTerms = orNone(newAffinityTerms(ns, aff?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution));
  const preferredAffinityTerms = orNone(newWeightedAffinityTerms(ns, aff?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution));
  const preferredAntiAffinityTerms = orNone(newWeightedAffinityTerms(ns, aff?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution));
  const nonZero = podNonZeroRequests(pod);
  return {
    pod,
    uid: pod.metadata.uid,
    namespace: ns,
    name: pod.metadata.name,
    key: `${ns}/${pod.metadata.name}`,
    labels: pod.metadata.labels ?? {},
    priority: podPriority(pod),
    requests: podRequests(pod),
    nonZeroCPU: nonZero.milliCPU,
    nonZeroMemory: nonZero.memory,
    hostPorts: hostPorts(pod),
    requiredAffinityTerms,
    requiredAntiAffinityTerms,
    preferredAffinityTerms,
    preferredAntiAffinityTerms,
    hasAffinity: !!(aff?.podAffinity || aff?.podAntiAffinity),
    hasRequiredAntiAffinity: requiredAntiAffinityTerms.length > 0,
    terminating: !!pod.metadata.deletionTimestamp,
  };
}

/** A newer version of the same pod: keep the parsed immutable parts. */
export function refreshPodInfo(prev: PodInfo | undefined, pod: Stored<Pod>): PodInfo {
  if (!prev || prev.uid !== pod.metadata.uid) return newPodInfo(pod);
  if (prev.pod === pod) return prev;
  // Every field spelled out in newPodInfo's order (not a spread): the same object shape, and
  // several times faster on the path every pod status write takes.
  return {
    pod,
    uid: prev.uid,
    namespace: prev.namespace,
    name: prev.name,
    key: prev.key,
    labels: pod.metadata.labels ?? {},
    priority: prev.priority,
    requests: prev.requests,
    nonZeroCPU: prev.nonZeroCPU,
    nonZeroMemory: prev.nonZeroMemory,
    hostPorts: prev.hostPorts,
    requiredAffinityTerms: prev.requiredAffinityTerms,
    requiredAntiAffinityTerms: prev.requiredAntiAffinityTerms,
    preferredAffinityTerms: prev.preferredAffinityTerms,
    preferredAntiAffinityTerms: prev.preferredAntiAffinityTerms,
    hasAffinity: prev.hasAffinity,
    hasRequiredAntiAffinity: prev.hasRequiredAntiAffinity,
    terminating: !!pod.metadata.deletionTimestamp,
  };
}

/** status.startTime in ms, or undefined when the kubelet has not started the pod. */
export function podStartTime(pod: Pod): number | undefined {
  const t = pod.status?.startTime;
  return t ? Date.parse(t) : undefined;
}
