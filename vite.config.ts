import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * Where the app is served from. By default every URL is relative ('./'), so one build works at
 * any path; BASE_PATH=/sandbox/ builds for a fixed sub-path (KUBE_SANDBOX_BASE is the older name).
 */
const base = process.env.BASE_PATH ?? process.env.KUBE_SANDBOX_BASE ?? './';

export default defineConfig({
  base,
  plugins: [
    react(),
    VitePWA({
      // The page asks before a new version takes over (a running cluster must not vanish mid-lesson).
      registerType: 'prompt',
      injectRegister: false,
      // The dev server gets no service worker: it would cache modules vite serves fresh.
      devOptions: { enabled: false },
      includeAssets: ['favicon.svg'],
      manifest: {
        name: 'kube-sandbox',
        short_name: 'kube-sandbox',
        description: 'A Kubernetes cluster that lives in a browser tab',
        lang: 'en',
        start_url: '.',
        scope: '.',
        display: 'standalone',
        background_color: '#0d1117',
        theme_color: '#326ce5',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        // Everything the app needs offline: the page, the engine worker, Monaco and its workers
        // (the editor chunk is about 4 MB), fonts, icons, and any lesson or schema files.
        globPatterns: ['**/*.{js,css,html,svg,png,ico,ttf,woff,woff2,json,yaml,yml,md,webmanifest}'],
        globIgnores: ['**/*.map'],
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        // Nothing is fetched from a CDN, at build time or at run time.
        inlineWorkboxRuntime: true,
      },
    }),
  ],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  server: { port: 5173 },
  preview: { port: 4173 },
});
