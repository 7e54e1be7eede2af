import type { Node, Pod } from 'kubernetes-types/core/v1';

/**
 * Cluster events the scheduling queue reacts to (framework.ClusterEvent): a resource and what
 * happened to it. Updates are split by what changed, so that a heartbeat does not wake pods
 * that only a new taint-free node could help.
 */
export type EventResource =
  | 'Node'
  | 'Pod'
  | 'PersistentVolumeClaim'
  | 'PersistentVolume'
  | 'StorageClass'
  | 'Namespace'
  | 'PodDisruptionBudget'
  | 'WildCard';

export const Action = {
  Add: 1,
  Delete: 2,
  UpdateNodeAllocatable: 4,
  UpdateNodeLabel: 8,
  UpdateNodeTaint: 16,
  UpdateNodeCondition: 32,
  UpdateNodeAnnotation: 64,
  UpdatePodLabel: 128,
  UpdatePodScaleDown: 256,
  UpdatePodTolerations: 512,
  UpdatePodSchedulingGatesEliminated: 1024,
  /** Any other update (of pods; or of kinds without finer update types). */
  UpdateOther: 2048,
} as const;

export const UpdateAny =
  Action.UpdateNodeAllocatable |
  Action.UpdateNodeLabel |
  Action.UpdateNodeTaint |
  Action.UpdateNodeCondition |
  Action.UpdateNodeAnnotation |
  Action.UpdatePodLabel |
  Action.UpdatePodScaleDown |
  Action.UpdatePodTolerations |
  Action.UpdatePodSchedulingGatesEliminated |
  Action.UpdateOther;

export const All = Action.Add | Action.Delete | UpdateAny;

export interface ClusterEvent {
  readonly resource: EventResource;
  readonly action: number;
  /** For logs and decision records, e.g. `NodeTaintChange`, `AssignedPodDelete`. */
  readonly label: string;
}

export const UnschedulableTimeout: ClusterEvent = { resource: 'WildCard', action: All, label: 'UnschedulableTimeout' };
export const ForceActivate: ClusterEvent = { resource: 'WildCard', action: All, label: 'ForceActivate' };

function same(a: unknown, b: unknown): boolean {
  // Status writes keep the spec's objects: the identity check settles most calls.
  return a === b || JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function sameMap(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const x = a ?? {};
  const y = b ?? {};
  const kx = Object.keys(x);
  if (kx.length !== Object.keys(y).length) return false;
  for (const k of kx) if (x[k] !== y[k]) return false;
  return true;
}

/** NodeSchedulingPropertiesChange: the node update events hidden in an update (none for a heartbeat). */
export function nodeUpdateEvents(old: Node, node: Node): ClusterEvent[] {
  const out: ClusterEvent[] = [];
  if (node.spec?.unschedulable !== old.spec?.unschedulable && !node.spec?.unschedulable) {
    // Upstream reports an uncordon as a taint change.
    out.push({ resource: 'Node', action: Action.UpdateNodeTaint, label: 'NodeSpecUnschedulableChange' });
  }
  if (!same(node.status?.allocatable, old.status?.allocatable)) {
    out.push({ resource: 'Node', action: Action.UpdateNodeAllocatable, label: 'NodeAllocatableChange' });
  }
  if (!sameMap(node.metadata?.labels, old.metadata?.labels)) {
    out.push({ resource: 'Node', action: Action.UpdateNodeLabel, label: 'NodeLabelChange' });
  }
  if (!same(node.spec?.taints, old.spec?.taints)) {
    out.push({ resource: 'Node', action: Action.UpdateNodeTaint, label: 'NodeTaintChange' });
  }
  const strip = (n: Node) => Object.fromEntries((n.status?.conditions ?? []).map((c) => [c.type, c.status]));
  if (!sameMap(strip(node), strip(old))) {
    out.push({ resource: 'Node', action: Action.UpdateNodeCondition, label: 'NodeConditionChange' });
  }
  if (!sameMap(node.metadata?.annotations, old.metadata?.annotations)) {
    out.push({ resource: 'Node', action: Action.UpdateNodeAnnotation, label: 'NodeAnnotationChange' });
  }
  return out;
}

/** PodSchedulingPropertiesChange: what an update of a pod means for the queue. */
export function podUpdateEvents(old: Pod, pod: Pod): ClusterEvent[] {
  const who = pod.spec?.nodeName ? 'AssignedPod' : 'UnscheduledPod';
  const out: ClusterEvent[] = [];
  if (!sameMap(pod.metadata?.labels, old.metadata?.labels)) {
    out.push({ resource: 'Pod', action: Action.UpdatePodLabel, label: `${who}UpdatePodLabel` });
  }
  if (!same(pod.spec?.tolerations, old.spec?.tolerations)) {
    out.push({ resource: 'Pod', action: Action.UpdatePodTolerations, label: `${who}UpdatePodTolerations` });
  }
  if ((old.spec?.schedulingGates ?? []).length > 0 && (pod.spec?.schedulingGates ?? []).length === 0) {
    out.push({ resource: 'Pod', action: Action.UpdatePodSchedulingGatesEliminated, label: `${who}UpdatePodSchedulingGatesEliminated` });
  }
  if (!out.length) out.push({ resource: 'Pod', action: Action.UpdateOther, label: `${who}UpdateOther` });
  return out;
}
