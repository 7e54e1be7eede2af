import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { Workbench } from './support/workbench';

/**
 * A learner takes the drain-and-pdb lesson from the lesson panel: reads each task, opens a hint,
 * types the commands in the terminal, watches each check turn done and reads the explanation.
 */
test('lesson drain-and-pdb: taken through the panel and the terminal, kept across a reload, shown in Japanese', async ({ page }) => {
  test.setTimeout(240_000);
  const wb = new Workbench(page);
  const shot = (name: string) => page.screenshot({ path: `${process.env.SHOTS_DIR ?? 'test-results'}/${name}.png` });
  await page.setViewportSize({ width: 1440, height: 900 });
  // Starting a lesson (and asking for hints) confirms first; the learner agrees.
  page.on('dialog', (d) => void d.accept());
  await wb.open();

  await page.getByTestId('lessons-toggle').click();
  const panel = page.getByTestId('lessons-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByText('Drains and PodDisruptionBudgets')).toBeVisible();
  await shot('lessons-catalogue');
  await panel.getByTestId('lesson-start-drain-and-pdb').click();
  await expect(panel.getByRole('heading', { name: 'Drains and PodDisruptionBudgets' })).toBeVisible({ timeout: 30_000 });
  await expect(panel).toContainText('needs a kernel update');
  await expect(page.getByTestId('phase')).toHaveText(/cluster running/, { timeout: 30_000 });
  // Time runs fast enough for drains to finish without waiting minutes of wall time.
  await page.getByText('10×').click();

  const task = (id: string) => panel.getByTestId(`lesson-task-${id}`);
  // Task 1: the drain the budget refuses.
  await expect(task('try-drain')).toHaveAttribute('aria-current', 'step');
  await expect(task('try-drain')).toContainText('Drain worker-2');
  await task('try-drain').getByRole('button', { name: 'Hint' }).click();
  await expect(task('try-drain').locator('.lesson-hint')).toContainText('--ignore-daemonsets');
  await shot('lessons-task1-hint');
  await wb.run('kubectl drain worker-2 --ignore-daemonsets --timeout=30s');
  // Each eviction is refused (kubectl retries them until the timeout), so the drain gives up.
  // (Its last lines are short enough not to wrap in the terminal.)
  await expect.poll(() => wb.screen()).toMatch(/There are pending nodes to be drained:\n worker-2\n/);
  await expect(task('try-drain')).toHaveClass(/\bdone\b/, { timeout: 30_000 });
  await expect(task('try-drain').locator('.lesson-explanation')).toContainText('cordoned');
  await expect(task('try-drain').locator('.lesson-explanation')).toBeInViewport();
  await expect(panel.getByTestId('lessons-toggle')).toHaveCount(0);
  await expect(page.getByTestId('lessons-toggle')).toContainText('1/3');

  // Task 2: relax the budget.
  await expect(task('allow-a-disruption')).toHaveAttribute('aria-current', 'step');
  await wb.run('kubectl get pdb web-pdb');
  await expect.poll(() => wb.screen()).toMatch(/web-pdb\s+3\s+N\/A\s+0\s/);
  await wb.run(`kubectl patch pdb web-pdb --type=merge -p '{"spec":{"minAvailable":2}}'`);
  await expect.poll(() => wb.screen()).toContain('poddisruptionbudget.policy/web-pdb patched');
  await expect(task('allow-a-disruption')).toHaveClass(/\bdone\b/, { timeout: 30_000 });
  await expect(task('allow-a-disruption').locator('.lesson-explanation')).toContainText('disruptionsAllowed');
  await shot('lessons-task2-done');

  // Task 3: the drain that goes through, one eviction at a time.
  await expect(task('finish-drain')).toHaveAttribute('aria-current', 'step');
  await wb.run('kubectl drain worker-2 --ignore-daemonsets --timeout=5m');
  await expect.poll(() => wb.screen()).toContain('node/worker-2 drained');
  await expect(task('finish-drain')).toHaveClass(/\bdone\b/, { timeout: 60_000 });
  await expect(task('finish-drain').locator('.lesson-explanation')).toContainText('every web pod was evicted');
  const finished = panel.locator('.lesson-finished');
  await expect(finished).toContainText('Lesson complete!');
  await expect(finished).toBeInViewport();
  await expect(finished).toContainText('kubectl uncordon worker-2');
  await expect(page.getByTestId('lessons-toggle')).toContainText('3/3');
  await shot('lessons-finished');

  // The open panel passes an accessibility check.
  const axe = await new AxeBuilder({ page }).include('[data-testid="lessons-panel"]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);

  // Once in Japanese: the lesson, its tasks and the panel's own words.
  await page.getByTestId('lang').selectOption('ja');
  await expect(panel.getByRole('heading', { name: 'ドレインと PodDisruptionBudget' })).toBeVisible();
  await expect(task('finish-drain')).toContainText('ドレインを完了させる');
  await task('finish-drain').getByText('タスクの内容').click();
  await expect(task('finish-drain')).toContainText('もう一度 drain を実行してください');
  await expect(task('finish-drain').locator('.lesson-explanation')).toContainText('node/worker-2 drained');
  await expect(panel.locator('.lesson-finished')).toContainText('レッスン完了！');
  await shot('lessons-finished-ja');
  const axeJa = await new AxeBuilder({ page }).include('[data-testid="lessons-panel"]').analyze();
  expect(axeJa.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);

  // The progress is kept with the sandbox: opened again (the saved cluster, not a fresh one), the
  // lesson is still there, complete.
  await page.waitForTimeout(1500);
  await wb.open({ fresh: false });
  await page.getByTestId('lessons-toggle').click();
  await expect(panel.locator('.lesson-finished')).toContainText('レッスン完了！', { timeout: 15_000 });
  for (const id of ['try-drain', 'allow-a-disruption', 'finish-drain']) await expect(task(id)).toHaveClass(/\bdone\b/);
  await expect(page.getByTestId('lessons-toggle')).toContainText('3/3');
  await shot('lessons-after-reload-ja');
  await panel.getByRole('button', { name: '一覧に戻る' }).click();
  await expect(panel.getByRole('listitem').filter({ hasText: 'ドレインと PodDisruptionBudget' })).toContainText('3/3 タスク完了');
});
