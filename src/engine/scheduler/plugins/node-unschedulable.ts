import type { Node, Pod } from 'kubernetes-types/core/v1';
import { Action } from '../events';
import { PluginName, TaintNodeUnschedulable } from '../names';
import { Hot } from '../nodeinfo';
import { ALWAYS_PASSES, type Plugin } from '../plugin';
import { tolerationsTolerateTaint } from '../taints';
import { unresolvable } from '../status';

export const ErrReasonUnschedulable = 'node(s) were unschedulable';

const UNSCHEDULABLE_TAINT = { key: TaintNodeUnschedulable, effect: 'NoSchedule' as const };

function tolerates(pod: Pod): boolean {
  // A pod that tolerates the unschedulable taint also tolerates spec.unschedulable (DaemonSet pods do).
  return tolerationsTolerateTaint(pod.spec?.tolerations, UNSCHEDULABLE_TAINT);
}

/** NodeUnschedulable: a cordoned node takes no new pods, unless they tolerate it. */
export const nodeUnschedulable: Plugin = {
  name: PluginName.NodeUnschedulable,
  filter(_state, pod, node) {
    if (!node.unschedulable || tolerates(pod.pod)) return undefined;
    return unresolvable(ErrReasonUnschedulable);
  },
  quickFilter(_state, pod) {
    return tolerates(pod.pod) ? ALWAYS_PASSES : (numbers, row) => numbers[row + Hot.unschedulable] === 0;
  },
  events: [
    {
      resource: 'Node',
      actions: Action.Add | Action.UpdateNodeTaint,
      hint: (pod, _old, obj) => !(obj as Node | undefined)?.spec?.unschedulable || tolerates(pod.pod),
    },
    { resource: 'Pod', actions: Action.UpdatePodTolerations, hint: (pod, _old, obj) => (obj as Pod | undefined)?.metadata?.uid === pod.uid && tolerates(obj as Pod) },
  ],
};
