import { parseTimestamp } from '../duration';
import { ageColumn, nameColumn } from './common';
import type { ColumnDef } from './types';

/** RFC 3339 in UTC to the second, as Go's time.RFC3339 layout writes it. */
function rfc3339(ts: string | undefined): string {
  const ms = parseTimestamp(ts);
  if (ms === undefined) return '0001-01-01T00:00:00Z';
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * The API server's table for built-in kinds that have no printer of their own (Roles,
 * ClusterRoles, LimitRanges, CustomResourceDefinitions, ...): the creation time as a date.
 */
export const createdAtColumns: ColumnDef[] = [
  nameColumn,
  { name: 'Created At', cell: (o) => rfc3339(o.metadata?.creationTimestamp) },
];

/** Custom resources without additionalPrinterColumns, and kubectl's own fallback: NAME AGE. */
export const nameAgeColumns: ColumnDef[] = [nameColumn, ageColumn];
