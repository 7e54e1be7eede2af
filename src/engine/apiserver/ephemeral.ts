import type { EphemeralContainer, Pod } from 'kubernetes-types/core/v1';
import type { FieldError } from '../api/status';
import { fe } from './strategies/errors';
import { defaultContainer } from './strategies/podspec-defaults';

/**
 * The pods/ephemeralcontainers subresource (what `kubectl debug` writes): the stored pod with
 * only spec.ephemeralContainers taken from the request, defaulted, and the reasons it is
 * refused (ValidatePodEphemeralContainersUpdate: existing ones may not change or go, names
 * are unique across the pod, an image is required).
 */
export function ephemeralContainersUpdate(old: Pod, input: Pod): { next: Pod; errors: FieldError[] } {
  const next = structuredClone(old);
  const wanted = structuredClone(input.spec?.ephemeralContainers ?? []) as EphemeralContainer[];
  for (const c of wanted) defaultContainer(c);
  if (next.spec) next.spec.ephemeralContainers = wanted;
  const errors: FieldError[] = [];
  const path = 'spec.ephemeralContainers';
  const before = old.spec?.ephemeralContainers ?? [];
  for (const prev of before) {
    const now = wanted.findIndex((c) => c.name === prev.name);
    if (now < 0) errors.push(fe.forbidden(path, `existing ephemeral containers "${prev.name}" may not be removed\n`));
    else if (JSON.stringify(wanted[now]) !== JSON.stringify(prev))
      errors.push(fe.forbidden(`${path}[${now}]`, `existing ephemeral containers "${prev.name}" may not be changed\n`));
  }
  const taken = new Set([...(old.spec?.containers ?? []), ...(old.spec?.initContainers ?? [])].map((c) => c.name));
  wanted.forEach((c, i) => {
    if (before.some((b) => b.name === c.name)) return;
    if (!c.name) errors.push(fe.required(`${path}[${i}].name`));
    else if (taken.has(c.name)) errors.push(fe.duplicate(`${path}[${i}].name`, c.name));
    if (!c.image) errors.push(fe.required(`${path}[${i}].image`));
    if (c.ports?.length) errors.push(fe.forbidden(`${path}[${i}].ports`, 'cannot be set for an Ephemeral Container'));
    if (c.name) taken.add(c.name);
  });
  return { next, errors };
}
