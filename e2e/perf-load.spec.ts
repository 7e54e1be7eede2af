import { expect, test } from '@playwright/test';

/**
 * How fast the app is usable after a cold load of the built site (`vite preview`): first paint,
 * first contentful paint, the cluster running, and the first command answered in the terminal.
 * All times are milliseconds from navigation start, read from the page's own clock. The figures are
 * printed (one JSON line each, as `npm run bench` prints its own); the assertions only catch a load
 * that never becomes usable, so a busy machine does not fail the run.
 */
test('load: first paint and time until the terminal answers a command', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/?fresh');

  // The moment the cluster reports running, taken in the page (not after a round trip to the test).
  const running = await page.waitForFunction(
    () => /cluster running/.test(document.querySelector('[data-testid="phase"]')?.textContent ?? '') && performance.now(),
    undefined,
    { timeout: 30_000, polling: 'raf' },
  );
  const clusterRunning = Math.round((await running.jsonValue()) as number);

  const terminal = page.getByTestId('terminal');
  await terminal.click();
  await page.keyboard.type('kubectl get nodes');
  const typed = await page.evaluate(() => performance.now());
  await page.keyboard.press('Enter');
  await expect(terminal).toHaveAttribute('data-done', '1', { timeout: 30_000 });
  const answered = await page.evaluate(() => performance.now());
  await expect(terminal.locator('.xterm-rows')).toContainText('control-plane');

  const paint = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const entry = (n: string) => performance.getEntriesByName(n)[0]?.startTime ?? -1;
    return {
      'first-paint': entry('first-paint'),
      'first-contentful-paint': entry('first-contentful-paint'),
      'dom-content-loaded': nav.domContentLoadedEventEnd,
      load: nav.loadEventEnd,
      'transfer-kb': performance.getEntriesByType('resource').reduce((kb, r) => kb + (r as PerformanceResourceTiming).transferSize / 1024, nav.transferSize / 1024),
    };
  });
  const figures: Record<string, number> = {
    ...paint,
    'cluster-running': clusterRunning,
    // Only the answer's own time: from Enter to the command's output, without the typing before it.
    'first-command': answered - typed,
    'first-command-answered': answered,
  };
  for (const [name, value] of Object.entries(figures)) {
    console.log(JSON.stringify({ name: `browser-load-${name}`, value: Math.round(value), unit: name === 'transfer-kb' ? 'KiB' : 'ms' }));
  }
  expect(figures['first-contentful-paint']).toBeGreaterThan(0);
  expect(clusterRunning).toBeLessThan(30_000);
});
