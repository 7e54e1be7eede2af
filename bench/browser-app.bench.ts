import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { findChromium } from '../scripts/chromium.mjs';
import type { Figure } from './figures';

const DIST = 'dist';

const kib = (bytes: number) => Math.round(bytes / 102.4) / 10;
const gzipped = (file: string) => gzipSync(readFileSync(join(DIST, file))).length;

/**
 * What the built site makes a browser download: the page's own JavaScript (the scripts
 * index.html loads and preloads), the engine's worker, and the editor (Monaco, its CSS and
 * workers), which loads only when first opened. Sizes gzip'd as a static server sends them.
 */
function bundleFigures(): Figure[] {
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new Error('vite build failed');
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]);
  const assets = readdirSync(join(DIST, 'assets')).filter((f) => !f.endsWith('.map'));
  const matching = (re: RegExp) => assets.filter((f) => re.test(f)).map((f) => `assets/${f}`);
  const sum = (files: string[]) => files.reduce((n, f) => n + gzipped(f), 0);
  return [
    { name: 'browser.initial-js-gzip', value: kib(sum(initial)), unit: 'KiB' },
    { name: 'browser.engine-worker-gzip', value: kib(sum(matching(/^engine\.worker-.*\.js$/))), unit: 'KiB' },
    { name: 'browser.monaco-gzip', value: kib(sum(matching(/^(EditorPane-.*\.(js|css)|editor\.worker-.*\.js|yaml\.worker-.*\.js)$/))), unit: 'KiB' },
  ];
}

/** The figures the browser specs print, as JSON lines or one labelled JSON report. */
export function parseSpecOutput(out: string): Figure[] {
  const figures: Figure[] = [];
  for (const line of out.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.startsWith('{"name":')) {
      try {
        const f = JSON.parse(trimmed) as Figure;
        if (typeof f.value === 'number') figures.push({ ...f, name: f.name.replace(/^browser-load-/, 'browser.load.') });
      } catch {
        // Not a figure after all.
      }
    }
    const frames = /frame times with 500 pods \(ms\):\s*(\{.*\})\s*$/.exec(trimmed);
    if (frames) {
      const report = JSON.parse(frames[1]) as Record<string, { p50?: number; p95?: number; max?: number }>;
      for (const phase of ['overview', 'panning']) {
        for (const stat of ['p50', 'p95', 'max'] as const) {
          const v = report[phase]?.[stat];
          if (typeof v === 'number') figures.push({ name: `browser.frames-500-pods.${phase}.${stat}`, value: v, unit: 'ms' });
        }
      }
    }
  }
  return figures;
}

/**
 * The app in a real Chromium (`vite preview` of the production build, as the e2e suite serves
 * it): first paint, time to interactive and the first command (e2e/perf-load.spec.ts), and
 * frame times with 500 pods while the clock runs and while panning (e2e/perf.spec.ts).
 */
function loadAndFrameFigures(): Figure[] {
  const chrome = findChromium();
  if (!chrome) {
    process.stderr.write('browser: no Chromium found (set CHROME_PATH or install Debian’s chromium): load and frame figures skipped\n');
    return [];
  }
  const run = spawnSync('npx', ['playwright', 'test', 'e2e/perf-load.spec.ts', 'e2e/perf.spec.ts', '--reporter=line'], {
    env: { ...process.env, CHROME_PATH: chrome },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`the browser performance specs failed:\n${run.stdout}\n${run.stderr}`);
  return parseSpecOutput(run.stdout);
}

export function browserAppFigures(): Figure[] {
  return [...bundleFigures(), ...loadAndFrameFigures()];
}
