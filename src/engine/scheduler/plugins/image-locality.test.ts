import type { Container } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { buildCache, info, makeNode, makePod, nodeOf, scoreNodes, state } from '../testing';
import { calculatePriority, imageLocality, normalizedImageName } from './image-locality';

const MB = 1024 * 1024;
const node403002000 = [
  { names: ['gcr.io/40:latest', 'gcr.io/40:v1', 'gcr.io/40:v1'], sizeBytes: 40 * MB },
  { names: ['gcr.io/300:latest', 'gcr.io/300:v1'], sizeBytes: 300 * MB },
  { names: ['gcr.io/2000:latest'], sizeBytes: 2000 * MB },
];
const node25010 = [
  { names: ['gcr.io/250:latest'], sizeBytes: 250 * MB },
  { names: ['gcr.io/10:latest', 'gcr.io/10:v1'], sizeBytes: 10 * MB },
];

describe('ImageLocality', () => {
  const images = (...names: string[]): Container[] => names.map((image, i) => ({ name: `c${i}`, image }));
  const cases = [
    // node2: 100 × (250M/2 − 23M) / (1000M × 2 − 23M) = 5; node1's 40M/2 is under the threshold.
    { name: 'two images spread on two nodes, prefer the larger image one', pod: images('gcr.io/40', 'gcr.io/250'), want: [0, 5] },
    // node1: 100 × ((40M + 300M)/2 − 23M) / (2000M − 23M) = 7
    { name: 'two images on one node, prefer this node', pod: images('gcr.io/40', 'gcr.io/300'), want: [7, 0] },
    // node1: 100 × (2000M/2 − 23M) / (2000M − 23M) = 49
    { name: 'a big image is worth half when on half the nodes', pod: images('gcr.io/2000', 'gcr.io/10'), want: [49, 0] },
    { name: 'a tag other than latest must match exactly', pod: images('gcr.io/300:v1'), want: [Math.trunc((100 * (150 - 23)) / (1000 - 23)), 0] },
  ];
  for (const t of cases) {
    it(t.name, () => {
      const cache = buildCache([makeNode('node1', { images: node403002000 }), makeNode('node2', { images: node25010 })]);
      const pod = info(makePod('p', { containers: t.pod }));
      expect(scoreNodes(imageLocality, state(), pod, ['node1', 'node2'].map((n) => nodeOf(cache, n)), cache)).toEqual(t.want);
    });
  }

  it('normalizes image names', () => {
    expect(normalizedImageName('nginx')).toBe('nginx:latest');
    expect(normalizedImageName('nginx:1.27')).toBe('nginx:1.27');
    expect(normalizedImageName('localhost:5000/app')).toBe('localhost:5000/app:latest');
  });

  it('clamps to the thresholds', () => {
    expect(calculatePriority(0, 1)).toBe(0);
    expect(calculatePriority(5000 * MB, 1)).toBe(100);
  });
});
