import { expose } from 'comlink';
import { browserLocks, WriterLock } from './locks';
import { indexedDbLibrary } from './persist';
import { realEngine } from './real-engine';
import { Sandbox } from './sandbox';
import { Sandboxes } from './sandboxes';

const library = typeof indexedDB === 'undefined' ? undefined : indexedDbLibrary();
const locks = browserLocks();
const sandboxes = new Sandboxes(library, locks && new WriterLock(locks), realEngine);

// The worker owns the only copy of the cluster; the page talks to it through comlink.
const sandbox = new Sandbox(
  {
    every: (ms, fn) => {
      const id = setInterval(fn, ms);
      return () => clearInterval(id);
    },
    wallNow: () => performance.now(),
  },
  { engine: realEngine, store: sandboxes.store() },
);

/** An object's methods bound to it: comlink calls them as properties of the exposed object. */
function methods(o: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.getOwnPropertyNames(Object.getPrototypeOf(o))) {
    const value = (o as Record<string, unknown>)[key];
    if (key !== 'constructor' && typeof value === 'function') out[key] = value.bind(o);
  }
  return out;
}

// One endpoint for both surfaces; `start` goes through the list of sandboxes (which one, and who writes it).
expose({ ...methods(sandbox), ...methods(sandboxes), start: (opts: Parameters<Sandboxes['start']>[1]) => sandboxes.start(sandbox, opts ?? {}) });
