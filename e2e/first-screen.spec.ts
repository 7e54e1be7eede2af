import { expect, test } from '@playwright/test';
import { Workbench } from './support/workbench';

test('the first screen shows the cluster the worker runs: nodes holding their pods, the clock, the panes', async ({ page }) => {
  const wb = new Workbench(page);
  await wb.open();
  await expect(page.getByRole('heading', { name: 'kube-sandbox' })).toBeVisible();
  await expect(page.getByTestId('context')).toHaveText('kind-kind');
  for (const node of ['control-plane', 'worker-1', 'worker-2', 'worker-3']) {
    await expect(page.getByTestId(`node-${node}`)).toBeVisible();
  }
  await expect(page.getByTestId('node-control-plane')).toContainText('node-role.kubernetes.io/control-plane:NoSchedule');
  await expect(page.getByTestId('pod-kube-apiserver-control-plane')).toHaveAttribute('data-status', 'Running');
  for (const pane of ['Topology', 'Terminal', 'Inspector', 'Events']) {
    await expect(page.getByRole('region', { name: pane })).toBeVisible();
  }
  // The simulated clock runs at 1× from a few minutes after the cluster's creation.
  await expect(page.getByTestId('sim-time')).toContainText('2025-01-06 09:0');
  const before = await page.getByTestId('sim-time').textContent();
  await expect(page.getByTestId('sim-time')).not.toHaveText(before ?? '', { timeout: 5000 });
  await wb.shot('first-screen');
});

test('time controls: pause, speed, step to the next event and fast-forward move the simulated clock', async ({ page }) => {
  const wb = new Workbench(page);
  await wb.open();
  await wb.pause();
  const paused = await page.getByTestId('sim-time').textContent();
  await page.waitForTimeout(1200);
  await expect(page.getByTestId('sim-time')).toHaveText(paused ?? '');
  await page.getByRole('button', { name: 'Fast-forward 5m' }).click();
  await expect(page.getByTestId('sim-elapsed')).toContainText(/age 9m0\ds/);
  const simMs = async () => Date.parse((await page.getByTestId('sim-time').getAttribute('datetime')) ?? '');
  const t0 = await simMs();
  await page.getByRole('button', { name: 'Step to next event' }).click();
  await expect.poll(simMs).toBeGreaterThan(t0);
  await page.getByText('60×').click();
  await expect(page.getByRole('radio', { name: '60×' })).toBeChecked();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
});

test('keyboard: every control is reachable with a visible focus ring, and the language switch is remembered', async ({ page }) => {
  const wb = new Workbench(page);
  await wb.open();
  // The clock's controls come first in the tab order, then the header's own.
  const focused = page.locator(':focus');
  const active = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
  for (let i = 0; i < 6 && (await active()) !== 'play-pause'; i++) await page.keyboard.press('Tab');
  await expect(focused).toHaveAttribute('data-testid', 'play-pause');
  const outline = await focused.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  // The panes resize from the keyboard too, and keep their size.
  const bottom = page.getByRole('separator', { name: /bottom panes/ });
  const before = Number(await bottom.getAttribute('aria-valuenow'));
  await bottom.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(bottom).toHaveAttribute('aria-valuenow', String(before + 48));

  await page.getByTestId('lang').selectOption('ja');
  await expect(page.getByRole('region', { name: 'ターミナル' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('region', { name: 'トポロジー' })).toBeVisible();
  await expect(page.getByTestId('phase')).toHaveText('クラスター稼働中', { timeout: 30_000 });
  await expect(page.getByTestId('node-worker-1')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  // The first sandbox's default name is shown in Japanese too.
  await expect(page.getByTestId('sandboxes-button')).toContainText('サンドボックス 1');
  await expect(page.getByRole('separator', { name: /下側/ })).toHaveAttribute('aria-valuenow', String(before + 48));
  await wb.shot('first-screen-ja');
  await page.getByTestId('lang').selectOption('en');
});
