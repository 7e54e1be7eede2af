import type { CRD, CRDCondition } from './types';

/** The condition types a CustomResourceDefinition's status carries. */
export type ConditionType = 'Established' | 'NamesAccepted' | 'Terminating' | 'NonStructuralSchema' | 'KubernetesAPIApprovalPolicyConformant';

export function findCondition(crd: CRD, type: ConditionType): CRDCondition | undefined {
  return (crd.status?.conditions ?? []).find((c) => c.type === type);
}

export function isConditionTrue(crd: CRD, type: ConditionType): boolean {
  return findCondition(crd, type)?.status === 'True';
}

/**
 * As the API server's SetCRDCondition: a new condition is appended; an existing one takes the
 * new status, reason and message, and its transition time moves only when the status changes.
 */
export function setCondition(crd: CRD, next: Omit<CRDCondition, 'lastTransitionTime'>, now: string): void {
  const status = crd.status ?? {};
  crd.status = status;
  const conditions = [...(status.conditions ?? [])];
  const i = conditions.findIndex((c) => c.type === next.type);
  if (i < 0) {
    conditions.push(withTime(next, now));
  } else {
    const old = conditions[i];
    const moved = old.status !== next.status || !old.lastTransitionTime;
    conditions[i] = withTime(next, moved ? now : (old.lastTransitionTime as string));
  }
  status.conditions = conditions;
}

/** Same type, status, reason and message (the transition time aside). */
export function sameCondition(a: CRDCondition | undefined, b: CRDCondition | undefined): boolean {
  if (!a || !b) return a === b;
  return a.type === b.type && a.status === b.status && (a.reason ?? '') === (b.reason ?? '') && (a.message ?? '') === (b.message ?? '');
}

/** Fields in the order the server writes them (kubectl -o yaml sorts keys anyway). */
function withTime(c: Omit<CRDCondition, 'lastTransitionTime'>, time: string): CRDCondition {
  const out: CRDCondition = {
    type: c.type,
    status: c.status,
    lastTransitionTime: time,
  };
  if (c.reason) out.reason = c.reason;
  if (c.message) out.message = c.message;
  return out;
}
