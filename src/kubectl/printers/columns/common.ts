import type { Container } from 'kubernetes-types/core/v1';
import type { KObject } from '../../../engine/api/types';
import { translateTimestampSince } from '../duration';
import type { ColumnDef } from './types';

/** The NAME column every resource starts with. */
export const nameColumn: ColumnDef = {
  name: 'Name',
  format: 'name',
  cell: (o) => o.metadata?.name ?? '',
};

/** The AGE column: time since creation. */
export const ageColumn: ColumnDef = {
  name: 'Age',
  cell: (o, now) => translateTimestampSince(o.metadata?.creationTimestamp, now),
};

/** Reads a nested field of a plain object without type ceremony. */
export function field(obj: unknown, ...path: string[]): unknown {
  let cur: unknown = obj;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** A Go int cell: missing numbers print as 0, as the zero value would. */
export function int(v: unknown): string {
  return typeof v === 'number' ? String(v) : '0';
}

/** A Go string cell: missing strings print empty. */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** A Go bool cell, printed with fmt: `true` / `false`. */
export function bool(v: unknown): string {
  return v === true ? 'true' : 'false';
}

/** printBoolPtr: `True`, `False`, or `<unset>` when the pointer is nil. */
export function boolPtr(v: unknown): string {
  if (v === true) return 'True';
  if (v === false) return 'False';
  return '<unset>';
}

/** An IntOrString as its String(): the number or the string. */
export function intOrString(v: unknown): string {
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' ? v : '0';
}

/** layoutContainerCells: container names and images, comma-separated. */
export function containerNames(containers: readonly Container[] | undefined): string {
  return (containers ?? []).map((c) => c.name ?? '').join(',');
}

export function containerImages(containers: readonly Container[] | undefined): string {
  return (containers ?? []).map((c) => c.image ?? '').join(',');
}

/** The containers of a pod template under `spec.template`. */
export function templateContainers(o: KObject): Container[] | undefined {
  return field(o, 'spec', 'template', 'spec', 'containers') as Container[] | undefined;
}

/** The wide CONTAINERS and IMAGES columns of a workload. */
export function containersColumns(get: (o: KObject) => Container[] | undefined): ColumnDef[] {
  return [
    { name: 'Containers', wide: true, cell: (o) => containerNames(get(o)) },
    { name: 'Images', wide: true, cell: (o) => containerImages(get(o)) },
  ];
}

/** Typed access to an object passed as the generic KObject. */
export function as<T>(o: KObject): T {
  return o as unknown as T;
}

/** `<kind lowercased>/<name>`, or just the kind when the name is empty (event OBJECT, controller refs). */
export function kindSlashName(kind: string, name: string | undefined): string {
  return name ? `${kind.toLowerCase()}/${name}` : kind.toLowerCase();
}

/** The first `max` items joined by `,`, with ` + N more...` when there were more (listWithMoreString). */
export function listWithMore(items: readonly string[], max: number, emptyText: string): string {
  if (items.length > max) return `${items.slice(0, max).join(',')} + ${items.length - max} more...`;
  const joined = items.join(',');
  return joined === '' ? emptyText : joined;
}
