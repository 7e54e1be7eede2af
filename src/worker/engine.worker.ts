import { expose } from 'comlink';
import { indexedDbStore } from './persist';
import { realEngine } from './real-engine';
import { Sandbox } from './sandbox';

// The worker owns the only copy of the cluster; the page talks to it through comlink.
const sandbox = new Sandbox(
  {
    every: (ms, fn) => {
      const id = setInterval(fn, ms);
      return () => clearInterval(id);
    },
    wallNow: () => performance.now(),
  },
  { engine: realEngine, store: typeof indexedDB === 'undefined' ? undefined : indexedDbStore() },
);

expose(sandbox);
