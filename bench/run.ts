import { apiserverBenchmarks } from './apiserver.bench';
import type { Figure } from './figures';

/**
 * `npm run bench`: each benchmark prints JSON lines {name, value, unit}. Pass names (or prefixes)
 * to run only some: `npm run bench -- apiserver`.
 */
const suites: Record<string, () => Figure[] | Promise<Figure[]>> = {
  apiserver: apiserverBenchmarks,
};

const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(suites)) {
  if (wanted.length && !wanted.some((w) => name.startsWith(w))) continue;
  for (const figure of await run()) process.stdout.write(`${JSON.stringify(figure)}\n`);
}
process.stdout.write(`${JSON.stringify({ name: 'machine', value: (await import('node:os')).cpus().length, unit: `cores (${(await import('node:os')).cpus()[0]?.model ?? 'unknown'}, node ${process.version})` })}\n`);
