import type { Status, StatusCause } from 'kubernetes-types/meta/v1';

/** The reasons Kubernetes puts in a failed Status (metav1.StatusReason). */
export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'Forbidden'
  | 'BadRequest'
  | 'TooManyRequests'
  | 'MethodNotAllowed'
  | 'Gone'
  | 'Expired'
  | 'InternalError'
  | 'Timeout'
  | 'NotAcceptable'
  | 'UnsupportedMediaType'
  | 'RequestEntityTooLarge';

/** An API error carrying the `Status` object a real API server would answer with. */
export class StatusError extends Error {
  readonly status: Status;
  constructor(status: Status) {
    super(status.message ?? status.reason ?? 'error');
    this.name = 'StatusError';
    this.status = status;
  }
  get reason(): StatusReason {
    return this.status.reason as StatusReason;
  }
  get code(): number {
    return this.status.code ?? 500;
  }
}

export function isStatusError(e: unknown, reason?: StatusReason): e is StatusError {
  return e instanceof StatusError && (reason === undefined || e.reason === reason);
}

function failure(
  reason: StatusReason,
  code: number,
  message: string,
  details?: Status['details'],
): StatusError {
  return new StatusError({
    apiVersion: 'v1',
    kind: 'Status',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    details,
    code,
  });
}

/**
 * `qualified` is the resource as the server names it in messages: `pods`,
 * `deployments.apps`, `poddisruptionbudgets.policy`.
 */
export const notFound = (qualified: string, name: string, group = '', kind = '') =>
  failure('NotFound', 404, `${qualified} "${name}" not found`, {
    name,
    group: group || undefined,
    kind: kind || qualified.split('.')[0],
  });

export const alreadyExists = (qualified: string, name: string, group = '', kind = '') =>
  failure('AlreadyExists', 409, `${qualified} "${name}" already exists`, {
    name,
    group: group || undefined,
    kind: kind || qualified.split('.')[0],
  });

export const conflict = (qualified: string, name: string, why: string, group = '') =>
  failure('Conflict', 409, `Operation cannot be fulfilled on ${qualified} "${name}": ${why}`, {
    name,
    group: group || undefined,
    kind: qualified.split('.')[0],
  });

export const staleConflict = (qualified: string, name: string, group = '') =>
  conflict(
    qualified,
    name,
    'the object has been modified; please apply your changes to the latest version and try again',
    group,
  );

/** One field problem, as in apimachinery's field.Error. */
export interface FieldError {
  type:
    | 'FieldValueRequired'
    | 'FieldValueInvalid'
    | 'FieldValueNotSupported'
    | 'FieldValueDuplicate'
    | 'FieldValueForbidden'
    | 'FieldValueTooLong'
    | 'FieldValueTooMany'
    | 'FieldValueTypeInvalid'
    | 'InternalError';
  field: string;
  /** The whole text after `field: `, e.g. `Required value` or `Invalid value: "x": must be ...`. */
  detail: string;
}

export const fieldError = {
  required: (field: string, detail = ''): FieldError => ({
    type: 'FieldValueRequired',
    field,
    detail: detail ? `Required value: ${detail}` : 'Required value',
  }),
  invalid: (field: string, value: unknown, detail: string): FieldError => ({
    type: 'FieldValueInvalid',
    field,
    detail: `Invalid value: ${formatValue(value)}${detail ? `: ${detail}` : ''}`,
  }),
  notSupported: (field: string, value: unknown, valid: string[]): FieldError => ({
    type: 'FieldValueNotSupported',
    field,
    detail: `Unsupported value: ${formatValue(value)}${
      valid.length ? `: supported values: ${valid.map((v) => `"${v}"`).join(', ')}` : ''
    }`,
  }),
  duplicate: (field: string, value: unknown): FieldError => ({
    type: 'FieldValueDuplicate',
    field,
    detail: `Duplicate value: ${formatValue(value)}`,
  }),
  forbidden: (field: string, detail: string): FieldError => ({
    type: 'FieldValueForbidden',
    field,
    detail: `Forbidden: ${detail}`,
  }),
  tooLong: (field: string, max: number): FieldError => ({
    type: 'FieldValueTooLong',
    field,
    detail: `Too long: may not be more than ${max} bytes`,
  }),
};

/** How apimachinery prints a bad value inside a field error. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[]${typeof value[0] === 'string' ? 'string' : 'interface {}'}{${value.map((v) => (typeof v === 'string' ? JSON.stringify(v) : String(v))).join(', ')}}`;
  return JSON.stringify(value);
}

/**
 * As apimachinery's NewInvalid: message `Deployment.apps "web" is invalid: spec.selector: Required value`
 * (several causes: `[a, b]`); kubectl rewords it from details as `The Deployment "web" is invalid: …`.
 */
export function invalid(kind: string, name: string, errors: FieldError[], group = ''): StatusError {
  const text = errors.map((e) => `${e.field}: ${e.detail}`);
  const summary = text.length === 1 ? text[0] : `[${text.join(', ')}]`;
  const causes: StatusCause[] = errors.map((e) => ({
    reason: e.type,
    message: e.detail,
    field: e.field,
  }));
  return failure('Invalid', 422, `${group ? `${kind}.${group}` : kind} "${name}" is invalid: ${summary}`, {
    name,
    group: group || undefined,
    kind,
    causes,
  });
}

export const forbidden = (message: string) => failure('Forbidden', 403, message);
export const badRequest = (message: string) => failure('BadRequest', 400, message);
export const methodNotAllowed = (message: string) => failure('MethodNotAllowed', 405, message);
export const gone = (message: string) => failure('Expired', 410, message);
export const internalError = (message: string) => failure('InternalError', 500, message);
export const tooManyRequests = (message: string, causes?: StatusCause[]) =>
  failure('TooManyRequests', 429, message, causes ? { causes } : undefined);
