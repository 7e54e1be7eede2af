import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Affinity, Node, Pod, PodSpec, PodTemplateSpec, Toleration } from 'kubernetes-types/core/v1';
import { clone } from '../../api/types';
import { RequiredNodeAffinity } from '../../scheduler/nodeselector';
import { findUntoleratedTaint } from '../../scheduler/taints';

const exists = (key: string, effect: 'NoExecute' | 'NoSchedule'): Toleration => ({ key, operator: 'Exists', effect });

/**
 * AddOrUpdateDaemonPodTolerations: daemon pods survive node problems (not-ready / unreachable
 * NoExecute, with no tolerationSeconds, so taint eviction never removes them) and land on nodes
 * under pressure or cordoned. Order as upstream adds them.
 */
export function daemonTolerations(hostNetwork: boolean): Toleration[] {
  const out = [
    exists('node.kubernetes.io/not-ready', 'NoExecute'),
    exists('node.kubernetes.io/unreachable', 'NoExecute'),
    exists('node.kubernetes.io/disk-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/memory-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/pid-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/unschedulable', 'NoSchedule'),
  ];
  if (hostNetwork) out.push(exists('node.kubernetes.io/network-unavailable', 'NoSchedule'));
  return out;
}

const sameToleration = (a: Toleration, b: Toleration) =>
  (a.key ?? '') === (b.key ?? '') &&
  (a.effect ?? '') === (b.effect ?? '') &&
  (a.operator ?? '') === (b.operator ?? '') &&
  (a.value ?? '') === (b.value ?? '');

/** v1helper.AddOrUpdateTolerationInPodSpec, for each daemon toleration in turn. */
export function addDaemonTolerations(spec: PodSpec): void {
  let tolerations = spec.tolerations ? [...spec.tolerations] : [];
  for (const t of daemonTolerations(!!spec.hostNetwork)) {
    const i = tolerations.findIndex((x) => sameToleration(x, t));
    if (i < 0) tolerations.push(t);
    else tolerations[i] = t;
  }
  tolerations = tolerations.map((t) => ({ ...t }));
  spec.tolerations = tolerations;
}

/**
 * ReplaceDaemonSetPodNodeNameNodeAffinity: pin the pod to its node through required node
 * affinity (`matchFields metadata.name In [node]`), replacing any required terms, so that the
 * scheduler, not the controller, binds it.
 */
export function pinToNode(affinity: Affinity | undefined, nodeName: string): Affinity {
  const term = { matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] };
  const out = clone(affinity ?? {});
  out.nodeAffinity = {
    ...(out.nodeAffinity ?? {}),
    requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] },
  };
  return out;
}

/**
 * The template a daemon pod is made from: tolerations added, and the `pod-template-generation`
 * and `controller-revision-hash` labels.
 */
export function daemonPodTemplate(ds: DaemonSet, generation: number | undefined, hash: string): PodTemplateSpec {
  const t = clone(ds.spec?.template ?? {});
  t.spec ??= { containers: [] };
  addDaemonTolerations(t.spec);
  const labels = { ...(t.metadata?.labels ?? {}) };
  if (generation !== undefined) labels['pod-template-generation'] = String(generation);
  if (hash) labels['controller-revision-hash'] = hash;
  t.metadata = { ...(t.metadata ?? {}), labels };
  return t;
}

/** Decides for one DaemonSet, many nodes: what NodeShouldRunDaemonPod answers. */
export class DaemonPlacement {
  private readonly affinity: RequiredNodeAffinity;
  private readonly tolerations: Toleration[];
  private readonly nodeName: string;
  /** The answer per Node object: stored objects are replaced, never changed, on every write. */
  private readonly answers = new WeakMap<Node, [boolean, boolean]>();

  constructor(ds: DaemonSet) {
    const spec = clone(ds.spec?.template?.spec ?? { containers: [] });
    addDaemonTolerations(spec);
    this.tolerations = spec.tolerations ?? [];
    this.nodeName = spec.nodeName ?? '';
    this.affinity = new RequiredNodeAffinity({ spec } as Pod);
  }

  /**
   * [shouldRun, shouldContinueRunning]: a node that fits runs a daemon pod; one whose taints the
   * pod does not tolerate keeps an existing pod only while no untolerated NoExecute taint is there.
   */
  decide(node: Node): [boolean, boolean] {
    let answer = this.answers.get(node);
    if (!answer) {
      answer = this.evaluate(node);
      this.answers.set(node, answer);
    }
    return answer;
  }

  private evaluate(node: Node): [boolean, boolean] {
    const name = node.metadata?.name ?? '';
    if (this.nodeName && this.nodeName !== name) return [false, false];
    if (!this.affinity.matches({ name, labels: node.metadata?.labels ?? {} })) return [false, false];
    const taints = node.spec?.taints;
    const blocking = findUntoleratedTaint(taints, this.tolerations, (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
    if (!blocking) return [true, true];
    const evicting = findUntoleratedTaint(taints, this.tolerations, (t) => t.effect === 'NoExecute');
    return [false, !evicting];
  }
}

/** util.GetTargetNodeName: the node a daemon pod is bound to, or pinned to by its affinity. */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const f of term.matchFields ?? []) {
      if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
    }
  }
  return undefined;
}
