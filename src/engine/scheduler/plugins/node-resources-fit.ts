import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { StateData } from '../cyclestate';
import { Action } from '../events';
import { MAX_NODE_SCORE, PluginName } from '../names';
import { Hot, type NodeInfo } from '../nodeinfo';
import type { Plugin } from '../plugin';
import type { PodInfo } from '../podinfo';
import { nodeAllocatable, type Resources } from '../resources';
import { unschedulable } from '../status';

export interface InsufficientResource {
  resourceName: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
}

interface ScoreState extends StateData {
  /** Requests with the scoring defaults (100m cpu, 200Mi memory for containers without requests). */
  cpu: number;
  memory: number;
}

const SCORE_KEY = `PreScore${PluginName.NodeResourcesFit}`;

function zero(r: Resources): boolean {
  if (r.milliCPU || r.memory || r.ephemeralStorage) return false;
  return !r.scalar || Object.values(r.scalar).every((v) => v === 0);
}

const NONE: readonly InsufficientResource[] = [];

/**
 * fitsRequest: every resource the pod asks for must fit in what the node has left. The pod
 * count comes first; a node can fail on several resources at once, and each becomes a reason.
 */
export function fitsRequest(req: Resources, node: NodeInfo): readonly InsufficientResource[] {
  // The common case, without allocating: everything fits.
  if (
    node.numPods + 1 <= node.allocPods &&
    req.milliCPU <= node.allocCPU - node.reqCPU &&
    req.memory <= node.allocMemory - node.reqMemory &&
    req.ephemeralStorage <= node.allocEphemeral - node.reqEphemeral &&
    !req.scalar
  ) {
    return NONE;
  }
  const alloc = node.allocatable;
  const used = node.requested;
  const out: InsufficientResource[] = [];
  if (node.podCount + 1 > alloc.pods) {
    out.push({ resourceName: 'pods', reason: 'Too many pods', requested: 1, used: node.podCount, capacity: alloc.pods });
  }
  if (zero(req)) return out;
  if (req.milliCPU > 0 && req.milliCPU > alloc.milliCPU - used.milliCPU) {
    out.push({ resourceName: 'cpu', reason: 'Insufficient cpu', requested: req.milliCPU, used: used.milliCPU, capacity: alloc.milliCPU });
  }
  if (req.memory > 0 && req.memory > alloc.memory - used.memory) {
    out.push({ resourceName: 'memory', reason: 'Insufficient memory', requested: req.memory, used: used.memory, capacity: alloc.memory });
  }
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) {
    out.push({
      resourceName: 'ephemeral-storage',
      reason: 'Insufficient ephemeral-storage',
      requested: req.ephemeralStorage,
      used: used.ephemeralStorage,
      capacity: alloc.ephemeralStorage,
    });
  }
  for (const [name, q] of Object.entries(req.scalar ?? {})) {
    if (q === 0) continue;
    const have = (alloc.scalar?.[name] ?? 0) - (used.scalar?.[name] ?? 0);
    if (q > have) {
      out.push({ resourceName: name, reason: `Insufficient ${name}`, requested: q, used: used.scalar?.[name] ?? 0, capacity: alloc.scalar?.[name] ?? 0 });
    }
  }
  return out;
}

/** leastRequestedScore: the share of the resource left free after placing the pod, 0..100. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** LeastAllocated with the default resources (cpu and memory, weight 1 each). */
export function leastAllocatedScore(pod: { cpu: number; memory: number }, node: NodeInfo): number {
  let score = 0;
  let weights = 0;
  if (node.allocCPU) {
    score += leastRequestedScore(node.nonZeroCPU + pod.cpu, node.allocCPU);
    weights++;
  }
  if (node.allocMemory) {
    score += leastRequestedScore(node.nonZeroMemory + pod.memory, node.allocMemory);
    weights++;
  }
  return weights ? Math.trunc(score / weights) : 0;
}

/** Whether the pod would fit an empty node of this size (the hint for node events). */
function fitsEmptyNode(pod: PodInfo, node: Node): boolean {
  const alloc = nodeAllocatable(node);
  const req = pod.requests;
  if (alloc.pods < 1) return false;
  if (req.milliCPU > alloc.milliCPU || req.memory > alloc.memory || req.ephemeralStorage > alloc.ephemeralStorage) return false;
  for (const [name, q] of Object.entries(req.scalar ?? {})) if (q > (alloc.scalar?.[name] ?? 0)) return false;
  return true;
}

function requestedResourceIncreased(pod: PodInfo, old: Node, node: Node): boolean {
  const a = nodeAllocatable(old);
  const b = nodeAllocatable(node);
  const req = pod.requests;
  if (b.pods > a.pods) return true;
  if ((req.milliCPU && b.milliCPU > a.milliCPU) || (req.memory && b.memory > a.memory)) return true;
  if (req.ephemeralStorage && b.ephemeralStorage > a.ephemeralStorage) return true;
  for (const name of Object.keys(req.scalar ?? {})) if ((b.scalar?.[name] ?? 0) > (a.scalar?.[name] ?? 0)) return true;
  return false;
}

/**
 * NodeResourcesFit: the pod's requests (containers, init containers, overhead) must fit in the
 * node's allocatable minus what its pods already request; scores by LeastAllocated, the
 * default strategy, which spreads load.
 */
export const nodeResourcesFit: Plugin = {
  name: PluginName.NodeResourcesFit,
  filter(_state, pod, node) {
    const insufficient = fitsRequest(pod.requests, node);
    if (!insufficient.length) return undefined;
    return unschedulable(...insufficient.map((r) => r.reason));
  },
  quickFilter(_state, pod) {
    const { milliCPU, memory, ephemeralStorage, scalar } = pod.requests;
    if (scalar) return undefined;
    // fitsRequest's everything-fits case.
    return (a, r) =>
      a[r + Hot.numPods] + 1 <= a[r + Hot.allocPods] &&
      milliCPU <= a[r + Hot.allocCPU] - a[r + Hot.reqCPU] &&
      memory <= a[r + Hot.allocMemory] - a[r + Hot.reqMemory] &&
      ephemeralStorage <= a[r + Hot.allocEphemeral] - a[r + Hot.reqEphemeral];
  },
  preScore(state, pod) {
    state.write(SCORE_KEY, { cpu: pod.nonZeroCPU, memory: pod.nonZeroMemory } as ScoreState);
    return undefined;
  },
  score(state, pod, nodes, _view, out) {
    const s = state.read<ScoreState>(SCORE_KEY) ?? { cpu: pod.nonZeroCPU, memory: pod.nonZeroMemory };
    for (let i = 0; i < nodes.length; i++) out[i] = leastAllocatedScore(s, nodes[i]);
  },
  events: [
    // Any deletion of a scheduled pod may free room.
    { resource: 'Pod', actions: Action.Delete, hint: (_pod, old) => !!(old as Pod | undefined)?.spec?.nodeName },
    {
      resource: 'Node',
      actions: Action.Add | Action.UpdateNodeAllocatable | Action.UpdateNodeTaint | Action.UpdateNodeLabel,
      hint: (pod, old, obj) => {
        if (!obj || !fitsEmptyNode(pod, obj as Node)) return false;
        return old === undefined || requestedResourceIncreased(pod, old as Node, obj as Node);
      },
    },
  ],
};
