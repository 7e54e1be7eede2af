import type { Remote } from 'comlink';
import { create } from 'zustand';
import { connectSandbox, subscribe } from '../../worker/client';
import type { CommandOutcome, SandboxApi, SandboxInfo, WatchBatch } from '../../worker/protocol';
import { chosenSandbox } from '../features/sandboxes/choice';
import { useCluster } from './cluster';
import { perFrame } from './frames';

export type Phase = 'starting' | 'ready' | 'failed';

interface SandboxState {
  api?: Remote<SandboxApi>;
  info?: SandboxInfo;
  phase: Phase;
  error?: string;
}

/** The connection to the worker: one per page. */
export const useSandbox = create<SandboxState>(() => ({ phase: 'starting' }));

let started = false;

/** Start the worker's cluster (restoring the saved one) and feed its watch batches to the cache. */
export function connect(): void {
  if (started) return;
  started = true;
  const api = connectSandbox();
  const fresh = new URLSearchParams(location.search).has('fresh');
  api
    .start({ seed: 1, fresh, sandbox: chosenSandbox() })
    .then(async (info) => {
      // Batches arriving within one frame reach the views as one update; the first state is
      // there before the views draw.
      const feed = perFrame<WatchBatch>((batches) => useCluster.getState().applyAll(batches));
      await subscribe(api, feed.push);
      feed.flush();
      useSandbox.setState({ api, info, phase: 'ready' });
    })
    .catch((e: unknown) => useSandbox.setState({ phase: 'failed', error: e instanceof Error ? e.message : String(e) }));
  // Save when the page is hidden or closed: the last changes would otherwise wait for the debounce.
  const flush = () => {
    if (document.visibilityState === 'hidden') void api.saveNow().catch(() => undefined);
  };
  document.addEventListener('visibilitychange', flush);
  window.addEventListener('pagehide', () => void api.saveNow().catch(() => undefined));
}

/** Run a command line in the sandbox; a worker failure comes back as stderr, never as a thrown error. */
export async function runCommand(line: string, stdin?: string): Promise<CommandOutcome> {
  const api = useSandbox.getState().api;
  if (!api) return { stdout: '', stderr: 'the cluster is still starting', exitCode: 1 };
  try {
    return await api.run(line, stdin);
  } catch (e) {
    return { stdout: '', stderr: `internal error: ${e instanceof Error ? e.message : String(e)}`, exitCode: 1 };
  }
}
