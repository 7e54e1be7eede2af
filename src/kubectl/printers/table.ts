import type { KObject } from '../../engine/api/types';
import type { ColumnDef } from './columns/types';
import { formatLabels, labelColumnHeader } from './labels';
import { tabwrite } from './tabwriter';

export interface TableOptions {
  /** Simulated time, for ages. */
  now: number;
  /** `-o wide`: include the columns marked wide. */
  wide?: boolean;
  /** `--no-headers`. */
  noHeaders?: boolean;
  /** `-A` / `--all-namespaces`: a NAMESPACE column first. */
  withNamespace?: boolean;
  /** `--show-labels`: a LABELS column last. */
  showLabels?: boolean;
  /** `-L key1,key2`: one column per label key, before LABELS. */
  labelColumns?: readonly string[];
  /**
   * Prefix for the name column, `pod` or `deployment.apps`, as kubectl adds it when one
   * command prints several kinds (`kubectl get pods,deployments`).
   */
  kindPrefix?: string;
}

/**
 * A cell as kubectl writes it: cut at the first line break (with `...`), since a break would
 * end the row, and with terminal escapes neutralised. A tab inside a cell is left alone and
 * shifts the row's columns, exactly as in kubectl.
 */
export function escapeCell(cell: string): string {
  const br = cell.search(/[\f\n\r]/);
  const text = br >= 0 ? cell.slice(0, br) : cell;
  return text.replaceAll('\x1b', '^[').replaceAll('\r', '\\r') + (br >= 0 ? '...' : '');
}

/**
 * `kubectl get` as a table: one row per object (the caller sorts them), headers in upper
 * case, columns aligned by Go's tabwriter. Prints nothing at all when there are no objects;
 * kubectl then reports "No resources found" on its own.
 */
export function printTable(objects: readonly KObject[], columns: readonly ColumnDef[], opts: TableOptions): string {
  if (objects.length === 0) return '';
  const wide = opts.wide ?? false;
  const visible = columns.filter((c) => wide || !c.wide);
  const nameColumn = columns.find((c) => c.format === 'name');
  const labelKeys = opts.labelColumns ?? [];

  const lines: string[] = [];
  if (!opts.noHeaders) {
    const headers = visible.map((c) => c.name.toUpperCase());
    if (opts.withNamespace) headers.unshift('NAMESPACE');
    headers.push(...labelKeys.map(labelColumnHeader));
    if (opts.showLabels) headers.push('LABELS');
    lines.push(headers.join('\t'));
  }
  for (const obj of objects) {
    const cells = visible.map((c) => {
      const value = c.cell(obj, opts.now, { wide });
      return c === nameColumn && opts.kindPrefix ? `${opts.kindPrefix}/${value}` : value;
    });
    if (opts.withNamespace) cells.unshift(obj.metadata?.namespace ?? '');
    const labels = obj.metadata?.labels ?? {};
    cells.push(...labelKeys.map((k) => labels[k] ?? ''));
    if (opts.showLabels) cells.push(formatLabels(labels));
    lines.push(cells.map(escapeCell).join('\t'));
  }
  return tabwrite(`${lines.join('\n')}\n`);
}
