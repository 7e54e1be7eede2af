import { expect, test } from '@playwright/test';

test('the first screen lists the cluster the worker runs, and kubectl works from the page', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByText('cluster running')).toBeVisible({ timeout: 30_000 });
  for (const node of ['control-plane', 'worker-1', 'worker-2', 'worker-3']) {
    await expect(page.getByTestId(`node-${node}`)).toContainText('Ready');
  }
  await expect(page.getByTestId('pod-kube-apiserver-control-plane')).toContainText('Running');

  await page.getByLabel('$').fill('kubectl create deployment web --image=nginx --replicas=2');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByTestId('terminal-output')).toContainText('deployment.apps/web created');
  await page.getByLabel('$').fill('sim advance 1m');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.locator('[data-testid^="pod-web-"]')).toHaveCount(2);
  await expect(page.locator('[data-testid^="pod-web-"]').first()).toContainText('Running');
  await page.screenshot({ path: 'test-results/first-screen.png', fullPage: true });
});
