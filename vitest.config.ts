import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // The engine is CPU-bound and single-threaded: two workers match the machines this runs on.
    maxWorkers: 2,
    testTimeout: 60_000,
  },
});
