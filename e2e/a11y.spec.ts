import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { Workbench } from './support/workbench';

async function serious(page: import('@playwright/test').Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes[0]?.target.join(' ')}`);
}

test('no serious or critical accessibility violations: first screen, then inspector and editor open in Japanese', async ({ page }) => {
  test.setTimeout(120_000);
  const wb = new Workbench(page);
  await wb.open();
  expect(await serious(page)).toEqual([]);

  await page.getByTestId('pod-kube-apiserver-control-plane').click();
  await expect(page.getByTestId('inspector')).toBeVisible();
  await page.getByRole('tab', { name: /YAML/ }).click();
  await expect(page.getByTestId('inspector-yaml')).toContainText('kind: Pod');
  await page.getByTestId('editor-toggle').click();
  await expect(page.getByTestId('editor').locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('lang').selectOption('ja');
  expect(await serious(page)).toEqual([]);
});
