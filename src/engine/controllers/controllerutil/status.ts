import { deepEqual } from '../../apiserver/apiserver';

export { deepEqual };

/**
 * Drop the fields Go would leave out of the JSON (`omitempty` on a zero int or empty string), so
 * `kubectl get -o jsonpath={.status.readyReplicas}` prints nothing for 0, as it does on a real
 * cluster.
 */
export function omitZero<T extends object>(obj: T, keys: readonly (keyof T)[]): T {
  const out = { ...obj };
  for (const k of keys) {
    const v = out[k] as unknown;
    if (v === 0 || v === '' || v === undefined || v === null) delete out[k];
  }
  return out;
}

/** Whether two statuses differ, ignoring keys whose value is undefined. */
export function statusChanged(a: unknown, b: unknown): boolean {
  return !deepEqual(a ?? {}, b ?? {});
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v as object).every((k) => (v as Record<string, unknown>)[k] === undefined);
}

/**
 * apiequality.Semantic.DeepEqual on JSON: like deepEqual, but an empty list or map equals an
 * absent one (Go does not tell a nil map from an empty one there).
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isEmpty(a) && isEmpty(b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => semanticEqual(v, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!semanticEqual(ao[k], bo[k])) return false;
  return true;
}
