import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { Workbench } from './support/workbench';

test('a reload brings the sandbox back exactly: same simulated time, same objects, same speed; reset starts over', async ({ page }) => {
  const wb = new Workbench(page);
  await wb.open();
  await wb.run('kubectl create deployment keep --image=nginx --replicas=1');
  await wb.run('sim advance 2m');
  await expect(wb.pod('keep-')).toHaveCount(1);
  await wb.pause();
  const time = await page.getByTestId('sim-time').textContent();
  // Saved as of the moment shown, paused (the save follows the last change within a second).
  await expect(page.getByTestId('storage-status')).toHaveAttribute('data-sim-time', time ?? '');
  await expect(page.getByTestId('storage-status')).toHaveAttribute('data-speed', '0');
  await expect(page.getByTestId('storage-status')).toHaveAttribute('data-state', 'saved');
  const pod = await wb.pod('keep-').getAttribute('data-testid');

  await wb.open({ fresh: false });
  await expect(page.getByTestId('sim-time')).toHaveText(time ?? '');
  await expect(page.getByTestId('sim-elapsed')).toContainText('paused');
  await expect(page.getByTestId(pod ?? '')).toHaveAttribute('data-status', 'Running');
  await wb.run('kubectl get deployment keep');
  await expect.poll(() => wb.screen()).toMatch(/keep\s+1\/1/);
  await wb.shot('restored');

  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Reset sandbox' }).click();
  await expect(wb.pod('keep-')).toHaveCount(0);
  await expect(page.getByTestId('sim-elapsed')).toContainText(/age 4m0\ds/);
  await wb.open({ fresh: false });
  await expect(wb.pod('keep-')).toHaveCount(0);
});

test('when storage fails the learner is told, and the cluster goes on', async ({ page }) => {
  // Break IndexedDB writes in the worker before the app starts.
  await page.addInitScript(() => {
    const OriginalWorker = window.Worker;
    window.Worker = class extends OriginalWorker {
      constructor(url: string | URL, opts?: WorkerOptions) {
        if (String(url).includes('engine.worker')) {
          // A static import: the worker's message handler must be in place when its first message arrives.
          const shim = `import ${JSON.stringify(new URL(String(url), location.href).href)};\nIDBObjectStore.prototype.put = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };`;
          super(URL.createObjectURL(new Blob([shim], { type: 'text/javascript' })), opts);
        } else super(url, opts);
      }
    };
  });
  const wb = new Workbench(page);
  await wb.open();
  await wb.run('kubectl create configmap still-here --from-literal=a=b');
  await expect(page.getByTestId('storage-banner')).toContainText('storage quota exceeded', { timeout: 15_000 });
  await expect(page.getByRole('button', { name: 'Download a copy' })).toBeVisible();
  await wb.run('kubectl get configmap still-here');
  await expect.poll(() => wb.screen()).toMatch(/still-here\s+1/);
  await wb.shot('storage-error');
});

test('a sandbox of 10,000 objects saves and restores within a second each', async ({ page }) => {
  test.setTimeout(180_000);
  const wb = new Workbench(page);
  await wb.open();
  await expect(page.getByTestId('storage-status')).toHaveAttribute('data-state', 'saved', { timeout: 10_000 });
  // Export this cluster, add 10,000 ConfigMaps to the file, import it and open it.
  await page.getByTestId('sandboxes-button').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('sandboxes-dialog').locator('li[aria-current="true"]').getByRole('button', { name: 'Export' }).click();
  const file = join(test.info().outputDir, 'base.json');
  await (await download).saveAs(file);
  const state = JSON.parse(readFileSync(file, 'utf8'));
  const store = state.cluster.store;
  let rv = Number(store.resourceVersion);
  for (let i = 0; i < 10_000; i++) {
    rv++;
    const n = String(i).padStart(5, '0');
    store.objects.configmaps.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `cm-${n}`, namespace: 'default', uid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, creationTimestamp: '2025-01-06T09:00:00Z', resourceVersion: String(rv), labels: { app: 'bulk' } },
      data: { key: `value-${i}`, other: 'x'.repeat(40) },
    });
  }
  store.resourceVersion = String(rv);
  state.name = 'Ten thousand';
  const big = join(test.info().outputDir, 'big.json');
  writeFileSync(big, JSON.stringify(state));
  await page.getByTestId('sandbox-import-file').setInputFiles(big);
  await expect(page.getByTestId('sandboxes-message')).toHaveText('Imported as “Ten thousand”.', { timeout: 30_000 });
  await page.getByTestId('sandboxes-dialog').locator('li[data-name="Ten thousand"]').getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('phase')).toHaveText(/cluster running/, { timeout: 60_000 });
  const badge = page.getByTestId('storage-status');
  await expect(badge).toHaveAttribute('data-load-ms', /\d/);
  const loadMs = Number(await badge.getAttribute('data-load-ms'));
  await wb.run('kubectl get configmap cm-09999 -o name');
  await expect.poll(() => wb.screen()).toContain('configmap/cm-09999');
  await wb.run('kubectl create configmap one-more');
  await expect(badge).toHaveAttribute('data-save-ms', /\d/, { timeout: 15_000 });
  const saveMs = Number(await badge.getAttribute('data-save-ms'));
  console.log(`10,000 ConfigMaps (${(readFileSync(big).length / 1e6).toFixed(1)} MB as JSON): restore ${loadMs.toFixed(0)} ms, save ${saveMs.toFixed(0)} ms`);
  expect(loadMs).toBeLessThan(1000);
  expect(saveMs).toBeLessThan(1000);
});
