import { parseQuantity, type Quantity } from '../../../engine/api/quantity';
import type { KObject } from '../../../engine/api/types';
import { nameColumn } from './common';
import type { ColumnDef } from './types';

/**
 * `kubectl get nodes.metrics.k8s.io|pods.metrics.k8s.io`: metrics-server's own table (its
 * TableConvertor): NAME, one column per resource in name order (CPU, MEMORY) with the quantity as
 * served, a pod's summed over its containers, and the WINDOW.
 */
interface Metrics extends KObject {
  usage?: Record<string, string>;
  containers?: { usage?: Record<string, string> }[];
}

function total(o: Metrics, resource: string): string {
  if (o.usage) return o.usage[resource] ?? '0';
  let sum: Quantity | undefined;
  for (const c of o.containers ?? []) {
    const v = c.usage?.[resource];
    if (v === undefined) continue;
    const q = parseQuantity(v);
    // A sum is a new quantity: it prints in canonical form.
    sum = sum ? sum.add(q) : parseQuantity(0).add(q);
  }
  return sum ? sum.toString() : '0';
}

const usageColumn = (resource: string): ColumnDef => ({ name: resource, cell: (o) => total(o as Metrics, resource) });

// The field is read by name: it is the metrics object's `window` (a Go duration such as `15s`).
const windowColumn: ColumnDef = { name: 'Window', cell: (o) => String((o as unknown as Record<string, unknown>).window ?? '') };

export const metricsColumns: ColumnDef[] = [nameColumn, usageColumn('cpu'), usageColumn('memory'), windowColumn];
