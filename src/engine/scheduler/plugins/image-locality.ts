import type { StateData } from '../cyclestate';
import { MAX_NODE_SCORE, PluginName } from '../names';
import type { NodeInfo } from '../nodeinfo';
import type { Plugin } from '../plugin';
import type { ClusterView } from '../view';

interface ScoreState extends StateData {
  images: string[];
  /** The images and node count as one string: what a node's remembered score is for. */
  key: string;
  totalNodes: number;
}

const KEY = `PreScore${PluginName.ImageLocality}`;
const MB = 1024 * 1024;
/** Below this, an image is too small to be worth pulling toward (minThreshold). */
export const MIN_THRESHOLD = 23 * MB;
/** Per container, sizes above this count no more (maxContainerThreshold). */
export const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** An image without a tag means `:latest` (normalizedImageName). */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

/** Scale the summed image sizes between the thresholds to 0..100. */
export function calculatePriority(sumScores: number, numContainers: number): number {
  const max = MAX_CONTAINER_THRESHOLD * numContainers;
  const sum = Math.min(Math.max(sumScores, MIN_THRESHOLD), max);
  return Math.trunc((MAX_NODE_SCORE * (sum - MIN_THRESHOLD)) / (max - MIN_THRESHOLD));
}

function sumImageScores(images: readonly string[], node: NodeInfo, view: ClusterView, totalNodes: number): number {
  let sum = 0;
  for (const name of images) {
    const size = node.images.get(name);
    if (size === undefined) continue;
    // An image on every node says little about this one: weight by how rare it is.
    const spread = view.imageNodeCount(name) / totalNodes;
    sum += Math.trunc(size * spread);
  }
  return sum;
}

/** ImageLocality: prefer nodes that already have the pod's (large) images. */
export const imageLocality: Plugin = {
  name: PluginName.ImageLocality,
  preScore(state, pod, _nodes, view) {
    const spec = pod.pod.spec;
    const images = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].map((c) => normalizedImageName(c.image ?? ''));
    const totalNodes = view.nodeInfos().length;
    state.write(KEY, { images, key: `${totalNodes}\u0000${images.join('\u0000')}`, totalNodes } as ScoreState);
    return undefined;
  },
  score(state, pod, nodes, view, out) {
    let s = state.read<ScoreState>(KEY);
    if (!s) {
      imageLocality.preScore?.(state, pod, [], view);
      s = state.read<ScoreState>(KEY) as ScoreState;
    }
    const { images, key, totalNodes } = s;
    const gen = view.imageGeneration();
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i];
      // A node without images scores the floor at once; otherwise its score for these images
      // stands until some node's images change.
      if (!n.numImages || !totalNodes) out[i] = 0;
      else if (n.imageScoreGen === gen && n.imageScoreKey === key) out[i] = n.imageScore;
      else {
        const score = calculatePriority(sumImageScores(images, n, view, totalNodes), images.length);
        n.imageScoreKey = key;
        n.imageScoreGen = gen;
        n.imageScore = score;
        out[i] = score;
      }
    }
  },
};
