/** One measured figure, printed as a JSON line. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
}

export function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}
