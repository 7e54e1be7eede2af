import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The ladder page alone, built like the app's engine worker (an ES module worker). */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'error',
  worker: { format: 'es' },
  build: {
    outDir: fileURLToPath(new URL('../../node_modules/.cache/bench-ladder', import.meta.url)),
    emptyOutDir: true,
    rollupOptions: { input: fileURLToPath(new URL('./ladder.html', import.meta.url)) },
  },
});
