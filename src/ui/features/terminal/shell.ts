/** What the terminal does with a submitted line: most go to the worker, a few are the terminal's own. */
export type Command = { kind: 'empty' } | { kind: 'clear' } | { kind: 'help' } | { kind: 'history' } | { kind: 'run'; line: string };

/**
 * The terminal keeps clear, help and history; every other line goes to the worker's line
 * interpreter, which knows pipes, variables, `$(…)`, filters and says `command not found` itself.
 */
export function interpret(line: string): Command {
  const trimmed = line.trim();
  if (!trimmed || trimmed.startsWith('#')) return { kind: 'empty' };
  if (trimmed === 'clear') return { kind: 'clear' };
  if (trimmed === 'help') return { kind: 'help' };
  if (trimmed === 'history') return { kind: 'history' };
  return { kind: 'run', line: trimmed };
}

/** ANSI colours for what the terminal writes. */
export const SGR = { reset: '\x1b[0m', red: '\x1b[31m', grey: '\x1b[90m', boldGreen: '\x1b[1;32m', cyan: '\x1b[36m' };

/** Output as the terminal shows it: stdout as is, stderr in red, each ending with a newline. */
export function formatOutput(out: { stdout: string; stderr: string }): string {
  let text = '';
  if (out.stdout) text += out.stdout.endsWith('\n') ? out.stdout : `${out.stdout}\n`;
  if (out.stderr) {
    const err = out.stderr.endsWith('\n') ? out.stderr.slice(0, -1) : out.stderr;
    // Colour each line on its own, so a scrolled-off start does not leave the rest uncoloured.
    text += `${err
      .split('\n')
      .map((l) => `${SGR.red}${l}${SGR.reset}`)
      .join('\n')}\n`;
  }
  return text;
}

export function historyListing(history: readonly string[]): string {
  // As bash prints it: the number right-aligned in five columns, two spaces, the line.
  return history.map((l, i) => `${String(i + 1).padStart(5)}  ${l}\n`).join('');
}

export const HELP = {
  en: `This terminal talks to the sandbox's cluster.

  kubectl …   (or k …)   the kubectl you know: get, describe, apply -f -, create, delete,
                         scale, rollout, logs, cordon, drain, … (kubectl help lists them)
  sim …                  change the simulated world: sim help lists them, e.g.
                         sim advance 5m, sim node-down worker-2, sim crash POD
  clear (or Ctrl+L)      clear the screen
  history                the commands you ran (Up/Down bring them back)
  help                   this text

Editing: Left/Right, Home/End, Ctrl+A/E, Ctrl+U/K/W, Ctrl+C drops the line.
Commands that wait (get -w, rollout status, wait) show what happens as the clock runs;
Ctrl+C stops them. kubectl exec -it POD -- sh opens the container's shell (exit leaves it).
Copy: select with the mouse, then Ctrl+Shift+C (or Ctrl+C while text is selected). Paste: Ctrl+V.
`,
  ja: `このターミナルはサンドボックスのクラスターにつながっています。

  kubectl …   (または k …)  いつもの kubectl: get, describe, apply -f -, create, delete,
                            scale, rollout, logs, cordon, drain など (一覧は kubectl help)
  sim …                     シミュレーションを操作: 一覧は sim help。例:
                            sim advance 5m, sim node-down worker-2, sim crash POD
  clear (または Ctrl+L)     画面をクリア
  history                   実行したコマンド (上下キーで呼び出せます)
  help                      このヘルプ

編集: 左右キー, Home/End, Ctrl+A/E, Ctrl+U/K/W。Ctrl+C で入力中の行を破棄。
待つコマンド (get -w, rollout status, wait) は時計の進みに合わせて表示され、Ctrl+C で止まります。
kubectl exec -it POD -- sh でコンテナーのシェルに入れます (exit で戻ります)。
コピー: マウスで選択して Ctrl+Shift+C (選択中なら Ctrl+C も可)。貼り付け: Ctrl+V。
`,
};
