import { cmp, parseQuantity, type Quantity } from '../../engine/api/quantity';
import type { KObject } from '../../engine/api/types';
import { fatal } from '../errors';
import { relaxedJsonPath } from '../printers/customcolumns';
import { findJsonPathResults, type JsonPathTemplate, parseJsonPath } from '../printers/jsonpath';

function quantity(s: string): Quantity | undefined {
  try {
    return parseQuantity(s);
  } catch {
    return undefined;
  }
}

/** kubectl's isLess on decoded JSON values: numbers, strings (as quantities when both are), lists element-wise. */
function isLess(a: unknown, b: unknown, field: string): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') {
    const qa = quantity(a);
    const qb = quantity(b);
    if (qa && qb) return cmp(qa, qb) < 0;
    return a < b;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!isLess(a[i], b[i], field)) return false;
    }
    return true;
  }
  if (a === null && b === null) return false;
  if (a === null) return true;
  if (b === null) return false;
  const kind = Array.isArray(a) ? 'slice' : typeof a === 'object' ? 'map' : typeof a === 'boolean' ? 'bool' : typeof a;
  throw fatal(`Field ${field} in *v1.Table is an unsortable type: ${kind}, err: unsortable type: ${kind}`);
}

/** The jsonpath template --sort-by names, relaxed as kubectl relaxes it (`.a.b` → `{.a.b}`). */
export function sortTemplate(sortBy: string): { field: string; template: JsonPathTemplate } {
  let field = sortBy;
  try {
    field = relaxedJsonPath(sortBy);
  } catch {
    // kubectl keeps the text as given when it is not a simple path
  }
  try {
    return { field, template: parseJsonPath(field) };
  } catch (e) {
    throw fatal(`sorting error: ${(e as Error).message}`);
  }
}

/** Objects ordered by --sort-by (stable; objects without the field first, as kubectl's Less puts them). */
export function sortObjects<T extends KObject>(objects: readonly T[], sortBy: string): T[] {
  const { field, template } = sortTemplate(sortBy);
  const keyOf = (o: T) => {
    const results = findJsonPathResults(template, JSON.parse(JSON.stringify(o)), { allowMissingKeys: true });
    return results.length && results[0].length ? { value: results[0][0] } : undefined;
  };
  const keyed = objects.map((o) => ({ o, k: keyOf(o) }));
  keyed.sort((x, y) => {
    if (!x.k) return y.k ? -1 : 0;
    if (!y.k) return 1;
    if (isLess(x.k.value, y.k.value, field)) return -1;
    if (isLess(y.k.value, x.k.value, field)) return 1;
    return 0;
  });
  return keyed.map((x) => x.o);
}
