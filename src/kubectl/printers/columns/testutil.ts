import type { KObject } from '../../../engine/api/types';
import type { ColumnDef } from './types';

/** A fixed simulated "now" for column tests. */
export const NOW = Date.parse('2025-06-01T12:00:00Z');

/** An RFC 3339 timestamp `ms` milliseconds before NOW (negative: after). */
export function ago(ms: number): string {
  return new Date(NOW - ms).toISOString();
}

export const SEC = 1000;
export const MIN = 60 * SEC;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
/** Upstream tests create objects 1.9s in the future (`time.Now().Add(1.9e9)`), which prints as 0s. */
export const SOON = ago(-1900);

/** The cells of one row, as printers.go would put them in a Table row. */
export function cells(columns: readonly ColumnDef[], obj: unknown, opts: { wide?: boolean } = {}): string[] {
  const wide = opts.wide ?? false;
  return columns.filter((c) => wide || !c.wide).map((c) => c.cell(obj as KObject, NOW, { wide }));
}
