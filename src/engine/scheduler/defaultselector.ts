import type { Pod } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { type Selector, selectorFromLabelSelector, selectorFromSet } from '../api/labels';
import type { Listers } from './view';

/**
 * helper.DefaultSelector: the labels that the pod's Services select on, plus the selector of the
 * ReplicationController, ReplicaSet or StatefulSet that controls it. System default topology
 * spreading counts the pods this selector matches; an empty result means no default spreading.
 */
/** Workload selectors are parsed once per (immutable) object. */
const parsed = new WeakMap<object, Selector>();

function parse(ls: LabelSelector | undefined): Selector {
  if (!ls) return selectorFromLabelSelector(ls);
  let s = parsed.get(ls);
  if (!s) {
    s = selectorFromLabelSelector(ls);
    parsed.set(ls, s);
  }
  return s;
}

export function defaultSelector(pod: Pod, listers: Listers): Selector {
  const ns = pod.metadata?.namespace ?? '';
  const podLabels = pod.metadata?.labels ?? {};
  let set: Record<string, string> = {};
  for (const svc of listers.servicesIn(ns)) {
    const sel = svc.spec?.selector;
    // A Service with a nil selector selects nothing, not everything.
    if (sel == null) continue;
    if (Object.entries(sel).every(([k, v]) => podLabels[k] === v)) set = { ...set, ...sel };
  }
  let selector = selectorFromSet(set);
  const owner = pod.metadata?.ownerReferences?.find((r) => r.controller);
  if (!owner) return selector;
  try {
    if (owner.apiVersion === 'v1' && owner.kind === 'ReplicationController') {
      const rc = listers.replicationController(ns, owner.name);
      if (rc) selector = selectorFromSet({ ...set, ...(rc.spec?.selector ?? {}) });
    } else if (owner.apiVersion === 'apps/v1' && owner.kind === 'ReplicaSet') {
      const rs = listers.replicaSet(ns, owner.name);
      if (rs) selector = selector.empty() ? parse(rs.spec?.selector) : selector.add(...parse(rs.spec?.selector).requirements);
    } else if (owner.apiVersion === 'apps/v1' && owner.kind === 'StatefulSet') {
      const ss = listers.statefulSet(ns, owner.name);
      if (ss) selector = selector.empty() ? parse(ss.spec?.selector) : selector.add(...parse(ss.spec?.selector).requirements);
    }
  } catch {
    // An invalid owner selector adds nothing, as LabelSelectorAsSelector's error is ignored upstream.
  }
  return selector;
}
