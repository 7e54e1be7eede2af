import type { Cluster } from '../cluster';
import { metricsServerAddon } from './metrics-server';
import { ingressNginx } from './ingress-nginx';

/**
 * An add-on is something a learner installs into a fresh cluster the way they would on kind
 * (`kubectl apply -f` of a project's manifests): metrics-server, an ingress controller …
 *
 * An add-on only creates API objects. Any behaviour behind it (serving metrics, routing ingress
 * traffic) is installed with the control plane and keys off those objects, so a snapshot of the
 * API state is the whole truth and a restored sandbox behaves the same.
 */
export interface Addon {
  name: string;
  /** One line for `sim addon list`. */
  summary: string;
  /** Whether its objects are already in the cluster. */
  installed(cluster: Cluster): boolean;
  /** Create its objects; returns what `kubectl apply` would have printed, one line per object. */
  install(cluster: Cluster): string[];
}

/** Every add-on, by name. Each lives in its own file in this folder and is listed here. */
export const addons: Addon[] = [metricsServerAddon, ingressNginx];

export function findAddon(name: string): Addon | undefined {
  return addons.find((a) => a.name === name);
}
