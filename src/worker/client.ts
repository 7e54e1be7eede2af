import { proxy, type Remote, wrap } from 'comlink';
import type { SandboxApi, WatchBatch } from './protocol';

/** Start the engine worker and return its typed client. */
export function connectSandbox(): Remote<SandboxApi> {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'kube-sandbox-engine' });
  return wrap<SandboxApi>(worker);
}

export function subscribe(api: Remote<SandboxApi>, listener: (batch: WatchBatch) => void): Promise<void> {
  return api.subscribe(proxy(listener));
}
