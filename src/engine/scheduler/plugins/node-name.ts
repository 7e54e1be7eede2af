import type { Node } from 'kubernetes-types/core/v1';
import { Action } from '../events';
import { PluginName } from '../names';
import { ALWAYS_PASSES, type Plugin } from '../plugin';
import { unresolvable } from '../status';

export const ErrReasonNodeName = "node(s) didn't match the requested node name";

/** NodeName: a pod that names its node fits only there. */
export const nodeName: Plugin = {
  name: PluginName.NodeName,
  filter(_state, pod, node) {
    const want = pod.pod.spec?.nodeName;
    if (!want || want === node.name) return undefined;
    return unresolvable(ErrReasonNodeName);
  },
  quickFilter(_state, pod) {
    return pod.pod.spec?.nodeName ? undefined : ALWAYS_PASSES;
  },
  events: [
    {
      resource: 'Node',
      actions: Action.Add,
      hint: (pod, _old, obj) => !pod.pod.spec?.nodeName || pod.pod.spec.nodeName === (obj as Node | undefined)?.metadata?.name,
    },
  ],
};
