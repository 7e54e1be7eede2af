import { StatusError, type StatusReason } from '../../api/status';

/**
 * A failed patch. `message` is the precise text of the failure (what the patch library
 * reports); `code`, `reason` and `statusMessage` are what the API server puts in the `Status`
 * it answers with. They differ on purpose: for a JSON patch that fails to apply, the server
 * answers 422 with only `the server rejected our request due to an error in our request`,
 * and that generic text is what `kubectl patch` shows.
 */
export class PatchError extends Error {
  readonly code: number;
  /** Undefined where the server answers without a reason (an error it did not classify). */
  readonly reason: StatusReason | undefined;
  readonly statusMessage: string;
  /** Set for errors that only arise while computing a patch on the client (kubectl apply). */
  readonly clientKind: 'conflict' | 'precondition' | undefined;

  constructor(
    message: string,
    options: {
      code?: number;
      reason?: StatusReason;
      statusMessage?: string;
      clientKind?: 'conflict' | 'precondition';
    } = {},
  ) {
    super(message);
    this.name = 'PatchError';
    this.code = options.code ?? 500;
    this.reason = options.reason;
    this.statusMessage = options.statusMessage ?? message;
    this.clientKind = options.clientKind;
  }
}

/** The message the API server's generic response carries for a bare 422. */
export const UNPROCESSABLE_MESSAGE = 'the server rejected our request due to an error in our request';

/** A 400 whose Status message is the error text itself (the server's NewBadRequest). */
export const badRequestPatch = (message: string) =>
  new PatchError(message, { code: 400, reason: 'BadRequest' });

/** A 422 whose Status message is the generic text, not the error (NewGenericServerResponse). */
export const unprocessablePatch = (message: string) =>
  new PatchError(message, { code: 422, reason: 'Invalid', statusMessage: UNPROCESSABLE_MESSAGE });

/**
 * An error the server does not classify: it answers 500 with the error text and no reason,
 * which kubectl prints as `Error from server: <text>`.
 */
export const unclassifiedPatch = (message: string) => new PatchError(message);

/**
 * What the API server answers when a patch type is not served for the resource. Custom
 * resources have no strategic-merge metadata, so their endpoints do not accept
 * `application/strategic-merge-patch+json` at all.
 */
export function unsupportedPatchType(
  accepted: readonly string[] = [
    'application/json-patch+json',
    'application/merge-patch+json',
    'application/apply-patch+yaml',
  ],
): PatchError {
  return new PatchError(
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
    { code: 415, reason: 'UnsupportedMediaType' },
  );
}

/** The `Status` the API server would answer with for this patch failure. */
export function toStatusError(err: PatchError): StatusError {
  return new StatusError({
    apiVersion: 'v1',
    kind: 'Status',
    metadata: {},
    status: 'Failure',
    message: err.statusMessage,
    ...(err.reason ? { reason: err.reason } : {}),
    // Only the generic 422 response carries an (empty) details object.
    ...(err.code === 422 ? { details: {} } : {}),
    code: err.code,
  });
}
