import type { KObject } from '../../../engine/api/types';

export interface CellOptions {
  /** `-o wide`: some cells (load balancer addresses) are shortened otherwise. */
  wide: boolean;
}

/** One column of `kubectl get`, as a printers.go column definition plus the code that fills it. */
export interface ColumnDef {
  /** The name as defined upstream (`Nominated Node`); the header is its upper-case form. */
  name: string;
  /** Priority 1 upstream: shown only with `-o wide`. */
  wide?: boolean;
  /** Marks the object-name column, which kubectl prefixes with `kind/` when printing several kinds. */
  format?: 'name';
  cell(obj: KObject, now: number, opts?: CellOptions): string;
}
