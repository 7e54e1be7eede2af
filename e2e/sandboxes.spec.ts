import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { Workbench } from './support/workbench';

const dialogOf = (page: Page) => page.getByTestId('sandboxes-dialog');

async function serious(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} ${v.nodes[0]?.target.join(' ')}`);
}

async function openList(page: Page) {
  await page.getByTestId('sandboxes-button').click();
  await expect(dialogOf(page)).toBeVisible();
}

async function names(page: Page): Promise<string[]> {
  return dialogOf(page).locator('li').evaluateAll((els) => els.map((e) => e.getAttribute('data-name') ?? ''));
}

test('named sandboxes: new, rename, duplicate, export to the CLI, import (bad and good), delete', async ({ page }) => {
  const wb = new Workbench(page);
  await wb.open();
  await wb.run('kubectl create configmap first --from-literal=k=v');
  await expect(page.getByTestId('storage-status')).toHaveAttribute('data-state', 'saved', { timeout: 10_000 });

  // A new sandbox opens in this tab with a cluster of its own.
  await openList(page);
  await page.getByTestId('sandbox-new').click();
  await page.waitForURL(/\?sandbox=sb-/);
  await expect(page.getByTestId('phase')).toHaveText(/cluster running/, { timeout: 30_000 });
  await wb.run('kubectl get configmap first');
  await expect.poll(() => wb.screen()).toContain('configmaps "first" not found');
  await wb.run('kubectl create configmap second');
  await expect(page.getByTestId('storage-status')).toHaveAttribute('data-state', 'saved', { timeout: 10_000 });

  await openList(page);
  await expect.poll(() => names(page)).toEqual(['Sandbox 1', 'Sandbox 2']);
  page.once('dialog', (d) => d.accept('Exam practice'));
  await dialogOf(page).locator('li[aria-current="true"]').getByRole('button', { name: 'Rename' }).click();
  await expect.poll(() => names(page)).toEqual(['Sandbox 1', 'Exam practice']);
  await expect(page.getByTestId('sandboxes-button')).toContainText('Exam practice');
  await dialogOf(page).locator('li[data-name="Exam practice"]').getByRole('button', { name: 'Duplicate' }).click();
  await expect.poll(() => names(page)).toEqual(['Sandbox 1', 'Exam practice', 'Exam practice (copy)']);
  await wb.shot('sandboxes-dialog');
  expect(await serious(page)).toEqual([]);

  // Export: a file the CLI reads with --state.
  const download = page.waitForEvent('download');
  await dialogOf(page).locator('li[data-name="Exam practice"]').getByRole('button', { name: 'Export' }).click();
  const file = join(test.info().outputDir, 'exported.json');
  await (await download).saveAs(file);
  expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'kube-sandbox/state', version: 1, name: 'Exam practice' });
  // (on a copy: the CLI writes its state back after each command)
  const forCli = join(test.info().outputDir, 'cli-state.json');
  copyFileSync(file, forCli);
  const cli = execFileSync('npx', ['tsx', 'src/cli/main.ts', 'kubectl', 'get', 'configmap', 'second', '-o', 'name', '--state', forCli], { encoding: 'utf8' });
  expect(cli).toBe('configmap/second\n');

  // A bad file is refused with the reason; the list does not change.
  const bad = join(test.info().outputDir, 'bad.json');
  writeFileSync(bad, '{"kind":"Pod"}');
  await page.getByTestId('sandbox-import-file').setInputFiles(bad);
  await expect(page.getByTestId('sandboxes-message')).toHaveText(/cannot be imported: it is not a sandbox file/);
  await expect(page.getByTestId('sandboxes-message')).toHaveAttribute('role', 'alert');
  await expect.poll(() => names(page)).toEqual(['Sandbox 1', 'Exam practice', 'Exam practice (copy)']);
  const notCluster = join(test.info().outputDir, 'not-cluster.json');
  writeFileSync(notCluster, JSON.stringify({ format: 'kube-sandbox/state', version: 1, cluster: { store: 'nope' } }));
  await page.getByTestId('sandbox-import-file').setInputFiles(notCluster);
  await expect(page.getByTestId('sandboxes-message')).toHaveText(/its cluster cannot be restored/);

  // The exported file comes back as a new sandbox, with its objects.
  await page.getByTestId('sandbox-import-file').setInputFiles(file);
  await expect(page.getByTestId('sandboxes-message')).toHaveText('Imported as “Exam practice”.');
  await expect.poll(() => names(page)).toEqual(['Sandbox 1', 'Exam practice', 'Exam practice (copy)', 'Exam practice']);
  page.once('dialog', (d) => d.accept());
  await dialogOf(page).locator('li').nth(2).getByRole('button', { name: 'Delete' }).click();
  await expect.poll(() => names(page)).toEqual(['Sandbox 1', 'Exam practice', 'Exam practice']);
  await dialogOf(page).locator('li').nth(2).getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('phase')).toHaveText(/cluster running/, { timeout: 30_000 });
  await wb.run('kubectl get configmap -o name');
  await expect.poll(() => wb.screen()).toContain('configmap/second');
  // Keyboard: the dialog closes with Escape and the header button is reachable again.
  await openList(page);
  await page.keyboard.press('Escape');
  await expect(dialogOf(page)).toBeHidden();
});

test('a second tab on the same sandbox follows read-only, can take over, and writes when the writer closes', async ({ context }) => {
  const a = await context.newPage();
  const wa = new Workbench(a);
  await wa.open();
  await expect(a.getByTestId('storage-status')).toHaveAttribute('data-state', 'saved', { timeout: 10_000 });
  const b = await context.newPage();
  const wbB = new Workbench(b);
  await wbB.open({ fresh: false });
  await expect(b.getByTestId('storage-banner')).toHaveAttribute('data-state', 'read-only');
  await expect(a.getByTestId('storage-banner')).toHaveCount(0);

  // What the writer does reaches the follower at its next save.
  await wa.run('kubectl create configmap from-a');
  await expect(b.locator('.banner[data-state="read-only"]')).toBeVisible();
  await expect
    .poll(
      async () => {
        await wbB.run('kubectl get configmap from-a -o name');
        return wbB.screen();
      },
      { timeout: 15_000 },
    )
    .toContain('configmap/from-a');
  await wbB.shot('sandboxes-follower');
  expect(await serious(b)).toEqual([]);

  await b.getByTestId('take-over').click();
  await expect(b.getByTestId('storage-banner')).toHaveCount(0, { timeout: 10_000 });
  await expect(a.getByTestId('storage-banner')).toHaveAttribute('data-state', 'read-only');
  await wbB.run('kubectl create configmap from-b');
  await expect(b.getByTestId('storage-status')).toHaveAttribute('data-state', 'saved', { timeout: 10_000 });
  await expect
    .poll(
      async () => {
        await wa.run('kubectl get configmap from-b -o name');
        return wa.screen();
      },
      { timeout: 15_000 },
    )
    .toContain('configmap/from-b');

  // The writing tab closes: the one that followed writes from then on, by itself.
  await b.close();
  await expect(a.getByTestId('storage-banner')).toHaveCount(0, { timeout: 15_000 });
  await wa.run('kubectl create configmap after-close');
  await expect(a.getByTestId('storage-status')).toHaveAttribute('data-state', 'saved', { timeout: 10_000 });
});
