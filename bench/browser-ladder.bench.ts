import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium } from '@playwright/test';
import { findChromium } from '../scripts/chromium.mjs';
import type { Figure } from './figures';
import { type RungResult, rungTag } from './ladder-core';

const OUT = 'node_modules/.cache/bench-ladder';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };

/** Serves the built ladder page on a free port. */
async function serve(): Promise<{ url: string; close: () => void }> {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    try {
      const body = await readFile(join(OUT, path === '/' ? 'ladder.html' : path));
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ladder.html`, close: () => server.close() };
}

/**
 * One rung of the engine ladder in a dedicated Web Worker of a real Chromium, as the app runs its
 * engine. Peak memory: a dedicated worker has no performance.memory, so the driver attaches to the
 * worker's own DevTools target (Target.setAutoAttach from the page's CDP session) and samples its
 * V8 heap with Runtime.getHeapUsage every 100 ms while the rung runs; V8 answers these between
 * its own work on the worker thread, so the samples keep coming while the engine is busy.
 */
export async function browserLadder(nodes: number, pods: number): Promise<Figure[]> {
  const executablePath = process.env.CHROME_PATH ?? findChromium();
  if (!executablePath) {
    process.stderr.write('browser-ladder: no Chromium found (set CHROME_PATH or install Debian’s chromium): skipped\n');
    return [];
  }
  const build = spawnSync('npx', ['vite', 'build', '-c', 'bench/browser/vite.config.ts'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new Error('vite build of the ladder page failed');
  const server = await serve();
  // V8's heap limit is the memory aim itself (1.5 GB): a rung must finish inside it. With more room
  // V8 collects later and the peak it reaches measures its garbage as much as the engine's needs.
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--js-flags=--max-old-space-size=1536'] });
  try {
    const page = await browser.newPage();
    const cdp = await page.context().newCDPSession(page);
    let workerSession: string | undefined;
    let peak = 0;
    let samples = 0;
    let nextId = 1;
    cdp.on('Target.attachedToTarget', (event) => {
      if (event.targetInfo.type === 'worker') workerSession = event.sessionId;
    });
    cdp.on('Target.receivedMessageFromTarget', (event) => {
      const reply = JSON.parse(event.message) as { result?: { usedSize?: number } };
      if (typeof reply.result?.usedSize === 'number') {
        peak = Math.max(peak, reply.result.usedSize);
        samples++;
      }
    });
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    await page.goto(server.url);
    await page.evaluate(([n, p]) => window.runLadder(n, p), [nodes, pods]);
    const sampler = setInterval(() => {
      if (!workerSession) return;
      const message = JSON.stringify({ id: nextId++, method: 'Runtime.getHeapUsage' });
      cdp.send('Target.sendMessageToTarget', { sessionId: workerSession, message }).catch(() => {});
    }, 100);
    try {
      await page.waitForFunction(() => window.ladder.state !== 'running', undefined, { timeout: 30 * 60_000, polling: 500 });
    } finally {
      clearInterval(sampler);
    }
    const outcome = await page.evaluate(() => window.ladder);
    if (outcome.state !== 'done' || !outcome.result) throw new Error(`the ladder worker failed: ${outcome.message}`);
    const r: RungResult = outcome.result;
    const tag = rungTag(nodes, pods);
    if (!samples) process.stderr.write('browser-ladder: no heap samples came back from the worker\n');
    return [
      { name: `browser.ladder.${tag}.nodes-join-wall`, value: +(r.joinMs / 1000).toFixed(2), unit: 's' },
      { name: `browser.ladder.${tag}.all-running-wall`, value: +(r.runningMs / 1000).toFixed(2), unit: 's' },
      { name: `browser.ladder.${tag}.pods-per-wall-second`, value: Math.round(pods / (r.runningMs / 1000)), unit: 'pods/s' },
      { name: `browser.ladder.${tag}.all-running-sim`, value: +(r.simMs / 1000).toFixed(0), unit: 'sim-s' },
      { name: `browser.ladder.${tag}.peak-js-heap`, value: Math.round(peak / 1024 / 1024), unit: 'MiB' },
      { name: `browser.ladder.${tag}.heap-samples`, value: samples, unit: 'samples' },
    ];
  } finally {
    await browser.close();
    server.close();
  }
}
