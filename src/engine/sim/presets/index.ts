import type { Cluster } from '../cluster';
import { defaultPreset } from './default';

export interface Preset {
  /** Create the cluster's machines and its initial objects. */
  build(cluster: Cluster): void;
  /** How long to run the new cluster before handing it over (system pods Running and Ready). */
  settleMs: number;
}

export const presets: Record<string, Preset> = {
  default: defaultPreset,
};
