import type { Pod, Toleration } from 'kubernetes-types/core/v1';
import type { AdmissionPlugin } from './types';

/** 300 s: how long pods stay bound to a node that went NotReady or unreachable. */
export const DEFAULT_TOLERATION_SECONDS = 300;

const TAINTS = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];

function tolerates(tolerations: Toleration[], key: string): boolean {
  return tolerations.some(
    (t) => (t.effect === 'NoExecute' || !t.effect) && (t.operator === 'Exists' ? !t.key || t.key === key : t.key === key),
  );
}

/** DefaultTolerationSeconds: every pod tolerates a lost node for 300 s unless it says otherwise. */
export const defaultTolerationSecondsAdmission: AdmissionPlugin = {
  name: 'DefaultTolerationSeconds',
  admit(req) {
    if (req.operation !== 'CREATE' || req.resource.kind !== 'Pod' || req.subresource) return;
    const spec = (req.object as Pod).spec;
    if (!spec) return;
    const tolerations = [...(spec.tolerations ?? [])];
    for (const key of TAINTS) {
      if (!tolerates(tolerations, key)) {
        tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
      }
    }
    spec.tolerations = tolerations;
  },
};
