import { Action, UpdateAny } from '../events';
import { PluginName } from '../names';
import type { Plugin } from '../plugin';
import type { StateData } from '../cyclestate';
import { skip, unresolvable, unschedulable } from '../status';

export const ErrReasonReadWriteOncePodConflict = 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';

interface State extends StateData {
  /** Claims (`namespace/name`) with ReadWriteOncePod access that the pod uses. */
  claims: string[];
  conflicts: number;
}

const KEY = `PreFilter${PluginName.VolumeRestrictions}`;

/**
 * VolumeRestrictions: a ReadWriteOncePod claim can be used by one pod in the whole cluster.
 * (The disk-conflict checks for in-tree cloud volumes have nothing to look at here.)
 */
export const volumeRestrictions: Plugin = {
  name: PluginName.VolumeRestrictions,
  preFilter(state, pod, view) {
    const claims: string[] = [];
    for (const v of pod.pod.spec?.volumes ?? []) {
      if (!v.persistentVolumeClaim) continue;
      const name = v.persistentVolumeClaim.claimName;
      const pvc = view.persistentVolumeClaim(pod.namespace, name);
      if (!pvc) return { status: unresolvable(`persistentvolumeclaim "${name}" not found`) };
      if ((pvc.spec?.accessModes ?? []).includes('ReadWriteOncePod')) claims.push(`${pod.namespace}/${name}`);
    }
    let conflicts = 0;
    for (const c of claims) conflicts += view.claimUsers(c);
    if (!conflicts) return { status: skip() };
    const s: State = {
      claims,
      conflicts,
      clone() {
        return { ...(this as State) };
      },
    };
    state.write(KEY, s);
    return undefined;
  },
  addPod(state, _pod, added) {
    const s = state.read<State>(KEY);
    if (!s) return;
    for (const v of added.pod.spec?.volumes ?? []) {
      if (v.persistentVolumeClaim && s.claims.includes(`${added.namespace}/${v.persistentVolumeClaim.claimName}`)) s.conflicts++;
    }
  },
  removePod(state, _pod, removed) {
    const s = state.read<State>(KEY);
    if (!s) return;
    for (const v of removed.pod.spec?.volumes ?? []) {
      if (v.persistentVolumeClaim && s.claims.includes(`${removed.namespace}/${v.persistentVolumeClaim.claimName}`)) s.conflicts--;
    }
  },
  filter(state) {
    const s = state.read<State>(KEY);
    return s && s.conflicts > 0 ? unschedulable(ErrReasonReadWriteOncePodConflict) : undefined;
  },
  events: [
    { resource: 'Pod', actions: Action.Delete, hint: (_pod, old) => !!old },
    { resource: 'PersistentVolumeClaim', actions: Action.Add | UpdateAny },
  ],
};
