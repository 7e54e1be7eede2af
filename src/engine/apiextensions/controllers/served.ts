import type { ApiServer } from '../../apiserver/apiserver';

/**
 * Discovery changes, for controllers that act on custom kinds: when a custom resource starts or
 * stops being served, listeners hear of it (and, like informer handlers, only enqueue work).
 */
const listeners = new WeakMap<ApiServer, Set<() => void>>();

export function onServedResourcesChange(api: ApiServer, listener: () => void): void {
  let set = listeners.get(api);
  if (!set) {
    set = new Set();
    listeners.set(api, set);
  }
  set.add(listener);
}

export function servedResourcesChanged(api: ApiServer): void {
  for (const l of listeners.get(api) ?? []) l();
}
