import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { IntOrString } from '../../api/intstr';
import {
  IS_NEGATIVE_ERROR_MSG,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPercent,
} from '../../api/names';
import type { FieldError } from '../../api/status';
import { child, fe, index } from './errors';

/**
 * Validation pieces shared by many kinds, as apimachinery and pkg/apis/core/validation define
 * them. Go iterates maps in random order; these walk keys sorted so errors come out stable.
 */

export const FIELD_IMMUTABLE = 'field is immutable';

export function sortedKeys(m: Record<string, unknown> | null | undefined): string[] {
  return m ? Object.keys(m).sort() : [];
}

/** metav1validation.ValidateLabelName: a qualified name, reported at `path` itself. */
export function validateLabelName(name: string, path: string): FieldError[] {
  return isQualifiedName(name).map((msg) => fe.invalid(path, name, msg));
}

/** metav1validation.ValidateLabels. */
export function validateLabels(labels: Record<string, string> | null | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of sortedKeys(labels)) {
    errs.push(...validateLabelName(k, path));
    const v = (labels as Record<string, string>)[k];
    for (const msg of isValidLabelValue(String(v ?? ''))) errs.push(fe.invalid(path, v, msg));
  }
  return errs;
}

/** metav1validation.ValidateLabelSelector. */
export function validateLabelSelector(ls: LabelSelector | null | undefined, path: string, allowInvalidLabelValue = false): FieldError[] {
  if (!ls) return [];
  const errs = validateLabels(ls.matchLabels, child(path, 'matchLabels'));
  (ls.matchExpressions ?? []).forEach((expr, i) => {
    const p = index(child(path, 'matchExpressions'), i);
    const values = expr.values ?? [];
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) {
          errs.push(fe.required(child(p, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        }
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) {
          errs.push(fe.forbidden(child(p, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        }
        break;
      default:
        errs.push(fe.invalid(child(p, 'operator'), expr.operator ?? '', 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(expr.key ?? '', child(p, 'key')));
    if (!allowInvalidLabelValue) {
      values.forEach((v, j) => {
        for (const msg of isValidLabelValue(v)) errs.push(fe.invalid(index(child(p, 'values'), j), v, msg));
      });
    }
  });
  return errs;
}

/** Whether metav1.LabelSelectorAsSelector would fail (an operator it does not know). */
export function selectorConvertible(ls: LabelSelector | null | undefined): boolean {
  if (!ls) return true;
  return (ls.matchExpressions ?? []).every((e) => ['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e.operator ?? ''));
}

/** metav1.LabelSelector as encoding/json prints it (struct order, map keys sorted). */
export function selectorValue(ls: LabelSelector | null | undefined): unknown {
  if (!ls) return null;
  const out: Record<string, unknown> = {};
  if (ls.matchLabels && Object.keys(ls.matchLabels).length) {
    out.matchLabels = Object.fromEntries(sortedKeys(ls.matchLabels).map((k) => [k, ls.matchLabels?.[k]]));
  }
  if (ls.matchExpressions?.length) {
    out.matchExpressions = ls.matchExpressions.map((e) => {
      const r: Record<string, unknown> = { key: e.key, operator: e.operator };
      if (e.values?.length) r.values = e.values;
      return r;
    });
  }
  return out;
}

/** ValidateNonnegativeField. */
export function validateNonnegative(value: number | null | undefined, path: string): FieldError[] {
  if (value == null || value >= 0) return [];
  return [fe.invalid(path, value, IS_NEGATIVE_ERROR_MSG)];
}

export function validateDNS1123Label(value: string, path: string): FieldError[] {
  return isDNS1123Label(value).map((msg) => fe.invalid(path, value, msg));
}

export function validateDNS1123Subdomain(value: string, path: string): FieldError[] {
  return isDNS1123Subdomain(value).map((msg) => fe.invalid(path, value, msg));
}

export function validateQualifiedName(value: string, path: string): FieldError[] {
  return isQualifiedName(value).map((msg) => fe.invalid(path, value, msg));
}

/** An IntOrString given as a percent string: its number, if it is a valid percent. */
function percentValue(v: IntOrString | null | undefined): number | undefined {
  if (typeof v !== 'string' || isValidPercent(v).length) return undefined;
  return Number.parseInt(v.slice(0, -1), 10);
}

/** getIntOrPercentValue: the number in `25%` or `3`; 0 for anything unparseable. */
export function intOrPercentValue(v: IntOrString | null | undefined): number {
  const p = percentValue(v);
  if (p !== undefined) return p;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    // intstr.IntValue() of a non-percent string: Atoi, or 0.
    const n = /^[+-]?\d+$/.test(v) ? Number.parseInt(v, 10) : 0;
    return Number.isFinite(n) ? n : 0;
  }
  return 0;
}

/** apps validation's ValidatePositiveIntOrPercent. */
export function validatePositiveIntOrPercent(v: IntOrString | null | undefined, path: string): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((msg) => fe.invalid(path, v, msg));
  if (typeof v === 'number') return validateNonnegative(v, path);
  return [fe.invalid(path, v, "must be an integer or percentage (e.g '5%%')")];
}

/** IsNotMoreThan100Percent. */
export function isNotMoreThan100Percent(v: IntOrString | null | undefined, path: string): FieldError[] {
  const p = percentValue(v);
  if (p === undefined || p <= 100) return [];
  return [fe.invalid(path, v, 'must not be greater than 100%')];
}

/**
 * apiequality.Semantic.DeepEqual over JSON: a missing field equals an undefined one, and a nil
 * list equals an empty one (apimachinery's forked DeepEqual treats them alike).
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const emptyList = (x: unknown) => x === undefined || x === null || (Array.isArray(x) && x.length === 0);
  if (emptyList(a) && emptyList(b)) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
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

/** ValidateImmutableField. */
export function validateImmutable(next: unknown, old: unknown, path: string, shown: unknown = next): FieldError[] {
  return semanticEqual(next, old) ? [] : [fe.invalid(path, shown, FIELD_IMMUTABLE)];
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Ensures `obj[k]` is an object and returns it. */
export function ensure<T extends object>(obj: Record<string, unknown>, k: string): T {
  if (!isObject(obj[k])) obj[k] = {};
  return obj[k] as T;
}

/**
 * Whether validate() is looking at a create: the API server clears resourceVersion on create
 * and carries the stored one on update. (The Strategy interface does not say which.)
 */
export function isCreate(obj: { metadata?: { resourceVersion?: string } }): boolean {
  return !obj.metadata?.resourceVersion;
}

/** `obj[k] ??= init`, returning the (now set) value. */
export function ensureField<T extends object, K extends keyof T>(obj: T, k: K, init: NonNullable<T[K]>): NonNullable<T[K]> {
  if (obj[k] == null) obj[k] = init;
  return obj[k] as NonNullable<T[K]>;
}
