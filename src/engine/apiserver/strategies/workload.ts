import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { type Selector, selectorFromLabelSelector } from '../../api/labels';
import type { FieldError } from '../../api/status';
import { selectorValue, validateLabelSelector, validateNonnegative } from './common';
import { child, fe, sortedMap } from './errors';
import { validatePodTemplateSpec } from './podspec-validation';

/**
 * What the workload kinds share: selector checks against their pod template, and the status
 * counters every controller writes.
 */

/**
 * metav1.LabelSelectorAsSelector: undefined when it fails, else the selector (a missing
 * selector selects nothing, so it never matches a template).
 */
export function asSelector(ls: LabelSelector | null | undefined): Selector | undefined {
  try {
    return selectorFromLabelSelector(ls);
  } catch {
    return undefined;
  }
}

/** The strict selector rules of Deployments, ReplicaSets and StatefulSets. */
export function validateWorkloadSelector(ls: LabelSelector | undefined, path: string, kind: string): FieldError[] {
  if (!ls) return [fe.required(path)];
  const errs = validateLabelSelector(ls, path);
  if (Object.keys(ls.matchLabels ?? {}).length + (ls.matchExpressions ?? []).length === 0) {
    errs.push(fe.invalid(path, selectorValue(ls), `empty selector is invalid for ${kind}`));
  }
  return errs;
}

/** `selector` does not match template `labels`, reported on the template's labels. */
export function validateSelectorMatchesTemplate(selector: Selector, t: PodTemplateSpec | undefined, path: string): FieldError[] {
  if (selector.empty()) return [];
  const labels = t?.metadata?.labels ?? null;
  if (selector.matches(labels ?? {})) return [];
  return [fe.invalid(child(path, 'metadata', 'labels'), sortedMap(labels), '`selector` does not match template `labels`')];
}

/**
 * ValidatePodTemplateSpecForReplicaSet (also used by Deployments): the selector matches, the
 * template is a valid pod template, and its pods always restart.
 */
export function validateTemplateForReplicaSet(
  selector: Selector,
  t: PodTemplateSpec | undefined,
  path: string,
  kind = 'ReplicaSet',
): FieldError[] {
  if (!t) return [fe.required(path)];
  const errs = validateSelectorMatchesTemplate(selector, t, path);
  errs.push(...validatePodTemplateSpec(t, path));
  errs.push(...requireAlwaysRestart(t, path, kind));
  return errs;
}

export function requireAlwaysRestart(t: PodTemplateSpec | undefined, path: string, kind: string): FieldError[] {
  const errs: FieldError[] = [];
  const policy = t?.spec?.restartPolicy ?? '';
  if (policy !== 'Always') errs.push(fe.notSupported(child(path, 'spec', 'restartPolicy'), policy, ['Always']));
  if (t?.spec?.activeDeadlineSeconds != null) {
    errs.push(fe.forbidden(child(path, 'spec', 'activeDeadlineSeconds'), `activeDeadlineSeconds in ${kind} is not Supported`));
  }
  return errs;
}

/** Non-negative counters and the "cannot be greater than" rules of workload status. */
export function validateReplicaStatus(
  status: unknown,
  counters: string[],
  path = 'status',
  availableVsReady = 'cannot be greater than readyReplicas',
): FieldError[] {
  const s = (status ?? {}) as Record<string, number | undefined>;
  const errs: FieldError[] = [];
  for (const c of counters) errs.push(...validateNonnegative(s[c], child(path, c)));
  const replicas = s.replicas ?? 0;
  for (const c of ['fullyLabeledReplicas', 'updatedReplicas', 'readyReplicas', 'currentReplicas', 'availableReplicas']) {
    if (counters.includes(c) && (s[c] ?? 0) > replicas) {
      errs.push(fe.invalid(child(path, c), s[c], 'cannot be greater than status.replicas'));
    }
  }
  if (counters.includes('availableReplicas') && (s.availableReplicas ?? 0) > (s.readyReplicas ?? 0)) {
    errs.push(fe.invalid(child(path, 'availableReplicas'), s.availableReplicas, availableVsReady));
  }
  return errs;
}

/** status.collisionCount may only grow. */
export function validateCollisionCount(
  next: { collisionCount?: number } | undefined,
  old: { collisionCount?: number } | undefined,
): FieldError[] {
  const n = next?.collisionCount;
  const o = old?.collisionCount;
  if (o != null && (n == null || n < o)) return [fe.invalid('status.collisionCount', n ?? 0, 'cannot be decremented')];
  return [];
}
