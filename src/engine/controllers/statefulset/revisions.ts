import type { ControllerRevision, StatefulSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { isStatusError } from '../../api/status';
import { clone, type Stored } from '../../api/types';
import { templateHash } from '../../api/names';
import type { ApiServer } from '../../apiserver/apiserver';
import { revisionData, revisionMatches, revisionTemplate, sortRevisions } from '../controllerutil/history';
import { controllerRef } from '../controllerutil/ownerref';
import { semanticEqual } from '../controllerutil/status';
import { podRevision, STATEFULSET_KIND } from './identity';

type Revision = Stored<ControllerRevision>;
/** The hash label history.NewControllerRevision puts on StatefulSet revisions. */
export const HISTORY_HASH_LABEL = 'controller.kubernetes.io/hash';

/** ApplyRevision: the set as it was at a revision (its template put back). */
export function applyRevision(set: Stored<StatefulSet>, rev: ControllerRevision): Stored<StatefulSet> {
  const out = clone(set);
  out.spec = { ...out.spec, template: revisionTemplate(rev) } as StatefulSet['spec'];
  return out;
}

const equalRevision = (a: ControllerRevision, b: ControllerRevision) => semanticEqual(a.data, b.data);

/**
 * getStatefulSetRevisions: the current revision (status.currentRevision, or the update revision
 * when there is none yet) and the update revision (the set's template: the newest revision when
 * it matches, an older matching one renumbered as a rollback does, or a new `<set>-<hash>`).
 */
export function statefulSetRevisions(
  api: ApiServer,
  set: Stored<StatefulSet>,
  revisions: Revision[],
): { current: Revision; update: Revision; collisionCount: number } {
  sortRevisions(revisions);
  let collisionCount = set.status?.collisionCount ?? 0;
  const nextNumber = revisions.length ? revisions[revisions.length - 1].revision + 1 : 1;
  const equal = revisions.filter((r) => revisionMatches(r, set.spec?.template));
  let update: Revision;
  if (equal.length && equalRevision(revisions[revisions.length - 1], equal[equal.length - 1])) {
    update = revisions[revisions.length - 1];
  } else if (equal.length) {
    const old = equal[equal.length - 1];
    update = api.update<ControllerRevision>('apps/controllerrevisions', old.metadata.namespace ?? '', { ...clone(old), revision: nextNumber });
  } else {
    const created = createRevision(api, set, nextNumber, collisionCount);
    update = created.revision;
    collisionCount = created.collisionCount;
  }
  const current = revisions.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
  return { current, update, collisionCount };
}

function createRevision(api: ApiServer, set: Stored<StatefulSet>, revision: number, start: number): { revision: Revision; collisionCount: number } {
  const ns = set.metadata.namespace ?? '';
  const data = revisionData(set.spec?.template);
  let collisionCount = start;
  const firstHash = templateHash(data, collisionCount);
  for (;;) {
    const hash = templateHash(data, collisionCount);
    const cr: ControllerRevision = {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name: `${set.metadata.name}-${hash}`,
        namespace: ns,
        labels: { ...(set.spec?.template?.metadata?.labels ?? {}), [HISTORY_HASH_LABEL]: firstHash },
        ownerReferences: [controllerRef(set, STATEFULSET_KIND)],
        ...(set.metadata.annotations ? { annotations: { ...set.metadata.annotations } } : {}),
      },
      data,
      revision,
    };
    try {
      return { revision: api.create<ControllerRevision>('apps/controllerrevisions', ns, cr), collisionCount };
    } catch (e) {
      if (!isStatusError(e, 'AlreadyExists')) throw e;
      const existing = api.get<ControllerRevision>('apps/controllerrevisions', ns, cr.metadata?.name ?? '');
      if (semanticEqual(existing.data, data)) return { revision: existing, collisionCount };
      collisionCount++;
    }
  }
}

/**
 * truncateHistory: delete the oldest revisions that no pod, nor the current or update
 * revision, uses, keeping revisionHistoryLimit of them.
 */
export function truncateHistory(api: ApiServer, set: StatefulSet, pods: readonly Pod[], revisions: Revision[], live: string[]): void {
  const keep = new Set(live);
  for (const p of pods) keep.add(podRevision(p));
  const history = sortRevisions(revisions.filter((r) => !keep.has(r.metadata.name)));
  const limit = set.spec?.revisionHistoryLimit ?? 10;
  if (history.length <= limit) return;
  for (const r of history.slice(0, history.length - limit)) {
    try {
      api.delete('apps/controllerrevisions', r.metadata.namespace ?? '', r.metadata.name);
    } catch (e) {
      if (!isStatusError(e, 'NotFound')) throw e;
    }
  }
}
