/** Simulated time as a reader wants it in the header: `2025-01-06 09:03:12` (UTC). */
export function formatSimTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * An age the way kubectl prints ages (`45s`, `3m12s`, `2h5m`, `3d4h`, `12d`), which the learner
 * also reads in the AGE column: the same rounding, so the header and the tables agree.
 */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 ? `${m}m${s % 60}s` : `${m}m`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 ? `${h}h${m % 60}m` : `${h}h`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 8) return h % 24 ? `${d}d${h % 24}h` : `${d}d`;
  if (d < 365 * 2) return `${d}d`;
  const y = Math.floor(d / 365);
  if (y < 8) return d % 365 ? `${y}y${d % 365}d` : `${y}y`;
  return `${y}y`;
}

/** Elapsed time for the header, to the second: `4m07s`, `1h02m03s`, `3d 04:05:06`. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (d) return `${d}d ${two(h)}:${two(m)}:${two(s)}`;
  if (h) return `${h}h${two(m)}m${two(s)}s`;
  if (m) return `${m}m${two(s)}s`;
  return `${s}s`;
}
