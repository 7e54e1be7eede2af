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

const TYPED = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: typed\nspec:\n  replicas: two\n  selector:\n    matchLabels:\n      app: t\n  template:\n    metadata:\n      labels:\n        app: t\n    spec:\n      containers:\n      - name: c\n        image: nginx\n';

async function openEditor(page: Page) {
  await page.getByTestId('editor-toggle').click();
  const editor = page.getByTestId('editor');
  await expect(editor.locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
  return editor;
}

/** Point at a mark (Monaco draws squiggles under its text layer, so the mouse goes to where it is). */
async function pointAt(page: Page, mark: ReturnType<Page['locator']>): Promise<void> {
  const box = await mark.boundingBox();
  if (!box) throw new Error('the mark is not drawn');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
}

/** The vertical distance between a mark and the editor line showing `text` (Monaco's line elements are not in line order). */
async function offLine(page: Page, mark: ReturnType<Page['locator']>, text: string): Promise<number> {
  const lineBox = await page.getByTestId('editor').locator('.view-line', { hasText: text }).boundingBox();
  const markBox = await mark.boundingBox();
  return Math.abs((markBox?.y ?? 0) - (lineBox?.y ?? -100));
}

test('the schema of the document’s kind checks it as it is typed: a wrong type is underlined and hover explains the field', async ({ page }) => {
  const wb = new Workbench(page);
  await wb.open();
  const editor = await openEditor(page);
  // The second document is a Deployment with `replicas: two`; the first, a valid ConfigMap.
  await paste(page, TYPED);
  await page.keyboard.press('ControlOrMeta+Home');
  const squiggle = editor.locator('[class*="squiggly-"]');
  await expect(squiggle).toHaveCount(1, { timeout: 15_000 });
  // On `replicas: two`, in the Deployment document (nothing in the ConfigMap above it).
  // Polled: Monaco may still be scrolling to the top after Ctrl+Home when the mark first appears.
  await expect.poll(() => offLine(page, squiggle, 'replicas: two')).toBeLessThan(4);
  await pointAt(page, squiggle);
  const hover = page.locator('.monaco-hover').filter({ hasText: /Incorrect type/ });
  await expect(hover).toBeVisible();
  await expect(hover).toContainText('integer');
  await wb.shot('editor-schema-error');
  // Hovering a field name shows the API's description of it.
  await page.mouse.move(0, 0);
  await editor.locator('.view-line', { hasText: 'replicas: two' }).getByText('replicas').hover();
  await expect(page.locator('.monaco-hover').filter({ hasText: 'Number of desired pods' })).toBeVisible();
  await wb.shot('editor-schema-hover');
});

test('applying the bad replicas type: the server’s error is underlined at its line in the right document', async ({ page }) => {
  const wb = new Workbench(page);
  await wb.open();
  const editor = await openEditor(page);
  await paste(page, TYPED);
  await page.keyboard.press('ControlOrMeta+Home');
  await page.getByTestId('apply').click();
  const output = page.getByTestId('editor-output');
  await expect(output).toContainText('configmap/settings created');
  await expect(output.locator('.stderr')).toContainText('The Deployment "typed" is invalid');
  // The output pane took room from the editor: move the cursor to line 13 so it is in view.
  await editor.locator('.view-line', { hasText: 'kind: Deployment' }).click();
  await page.keyboard.press('ControlOrMeta+Home');
  for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowDown');
  const error = editor.locator('.squiggly-error');
  await expect(error).toHaveCount(1);
  expect(await offLine(page, error, 'replicas: two')).toBeLessThan(4);
  await pointAt(page, error);
  await expect(page.locator('.monaco-hover').filter({ hasText: 'spec.replicas: Invalid value' })).toBeVisible();
  await wb.shot('editor-server-error');
});

test('diff shows what apply would change; Edit on a live Deployment saves it as an update and reports a conflict', async ({ page }) => {
  const wb = new Workbench(page);
  await wb.open();
  await wb.run('kubectl create deployment web --image=nginx');
  // Paused once the deployment has settled: nothing changes it behind the editor's back but the learner.
  await wb.pause();
  await page.getByRole('button', { name: 'Fast-forward 1m' }).click();
  await page.getByTestId('owners-toggle').check();
  await page.getByTestId('deployment-web').click();
  await page.getByTestId('inspector-edit').click();
  const editor = page.getByTestId('editor');
  await expect(editor.locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('editor-editing')).toContainText('web');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('kube-sandbox.editor'))).toContain('resourceVersion:');
  const text = (await page.evaluate(() => localStorage.getItem('kube-sandbox.editor'))) ?? '';
  expect(text).not.toContain('managedFields');
  expect(text).not.toMatch(/^status:/m);

  await paste(page, text.replace('replicas: 1', 'replicas: 3'));
  await page.getByTestId('diff').click();
  const output = page.getByTestId('editor-output');
  await expect(output).toContainText('$ kubectl diff -f -');
  await expect(output).toContainText('-  replicas: 1');
  await expect(output).toContainText('+  replicas: 3');
  await wb.shot('editor-diff');
  await page.getByTestId('apply').click();
  await expect(output).toContainText('deployment.apps/web replaced');
  await wb.run('kubectl get deployment web -o jsonpath={.spec.replicas}');
  await expect.poll(() => wb.screen()).toMatch(/jsonpath=\{\.spec\.replicas\}\s*3/);

  // Someone else changes it; saving the stale text is refused with a way to reload.
  await wb.run('kubectl scale deployment web --replicas=2');
  await page.getByTestId('apply').click();
  await expect(page.getByTestId('editor-conflict')).toBeVisible();
  await expect(output.locator('.stderr')).toContainText('Operation cannot be fulfilled on deployments.apps "web"');
  await wb.shot('editor-conflict');
  await page.getByTestId('editor-conflict').getByRole('button').click();
  await expect(page.getByTestId('editor-conflict')).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('kube-sandbox.editor'))).toContain('replicas: 2');
});

/** A ConfigMap, and `kubectl edit` on it typed in the terminal, waiting for the editor. */
async function startKubectlEdit(page: Page) {
  const wb = new Workbench(page);
  await wb.open();
  await wb.run('kubectl create configmap colours --from-literal=sky=blue');
  await wb.terminal.click();
  await page.keyboard.type('kubectl edit configmap colours');
  await page.keyboard.press('Enter');
  const waiting = page.getByTestId('editor-external');
  await expect(waiting).toBeVisible({ timeout: 20_000 });
  return { wb, waiting };
}

test('kubectl edit in the terminal opens the editor; Save hands the text back and kubectl reports the edit', async ({ page }) => {
  const { wb, waiting } = await startKubectlEdit(page);
  await expect(waiting).toContainText('kubectl edit is waiting');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('kube-sandbox.editor'))).toContain('sky: blue');
  const text = (await page.evaluate(() => localStorage.getItem('kube-sandbox.editor'))) ?? '';
  // kubectl's own header comment is there, as in a terminal editor.
  expect(text).toContain('# Please edit the object below.');
  await paste(page, text.replace('sky: blue', 'sky: grey'));
  await wb.shot('editor-kubectl-edit');
  await page.getByTestId('apply').click();
  await expect(waiting).toHaveCount(0);
  await expect.poll(() => wb.screen()).toContain('configmap/colours edited');
  await wb.run('kubectl get configmap colours -o jsonpath={.data.sky}');
  await expect.poll(() => wb.screen()).toMatch(/jsonpath=\{\.data\.sky\}\s*grey/);
});

test('Ctrl-C in the terminal stops a waiting kubectl edit: the editor lets go and the object stays as it was', async ({ page }) => {
  const { wb, waiting } = await startKubectlEdit(page);
  await wb.terminal.click();
  await page.keyboard.press('Control+c');
  await expect(waiting).toHaveCount(0);
  await expect.poll(() => wb.screen()).toMatch(/\^C\n\$ *$/);
  await wb.run('kubectl get configmap colours -o jsonpath={.data.sky}');
  await expect.poll(() => wb.screen()).toMatch(/jsonpath=\{\.data\.sky\}\s*blue/);
});

test('an established CustomResourceDefinition’s schema joins the editor: its kind is checked as it is typed', async ({ page }) => {
  const wb = new Workbench(page);
  await wb.open();
  const editor = await openEditor(page);
  await paste(
    page,
    'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: crontabs.stable.example.com\nspec:\n  group: stable.example.com\n  scope: Namespaced\n  names:\n    plural: crontabs\n    singular: crontab\n    kind: CronTab\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n          spec:\n            type: object\n            properties:\n              cronSpec:\n                type: string\n                description: When the job runs, in cron format.\n              replicas:\n                type: integer\n',
  );
  await page.getByTestId('apply').click();
  await expect(page.getByTestId('editor-output')).toContainText('customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com created');
  await paste(page, 'apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata:\n  name: nightly\nspec:\n  cronSpec: "0 3 * * *"\n  replicas: many\n');
  const squiggle = editor.locator('[class*="squiggly-"]');
  // Until the custom schema reaches the YAML worker the kind is unknown; then only the wrong type is marked.
  await expect.poll(() => squiggle.count(), { timeout: 15_000 }).toBe(1);
  await expect.poll(() => offLine(page, squiggle, 'replicas: many'), { timeout: 10_000 }).toBeLessThan(4);
  await pointAt(page, squiggle);
  await expect(page.locator('.monaco-hover').filter({ hasText: 'Incorrect type. Expected "integer"' })).toBeVisible();
  await page.mouse.move(0, 0);
  await editor.locator('.view-line', { hasText: 'cronSpec' }).getByText('cronSpec').hover();
  await expect(page.locator('.monaco-hover').filter({ hasText: 'When the job runs, in cron format.' })).toBeVisible();
  await wb.shot('editor-crd-schema');
});
