import { stringify } from 'yaml';
import { PatchError } from './errors';
import { goFormat } from './goformat';
import { isJsonObject, type JsonObject } from './value';

/**
 * Checks kubectl runs on a computed patch before sending it, and the client-side errors of
 * three-way patches. kubectl apply refuses a patch that would change `apiVersion`, `kind` or
 * `metadata.name` (it reports "At least one of apiVersion, kind and name was changed").
 */
export type PatchPrecondition = (patch: JsonObject) => boolean;

/** Fails when the patch sets top-level `key`. */
export const requireKeyUnchanged =
  (key: string): PatchPrecondition =>
  (patch) =>
    !Object.hasOwn(patch, key);

/** Fails when the patch sets `metadata.<key>`. */
export const requireMetadataKeyUnchanged =
  (key: string): PatchPrecondition =>
  (patch) =>
    !isJsonObject(patch.metadata) || !Object.hasOwn(patch.metadata, key);

/** The preconditions kubectl apply uses. */
export const applyPreconditions: readonly PatchPrecondition[] = [
  requireKeyUnchanged('apiVersion'),
  requireKeyUnchanged('kind'),
  requireMetadataKeyUnchanged('name'),
];

export function checkPreconditions(patch: JsonObject, preconditions: readonly PatchPrecondition[] = []): void {
  for (const ok of preconditions) {
    if (!ok(patch)) {
      throw new PatchError(`precondition failed for: ${goFormat(patch)}`, { clientKind: 'precondition' });
    }
  }
}

/** Two halves of a three-way patch disagree about a field. */
export function conflictError(patch: JsonObject, changes: JsonObject): PatchError {
  return new PatchError(
    `patch:\n${toYaml(patch)}\nconflicts with changes made from original to current:\n${toYaml(changes)}\n`,
    { clientKind: 'conflict', code: 409, reason: 'Conflict' },
  );
}

function toYaml(value: JsonObject): string {
  return stringify(value, { sortMapEntries: true, indentSeq: false });
}
