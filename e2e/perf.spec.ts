import { expect, type Page, test } from '@playwright/test';
import { Workbench } from './support/workbench';

/** Frame intervals (ms) over `ms` of wall time, while `during` runs. */
async function frames(page: Page, ms: number, during: () => Promise<void>) {
  const sampling = page.evaluate(
    (span) =>
      new Promise<number[]>((resolve) => {
        const times: number[] = [];
        let last = performance.now();
        const end = last + span;
        const frame = (t: number) => {
          times.push(t - last);
          last = t;
          if (t < end) requestAnimationFrame(frame);
          else resolve(times);
        };
        requestAnimationFrame(frame);
      }),
    ms,
  );
  await during();
  const times = (await sampling).sort((a, b) => a - b);
  const pct = (p: number) => +times[Math.min(times.length - 1, Math.floor(times.length * p))].toFixed(1);
  return { frames: times.length, p50: pct(0.5), p95: pct(0.95), max: pct(1) };
}

/**
 * Where the main thread's time went while `during` ran (ms): script, style recalculation and
 * layout, from Chromium's own counters; `other` (task time left over) is mostly painting.
 */
async function breakdown<T>(page: Page, during: () => Promise<T>): Promise<{ result: T; ms: Record<string, number> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const read = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const before = await read();
  const result = await during();
  const after = await read();
  await cdp.detach();
  const d = (k: string) => Math.round((after[k] - before[k]) * 1000);
  const ms = { task: d('TaskDuration'), script: d('ScriptDuration'), style: d('RecalcStyleDuration'), layout: d('LayoutDuration') };
  return { result, ms: { ...ms, other: ms.task - ms.script - ms.style - ms.layout } };
}

test('stays fluid with 500 pods: frame times while the clock runs, zoomed out and while panning zoomed in', async ({ page }) => {
  test.setTimeout(150_000);
  const wb = new Workbench(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await wb.open();
  await wb.pause();
  for (const n of [4, 5]) await wb.run(`sim add-node worker-${n} --cpu 16 --memory 64Gi`);
  await wb.run('kubectl create deployment big --image=nginx --replicas=500');
  await wb.run('sim advance 2m');
  await expect(page.locator('[data-testid^="pod-big-"]')).not.toHaveCount(0, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Fit to view' }).click();
  await page.waitForTimeout(500);
  const rendered = await page.evaluate(() => document.querySelectorAll('.react-flow__node-pod').length);
  await wb.shot('perf-500-pods');

  await page.getByText('10×').click();
  const { result: overview, ms: overviewMs } = await breakdown(page, () => frames(page, 4000, () => page.waitForTimeout(3900)));

  const pane = page.locator('.react-flow__pane');
  const box = await pane.boundingBox();
  if (!box) throw new Error('no graph pane');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 8; i++) await page.mouse.wheel(0, -120);
  await page.waitForTimeout(400);
  const { result: panning, ms: panningMs } = await breakdown(page, () =>
    frames(page, 4000, async () => {
    for (let i = 0; i < 6; i++) {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2 + (i % 2 ? 250 : -250), box.y + box.height / 2 + (i % 3) * 40, { steps: 20 });
      await page.mouse.up();
    }
  }),
  );
  await wb.shot('perf-500-pods-zoomed');
  const report = JSON.stringify({ rendered, overview, panning, mainThread: { overview: overviewMs, panning: panningMs } });
  console.log('frame times with 500 pods (ms):', report);
  test.info().annotations.push({ type: 'frame times (ms)', description: report });
  // Every pod is drawn when the whole cluster is in view.
  expect(rendered).toBeGreaterThanOrEqual(500);
  // Frame times depend on the machine (and on what else runs on it): the bound only catches an
  // overview that stops being usable; the numbers above are what to watch. Panning zoomed in is
  // reported, not bounded: the graph pans as one compositor layer, and without a GPU (as here)
  // what is left is the browser rastering what comes into view.
  expect(overview.p50).toBeLessThan(100);
});
