import { expose } from 'comlink';
import { Sandbox } from './sandbox';

// The worker owns the only copy of the cluster; the page talks to it through comlink.
const sandbox = new Sandbox({
  every: (ms, fn) => {
    const id = setInterval(fn, ms);
    return () => clearInterval(id);
  },
  wallNow: () => performance.now(),
});

expose(sandbox);
