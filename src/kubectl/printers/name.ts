import type { KObject } from '../../engine/api/types';

/**
 * `-o name`: `<kind lowercased>[.<group>]/<name>` per object, e.g. `pod/web`, `deployment.apps/web`.
 * The group comes from the object's apiVersion, so core objects have none.
 */
export function resourceName(obj: KObject): string {
  const kind = obj.kind ?? '';
  const apiVersion = obj.apiVersion ?? '';
  const slash = apiVersion.indexOf('/');
  const group = slash >= 0 ? apiVersion.slice(0, slash) : '';
  const name = obj.metadata?.name || '<unknown>';
  return group ? `${kind.toLowerCase()}.${group}/${name}` : `${kind.toLowerCase()}/${name}`;
}

/** One line per object; a List prints its items. */
export function printName(objs: readonly KObject[]): string {
  const lines: string[] = [];
  for (const obj of objs) {
    const listItems = (obj as { items?: unknown }).items;
    const items = (obj.kind ?? '').endsWith('List') && Array.isArray(listItems) ? (listItems as KObject[]) : [obj];
    for (const item of items) lines.push(`${resourceName(item)}\n`);
  }
  return lines.join('');
}
