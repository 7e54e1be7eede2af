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
