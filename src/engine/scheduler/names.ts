/** Plugin names as the scheduler configuration and its logs spell them. */
export const PluginName = {
  SchedulingGates: 'SchedulingGates',
  PrioritySort: 'PrioritySort',
  NodeUnschedulable: 'NodeUnschedulable',
  NodeName: 'NodeName',
  TaintToleration: 'TaintToleration',
  NodeAffinity: 'NodeAffinity',
  NodePorts: 'NodePorts',
  NodeResourcesFit: 'NodeResourcesFit',
  VolumeRestrictions: 'VolumeRestrictions',
  VolumeBinding: 'VolumeBinding',
  PodTopologySpread: 'PodTopologySpread',
  InterPodAffinity: 'InterPodAffinity',
  DefaultPreemption: 'DefaultPreemption',
  NodeResourcesBalancedAllocation: 'NodeResourcesBalancedAllocation',
  ImageLocality: 'ImageLocality',
  DefaultBinder: 'DefaultBinder',
} as const;

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/** Scores run from 0 to 100 (framework.MaxNodeScore). */
export const MAX_NODE_SCORE = 100;

/** Well-known labels the plugins read. */
export const LabelHostname = 'kubernetes.io/hostname';
export const LabelTopologyZone = 'topology.kubernetes.io/zone';
export const LabelTopologyRegion = 'topology.kubernetes.io/region';
export const LabelFailureDomainBetaZone = 'failure-domain.beta.kubernetes.io/zone';
export const LabelFailureDomainBetaRegion = 'failure-domain.beta.kubernetes.io/region';

export const TaintNodeUnschedulable = 'node.kubernetes.io/unschedulable';
