import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { Workbench } from './support/workbench';

async function serious(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} ${v.nodes[0]?.target.join(' ')}`);
}

test('scrub back in time, look around read-only, then branch from there', async ({ page }) => {
  const wb = new Workbench(page);
  await wb.open();
  await wb.pause();
  await page.getByRole('button', { name: 'Fast-forward 1m' }).click();
  await wb.run('kubectl create deployment later --image=nginx');
  await page.getByRole('button', { name: 'Fast-forward 5m' }).click();
  await expect(wb.pod('later-')).toHaveCount(1);

  await page.getByTestId('timetravel-toggle').click();
  const scrubber = page.getByTestId('timetravel-scrubber');
  await scrubber.focus();
  await page.keyboard.press('Home');
  const status = page.getByTestId('timetravel-status');
  await expect(status).toContainText('read-only');
  // That moment is before the deployment: the graph has no pod of it, kubectl agrees and refuses writes.
  await expect(wb.pod('later-')).toHaveCount(0);
  await wb.run('kubectl get deployment later');
  await expect.poll(() => wb.screen()).toContain('Error from server (NotFound): deployments.apps "later" not found');
  await wb.run('kubectl create deployment nope --image=nginx');
  await expect.poll(() => wb.screen()).toContain('(time travel) and is read-only');
  await wb.shot('timetravel-past');
  expect(await serious(page)).toEqual([]);
  // In Japanese too.
  await page.getByTestId('lang').selectOption('ja');
  await expect(status).toContainText('読み取り専用');
  await wb.shot('timetravel-past-ja');
  await page.getByTestId('lang').selectOption('en');

  await page.getByTestId('timetravel-return').click();
  await expect(status).toHaveCount(0);
  await expect(wb.pod('later-')).toHaveCount(1);

  await page.getByTestId('timetravel-toggle').click();
  await scrubber.focus();
  await page.keyboard.press('Home');
  await expect(status).toBeVisible();
  await page.getByTestId('timetravel-branch').click();
  await expect(status).toHaveCount(0);
  await expect(wb.pod('later-')).toHaveCount(0);
  await wb.run('kubectl create deployment branched --image=nginx');
  await expect.poll(() => wb.screen()).toContain('deployment.apps/branched created');
  await page.getByRole('button', { name: 'Fast-forward 1m' }).click();
  await expect(wb.pod('branched-')).toHaveCount(1);
  await wb.shot('timetravel-branched');
});
