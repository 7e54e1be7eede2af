import '@xterm/xterm/css/xterm.css';
import { FitAddon } from '@xterm/addon-fit';
import { Terminal as XTerm } from '@xterm/xterm';
import { useEffect, useRef } from 'react';
import { useLang } from '../../i18n/i18n';
import { format } from '../../i18n/messages';
import { runCommand, useSandbox } from '../../state/sandbox';
import { applyCompletion, columns } from './complete';
import { emptyLine, feed, type LineState, redraw } from './lineeditor';
import { formatOutput, HELP, historyListing, interpret, SGR } from './shell';

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
    // How many lines have been run to completion: lets tests (and nothing else) wait for output.
    let done = 0;
    el.dataset.done = '0';

    const prompt = () => {
      term.write(PROMPT);
      prompted = true;
      if (state.buffer) term.write(redraw({ buffer: '', cursor: 0 }, state, PROMPT, PROMPT_WIDTH, term.cols));
    };

    const execute = async (line: string) => {
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
        case 'unknown':
          term.write(formatOutput({ stdout: '', stderr: `bash: ${cmd.name}: command not found` }));
          return;
        case 'run': {
          el.dataset.busy = 'true';
          const out = await runCommand(cmd.line);
          delete el.dataset.busy;
          term.write(formatOutput(out));
        }
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
          term.write(redraw(before, state, PROMPT, PROMPT_WIDTH, term.cols));
          continue;
        }
        switch (r.action.kind) {
          case 'submit':
            term.write(redraw(before, { ...state, buffer: r.action.line, cursor: r.action.line.length }, PROMPT, PROMPT_WIDTH, term.cols));
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
            term.write(redraw(before, { ...before, cursor: before.buffer.length }, PROMPT, PROMPT_WIDTH, term.cols));
            term.write('^C\r\n');
            prompt();
            break;
          case 'clear':
            term.clear();
            term.write('\x1b[2J\x1b[H');
            term.write(PROMPT + state.buffer);
            term.write(redraw({ buffer: state.buffer, cursor: state.buffer.length }, state, PROMPT, PROMPT_WIDTH, term.cols));
            break;
          case 'complete': {
            busy = true;
            const api = useSandbox.getState().api;
            const candidates = api ? await api.complete(state.buffer.slice(0, state.cursor)).catch(() => []) : [];
            busy = false;
            const r = applyCompletion(state, candidates.map((c) => c.value));
            const drawn = state;
            state = r.state;
            if (r.list) {
              term.write(`\r\n${columns(r.list, term.cols)}`);
              term.write(redraw({ buffer: '', cursor: 0 }, state, PROMPT, PROMPT_WIDTH, term.cols));
            } else term.write(redraw(drawn, state, PROMPT, PROMPT_WIDTH, term.cols));
            break;
          }
        }
      }
    };

    const onData = term.onData((data) => {
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
