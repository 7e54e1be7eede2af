import { describe, expect, it } from 'vitest';
import { parseSpecOutput } from './browser-app.bench';

describe('parseSpecOutput', () => {
  it('reads the load figures and the frame report the browser specs print, and nothing else', () => {
    const out = [
      '  ✓  1 e2e/perf-load.spec.ts:10:1 › load (4.1s)',
      '{"name":"browser-load-first-contentful-paint","value":612,"unit":"ms"}',
      '{"name":"browser-load-cluster-running","value":2301,"unit":"ms"}',
      'frame times with 500 pods (ms): {"rendered":512,"overview":{"frames":230,"p50":16.7,"p95":33.4,"max":50},"panning":{"frames":200,"p50":20,"p95":50.1,"max":83}}',
      '{"name": broken',
    ].join('\n');
    const figures = parseSpecOutput(out);
    expect(figures.map((f) => [f.name, f.value])).toEqual([
      ['browser.load.first-contentful-paint', 612],
      ['browser.load.cluster-running', 2301],
      ['browser.frames-500-pods.overview.p50', 16.7],
      ['browser.frames-500-pods.overview.p95', 33.4],
      ['browser.frames-500-pods.overview.max', 50],
      ['browser.frames-500-pods.panning.p50', 20],
      ['browser.frames-500-pods.panning.p95', 50.1],
      ['browser.frames-500-pods.panning.max', 83],
    ]);
  });
});
