import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1';
import {
  isQualifiedName,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  utf8Length,
  type ValidateNameFunc,
  validateNamespaceName,
} from '../../api/names';
import type { FieldError } from '../../api/status';
import type { KObject } from '../../api/types';
import type { Strategy } from '../strategy';
import { sortedKeys, validateImmutable, validateLabels, validateNonnegative } from './common';
import { child, fe, index } from './errors';
import { isValidPathSegmentName } from './formats';

/**
 * ObjectMeta validation every kind gets (apimachinery's ValidateObjectMeta plus the core
 * group's finalizer check), and what an update may not change.
 */

export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * (1 << 10);

/** Finalizers Kubernetes itself defines, the only ones allowed without a `/`. */
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

export const nameValidators: Record<NonNullable<Strategy['nameValidation']>, ValidateNameFunc> = {
  subdomain: nameIsDNSSubdomain,
  label: nameIsDNSLabel,
  dns1035: nameIsDNS1035Label,
  'path-segment': (name, prefix) => isValidPathSegmentName(name, prefix),
};

/** apimachinery ValidateAnnotations: keys are qualified names in any case; 256 KiB in all. */
export function validateAnnotations(annotations: Record<string, string> | null | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const k of sortedKeys(annotations)) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(fe.invalid(path, k, msg));
    size += utf8Length(k) + utf8Length(String((annotations as Record<string, string>)[k] ?? ''));
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(fe.tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

/** metav1.OwnerReference as encoding/json prints it (metav1 types, unlike internal ones, encode). */
function ownerRefValue(r: OwnerReference): Record<string, unknown> {
  const out: Record<string, unknown> = {
    apiVersion: r.apiVersion ?? '',
    kind: r.kind ?? '',
    name: r.name ?? '',
    uid: r.uid ?? '',
  };
  if (r.controller != null) out.controller = r.controller;
  if (r.blockOwnerDeletion != null) out.blockOwnerDeletion = r.blockOwnerDeletion;
  return out;
}

/** apimachinery ValidateOwnerReferences. */
export function validateOwnerReferences(refs: OwnerReference[] | null | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of refs ?? []) {
    const apiVersion = ref.apiVersion ?? '';
    const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
    if (!version) errs.push(fe.invalid(child(path, 'apiVersion'), apiVersion, 'version must not be empty'));
    if (!ref.kind) errs.push(fe.invalid(child(path, 'kind'), ref.kind ?? '', 'kind must not be empty'));
    if (!ref.name) errs.push(fe.invalid(child(path, 'name'), ref.name ?? '', 'name must not be empty'));
    if (!ref.uid) errs.push(fe.invalid(child(path, 'uid'), ref.uid ?? '', 'uid must not be empty'));
    if (apiVersion === 'v1' && ref.kind === 'Event') {
      errs.push(fe.invalid(path, ownerRefValue(ref), '/v1, Kind=Event is disallowed from being an owner'));
    }
    if (ref.controller) {
      const name = `${ref.kind}/${ref.name}`;
      if (firstController) {
        errs.push(
          fe.invalid(
            path,
            (refs ?? []).map(ownerRefValue),
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${name}`,
          ),
        );
      } else firstController = name;
    }
  }
  return errs;
}

/** apimachinery ValidateFinalizers plus the core group's "standard or qualified" rule. */
export function validateFinalizers(finalizers: string[] | null | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const list = finalizers ?? [];
  for (const f of list) for (const msg of isQualifiedName(f)) errs.push(fe.invalid(path, f, msg));
  if (list.includes('orphan') && list.includes('foregroundDeletion')) {
    errs.push(fe.invalid(path, list, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  list.forEach((f, i) => {
    errs.push(...validateKubeFinalizerName(f, index(path, i)));
  });
  return errs;
}

export function validateKubeFinalizerName(name: string, path: string): FieldError[] {
  if (!name.includes('/') && !STANDARD_FINALIZERS.has(name)) {
    return [fe.invalid(path, name, 'name is neither a standard finalizer name nor is it fully qualified')];
  }
  return [];
}

/** ValidateObjectMeta for a new object; `nameValidation` is the kind's name rule. */
/** The metadata field paths errors name, made once. */
const PATHS = {
  generateName: 'metadata.generateName',
  name: 'metadata.name',
  namespace: 'metadata.namespace',
  generation: 'metadata.generation',
  labels: 'metadata.labels',
  annotations: 'metadata.annotations',
  ownerReferences: 'metadata.ownerReferences',
  finalizers: 'metadata.finalizers',
} as const;

function append(into: FieldError[], more: readonly FieldError[]): void {
  for (const e of more) into.push(e);
}

export function validateObjectMeta(
  obj: KObject,
  nameValidation: NonNullable<Strategy['nameValidation']>,
  namespaced: boolean,
): FieldError[] {
  const meta: ObjectMeta = obj.metadata ?? {};
  const nameFn = nameValidators[nameValidation];
  const errs: FieldError[] = [];
  if (meta.generateName) {
    for (const msg of nameFn(meta.generateName, true)) errs.push(fe.invalid(PATHS.generateName, meta.generateName, msg));
  }
  if (!meta.name) errs.push(fe.required(PATHS.name, 'name or generateName is required'));
  else for (const msg of nameFn(meta.name, false)) errs.push(fe.invalid(PATHS.name, meta.name, msg));
  if (namespaced) {
    if (!meta.namespace) errs.push(fe.required(PATHS.namespace));
    else {
      for (const msg of validateNamespaceName(meta.namespace, false)) {
        errs.push(fe.invalid(PATHS.namespace, meta.namespace, msg));
      }
    }
  } else if (meta.namespace) {
    errs.push(fe.forbidden(PATHS.namespace, 'not allowed on this type'));
  }
  // Every write is validated: the common case (no errors, few fields) allocates little.
  if (meta.generation !== undefined) append(errs, validateNonnegative(meta.generation, PATHS.generation));
  if (meta.labels) append(errs, validateLabels(meta.labels, PATHS.labels));
  if (meta.annotations) append(errs, validateAnnotations(meta.annotations, PATHS.annotations));
  if (meta.ownerReferences) append(errs, validateOwnerReferences(meta.ownerReferences, PATHS.ownerReferences));
  if (meta.finalizers) append(errs, validateFinalizers(meta.finalizers, PATHS.finalizers));
  return errs;
}

/**
 * ValidateObjectMetaUpdate's own checks: identity and lifecycle fields are immutable.
 * (Labels, annotations, owners and finalizers of the new object are checked by
 * {@link validateObjectMeta}, which the API server runs on updates as well.)
 */
export function validateObjectMetaUpdate(obj: KObject, old: KObject): FieldError[] {
  const m: ObjectMeta = obj.metadata ?? {};
  const o: ObjectMeta = old.metadata ?? {};
  const errs: FieldError[] = [];
  if ((m.generation ?? 0) < (o.generation ?? 0)) {
    errs.push(fe.invalid('metadata.generation', m.generation ?? 0, 'must not be decremented'));
  }
  errs.push(...validateImmutable(m.name ?? '', o.name ?? '', 'metadata.name'));
  errs.push(...validateImmutable(m.namespace ?? '', o.namespace ?? '', 'metadata.namespace'));
  errs.push(...validateImmutable(m.uid ?? '', o.uid ?? '', 'metadata.uid'));
  errs.push(...validateImmutable(m.creationTimestamp ?? null, o.creationTimestamp ?? null, 'metadata.creationTimestamp'));
  errs.push(...validateImmutable(m.deletionTimestamp ?? null, o.deletionTimestamp ?? null, 'metadata.deletionTimestamp'));
  errs.push(
    ...validateImmutable(m.deletionGracePeriodSeconds ?? null, o.deletionGracePeriodSeconds ?? null, 'metadata.deletionGracePeriodSeconds'),
  );
  return errs;
}
