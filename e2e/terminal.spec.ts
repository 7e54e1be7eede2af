import { expect, test } from '@playwright/test';
import { Workbench } from './support/workbench';

test('kubectl in the terminal: a Deployment’s pods reach Running in the graph', async ({ page }) => {
  const wb = new Workbench(page);
  await wb.open();
  await wb.run('kubectl create deployment web --image=nginx --replicas=2');
  await expect.poll(() => wb.screen()).toContain('deployment.apps/web created');
  await wb.run('sim advance 1m');
  await expect(wb.pod('web-')).toHaveCount(2);
  for (const pod of await wb.pod('web-').all()) await expect(pod).toHaveAttribute('data-status', 'Running');
  await wb.run('k get deploy web');
  await expect.poll(() => wb.screen()).toMatch(/web\s+2\/2\s+2\s+2/);
  await wb.shot('terminal-running');
});

test('the terminal: stderr in red, history, clear, help, and unknown commands', async ({ page }) => {
  const wb = new Workbench(page);
  await wb.open();
  await wb.run('kubectl get pod nope');
  await expect.poll(() => wb.screen()).toContain('Error from server (NotFound): pods "nope" not found');
  // The error line is drawn in the terminal's red.
  await expect(wb.terminal.locator('.xterm-rows span.xterm-fg-1', { hasText: 'not found' }).first()).toBeVisible();
  // The line interpreter runs pipes and $(…) as a shell would.
  await wb.run('N=$(kubectl get nodes --no-headers | wc -l); echo "nodes: $N"');
  await expect.poll(() => wb.screen()).toContain('nodes: 4');
  await wb.run('kubecttl get pods');
  await expect.poll(() => wb.screen()).toContain('bash: kubecttl: command not found');
  await wb.run('help');
  await expect.poll(() => wb.screen()).toContain('kubectl …   (or k …)');
  await wb.run('clear');
  await expect.poll(() => wb.screen()).not.toContain('command not found');
  // Up brings back the last commands.
  await wb.terminal.click();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => wb.screen()).toMatch(/\$ help\s*$/m);
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => wb.screen()).toMatch(/\$ kubecttl get pods\s*$/m);
  await page.keyboard.press('Control+c');
  await expect.poll(() => wb.screen()).toContain('$ kubecttl get pods^C');

  // Tab completes commands, resources and names from the cluster.
  await page.keyboard.type('k desc');
  await page.keyboard.press('Tab');
  await page.keyboard.type('nod');
  await page.keyboard.press('Tab');
  await page.keyboard.type('worker-');
  await page.keyboard.press('Tab');
  await expect.poll(() => wb.screen()).toMatch(/worker-1\s+worker-2\s+worker-3/);
  await page.keyboard.type('2');
  await page.keyboard.press('Tab');
  await expect.poll(() => wb.screen()).toMatch(/\$ k describe nodes worker-2\s*$/m);
  await page.keyboard.press('Enter');
  // The describe output is longer than the screen: its end names the node too.
  await expect.poll(() => wb.screen()).toMatch(/Node worker-2 (status is now|event)/);
});

test('get -w streams as the clock runs and Ctrl-C stops it; exec -it opens the container shell', async ({ page }) => {
  const wb = new Workbench(page);
  await wb.open();
  await wb.run('kubectl create deployment web --image=nginx');
  const done = Number(await wb.terminal.getAttribute('data-done'));
  await page.keyboard.type('kubectl get pods -w');
  await page.keyboard.press('Enter');
  await expect(wb.terminal).toHaveAttribute('data-busy', 'true');
  // The rows arrive one by one as simulated time passes at the clock's speed.
  await expect.poll(() => wb.screen(), { timeout: 20_000 }).toMatch(/web-\S+\s+1\/1\s+Running/);
  await expect(wb.terminal).toHaveAttribute('data-busy', 'true');
  await page.keyboard.press('Control+c');
  await expect(wb.terminal).toHaveAttribute('data-done', String(done + 1));
  await expect.poll(() => wb.screen()).toMatch(/\^C\n\$ *$/);
  await wb.shot('terminal-watch');

  await wb.run('kubectl run box --image=busybox -- sleep 3600');
  await wb.run('kubectl wait --for=condition=Ready pod/box');
  await expect.poll(() => wb.screen()).toContain('pod/box condition met');
  await wb.run('kubectl exec -it box -- sh');
  await expect(wb.terminal).toHaveAttribute('data-mode', 'shell');
  await expect.poll(() => wb.screen()).toMatch(/\n\/ # *$/);
  await wb.run('cd /tmp');
  await wb.run('echo hello > f; cat f');
  await expect.poll(() => wb.screen()).toMatch(/\/tmp # echo hello > f; cat f\nhello\n\/tmp # *$/);
  await wb.shot('terminal-exec');
  await wb.run('exit');
  await expect(wb.terminal).toHaveAttribute('data-mode', 'kubectl');
  await expect.poll(() => wb.screen()).toMatch(/\/tmp # exit\n\$ *$/);
});
