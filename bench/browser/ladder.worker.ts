/// <reference lib="webworker" />
import { runRung } from '../ladder-core';

/** Runs the rung the page asks for, in this dedicated worker as the app runs its engine, and posts the result. */
self.onmessage = (event: MessageEvent<{ nodes: number; pods: number }>) => {
  const { nodes, pods } = event.data;
  try {
    // Tells the driver the rung's heap sampling window starts (it reads the heap from outside, over CDP).
    self.postMessage({ type: 'started' });
    const result = runRung(nodes, pods);
    self.postMessage({ type: 'done', result });
  } catch (error) {
    self.postMessage({ type: 'failed', message: String(error) });
  }
};
