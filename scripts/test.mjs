#!/usr/bin/env node
// `npm test`: every check the project has, in order, stopping at the first failure:
// type-check, lint, unit tests, the project's own scenarios, every lesson against its reference
// solution, then the browser tests.
import { spawnSync } from 'node:child_process';

const steps = [
  ['type-check', 'npx', ['tsc', '--noEmit', '-p', '.']],
  ['lint', 'npx', ['biome', 'lint', '.']],
  ['unit tests', 'npx', ['vitest', 'run']],
  ['scenarios', 'npx', ['tsx', 'src/cli/main.ts', 'scenario', 'tests/scenarios']],
  ['lessons', 'npx', ['tsx', 'src/cli/main.ts', 'lesson', 'check', 'lessons']],
  ['browser tests', 'node', ['scripts/e2e.mjs']],
];

const only = process.argv.slice(2);
for (const [name, cmd, args] of steps) {
  if (only.length && !only.includes(name.split(' ')[0])) continue;
  process.stdout.write(`\n=== ${name}: ${cmd} ${args.join(' ')}\n`);
  const started = performance.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    process.stdout.write(`\n=== ${name} FAILED after ${secs}s\n`);
    process.exit(r.status ?? 1);
  }
  process.stdout.write(`=== ${name} passed in ${secs}s\n`);
}
