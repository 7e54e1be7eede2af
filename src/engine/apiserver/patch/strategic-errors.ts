import { badRequestPatch, type PatchError, unclassifiedPatch, unprocessablePatch } from './errors';
import { goFormat, goFormatS, goTypeName } from './goformat';

/**
 * The strategic merge patch failures, with the texts and status codes the API server uses.
 * Four malformed-directive errors are 400s, "lists of lists" is a bare 422, and the rest are
 * unclassified (500, shown by kubectl as `Error from server: <text>`).
 */
export const smpErrors = {
  badJsonDoc: (): PatchError => badRequestPatch('invalid JSON document'),
  badPrimitiveList: (): PatchError => badRequestPatch('invalid patch format of primitive list'),
  badRetainKeys: (): PatchError => badRequestPatch('invalid patch format of retainKeys'),
  badSetElementOrder: (): PatchError => badRequestPatch('invalid patch format of setElementOrder list'),
  listOfLists: (): PatchError => unprocessablePatch('lists of lists are not supported'),

  noMergeKey: (m: unknown, key: string): PatchError =>
    unclassifiedPatch(`map: ${goFormat(m)} does not contain declared merge key: ${key}`),
  /** `expected` names the Go type that was wanted: a map or a list. */
  badArgType: (expected: 'map' | 'list', actual: unknown): PatchError =>
    unclassifiedPatch(
      `expected a ${expected === 'map' ? 'map[string]interface {}' : '[]interface {}'}, but received a ${goTypeName(actual)}`,
    ),
  badPatchType: (directive: unknown, m: unknown): PatchError =>
    unclassifiedPatch(`unknown patch type: ${goFormatS(directive)} in map: ${goFormat(m)}`),
  mergeDirectiveInList: (): PatchError => unclassifiedPatch('merging lists cannot yet be specified in the patch'),
  noMergeKeyDeclared: (): PatchError => unclassifiedPatch('cannot merge lists without merge key for struct'),
  elementTypesDiffer: (lists: readonly unknown[]): PatchError =>
    unclassifiedPatch(`list element types are not identical: ${goFormat(lists)}`),
  noElements: (): PatchError => unclassifiedPatch('no elements in any of the given slices'),
  notAMap: (index: number): PatchError => unclassifiedPatch(`value for key ${index} is not a map`),
  orderMismatch: (patchList: unknown, order: unknown): PatchError =>
    unclassifiedPatch(
      `The order in patch list:\n${goFormat(patchList)}\n doesn't match $setElementOrder list:\n${goFormat(order)}\n`,
    ),
  invalidDirectiveValue: (): PatchError => unclassifiedPatch('invalid value for special key: $patch'),
  retainKeysDiffer: (a: unknown, b: unknown): PatchError =>
    unclassifiedPatch(
      `${goFormat(a)} and ${goFormat(b)} are not deep equal: this may happen when calculating the 3-way diff patch`,
    ),
};
