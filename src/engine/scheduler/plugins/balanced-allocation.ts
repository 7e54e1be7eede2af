import type { StateData } from '../cyclestate';
import { MAX_NODE_SCORE, PluginName } from '../names';
import type { NodeInfo } from '../nodeinfo';
import type { Plugin } from '../plugin';

interface ScoreState extends StateData {
  cpu: number;
  memory: number;
}

const KEY = `PreScore${PluginName.NodeResourcesBalancedAllocation}`;

/**
 * balancedResourceScorer: 100 × (1 − standard deviation of the requested fractions). With the
 * two default resources the deviation is half their difference. Fractions cap at 1.
 */
export function balancedScore(requested: readonly number[], allocatable: readonly number[]): number {
  const fractions: number[] = [];
  let total = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    const f = Math.min(requested[i] / allocatable[i], 1);
    total += f;
    fractions.push(f);
  }
  let std = 0;
  if (fractions.length === 2) std = Math.abs((fractions[0] - fractions[1]) / 2);
  else if (fractions.length > 2) {
    const mean = total / fractions.length;
    let sum = 0;
    for (const f of fractions) sum += (f - mean) * (f - mean);
    std = Math.sqrt(sum / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/** {@link balancedScore} for the two default resources, without arrays. */
export function balancedPair(cpu: number, allocCPU: number, memory: number, allocMemory: number): number {
  // With one resource (or none) counted there is nothing to deviate from.
  if (!allocCPU || !allocMemory) return MAX_NODE_SCORE;
  const f1 = Math.min(cpu / allocCPU, 1);
  const f2 = Math.min(memory / allocMemory, 1);
  return Math.trunc((1 - Math.abs((f1 - f2) / 2)) * MAX_NODE_SCORE);
}

/**
 * NodeResourcesBalancedAllocation: prefer nodes whose cpu and memory would be used in similar
 * proportions. It counts actual requests (no defaults for containers without requests).
 */
export const balancedAllocation: Plugin = {
  name: PluginName.NodeResourcesBalancedAllocation,
  preScore(state, pod) {
    state.write(KEY, { cpu: pod.requests.milliCPU, memory: pod.requests.memory } as ScoreState);
    return undefined;
  },
  score(state, pod, nodes: readonly NodeInfo[], _view, out) {
    const s = state.read<ScoreState>(KEY) ?? { cpu: pod.requests.milliCPU, memory: pod.requests.memory };
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i];
      out[i] = balancedPair(n.reqCPU + s.cpu, n.allocCPU, n.reqMemory + s.memory, n.allocMemory);
    }
  },
};
