import type { Job, PodFailurePolicy, PodFailurePolicyOnExitCodesRequirement } from 'kubernetes-types/batch/v1';
import type { ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1';

export interface PolicyMatch {
  /** The FailJob message, when a FailJob rule matched. */
  failJobMessage?: string;
  /** Whether the failure counts against backoffLimit (Ignore does not). */
  countFailed: boolean;
  action?: string;
}

function exitCodeMatches(code: number, req: PodFailurePolicyOnExitCodesRequirement): boolean {
  if (req.operator === 'In') return req.values.includes(code);
  if (req.operator === 'NotIn') return !req.values.includes(code);
  return false;
}

function matchingContainer(statuses: readonly ContainerStatus[] | undefined, req: PodFailurePolicyOnExitCodesRequirement): ContainerStatus | undefined {
  for (const s of statuses ?? []) {
    const t = s.state?.terminated;
    if (!t) continue;
    if (req.containerName && req.containerName !== s.name) continue;
    if (t.exitCode !== 0 && exitCodeMatches(t.exitCode, req)) return s;
  }
  return undefined;
}

function matchingCondition(pod: Pod, patterns: readonly { type: string; status?: string }[]): PodCondition | undefined {
  for (const c of pod.status?.conditions ?? []) {
    for (const p of patterns) if (c.type === p.type && c.status === (p.status ?? 'True')) return c;
  }
  return undefined;
}

/**
 * matchPodFailurePolicy: the first rule that matches a failed pod decides — FailJob (with its
 * message), Ignore (not counted), Count, FailIndex. No match counts the failure.
 */
export function matchPodFailurePolicy(policy: PodFailurePolicy | undefined, pod: Pod): PolicyMatch {
  if (!policy) return { countFailed: true };
  const ns = pod.metadata?.namespace;
  const name = pod.metadata?.name;
  for (let i = 0; i < policy.rules.length; i++) {
    const rule = policy.rules[i];
    if (rule.onExitCodes) {
      const c =
        matchingContainer(pod.status?.containerStatuses, rule.onExitCodes) ??
        matchingContainer(pod.status?.initContainerStatuses, rule.onExitCodes);
      if (!c) continue;
      switch (rule.action) {
        case 'Ignore':
          return { countFailed: false, action: 'Ignore' };
        case 'FailIndex':
          return { countFailed: true, action: 'FailIndex' };
        case 'Count':
          return { countFailed: true, action: 'Count' };
        case 'FailJob':
          return {
            countFailed: true,
            action: 'FailJob',
            failJobMessage: `Container ${c.name} for pod ${ns}/${name} failed with exit code ${c.state?.terminated?.exitCode} matching FailJob rule at index ${i}`,
          };
      }
    } else if (rule.onPodConditions) {
      const cond = matchingCondition(pod, rule.onPodConditions);
      if (!cond) continue;
      switch (rule.action) {
        case 'Ignore':
          return { countFailed: false, action: 'Ignore' };
        case 'FailIndex':
          return { countFailed: true, action: 'FailIndex' };
        case 'Count':
          return { countFailed: true, action: 'Count' };
        case 'FailJob':
          return {
            countFailed: true,
            action: 'FailJob',
            failJobMessage: `Pod ${ns}/${name} has condition ${cond.type} matching FailJob rule at index ${i}`,
          };
      }
    }
  }
  return { countFailed: true };
}

/** onlyReplaceFailedPods: with podReplacementPolicy Failed (or a pod failure policy), terminating pods are not replaced. */
export function onlyReplaceFailedPods(job: Job): boolean {
  return job.spec?.podReplacementPolicy === 'Failed' || !!job.spec?.podFailurePolicy;
}

/**
 * isPodFailed: Failed; or, unless only failed pods are replaced, deleted before it succeeded
 * (an orphan that never gets to report Failed).
 */
export function isPodFailed(pod: Pod, job: Job): boolean {
  if (job.spec?.podFailurePolicy) return pod.status?.phase === 'Failed';
  if (pod.status?.phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return !!pod.metadata?.deletionTimestamp && pod.status?.phase !== 'Succeeded';
}
