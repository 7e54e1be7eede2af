import type { ControllerRevision, DaemonSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { Selector } from '../../api/labels';
import { conflict, isStatusError } from '../../api/status';
import { clone, type Stored } from '../../api/types';
import { templateHash } from '../../api/names';
import type { ApiServer } from '../../apiserver/apiserver';
import type { Informer } from '../informer';
import {
  maxRevision,
  REVISION_HASH_LABEL,
  revisionData,
  revisionMatches,
  sortRevisions,
} from '../controllerutil/history';
import { orphansIn, ownedBy } from '../controllerutil/indexes';
import { controllerRef } from '../controllerutil/ownerref';
import { claim } from '../controllerutil/refmanager';

export const DAEMONSET_KIND = { apiVersion: 'apps/v1', kind: 'DaemonSet' };
type Revision = Stored<ControllerRevision>;

/**
 * constructHistory: the DaemonSet's ControllerRevisions split into the one holding the current
 * template (created, named `<ds>-<hash>`, when missing; renumbered to be the newest when an old
 * template came back) and the old ones.
 */
export function constructHistory(
  api: ApiServer,
  revisions: Informer<ControllerRevision>,
  ds: Stored<DaemonSet>,
  selector: Selector,
): { cur: Revision; old: Revision[] } {
  const ns = ds.metadata.namespace ?? '';
  const all = claim(
    {
      api,
      resource: 'apps/controllerrevisions',
      ownerResource: 'apps/daemonsets',
      owner: ds,
      kind: DAEMONSET_KIND,
      selector,
    },
    ownedBy(revisions, ds.metadata.uid),
    orphansIn(revisions, ns),
  );
  const current: Revision[] = [];
  const old: Revision[] = [];
  for (let rev of all) {
    if (!rev.metadata.labels?.[REVISION_HASH_LABEL]) {
      // Older revisions may lack the label; the name then stands for the hash.
      const next = clone(rev);
      next.metadata.labels = { ...(rev.metadata.labels ?? {}), [REVISION_HASH_LABEL]: rev.metadata.name };
      rev = api.update<ControllerRevision>('apps/controllerrevisions', ns, next);
    }
    if (revisionMatches(rev, ds.spec?.template)) current.push(rev);
    else old.push(rev);
  }
  const next = maxRevision(old) + 1;
  if (current.length === 0) return { cur: snapshot(api, ds, next), old };
  sortRevisions(current);
  const cur = current[current.length - 1];
  // Duplicates of the current revision are dropped, keeping the newest.
  for (const dup of current.slice(0, -1)) {
    try {
      api.delete('apps/controllerrevisions', ns, dup.metadata.name);
    } catch (e) {
      if (!isStatusError(e, 'NotFound')) throw e;
    }
  }
  if (cur.revision < next) {
    return { cur: api.update<ControllerRevision>('apps/controllerrevisions', ns, { ...clone(cur), revision: next }), old };
  }
  return { cur, old };
}

function snapshot(api: ApiServer, ds: Stored<DaemonSet>, revision: number): Revision {
  const ns = ds.metadata.namespace ?? '';
  const hash = templateHash(ds.spec?.template, ds.status?.collisionCount);
  const name = `${ds.metadata.name}-${hash}`;
  const cr: ControllerRevision = {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name,
      namespace: ns,
      labels: { ...(ds.spec?.template?.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash },
      ownerReferences: [controllerRef(ds, DAEMONSET_KIND)],
    },
    data: revisionData(ds.spec?.template),
    revision,
  };
  if (ds.metadata.annotations) (cr.metadata as { annotations?: Record<string, string> }).annotations = { ...ds.metadata.annotations };
  try {
    return api.create<ControllerRevision>('apps/controllerrevisions', ns, cr);
  } catch (e) {
    if (!isStatusError(e, 'AlreadyExists')) throw e;
    const existing = api.get<ControllerRevision>('apps/controllerrevisions', ns, name);
    if (revisionMatches(existing, ds.spec?.template)) return existing;
    // A hash collision: bump collisionCount so that the next sync computes another name.
    const collisionCount = (ds.status?.collisionCount ?? 0) + 1;
    api.updateStatus('apps/daemonsets', ns, { ...ds, status: { ...ds.status, collisionCount } } as DaemonSet);
    throw conflict('daemonsets.apps', ds.metadata.name, `found a hash collision for DaemonSet - bumping collisionCount to ${collisionCount}`, 'apps');
  }
}

/**
 * cleanupHistory: keep revisionHistoryLimit old revisions, never deleting one that a live pod
 * still carries, oldest first.
 */
export function cleanupHistory(api: ApiServer, ds: Stored<DaemonSet>, old: Revision[], pods: readonly Pod[]): void {
  const limit = ds.spec?.revisionHistoryLimit ?? 10;
  let toKill = old.length - limit;
  if (toKill <= 0) return;
  const live = new Set<string>();
  for (const p of pods) {
    const h = p.metadata?.labels?.[REVISION_HASH_LABEL];
    if (h) live.add(h);
  }
  for (const rev of sortRevisions([...old])) {
    if (toKill <= 0) break;
    if (live.has(rev.metadata.labels?.[REVISION_HASH_LABEL] ?? '')) continue;
    try {
      api.delete('apps/controllerrevisions', rev.metadata.namespace ?? '', rev.metadata.name);
    } catch (e) {
      if (!isStatusError(e, 'NotFound')) throw e;
    }
    toKill--;
  }
}
