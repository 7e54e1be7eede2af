import { useEffect, useRef, useState } from 'react';

/**
 * `value`, but changing at most every `ms`: views of fast-changing tables (hundreds of pods, a
 * stream of events) redraw a few times a second instead of on every watch batch. The latest
 * value always arrives; only intermediate ones are skipped.
 */
export function useThrottled<T>(value: T, ms: number, same: (a: T, b: T) => boolean = Object.is): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    if (same(value, shown)) return;
    const wait = Math.max(0, last.current + ms - performance.now());
    const id = setTimeout(() => {
      last.current = performance.now();
      setShown(value);
    }, wait);
    return () => clearTimeout(id);
  }, [value, shown, ms, same]);
  return same(value, shown) ? value : shown;
}

export const sameItems = <T,>(a: readonly T[], b: readonly T[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
