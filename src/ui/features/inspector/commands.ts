import type { Selection } from '../../state/ui';

/** The kubectl word for a kind (`Deployment` → `deployment`), as a learner would type it. */
function word(s: Selection): string {
  return s.kind.toLowerCase();
}

function nsFlag(s: Selection): string {
  return s.namespace ? ` -n ${s.namespace}` : '';
}

/** The commands the inspector runs, shown to the learner as typed. */
export function describeCommand(s: Selection): string {
  return `kubectl describe ${word(s)} ${s.name}${nsFlag(s)}`;
}

export function yamlCommand(s: Selection): string {
  return `kubectl get ${word(s)} ${s.name}${nsFlag(s)} -o yaml`;
}
