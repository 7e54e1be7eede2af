import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { Workbench } from './support/workbench';

/** Wait until a service worker controls the page: from then on a reload is served from its cache. */
async function controlled(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)), { timeout: 20_000 }).toBe(true);
}

test('after one visit the app works offline: reload, kubectl, the editor', async ({ page, context }) => {
  const wb = new Workbench(page);
  await wb.open();
  // The first visit installs the worker; a reload puts the page under its control.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await controlled(page);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('phase')).toHaveText(/cluster running/, { timeout: 30_000 });
  await wb.run('kubectl create deployment offline --image=nginx');
  await expect.poll(() => wb.screen()).toContain('deployment.apps/offline created');
  await wb.run('kubectl get deploy');
  await expect.poll(() => wb.screen()).toMatch(/offline\s+\d\/1/);
  // Monaco and its workers come from the cache too.
  await page.getByTestId('editor-toggle').click();
  await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 30_000 });
  await wb.shot('offline');
  await context.setOffline(false);
});

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.ttf': 'font/ttf',
};

/** A static host that serves `dir` under `/sub/` only: anything asked for outside it is a 404. */
function serveUnder(dir: string, prefix: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end();
      return;
    }
    let file = normalize(join(dir, path.slice(prefix.length)));
    if (!file.startsWith(dir) || !existsSync(file) || path.endsWith('/')) file = join(dir, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

test('a build for a sub-path loads there, workers and all; a new version is offered and taken on request', async ({ page }) => {
  test.setTimeout(180_000);
  const out = join(process.cwd(), 'test-results', 'sub-build');
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error', '--outDir', out, '--emptyOutDir'], {
    env: { ...process.env, BASE_PATH: '/sub/' },
    stdio: 'inherit',
    timeout: 150_000,
  });
  expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('src="/sub/assets/');
  const server = await serveUnder(out, '/sub/');
  try {
    const { port } = server.address() as AddressInfo;
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(r.url());
    });
    await page.goto(`http://127.0.0.1:${port}/sub/?fresh`);
    await expect(page.getByTestId('phase')).toHaveText(/cluster running/, { timeout: 30_000 });
    const wb = new Workbench(page);
    await wb.run('kubectl get nodes');
    await expect.poll(() => wb.screen()).toMatch(/worker-1\s+Ready/);
    await page.getByTestId('editor-toggle').click();
    await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 30_000 });
    // The service worker is registered for the sub-path, not for the host's root.
    const sw = await page.evaluate(async () => {
      const r = await navigator.serviceWorker.ready;
      return { script: r.active?.scriptURL, scope: r.scope };
    });
    expect(sw).toEqual({ script: `http://127.0.0.1:${port}/sub/sw.js`, scope: `http://127.0.0.1:${port}/sub/` });
    expect(failed).toEqual([]);

    // A new version deployed (here: a changed service worker): the page offers it, and takes it when asked.
    await page.reload();
    await controlled(page);
    appendFileSync(join(out, 'sw.js'), '\n// next version\n');
    await page.evaluate(async () => (await navigator.serviceWorker.ready).update());
    await expect(page.getByTestId('update-prompt')).toBeVisible({ timeout: 20_000 });
    await page.getByTestId('update-prompt').getByRole('button', { name: 'Update now' }).click();
    await expect(page.getByTestId('update-prompt')).toHaveCount(0, { timeout: 20_000 });
    await expect(page.getByTestId('phase')).toHaveText(/cluster running/, { timeout: 30_000 });
    await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null)).toBeNull();
  } finally {
    server.close();
  }
});
