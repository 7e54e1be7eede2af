/**
 * Collects items and hands them over together, at most once per animation frame: the worker can
 * push many watch batches within one frame (hundreds of pods changing at 10× or 60×), and each
 * store update makes every subscribed view check itself again. A hidden tab gets no animation
 * frames, so a timer hands over too (whichever comes first), keeping the queue short.
 */
export function perFrame<T>(deliver: (items: T[]) => void, fallbackMs = 100): { push(item: T): void; flush(): void } {
  let pending: T[] = [];
  let frame: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (frame !== undefined) cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
    frame = timer = undefined;
    const items = pending;
    pending = [];
    if (items.length) deliver(items);
  };
  const push = (item: T) => {
    pending.push(item);
    if (frame !== undefined || timer !== undefined) return;
    frame = requestAnimationFrame(flush);
    timer = setTimeout(flush, fallbackMs);
  };
  return { push, flush };
}
