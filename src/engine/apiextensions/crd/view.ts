import { deepEqual } from '../../apiserver/apiserver';
import type { CRD, CRDVersion, Schema, Subresources } from '../types';

/**
 * The API server validates a v1 CustomResourceDefinition after converting it to its internal
 * form, where a per-version field that is identical in every version (schema, subresources,
 * printer columns, selectable fields) moves up to the spec. A single-version CRD therefore gets
 * its schema errors under `spec.validation.openAPIV3Schema…` rather than
 * `spec.versions[0].schema…`. This computes that view, with the paths errors use.
 */
export interface PerVersion<T> {
  /** Set when the field is shared by all versions (then it is validated once, at `path`). */
  shared: boolean;
  top?: T;
  /** Per version (undefined where shared). */
  each: (T | undefined)[];
}

export interface InternalView {
  schema: PerVersion<Schema>;
  subresources: PerVersion<Subresources>;
  columns: PerVersion<NonNullable<CRDVersion['additionalPrinterColumns']>>;
  selectableFields: PerVersion<NonNullable<CRDVersion['selectableFields']>>;
}

function split<T>(versions: CRDVersion[], pick: (v: CRDVersion) => T | undefined): PerVersion<T> {
  const values = versions.map(pick);
  if (!values.length) return { shared: false, each: [] };
  const shared = values.every((v) => deepEqual(v ?? null, values[0] ?? null));
  return shared ? { shared: true, top: values[0], each: values.map(() => undefined) } : { shared: false, each: values };
}

const nonEmpty = <T>(a: T[] | undefined) => (Array.isArray(a) && a.length ? a : undefined);

export function internalView(crd: CRD): InternalView {
  const versions = versionsOf(crd);
  return {
    schema: split(versions, (v) => v.schema?.openAPIV3Schema ?? undefined),
    subresources: split(versions, (v) => v.subresources ?? undefined),
    columns: split(versions, (v) => nonEmpty(v.additionalPrinterColumns)),
    selectableFields: split(versions, (v) => nonEmpty(v.selectableFields)),
  };
}

export function versionsOf(crd: CRD): CRDVersion[] {
  const versions = crd.spec?.versions;
  return Array.isArray(versions) ? versions.filter((v) => v && typeof v === 'object') : [];
}

/** The subresources that apply to one version, from the internal view. */
export function subresourcesFor(view: InternalView, index: number): Subresources | undefined {
  return view.subresources.shared ? view.subresources.top : view.subresources.each[index];
}

export function anyStatusEnabled(crd: CRD): boolean {
  return versionsOf(crd).some((v) => !!v.subresources?.status);
}
