import { expect, type Page, test } from '@playwright/test';
import { Workbench } from './support/workbench';

/**
 * The pictures in the README, taken from the running app so they never drift from it.
 * One 1280×800 PNG per state; the clock is paused before each picture so the states are the same every run.
 */
const DIR = 'docs/screenshots';
const shot = (page: Page, name: string) => page.screenshot({ path: `${DIR}/${name}.png` });

test.use({ viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });

test('workbench: a Deployment on the graph, the terminal, the editor with a schema error, a node down', async ({ page }) => {
  const wb = new Workbench(page);
  await wb.open();
  await wb.run('kubectl create deployment web --image=nginx --replicas=3');
  await wb.run('sim advance 30s');
  await expect(wb.pod('web-')).toHaveCount(3);
  for (const pod of await wb.pod('web-').all()) await expect(pod).toHaveAttribute('data-status', 'Running');
  await wb.pause();

  // The terminal with the wide pod listing.
  await wb.run('clear');
  await wb.run('kubectl get pods -o wide');
  await expect.poll(() => wb.screen()).toMatch(/web-\S+\s+1\/1\s+Running/);
  await shot(page, 'terminal-get-pods-wide');

  // One of the Deployment's pods selected: the inspector shows what kubectl describe prints.
  await wb.pod('web-').first().click();
  await expect(page.getByTestId('inspector-describe')).toContainText('Controlled By:  ReplicaSet/web-');
  await shot(page, 'graph-inspector');

  // The editor refuses a Deployment with a negative replica count, with the API server's message.
  await page.getByTestId('editor-toggle').click();
  const editor = page.getByTestId('editor');
  await expect(editor.locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
  await page.evaluate(
    (t) => navigator.clipboard.writeText(t),
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: broken\nspec:\n  replicas: -1\n  selector:\n    matchLabels:\n      app: b\n  template:\n    metadata:\n      labels:\n        app: b\n    spec:\n      containers:\n      - name: c\n        image: nginx\n',
  );
  await editor.locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('ControlOrMeta+v');
  await page.getByTestId('apply').click();
  await expect(page.getByTestId('editor-output').locator('.stderr')).toContainText('spec.replicas');
  await expect(editor.locator('.squiggly-error').first()).toBeVisible();
  await shot(page, 'editor-schema-error');
  await page.getByTestId('editor-toggle').click();

  // worker-2 stops answering; after the 300 s not-ready toleration its pods are evicted and stay Terminating.
  await wb.run('sim node-down worker-2');
  await wb.run('sim advance 6m');
  await expect(page.getByTestId('node-worker-2')).toHaveAttribute('data-status', /NotReady|Unknown/);
  await wb.run('clear');
  await wb.run('kubectl get pods -o wide');
  await expect.poll(() => wb.screen()).toMatch(/Terminating/);
  // The evicted pod selected: the inspector shows its deletion waiting on a kubelet that does not answer.
  await page.locator('[data-testid^="pod-web-"][data-status="Terminating"]').first().click();
  await expect(page.getByTestId('inspector-describe')).toContainText('Terminating');
  await shot(page, 'node-down-terminating');
});

test('a lesson in progress', async ({ page }) => {
  page.on('dialog', (d) => void d.accept());
  const wb = new Workbench(page);
  await wb.open();
  await page.getByTestId('lessons-toggle').click();
  const panel = page.getByTestId('lessons-panel');
  await panel.getByTestId('lesson-start-drain-and-pdb').click();
  await expect(panel.getByRole('heading', { name: 'Drains and PodDisruptionBudgets' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('phase')).toHaveText(/cluster running/, { timeout: 30_000 });
  await wb.pause();
  const task = panel.getByTestId('lesson-task-try-drain');
  await task.getByRole('button', { name: 'Hint' }).click();
  await expect(task.locator('.lesson-hint')).toContainText('--ignore-daemonsets');
  await wb.run('kubectl get pdb');
  await shot(page, 'lesson-in-progress');
});
