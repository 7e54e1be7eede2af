import { expect, type Page } from '@playwright/test';

/** The workbench as a person uses it: open it, type in its terminal, read what it shows. */
export class Workbench {
  constructor(readonly page: Page) {}

  /** Open the page; `fresh` starts a new cluster instead of the saved one. */
  async open(opts: { fresh?: boolean } = {}): Promise<void> {
    await this.page.goto(opts.fresh === false ? '/' : '/?fresh');
    await expect(this.page.getByTestId('phase')).toHaveText(/cluster running|クラスター稼働中/, { timeout: 30_000 });
  }

  get terminal() {
    return this.page.getByTestId('terminal');
  }

  /** The terminal's visible screen as text. */
  async screen(): Promise<string> {
    // innerText, not textContent: it keeps the rows apart (each is a block element).
    return (await this.terminal.locator('.xterm-rows').innerText()).replace(/\u00a0/g, ' ');
  }

  /** Type a command line into the terminal and wait for it to finish. */
  async run(line: string): Promise<void> {
    const done = Number((await this.terminal.getAttribute('data-done')) ?? '0');
    await this.terminal.click();
    await this.page.keyboard.type(line);
    await this.page.keyboard.press('Enter');
    await expect(this.terminal).toHaveAttribute('data-done', String(done + 1), { timeout: 30_000 });
  }

  pod(namePrefix: string) {
    return this.page.locator(`[data-testid^="pod-${namePrefix}"]`);
  }

  async pause(): Promise<void> {
    const button = this.page.getByTestId('play-pause');
    if ((await button.getAttribute('aria-label'))?.match(/Pause|一時停止/)) await button.click();
    await expect(this.page.getByTestId('sim-elapsed')).toContainText(/paused|一時停止中/);
  }

  async shot(name: string): Promise<void> {
    await this.page.screenshot({ path: `test-results/${name}.png` });
  }
}
