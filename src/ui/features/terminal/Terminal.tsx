import '@xterm/xterm/css/xterm.css';
import { FitAddon } from '@xterm/addon-fit';
import { Terminal as XTerm } from '@xterm/xterm';
import { proxy } from 'comlink';
import { useEffect, useRef } from 'react';
import { useLang } from '../../i18n/i18n';
import { format } from '../../i18n/messages';
import { useSandbox } from '../../state/sandbox';
import { applyCompletion, columns } from './complete';
import { displayWidth, emptyLine, feed, type LineState, redraw } from './lineeditor';
import { formatOutput, HELP, historyListing, interpret, SGR } from './shell';
import { StreamWriter } from './stream';

const PROMPT = `${SGR.boldGreen}$${SGR.reset} `;
const PROMPT_WIDTH = 2;
const HISTORY_KEY = 'kube-sandbox.history';

function loadHistory(): string[] {
  try {
    const h = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]');
    return Array.isArray(h) ? h.filter((x) => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function saveHistory(history: readonly string[]): void {
  try {
    localStorage.setItem(HISTORY_KEY, JSON.stringify(history));
  } catch {
    // The history is a convenience: without storage it lasts until the page closes.
  }
}

/** A terminal for kubectl and sim commands: xterm.js for the screen, the line editor for input. */
export function Terminal() {
  const host = useRef<HTMLDivElement>(null);
  const ready = useSandbox((s) => s.phase === 'ready');
  const readyRef = useRef(ready);
  readyRef.current = ready;
  const startRef = useRef<() => void>(() => undefined);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const term = new XTerm({
      convertEol: true,
      cursorBlink: true,
      fontFamily: "ui-monospace, 'DejaVu Sans Mono', 'Noto Sans Mono CJK JP', Menlo, Consolas, monospace",
      fontSize: 13,
      lineHeight: 1.15,
      scrollback: 5000,
      allowProposedApi: false,
      theme: { background: '#0d1117', foreground: '#d6deeb', cursor: '#7fdbca', selectionBackground: '#264f78', red: '#ff6b6b', green: '#7ee787', brightBlack: '#8b949e' },
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(el);
    const textarea = el.querySelector('textarea');
    textarea?.setAttribute('aria-label', format(useLang.getState().lang, 'terminal.label'));
    textarea?.setAttribute('data-testid', 'terminal-input');
    try {
      fit.fit();
    } catch {
      // Not laid out yet; the observer fits it when it is.
    }

    let state: LineState = emptyLine(loadHistory());
    let busy = false;
    let queue = '';
    let prompted = false;
    // A command streaming its output (Ctrl-C ends it), and a container shell `exec -it` opened.
    let running = false;
    let shellPrompt: string | undefined;
    const promptText = () => shellPrompt ?? PROMPT;
    const promptWidth = () => (shellPrompt === undefined ? PROMPT_WIDTH : displayWidth(shellPrompt));
    // How many lines have been run to completion: lets tests (and nothing else) wait for output.
    let done = 0;
    el.dataset.done = '0';

    const prompt = () => {
      term.write(promptText());
      prompted = true;
      el.dataset.mode = shellPrompt === undefined ? 'kubectl' : 'shell';
      if (state.buffer) term.write(redraw({ buffer: '', cursor: 0 }, state, promptText(), promptWidth(), term.cols));
    };

    /** A line typed into the container shell `exec -it` opened; `exit` brings kubectl back. */
    const shellLine = async (line: string) => {
      const api = useSandbox.getState().api;
      const reply = api ? await api.shellInput(line).catch(() => undefined) : undefined;
      if (!reply) {
        shellPrompt = undefined;
        return;
      }
      const writer = new StreamWriter((t) => term.write(t));
      writer.out('stdout', reply.stdout);
      writer.out('stderr', reply.stderr);
      writer.endLine();
      // A shell that ended because its container stopped says so, as kubectl does.
      if (reply.closed && reply.exitCode !== 0) writer.out('stderr', `command terminated with exit code ${reply.exitCode}\n`);
      shellPrompt = reply.closed ? undefined : reply.prompt;
    };

    /** A kubectl (or sim) line: its output streams in while it runs. */
    const runLive = async (line: string) => {
      const api = useSandbox.getState().api;
      if (!api) {
        term.write(formatOutput({ stdout: '', stderr: 'the cluster is still starting' }));
        return;
      }
      const writer = new StreamWriter((t) => term.write(t));
      el.dataset.busy = 'true';
      running = true;
      let editing = false;
      try {
        const out = await api.runLive(
          line,
          proxy({
            output: (stream: 'stdout' | 'stderr', text: string) => writer.out(stream, text),
            // `kubectl edit` opens the YAML editor (its chunk loads then) and waits for Save or Cancel.
            edit: async (text: string, fileName: string) => {
              editing = true;
              return (await import('../editor/state')).useEditorText.getState().editFor(text, fileName);
            },
          }),
        );
        if (out.interrupted) writer.interrupted();
        else if (out.shell) shellPrompt = out.shell.prompt;
        else if (line.trim().split(/\s+/, 1)[0] === 'sim') {
          // sim is not kubectl: it does not stream, its result is its output.
          writer.out('stdout', out.stdout);
          writer.out('stderr', out.stderr);
        }
      } catch (e) {
        writer.out('stderr', `internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      } finally {
        running = false;
        delete el.dataset.busy;
        // A kubectl edit stopped with Ctrl-C no longer waits: the editor lets go of its text.
        if (editing) {
          const editor = (await import('../editor/state')).useEditorText.getState();
          if (editor.external) editor.finishExternal(undefined);
        }
      }
      writer.endLine();
    };

    const execute = async (line: string) => {
      if (shellPrompt !== undefined) return shellLine(line);
      const cmd = interpret(line);
      switch (cmd.kind) {
        case 'empty':
          return;
        case 'clear':
          term.clear();
          term.write('\x1b[2J\x1b[H');
          return;
        case 'help':
          term.write(HELP[useLang.getState().lang]);
          return;
        case 'history':
          term.write(historyListing(state.history));
          return;
        case 'run':
          return runLive(cmd.line);
      }
    };

    const pump = async () => {
      if (busy || !readyRef.current) return;
      while (queue) {
        const before = state;
        const r = feed(state, queue);
        queue = r.rest;
        state = r.state;
        if (!r.action) {
          term.write(redraw(before, state, promptText(), promptWidth(), term.cols));
          continue;
        }
        switch (r.action.kind) {
          case 'submit':
            term.write(redraw(before, { ...state, buffer: r.action.line, cursor: r.action.line.length }, promptText(), promptWidth(), term.cols));
            term.write('\r\n');
            saveHistory(state.history);
            busy = true;
            try {
              await execute(r.action.line);
            } finally {
              busy = false;
            }
            prompt();
            el.dataset.done = String(++done);
            break;
          case 'cancel':
            term.write(redraw(before, { ...before, cursor: before.buffer.length }, promptText(), promptWidth(), term.cols));
            term.write('^C\r\n');
            prompt();
            break;
          case 'clear':
            term.clear();
            term.write('\x1b[2J\x1b[H');
            term.write(promptText() + state.buffer);
            term.write(redraw({ buffer: state.buffer, cursor: state.buffer.length }, state, promptText(), promptWidth(), term.cols));
            break;
          case 'complete': {
            // A container's shell has no completion here.
            if (shellPrompt !== undefined) break;
            busy = true;
            const api = useSandbox.getState().api;
            const candidates = api ? await api.complete(state.buffer.slice(0, state.cursor)).catch(() => []) : [];
            busy = false;
            const r = applyCompletion(state, candidates.map((c) => c.value));
            const drawn = state;
            state = r.state;
            if (r.list) {
              term.write(`\r\n${columns(r.list, term.cols)}`);
              term.write(redraw({ buffer: '', cursor: 0 }, state, promptText(), promptWidth(), term.cols));
            } else term.write(redraw(drawn, state, promptText(), promptWidth(), term.cols));
            break;
          }
        }
      }
    };

    const onData = term.onData((data) => {
      if (running) {
        // Ctrl-C ends the running command; what was typed ahead of it is dropped with it.
        if (data.includes('\x03')) {
          queue = '';
          void useSandbox.getState().api?.interrupt();
        } else queue += data;
        return;
      }
      // Ctrl-D on an empty line leaves a container's shell, as `exit` does.
      if (data === '\x04' && shellPrompt !== undefined && !state.buffer && !busy) data = 'exit\r';
      queue += data;
      void pump();
    });

    // Copy with Ctrl+Shift+C (or Ctrl/Cmd+C over a selection); leave Ctrl/Cmd+V to the browser's paste.
    term.attachCustomKeyEventHandler((e) => {
      if (e.type !== 'keydown') return true;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 'c' && (e.shiftKey || term.hasSelection())) {
        const text = term.getSelection();
        if (text) void navigator.clipboard?.writeText(text).catch(() => undefined);
        e.preventDefault();
        return false;
      }
      if (mod && key === 'v') return false;
      return true;
    });

    term.write(`${SGR.grey}${format(useLang.getState().lang, 'terminal.welcome')}${SGR.reset}\r\n`);
    startRef.current = () => {
      if (!prompted) prompt();
      void pump();
    };
    if (readyRef.current) startRef.current();

    const observer = new ResizeObserver(() => {
      try {
        fit.fit();
      } catch {
        // Hidden: nothing to fit.
      }
    });
    observer.observe(el);
    return () => {
      if (shellPrompt !== undefined) void useSandbox.getState().api?.shellClose();
      observer.disconnect();
      onData.dispose();
      term.dispose();
    };
  }, []);

  useEffect(() => {
    if (ready) startRef.current();
  }, [ready]);

  const lang = useLang((s) => s.lang);
  useEffect(() => {
    host.current?.querySelector('textarea')?.setAttribute('aria-label', format(lang, 'terminal.label'));
  }, [lang]);

  return <div className="terminal-host" ref={host} data-testid="terminal" />;
}
