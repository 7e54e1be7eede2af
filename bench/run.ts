import { apiserverBenchmarks } from './apiserver.bench';
import { idleHour, ladder } from './cluster.bench';
import type { Figure } from './figures';

/**
 * `npm run bench`: each benchmark prints JSON lines {name, value, unit}. Pass names (or prefixes)
 * to run only some: `npm run bench -- apiserver`.
 */
const suites: Record<string, () => Figure[] | Promise<Figure[]>> = {
  apiserver: apiserverBenchmarks,
  'cluster-idle': idleHour,
  'cluster-ladder-100': () => ladder(100, 3_000),
};

/** The larger rungs run only when named: `npm run bench -- cluster-ladder-1000 cluster-ladder-5000`. */
const onDemand: Record<string, () => Figure[]> = {
  'cluster-ladder-1000': () => ladder(1_000, 30_000),
  'cluster-ladder-5000': () => ladder(5_000, 150_000),
};

const wanted = process.argv.slice(2);
const chosen = Object.entries(suites).filter(([name]) => !wanted.length || wanted.some((w) => name.startsWith(w)));
for (const [name, run] of Object.entries(onDemand)) if (wanted.includes(name)) chosen.push([name, run]);
for (const [, run] of chosen) {
  for (const figure of await run()) process.stdout.write(`${JSON.stringify(figure)}\n`);
}
process.stdout.write(`${JSON.stringify({ name: 'machine', value: (await import('node:os')).cpus().length, unit: `cores (${(await import('node:os')).cpus()[0]?.model ?? 'unknown'}, node ${process.version})` })}\n`);
