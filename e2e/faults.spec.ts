import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { Workbench } from './support/workbench';

async function serious(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} ${v.nodes[0]?.target.join(' ')}`);
}

test('node down from the fault palette shows the command it runs, and the node goes NotReady', async ({ page }) => {
  const wb = new Workbench(page);
  await wb.open();
  await page.getByTestId('faults-toggle').click();
  const palette = page.getByTestId('faults');
  await expect(palette).toBeVisible();
  await page.getByTestId('fault-action').selectOption('node-down');
  await page.getByTestId('fault-target').selectOption('worker-2');
  await expect(page.getByTestId('fault-command')).toHaveText('$ sim node-down worker-2');
  await page.getByTestId('fault-run').click();
  await expect(page.getByTestId('fault-result')).toContainText('machine worker-2 stopped answering');
  expect(await serious(page)).toEqual([]);
  await wb.shot('faults-node-down');
  await page.keyboard.press('Escape');
  await expect(palette).toHaveCount(0);
  // The node lifecycle controller notices after its grace period (40 s), as Kubernetes does.
  await page.getByRole('button', { name: 'Fast-forward 1m' }).click();
  await expect(page.getByTestId('node-worker-2')).toHaveAttribute('data-status', /NotReady|Unknown/);
  await wb.run('kubectl get node worker-2');
  await expect.poll(() => wb.screen()).toMatch(/worker-2\s+NotReady/);
});
