import type { Pod } from 'kubernetes-types/core/v1';
import { isPodActive, isPodReady, maxContainerRestarts, podReadyTime, timeMs } from './podutil';

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

/** The pod-deletion-cost annotation as an int32; absent or invalid is 0. */
export function deletionCost(pod: Pod): number {
  const v = pod.metadata?.annotations?.[DELETION_COST];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return 0;
  const n = Number(v);
  return n >= -2147483648 && n <= 2147483647 ? n : 0;
}

/** Go's time.Time.After with a zero time counting as later than any other. */
function afterOrZero(a: number, b: number): boolean {
  if (a === 0 || b === 0) return a === 0;
  return a > b;
}

/**
 * Timestamps that differ only within the same power-of-two age bucket count as equal, so that
 * scale-down picks randomly (by uid) among pods of about the same age rather than always the
 * newest (LogarithmicScaleDown).
 */
function logarithmicRankDiff(t1: number, t2: number, now: number): number {
  const d1 = (now - t1) * 1e6; // Go compares durations in nanoseconds
  const d2 = (now - t2) * 1e6;
  const r1 = d1 > 0 ? Math.floor(Math.log2(d1)) : -1;
  const r2 = d2 > 0 ? Math.floor(Math.log2(d2)) : -1;
  return r1 - r2;
}

function compareTimes(a: Pod, b: Pod, ta: number, tb: number, now: number): number | undefined {
  if (ta === tb) return undefined;
  if (now === 0 || ta === 0 || tb === 0) return afterOrZero(ta, tb) ? -1 : 1;
  const diff = logarithmicRankDiff(ta, tb, now);
  if (diff === 0) {
    const ua = a.metadata?.uid ?? '';
    const ub = b.metadata?.uid ?? '';
    return ua < ub ? -1 : ua > ub ? 1 : 0;
  }
  return diff < 0 ? -1 : 1;
}

/**
 * controller.ActivePodsWithRanks: the order in which a controller gives up pods when it scales
 * down, first ones first. Unassigned < assigned; Pending < Unknown < Running; not ready < ready;
 * lower pod-deletion-cost first; pods doubled up on a node with more related pods first; ready
 * for a shorter time first; more restarts first; newer first.
 */
export function comparePodsForDeletion(a: Pod, b: Pod, rankA: number, rankB: number, now: number): number {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na === '' ? -1 : 1;
  const pa = PHASE_ORDER[a.status?.phase ?? ''] ?? 0;
  const pb = PHASE_ORDER[b.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa - pb;
  const ra = isPodReady(a);
  const rb = isPodReady(b);
  if (ra !== rb) return ra ? 1 : -1;
  const ca = deletionCost(a);
  const cb = deletionCost(b);
  if (ca !== cb) return ca - cb;
  if (rankA !== rankB) return rankB - rankA;
  if (ra && rb) {
    const byReady = compareTimes(a, b, podReadyTime(a), podReadyTime(b), now);
    if (byReady) return byReady;
  }
  const restartsA = maxContainerRestarts(a);
  const restartsB = maxContainerRestarts(b);
  if (restartsA !== restartsB) return restartsB - restartsA;
  const byAge = compareTimes(a, b, timeMs(a.metadata?.creationTimestamp), timeMs(b.metadata?.creationTimestamp), now);
  return byAge ?? 0;
}

/** controller.ActivePods (no co-location ranks): the Job and ReplicationController-less callers. */
export function sortPodsForDeletion<T extends Pod>(pods: T[], now: number): T[] {
  return pods.sort((a, b) => comparePodsForDeletion(a, b, 0, 0, now));
}

/**
 * The ReplicaSet controller's getPodsToDelete: `diff` pods to remove, ranked by how many active
 * related pods (of the same Deployment's ReplicaSets) share their node.
 */
export function podsToDelete<T extends Pod>(pods: T[], related: readonly Pod[], diff: number, now: number): T[] {
  if (diff >= pods.length) return pods.slice(0, diff);
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const n = p.spec?.nodeName ?? '';
    onNode.set(n, (onNode.get(n) ?? 0) + 1);
  }
  const ranked = pods.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
  ranked.sort((x, y) => comparePodsForDeletion(x.pod, y.pod, x.rank, y.rank, now));
  return ranked.slice(0, diff).map((r) => r.pod);
}
