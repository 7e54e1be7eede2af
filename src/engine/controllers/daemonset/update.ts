import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { Stored } from '../../api/types';
import { getScaledValueFromIntOrPercent } from '../../api/intstr';
import { isPodAvailable } from '../controllerutil/podutil';
import type { DaemonPlacement } from './eligibility';

export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

/**
 * util.GetTemplateGeneration: the DaemonSet's template generation. The API server keeps it in
 * the `deprecated.daemonset.template.generation` annotation; without it, metadata.generation
 * is the closest stand-in (it moves with every template change).
 */
export function templateGeneration(ds: Stored<DaemonSet>): number | undefined {
  const v = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  if (v !== undefined) return /^\d+$/.test(v) ? Number(v) : undefined;
  return ds.metadata.generation;
}

/** util.IsPodUpdated: the pod carries the current hash, or the current template generation. */
export function isPodUpdated(pod: Pod, hash: string, generation: number | undefined): boolean {
  const labels = pod.metadata?.labels ?? {};
  return (
    (generation !== undefined && labels['pod-template-generation'] === String(generation)) ||
    (hash.length > 0 && labels['controller-revision-hash'] === hash)
  );
}

/** findUpdatedPodsOnNode: at most one new and one old live pod on a node, else not ok. */
function updatedPodsOnNode(pods: readonly Stored<Pod>[], hash: string, generation: number | undefined) {
  let newPod: Stored<Pod> | undefined;
  let oldPod: Stored<Pod> | undefined;
  for (const p of pods) {
    if (p.metadata.deletionTimestamp) continue;
    if (isPodUpdated(p, hash, generation)) {
      if (newPod) return { ok: false as const };
      newPod = p;
    } else {
      if (oldPod) return { ok: false as const };
      oldPod = p;
    }
  }
  return { ok: true as const, newPod, oldPod };
}

export interface RollingPlan {
  deletePods: string[];
  createOnNodes: string[];
}

/**
 * The RollingUpdate strategy. Without surge: delete old pods, as many as maxUnavailable allows
 * (old pods that are unavailable anyway go first), and let the main loop recreate them. With
 * surge: start a new pod beside an old one, up to maxSurge at once, and delete the old one when
 * the new one is available.
 */
export function rollingUpdate(
  ds: Stored<DaemonSet>,
  nodes: readonly Stored<Node>[],
  nodeToPods: Map<string, Stored<Pod>[]>,
  placement: DaemonPlacement,
  hash: string,
  now: number,
): RollingPlan {
  const generation = templateGeneration(ds);
  const minReady = ds.spec?.minReadySeconds ?? 0;
  const byNode = new Map(nodeToPods);
  let desired = 0;
  const nodesByName = new Map<string, Stored<Node>>();
  for (const node of nodes) {
    nodesByName.set(node.metadata.name, node);
    if (!placement.decide(node)[0]) continue;
    desired++;
    if (!byNode.has(node.metadata.name)) byNode.set(node.metadata.name, []);
  }
  const ru = ds.spec?.updateStrategy?.rollingUpdate;
  let maxUnavailable = getScaledValueFromIntOrPercent(ru?.maxUnavailable ?? 1, desired, true);
  const maxSurge = getScaledValueFromIntOrPercent(ru?.maxSurge ?? 0, desired, true);
  if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  const available = (p: Pod) => isPodAvailable(p, minReady, now);
  // Go ranges over a map here; walking nodes by name keeps runs reproducible.
  const names = [...byNode.keys()].sort();

  if (maxSurge === 0) {
    let unavailable = 0;
    const allowed: string[] = [];
    const candidates: string[] = [];
    for (const name of names) {
      const r = updatedPodsOnNode(byNode.get(name) ?? [], hash, generation);
      if (!r.ok) {
        unavailable++;
        continue;
      }
      const { newPod, oldPod } = r;
      if ((!oldPod && !newPod) || (oldPod && newPod)) unavailable++;
      else if (newPod) {
        if (!available(newPod)) unavailable++;
      } else if (oldPod) {
        if (!available(oldPod)) allowed.push(oldPod.metadata.name);
        else if (unavailable < maxUnavailable) candidates.push(oldPod.metadata.name);
      }
    }
    const remaining = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length);
    return { deletePods: [...allowed, ...candidates.slice(0, remaining)], createOnNodes: [] };
  }

  const deletePods: string[] = [];
  const shouldNotRun: string[] = [];
  const candidateNodes: string[] = [];
  const allowedNodes: string[] = [];
  let surge = 0;
  let numAvailable = 0;
  for (const name of names) {
    const r = updatedPodsOnNode(byNode.get(name) ?? [], hash, generation);
    if (!r.ok) {
      surge++;
      continue;
    }
    const { newPod, oldPod } = r;
    if (oldPod) {
      if (available(oldPod)) numAvailable++;
    } else if (newPod && available(newPod)) numAvailable++;
    if (!oldPod) continue;
    if (!newPod) {
      const node = nodesByName.get(name);
      const shouldRun = node ? placement.decide(node)[0] : false;
      if (!available(oldPod)) {
        if (!shouldRun) deletePods.push(oldPod.metadata.name);
        else allowedNodes.push(name);
      } else if (!shouldRun) shouldNotRun.push(oldPod.metadata.name);
      else if (surge < maxSurge) candidateNodes.push(name);
      continue;
    }
    if (!available(newPod)) {
      surge++;
      continue;
    }
    deletePods.push(oldPod.metadata.name);
  }
  const deletable = Math.min(numAvailable - desired, shouldNotRun.length);
  if (deletable > 0) deletePods.push(...shouldNotRun.slice(0, deletable));
  const remaining = Math.min(Math.max(0, maxSurge - surge), candidateNodes.length);
  return { deletePods, createOnNodes: [...allowedNodes, ...candidateNodes.slice(0, remaining)] };
}

/** podByCreationTimestampAndPhase: scheduled pods first, then oldest, then by name. */
export function byCreationAndPhase(a: Pod, b: Pod): number {
  const sa = !!a.spec?.nodeName;
  const sb = !!b.spec?.nodeName;
  if (sa !== sb) return sa ? -1 : 1;
  const ta = a.metadata?.creationTimestamp ?? '';
  const tb = b.metadata?.creationTimestamp ?? '';
  if (ta === tb) return (a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1;
  return ta < tb ? -1 : 1;
}

