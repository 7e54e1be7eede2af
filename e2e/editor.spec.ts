import { expect, type Page, test } from '@playwright/test';
import { Workbench } from './support/workbench';

/** Replace the editor's text the way a learner pastes a manifest (typing would be auto-indented). */
async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.getByTestId('editor').locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('ControlOrMeta+v');
}

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
  labels:
    app: shop
spec:
  replicas: 2
  selector:
    matchLabels:
      app: shop
  template:
    metadata:
      labels:
        app: shop
    spec:
      containers:
      - name: web
        image: nginx
---
apiVersion: v1
kind: Service
metadata:
  name: shop
spec:
  selector:
    app: shop
  ports:
  - port: 80
`;

test('the YAML editor loads only when opened, and applies several documents with Ctrl+Enter', async ({ page }) => {
  const editorChunks: string[] = [];
  page.on('request', (r) => {
    if (/EditorPane|monaco|yaml\.worker/i.test(r.url())) editorChunks.push(r.url());
  });
  const wb = new Workbench(page);
  await wb.open();
  expect(editorChunks).toEqual([]);

  await page.getByTestId('editor-toggle').click();
  const editor = page.getByTestId('editor');
  await expect(editor.locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
  expect(editorChunks.length).toBeGreaterThan(0);

  await paste(page, MANIFEST);
  await page.keyboard.press('ControlOrMeta+Enter');
  const output = page.getByTestId('editor-output');
  await expect(output).toContainText('deployment.apps/shop created');
  await expect(output).toContainText('service/shop created');
  await expect(page.getByTestId('service-shop')).toBeVisible();
  await wb.run('sim advance 30s');
  // The graph follows the cluster as it grows, so the new pods are in view.
  await expect(wb.pod('shop-')).toHaveCount(2);
  for (const pod of await wb.pod('shop-').all()) await expect(pod).toHaveAttribute('data-status', 'Running');
  await wb.shot('editor-applied');

  // Applying again reports each object unchanged, as kubectl does.
  await page.getByTestId('apply').click();
  await expect(output).toContainText('deployment.apps/shop unchanged');
});

test('a template is what kubectl --dry-run prints; an invalid manifest shows the error and marks the line', async ({ page }) => {
  const wb = new Workbench(page);
  await wb.open();
  await page.getByTestId('editor-toggle').click();
  const editor = page.getByTestId('editor');
  await expect(editor.locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
  await editor.locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.getByTestId('template-select').selectOption({ label: 'Deployment' });
  await expect(editor.locator('.view-lines')).toContainText('creationTimestamp: null');
  // The whole text (Monaco draws only the lines in view): the draft the editor keeps.
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('kube-sandbox.editor')))
    .toMatch(/kind: Deployment[\s\S]*- image: nginx\n {8}name: nginx\n {8}resources: \{\}\nstatus: \{\}\n$/);

  await paste(page, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: broken\nspec:\n  replicas: -1\n  selector:\n    matchLabels:\n      app: b\n  template:\n    metadata:\n      labels:\n        app: b\n    spec:\n      containers:\n      - name: c\n        image: nginx\n');
  await page.getByTestId('apply').click();
  const output = page.getByTestId('editor-output');
  await expect(output.locator('.stderr')).toContainText('The Deployment "broken" is invalid');
  await expect(output.locator('.stderr')).toContainText('spec.replicas');
  await expect(editor.locator('.squiggly-error').first()).toBeVisible();
  await wb.shot('editor-error');
});
