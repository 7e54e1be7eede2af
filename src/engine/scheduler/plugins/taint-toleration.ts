import type { Node, Pod, Toleration } from 'kubernetes-types/core/v1';
import type { StateData } from '../cyclestate';
import { Action } from '../events';
import { MAX_NODE_SCORE, PluginName } from '../names';
import { Hot } from '../nodeinfo';
import { defaultNormalizeScore, type Plugin, type QuickPass } from '../plugin';
import { doNotScheduleTaint, findUntoleratedTaint, tolerationsTolerateTaint } from '../taints';
import { unresolvable } from '../status';

interface PreScoreState extends StateData {
  tolerationsPreferNoSchedule: Toleration[];
}

const KEY = `PreScore${PluginName.TaintToleration}`;

/** The reason names the first taint the pod does not tolerate, with its value. */
export function untoleratedTaintReason(key: string, value: string | undefined): string {
  return `node(s) had untolerated taint {${key}: ${value ?? ''}}`;
}

function untolerated(node: Node | undefined, pod: Pod) {
  return findUntoleratedTaint(node?.spec?.taints, pod.spec?.tolerations, doNotScheduleTaint);
}

const untainted: QuickPass = (numbers, row) => numbers[row + Hot.numTaints] === 0;

/**
 * TaintToleration: NoSchedule and NoExecute taints keep out pods that do not tolerate them;
 * PreferNoSchedule taints only lower a node's score.
 */
export const taintToleration: Plugin = {
  name: PluginName.TaintToleration,
  filter(_state, pod, node) {
    if (!node.numTaints) return undefined;
    const taint = findUntoleratedTaint(node.taints, pod.pod.spec?.tolerations, doNotScheduleTaint);
    if (!taint) return undefined;
    return unresolvable(untoleratedTaintReason(taint.key, taint.value));
  },
  quickFilter() {
    return untainted;
  },
  preScore(state, pod) {
    const tolerations = (pod.pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    state.write(KEY, { tolerationsPreferNoSchedule: tolerations } as PreScoreState);
    return undefined;
  },
  score(state, _pod, nodes, _view, out) {
    const tolerations = state.read<PreScoreState>(KEY)?.tolerationsPreferNoSchedule ?? [];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      let count = 0;
      if (node.numTaints) {
        for (const taint of node.taints) {
          if (taint.effect !== 'PreferNoSchedule') continue;
          if (!tolerationsTolerateTaint(tolerations, taint)) count++;
        }
      }
      out[i] = count;
    }
  },
  normalizeScore(_state, _pod, scores) {
    defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
  },
  events: [
    {
      resource: 'Node',
      actions: Action.Add | Action.UpdateNodeTaint,
      hint: (pod, old, obj) => {
        const wasUntolerated = old !== undefined && untolerated(old as Node, pod.pod) !== undefined;
        const isUntolerated = untolerated(obj as Node | undefined, pod.pod) !== undefined;
        return (old === undefined || wasUntolerated) && !isUntolerated;
      },
    },
    { resource: 'Pod', actions: Action.UpdatePodTolerations, hint: (pod, _old, obj) => (obj as Pod | undefined)?.metadata?.uid === pod.uid },
  ],
};
