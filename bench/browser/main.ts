import type { RungResult } from '../ladder-core';

/** Starts one rung in a dedicated worker; the driver reads `window.ladder` for the outcome. */
declare global {
  interface Window {
    ladder: { state: 'running' | 'done' | 'failed'; result?: RungResult; message?: string };
    runLadder: (nodes: number, pods: number) => void;
  }
}

window.runLadder = (nodes, pods) => {
  window.ladder = { state: 'running' };
  const worker = new Worker(new URL('./ladder.worker.ts', import.meta.url), { type: 'module', name: 'ladder' });
  worker.onmessage = (event: MessageEvent<{ type: string; result?: RungResult; message?: string }>) => {
    if (event.data.type === 'done') window.ladder = { state: 'done', result: event.data.result };
    if (event.data.type === 'failed') window.ladder = { state: 'failed', message: event.data.message };
  };
  worker.onerror = (event) => {
    window.ladder = { state: 'failed', message: event.message };
  };
  worker.postMessage({ nodes, pods });
};
