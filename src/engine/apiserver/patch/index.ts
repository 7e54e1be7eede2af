/**
 * Patching, as the API server and kubectl do it.
 *
 * Server side (PATCH by content type):
 * - `application/json-patch+json`: `jsonPatch(object, ops)`
 * - `application/merge-patch+json`: `checkMergePatchBody(patch)`, then `mergePatch(object, patch)`
 * - `application/strategic-merge-patch+json`: `schemaFor(apiVersion, kind)`; undefined (a custom
 *   resource) is answered with `unsupportedPatchType()` (415), else `strategicMergePatch(object, patch, schema)`
 * Failures are `PatchError`s; `toStatusError` gives the `Status` the server answers with.
 *
 * Client side (kubectl): `createTwoWayMergePatch` (edit, label, set ...), `createThreeWayMergePatch`
 * (apply, with `applyPreconditions`), `createThreeWayJsonMergePatch` (apply to custom resources),
 * `createMergePatch` (`--type merge` diffs).
 */
export {
  PatchError,
  toStatusError,
  UNPROCESSABLE_MESSAGE,
  unsupportedPatchType,
} from './errors';
export { jsonPatch, MAX_JSON_PATCH_OPERATIONS } from './json';
export { checkMergePatchBody, createMergePatch, mergePatch } from './merge';
export {
  EMPTY_SCHEMA,
  type FieldPatchMeta,
  type FieldSpec,
  type PatchSchema,
  schemaFromTable,
  type TypeTable,
} from './meta';
export {
  applyPreconditions,
  type PatchPrecondition,
  requireKeyUnchanged,
  requireMetadataKeyUnchanged,
} from './preconditions';
export { builtinPatchTypes, schemaFor } from './schema';
export {
  createThreeWayMergePatch,
  createTwoWayMergePatch,
  strategicMergePatch,
} from './strategic';
export { createThreeWayJsonMergePatch } from './three-way-json';
export type { JsonObject, JsonValue } from './value';
