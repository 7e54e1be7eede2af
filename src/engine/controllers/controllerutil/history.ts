import type { ControllerRevision } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { clone, type Stored } from '../../api/types';
import { deepEqual } from './status';

/** The label that ties pods (and revisions) to a ControllerRevision: `controller-revision-hash`. */
export const REVISION_HASH_LABEL = 'controller-revision-hash';

/**
 * The data a DaemonSet or StatefulSet keeps in a ControllerRevision: a strategic merge patch
 * that puts the template back (`{"spec":{"template":{…,"$patch":"replace"}}}`).
 */
export function revisionData(template: PodTemplateSpec | undefined): Record<string, unknown> {
  return { spec: { template: { ...clone(template ?? {}), $patch: 'replace' } } };
}

/** The template a revision holds. */
export function revisionTemplate(cr: ControllerRevision): PodTemplateSpec {
  const data = cr.data as { spec?: { template?: PodTemplateSpec & { $patch?: string } } } | undefined;
  const { $patch: _, ...template } = data?.spec?.template ?? {};
  return template as PodTemplateSpec;
}

/** Whether a revision holds this template (upstream compares the serialized patches). */
export function revisionMatches(cr: ControllerRevision, template: PodTemplateSpec | undefined): boolean {
  return deepEqual(cr.data, revisionData(template));
}

/** history.SortControllerRevisions: by revision number, then creation time, then name. */
export function sortRevisions<T extends Stored<ControllerRevision>>(revs: T[]): T[] {
  return revs.sort(
    (a, b) =>
      a.revision - b.revision ||
      a.metadata.creationTimestamp.localeCompare(b.metadata.creationTimestamp) ||
      a.metadata.name.localeCompare(b.metadata.name),
  );
}

export function maxRevision(revs: readonly ControllerRevision[]): number {
  let max = 0;
  for (const r of revs) if (r.revision > max) max = r.revision;
  return max;
}
