import { apiserverBenchmarks } from './apiserver.bench';
import { browserAppFigures } from './browser-app.bench';
import { browserLadder } from './browser-ladder.bench';
import { idleHour, ladder } from './cluster.bench';
import { endpointsBenchmarks } from './endpoints.bench';
import type { Figure } from './figures';
import { floorBenchmarks } from './floor.bench';
import { requestBenchmarks } from './request.bench';
import { snapshotBenchmarks } from './snapshot.bench';
import { summary } from './summary';

/**
 * `npm run bench`: each benchmark prints JSON lines {name, value, unit} on stdout, and a readable
 * summary follows on stderr. Pass names (or prefixes) to run only some: `npm run bench -- apiserver`.
 */
const suites: Record<string, () => Figure[] | Promise<Figure[]>> = {
  apiserver: apiserverBenchmarks,
  floor: floorBenchmarks,
  'cluster-idle': idleHour,
  'cluster-ladder-100': () => ladder(100, 3_000),
  snapshot: snapshotBenchmarks,
  endpoints: endpointsBenchmarks,
  request: requestBenchmarks,
  // The built app in Chromium: bundle sizes, first paint, time to interactive, frame times.
  browser: browserAppFigures,
  // The 100-node rung in a Chromium worker: about 20 s with the page build and the browser start.
  'browser-ladder-100': () => browserLadder(100, 3_000),
};

/**
 * The larger rungs, in Node and in a browser worker, run only when named:
 * `npm run bench -- cluster-ladder-1000 browser-ladder-1000`.
 */
const onDemand: Record<string, () => Figure[] | Promise<Figure[]>> = {
  'cluster-ladder-1000': () => ladder(1_000, 30_000),
  'cluster-ladder-5000': () => ladder(5_000, 150_000),
  'browser-ladder-1000': () => browserLadder(1_000, 30_000),
  'browser-ladder-5000': () => browserLadder(5_000, 150_000),
};

const wanted = process.argv.slice(2);
const chosen = Object.entries(suites).filter(([name]) => !wanted.length || wanted.some((w) => name.startsWith(w)));
for (const [name, run] of Object.entries(onDemand)) if (wanted.includes(name)) chosen.push([name, run]);
const all: Figure[] = [];
for (const [, run] of chosen) {
  for (const figure of await run()) {
    all.push(figure);
    process.stdout.write(`${JSON.stringify(figure)}\n`);
  }
}
const os = await import('node:os');
const machine = { name: 'machine', value: os.cpus().length, unit: `cores (${os.cpus()[0]?.model ?? 'unknown'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version})` };
process.stdout.write(`${JSON.stringify(machine)}\n`);
process.stderr.write(summary(all, machine));
