import { expect, test } from '@playwright/test';
import { Workbench } from './support/workbench';

test('the inspector shows what kubectl describe and get -o yaml print, and the object’s events', async ({ page }) => {
  const wb = new Workbench(page);
  await wb.open();
  await page.getByTestId('node-worker-1').click({ position: { x: 60, y: 14 } });
  const inspector = page.getByTestId('inspector');
  await expect(inspector).toContainText('worker-1');
  await expect(page.getByTestId('inspector-describe')).toContainText('Name:               worker-1');
  await expect(inspector).toContainText('$ kubectl describe node worker-1');

  await page.getByTestId('pod-kube-apiserver-control-plane').click();
  await expect(page.getByTestId('inspector-describe')).toContainText('Namespace:');
  await page.getByRole('tab', { name: 'YAML' }).click();
  await expect(page.getByTestId('inspector-yaml')).toContainText('kind: Pod');
  await expect(page.getByTestId('inspector-yaml')).toContainText('name: kube-apiserver-control-plane');
  // Arrow keys move between the tabs.
  await page.getByRole('tab', { name: 'YAML' }).press('ArrowRight');
  await expect(page.getByRole('tab', { name: /Events/ })).toHaveAttribute('aria-selected', 'true');
  await expect(inspector.locator('.event-list li').first()).toBeVisible();
  await wb.shot('inspector');

  // An event's object link selects it too.
  await page.getByTestId('events-list').getByRole('button', { name: 'node/control-plane' }).first().click();
  await expect(inspector.locator('.inspector-title')).toHaveText('control-plane');
});
