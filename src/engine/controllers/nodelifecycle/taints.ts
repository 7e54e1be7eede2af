import type { Node, Taint, Toleration } from 'kubernetes-types/core/v1';
import { clone, type Stored } from '../../api/types';
import type { ApiServer } from '../../apiserver/apiserver';

/** The well-known taints the control plane manages (k8s.io/api core/v1 well_known_taints.go). */
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
export const TAINT_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';

/** Toleration.ToleratesTaint. */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (!t.key && t.operator !== 'Exists') return false;
  if ((t.operator ?? 'Equal') === 'Exists') return true;
  return (t.value ?? '') === (taint.value ?? '');
}

/** v1helper.GetMatchingTolerations: are all taints tolerated, and by which tolerations. */
export function matchingTolerations(taints: Taint[], tolerations: Toleration[]): { all: boolean; used: Toleration[] } {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const t = tolerations.find((x) => tolerates(x, taint));
    if (!t) return { all: false, used: [] };
    used.push(t);
  }
  return { all: true, used };
}

/** Minimal tolerationSeconds among used tolerations, in ms: -1 tolerates forever, 0 evicts now. */
export function minTolerationMs(used: Toleration[]): number {
  if (!used.length) return 0;
  let min = Number.POSITIVE_INFINITY;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return Number.isFinite(min) ? min * 1000 : -1;
}

export function sameTaint(a: Taint, b: Taint): boolean {
  return a.key === b.key && a.effect === b.effect;
}

/**
 * SwapNodeControllerTaint: add taints (timeAdded now) and remove others in one write of the
 * node. Returns false when the node is gone or nothing had to change.
 */
export function swapTaints(api: ApiServer, nodeName: string, add: Taint[], remove: Taint[]): boolean {
  const node = api.find<Node>('nodes', '', nodeName);
  if (!node) return false;
  const current = node.spec?.taints ?? [];
  let next = current.filter((t) => !remove.some((r) => sameTaint(r, t)));
  const now = api.clock.timestamp();
  for (const t of add) {
    const existing = next.find((x) => sameTaint(x, t));
    if (existing && (existing.value ?? '') === (t.value ?? '')) continue;
    next = next.filter((x) => !sameTaint(x, t));
    next.push({ ...t, timeAdded: now });
  }
  if (next.length === current.length && next.every((t, i) => t === current[i])) return true;
  const updated = clone(node) as Stored<Node>;
  updated.spec = { ...updated.spec, taints: next.length ? next : undefined };
  if (!next.length) delete updated.spec.taints;
  api.update('nodes', '', updated);
  return true;
}

export function noExecuteTaints(node: Node | undefined): Taint[] {
  return (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
}
