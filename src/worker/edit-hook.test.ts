import { describe, expect, it } from 'vitest';
import type { RunIO } from './protocol';
import { realEngine } from './real-engine';
import { Sandbox } from './sandbox';
import { ManualTicker } from './testing/fake-engine';

async function sandbox() {
  const s = new Sandbox(new ManualTicker(), { engine: realEngine });
  await s.start({ fresh: true, speed: 0 });
  await s.run('kubectl create configmap colours --from-literal=sky=blue');
  return s;
}

function io(edit: RunIO['edit']): RunIO & { text: string } {
  const o = {
    text: '',
    output(_stream: 'stdout' | 'stderr', text: string) {
      o.text += text;
    },
    edit,
  };
  return o;
}

describe("the terminal's kubectl edit and the page's editor", () => {
  it('the saved text goes back to kubectl edit, which updates the object', async () => {
    const s = await sandbox();
    let shown = '';
    const terminal = io(async (text) => {
      shown = text;
      return text.replace('sky: blue', 'sky: grey');
    });
    await s.runLive('kubectl edit configmap colours', terminal);
    expect(shown).toContain('# Please edit the object below.');
    expect(terminal.text).toBe('configmap/colours edited\n');
    expect((await s.run('kubectl get configmap colours -o jsonpath={.data.sky}')).stdout).toBe('grey');
    s.stop();
  });

  it('Ctrl-C while the editor is open ends the command; the object is untouched', async () => {
    const s = await sandbox();
    const terminal = io(() => new Promise(() => undefined));
    const running = s.runLive('kubectl edit configmap colours', terminal);
    await new Promise((r) => setTimeout(r, 0));
    await s.interrupt();
    expect((await running).interrupted).toBe(true);
    expect((await s.run('kubectl get configmap colours -o jsonpath={.data.sky}')).stdout).toBe('blue');
    s.stop();
  });
});
