import { PluginName } from '../names';
import type { Plugin } from '../plugin';
import { balancedAllocation } from './balanced-allocation';
import { imageLocality } from './image-locality';
import { interPodAffinity } from './inter-pod-affinity';
import { nodeAffinity } from './node-affinity';
import { nodeName } from './node-name';
import { nodePorts } from './node-ports';
import { nodeResourcesFit } from './node-resources-fit';
import { nodeUnschedulable } from './node-unschedulable';
import { podTopologySpread } from './pod-topology-spread';
import { taintToleration } from './taint-toleration';
import { volumeBinding } from './volume-binding';
import { volumeRestrictions } from './volume-restrictions';

/**
 * The default profile's plugins in the order v1.32 runs them at each extension point
 * (getDefaultPlugins' MultiPoint list; queue sort, preemption and binding live in the framework).
 */
export const defaultPlugins: readonly Plugin[] = [
  nodeUnschedulable,
  nodeName,
  taintToleration,
  nodeAffinity,
  nodePorts,
  nodeResourcesFit,
  volumeRestrictions,
  volumeBinding,
  podTopologySpread,
  interPodAffinity,
  balancedAllocation,
  imageLocality,
];

/** Score weights of the default profile. */
export const defaultWeights: Readonly<Record<string, number>> = {
  [PluginName.TaintToleration]: 3,
  [PluginName.NodeAffinity]: 2,
  [PluginName.NodeResourcesFit]: 1,
  [PluginName.PodTopologySpread]: 2,
  [PluginName.InterPodAffinity]: 2,
  [PluginName.NodeResourcesBalancedAllocation]: 1,
  [PluginName.ImageLocality]: 1,
};
