import { parseDocument } from 'yaml';

/** The object the editor is editing in place (its Save replaces it), as kubectl names it. */
export interface LiveTarget {
  kind: string;
  name: string;
  namespace?: string;
}

/** The kubectl command that reads the object being edited. */
export function liveGetCommand(t: LiveTarget): string {
  return `kubectl get ${t.kind.toLowerCase()} ${t.name}${t.namespace ? ` -n ${t.namespace}` : ''} -o yaml`;
}

export const REPLACE = 'kubectl replace -f -';
export const DIFF = 'kubectl diff -f -';

/**
 * The object as a learner edits it: what the cluster keeps for itself (managedFields, status) is
 * left out; resourceVersion stays, so a save after someone else's change is refused as a Conflict
 * instead of silently undoing it.
 */
export function editableYaml(text: string): string {
  const doc = parseDocument(text);
  if (doc.errors.length) return text;
  doc.deleteIn(['metadata', 'managedFields']);
  doc.delete('status');
  return doc.toString({ lineWidth: 0 });
}

/** A save that lost to a newer version of the object (HTTP 409 from the API server). */
export function isConflict(stderr: string): boolean {
  return /\(Conflict\)|the object has been modified/.test(stderr);
}

/** kubectl diff's exit status: 0 nothing would change, 1 differences shown, more: it failed. */
export function diffResult(exitCode: number): 'same' | 'different' | 'error' {
  return exitCode === 0 ? 'same' : exitCode === 1 ? 'different' : 'error';
}
