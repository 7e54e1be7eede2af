import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { StateData } from '../cyclestate';
import { Action } from '../events';
import { MAX_NODE_SCORE, PluginName } from '../names';
import { PreferredSchedulingTerms, RequiredNodeAffinity } from '../nodeselector';
import { defaultNormalizeScore, type Plugin } from '../plugin';
import { skip, unresolvable } from '../status';

export const ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";
export const ErrReasonConflict = 'pod affinity terms conflict';

interface FilterState extends StateData {
  required: RequiredNodeAffinity;
}
interface ScoreState extends StateData {
  preferred: PreferredSchedulingTerms;
}

const FILTER_KEY = `PreFilter${PluginName.NodeAffinity}`;
const SCORE_KEY = `PreScore${PluginName.NodeAffinity}`;

function nodeView(node: Node) {
  return { name: node.metadata?.name ?? '', labels: node.metadata?.labels ?? {} };
}

/**
 * The node names a pod pins itself to with `matchFields: metadata.name In [...]` (as DaemonSet
 * pods do), or undefined when some term leaves every node possible.
 */
export function pinnedNodeNames(pod: Pod): Set<string> | undefined {
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  if (!terms.length) return undefined;
  let names: Set<string> | undefined;
  for (const t of terms) {
    let termNames: Set<string> | undefined;
    for (const r of t.matchFields ?? []) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      const s = new Set(r.values ?? []);
      // Requirements of one term are ANDed: intersect.
      termNames = termNames ? new Set([...termNames].filter((n) => s.has(n))) : s;
    }
    // A term without a name requirement admits every node; the terms are ORed.
    if (!termNames) return undefined;
    names = names ? new Set([...names, ...termNames]) : termNames;
  }
  return names;
}

/**
 * NodeAffinity: spec.nodeSelector and required node affinity filter nodes; preferred node
 * affinity adds the weights of the terms a node matches to its score.
 */
export const nodeAffinity: Plugin = {
  name: PluginName.NodeAffinity,
  preFilter(state, pod) {
    const required = new RequiredNodeAffinity(pod.pod);
    const hasRequiredAffinity = !!pod.pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (required.empty && !hasRequiredAffinity && !pod.pod.spec?.nodeSelector) return { status: skip() };
    state.write(FILTER_KEY, { required } as FilterState);
    const names = pinnedNodeNames(pod.pod);
    if (names && names.size === 0) return { status: unresolvable(ErrReasonConflict) };
    return names ? { nodeNames: names } : undefined;
  },
  filter(state, pod, node) {
    const required = state.read<FilterState>(FILTER_KEY)?.required ?? new RequiredNodeAffinity(pod.pod);
    return required.matches(node) ? undefined : unresolvable(ErrReasonPod);
  },
  preScore(state, pod) {
    const terms = pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    if (!terms.length) return skip();
    state.write(SCORE_KEY, { preferred: new PreferredSchedulingTerms(terms) } as ScoreState);
    return undefined;
  },
  score(state, _pod, nodes, _view, out) {
    const preferred = state.read<ScoreState>(SCORE_KEY)?.preferred;
    for (let i = 0; i < nodes.length; i++) out[i] = preferred?.score(nodes[i]) ?? 0;
  },
  normalizeScore(_state, _pod, scores) {
    defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
  },
  events: [
    {
      resource: 'Node',
      actions: Action.Add | Action.UpdateNodeLabel,
      hint: (pod, old, obj) => {
        const required = new RequiredNodeAffinity(pod.pod);
        if (!obj || !required.matches(nodeView(obj as Node))) return false;
        // An update queues the pod only when the node did not match before.
        return old === undefined || !required.matches(nodeView(old as Node));
      },
    },
  ],
};
