import type { Container, Pod, PodSpec, Toleration } from 'kubernetes-types/core/v1';
import { inclusiveRangeError } from '../../api/names';
import type { FieldError } from '../../api/status';
import { semanticEqual } from './common';
import { child, fe, index } from './errors';
import { validateTolerations } from './scheduling';
import { specDiff } from './specdiff';

/**
 * ValidatePodUpdate's own rules: a running pod's spec is fixed except for images, a shorter
 * activeDeadlineSeconds, added tolerations, removed scheduling gates and (for gated pods)
 * added node selectors.
 */

const UPDATABLE_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];
const MAX_INT32 = 2147483647;

function validateContainerUpdates(next: Container[] | undefined, old: Container[] | undefined, path: string): [FieldError[], boolean] {
  const n = next ?? [];
  if (n.length !== (old ?? []).length) return [[fe.forbidden(path, 'pod updates may not add or remove containers')], true];
  const errs: FieldError[] = [];
  n.forEach((c, i) => {
    if (!c.image) errs.push(fe.required(child(index(path, i), 'image')));
    if (c.image && c.image.trim() !== c.image) {
      errs.push(fe.invalid(child(index(path, i), 'image'), c.image, 'must not have leading or trailing whitespace'));
    }
  });
  return [errs, false];
}

/** validateOnlyAddedTolerations: an existing toleration may only change its tolerationSeconds. */
function validateOnlyAddedTolerations(next: Toleration[] | undefined, old: Toleration[] | undefined, path: string): FieldError[] {
  for (const o of old ?? []) {
    const found = (next ?? []).some((n) => semanticEqual({ ...o, tolerationSeconds: n.tolerationSeconds }, n));
    if (!found) return [fe.forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(next, path);
}

export function validatePodUpdate(pod: Pod, old: Pod): FieldError[] {
  const spec: PodSpec = pod.spec ?? ({} as PodSpec);
  const oldSpec: PodSpec = old.spec ?? ({} as PodSpec);
  const path = 'spec';
  const errs: FieldError[] = [];
  let [e, stop] = validateContainerUpdates(spec.containers, oldSpec.containers, child(path, 'containers'));
  errs.push(...e);
  if (stop) return errs;
  [e, stop] = validateContainerUpdates(spec.initContainers, oldSpec.initContainers, child(path, 'initContainers'));
  errs.push(...e);
  if (stop) return errs;

  const ads = spec.activeDeadlineSeconds;
  if (ads != null) {
    if (ads < 0 || ads > MAX_INT32) {
      errs.push(fe.invalid(child(path, 'activeDeadlineSeconds'), ads, inclusiveRangeError(0, MAX_INT32)));
      return errs;
    }
    if (oldSpec.activeDeadlineSeconds != null && oldSpec.activeDeadlineSeconds < ads) {
      errs.push(fe.invalid(child(path, 'activeDeadlineSeconds'), ads, 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (oldSpec.activeDeadlineSeconds != null) {
    errs.push(fe.invalid(child(path, 'activeDeadlineSeconds'), null, 'must not update from a positive integer to nil value'));
  }

  errs.push(...validateOnlyAddedTolerations(spec.tolerations, oldSpec.tolerations, child(path, 'tolerations')));
  const oldGates = new Set((oldSpec.schedulingGates ?? []).map((g) => g.name));
  (spec.schedulingGates ?? []).forEach((g, i) => {
    if (!oldGates.has(g.name)) {
      errs.push(
        fe.forbidden(
          child(index(child(path, 'schedulingGates'), i), 'name'),
          `only deletion is allowed, but found new scheduling gate '${g.name}'`,
        ),
      );
    }
  });

  if (semanticEqual(spec, oldSpec)) return errs;

  // Put back what may change, then anything still different is forbidden.
  const munged: PodSpec = structuredClone(spec);
  munged.containers = (munged.containers ?? []).map((c, i) => ({
    ...c,
    image: oldSpec.containers[i].image,
  }));
  if (munged.initContainers) {
    munged.initContainers = munged.initContainers.map((c, i) => ({ ...c, image: oldSpec.initContainers?.[i].image }) as Container);
  }
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  munged.schedulingGates = oldSpec.schedulingGates;
  munged.tolerations = oldSpec.tolerations;
  const oldGrace = oldSpec.terminationGracePeriodSeconds;
  if (oldGrace != null && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldGrace;
  if (oldSpec.schedulingGates?.length && !semanticEqual(munged.nodeSelector, oldSpec.nodeSelector)) {
    // A pod still waiting on scheduling gates may gain node selectors, not lose or change them.
    const changed = Object.entries(oldSpec.nodeSelector ?? {}).some(([k, v]) => munged.nodeSelector?.[k] !== v);
    if (changed) {
      errs.push(
        fe.invalid(
          child(path, 'nodeSelector'),
          munged.nodeSelector ?? null,
          'only additions to spec.nodeSelector are allowed (no mutations or deletions)',
        ),
      );
    }
    munged.nodeSelector = oldSpec.nodeSelector;
  }
  const strip = (s: PodSpec) => JSON.parse(JSON.stringify(s)) as PodSpec;
  if (!semanticEqual(strip(munged), strip(oldSpec))) {
    errs.push(
      fe.forbidden(
        path,
        `pod updates may not change fields other than ${UPDATABLE_FIELDS.join(',')}\n${specDiff('core.PodSpec', strip(oldSpec), strip(munged))}`,
      ),
    );
  }
  return errs;
}
