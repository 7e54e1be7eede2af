import type { Figure } from './figures';

/** The aims from the project's performance issues, by figure name: [test, words]. */
const AIMS: Record<string, [(v: number) => boolean, string]> = {
  'cluster.idle-hour.speed': [(v) => v >= 3_600, '≥ 3,600 sim-s per wall-s'],
  'cluster.ladder.1000n-30000p.pods-per-wall-second': [(v) => v >= 2_000, '≥ 2,000 pods/s'],
  'cluster.ladder.100n-3000p.pods-per-wall-second': [(v) => v >= 2_000, '≥ 2,000 pods/s'],
  'cluster.ladder.1000n-30000p.pods-per-cpu-second': [(v) => v >= 2_000, '≥ 2,000 pods/s'],
  'cluster.ladder.100n-3000p.pods-per-cpu-second': [(v) => v >= 2_000, '≥ 2,000 pods/s'],
  'cluster.idle-hour.speed-per-cpu-second': [(v) => v >= 3_600, '≥ 3,600 sim-s per cpu-s'],
  'cluster.ladder.5000n-150000p.all-running-wall': [(v) => v < 60, '< 60 s'],
  'cluster.ladder.5000n-150000p.peak-rss': [(v) => v < 1_536, '< 1.5 GB'],
  'cluster.ladder.100n-3000p.vs-floor': [(v) => v <= 10, '≤ 10× the floor'],
  'cluster.ladder.1000n-30000p.vs-floor': [(v) => v <= 10, '≤ 10× the floor'],
  'cluster.ladder.5000n-150000p.vs-floor': [(v) => v <= 10, '≤ 10× the floor'],
  'browser.ladder.100n-3000p.pods-per-wall-second': [(v) => v >= 2_000, '≥ 2,000 pods/s'],
  'browser.ladder.1000n-30000p.pods-per-wall-second': [(v) => v >= 2_000, '≥ 2,000 pods/s'],
  'browser.ladder.5000n-150000p.all-running-wall': [(v) => v < 60, '< 60 s'],
  'browser.ladder.5000n-150000p.peak-js-heap': [(v) => v < 1_536, '< 1.5 GB'],
  'browser.initial-js-gzip': [(v) => v <= 350, '≤ 350 KiB gzip'],
  'browser.frames-500-pods.overview.p95': [(v) => v <= 16.7, 'p95 ≤ 16.7 ms'],
  'browser.frames-500-pods.panning.p95': [(v) => v <= 16.7, 'p95 ≤ 16.7 ms'],
};

/** A table a person can read: figure, value, and the aim with met / not yet. */
export function summary(figures: Figure[], machine: Figure): string {
  const width = Math.max(...figures.map((f) => f.name.length), 10);
  const lines = figures.map((f) => {
    const aim = AIMS[f.name];
    const verdict = aim ? `  aim ${aim[1]}: ${aim[0](f.value) ? 'met' : 'not yet'}` : '';
    return `${f.name.padEnd(width)}  ${String(f.value.toLocaleString('en-US')).padStart(12)} ${f.unit}${verdict}`;
  });
  return `\nSummary (${machine.value} ${machine.unit})\n${lines.join('\n')}\n`;
}
