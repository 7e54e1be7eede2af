import type { FieldError } from '../../api/status';
import type { AnyObject } from '../../api/types';
import { fe } from '../../apiserver/strategies/errors';
import { isObject, type ScaleSubresource } from '../types';

/**
 * The scale subresource of a custom resource reads and writes the fields its CRD names
 * (`specReplicasPath: .spec.replicas` …), and the server checks those fields hold what a Scale
 * can carry, with unstructured accessors' wording.
 */

const MAX_INT32 = 2147483647;

function segments(path: string): string[] {
  return path.replace(/^\./, '').split('.');
}

export function valueAt(obj: unknown, path: string): { found: boolean; value?: unknown } {
  let cur: unknown = obj;
  for (const s of segments(path)) {
    if (!isObject(cur) || !(s in cur)) return { found: false };
    cur = cur[s];
  }
  return { found: true, value: cur };
}

export function setValueAt(obj: AnyObject, path: string, value: unknown): void {
  const parts = segments(path);
  let cur: Record<string, unknown> = obj;
  for (const s of parts.slice(0, -1)) {
    if (!isObject(cur[s])) cur[s] = {};
    cur = cur[s] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]] = value;
}

/** The Go type name an unstructured value has after the server decoded it. */
function goType(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return '[]interface {}';
  if (v === null) return '<nil>';
  return 'map[string]interface {}';
}

function goPrint(v: unknown): string {
  if (isObject(v) || Array.isArray(v)) return JSON.stringify(v);
  return String(v);
}

/** NestedInt64 with the error it gives for a field of another type. */
function int64At(obj: unknown, path: string): { value: number; error?: string } {
  const { found, value } = valueAt(obj, path);
  if (!found) return { value: 0 };
  if (typeof value === 'number' && Number.isInteger(value)) return { value };
  const fields = segments(path);
  return {
    value: 0,
    error: `.${fields.join('.')} accessor error: ${goPrint(value)} is of the type ${goType(value)}, expected int64`,
  };
}

function replicasErrors(obj: unknown, path: string): FieldError[] {
  const { value, error } = int64At(obj, path);
  if (error) return [fe.invalid(path, value, error)];
  if (value < 0) return [fe.invalid(path, value, 'should be a non-negative integer')];
  if (value > MAX_INT32) return [fe.invalid(path, value, `should be less than or equal to ${MAX_INT32}`)];
  return [];
}

export function validateScaleSpec(obj: unknown, scale: ScaleSubresource | undefined): FieldError[] {
  return scale ? replicasErrors(obj, scale.specReplicasPath) : [];
}

export function validateScaleStatus(obj: unknown, scale: ScaleSubresource | undefined): FieldError[] {
  if (!scale) return [];
  const errs = replicasErrors(obj, scale.statusReplicasPath);
  if (scale.labelSelectorPath) {
    const { found, value } = valueAt(obj, scale.labelSelectorPath);
    if (found && typeof value !== 'string') {
      const fields = segments(scale.labelSelectorPath);
      errs.push(
        fe.invalid(scale.labelSelectorPath, '', `.${fields.join('.')} accessor error: ${goPrint(value)} is of the type ${goType(value)}, expected string`),
      );
    }
  }
  return errs;
}

/** What the API server's scale subresource reads from a custom object. */
export function readScale(obj: unknown, scale: ScaleSubresource): { specReplicas: number; statusReplicas: number; selector: string } {
  const spec = valueAt(obj, scale.specReplicasPath).value;
  const status = valueAt(obj, scale.statusReplicasPath).value;
  const selector = scale.labelSelectorPath ? valueAt(obj, scale.labelSelectorPath).value : '';
  return {
    specReplicas: typeof spec === 'number' ? spec : 0,
    statusReplicas: typeof status === 'number' ? status : 0,
    selector: typeof selector === 'string' ? selector : '',
  };
}
