import type { CustomResourceColumnDefinition } from 'kubernetes-types/apiextensions/v1';
import { clone } from '../api/types';
import type { ApiServer } from '../apiserver/apiserver';
import type { ResourceType } from '../apiserver/registry';
import { CRD_RESOURCE, type CRD, type CRDVersion, isObject, type Schema } from './types';
import { preferredVersion } from './versions';

/**
 * What other parts of the sandbox read about custom resources: printer columns for kubectl's
 * tables, and the schema the API server publishes (kubectl explain, the editor's completion).
 */

/** The CRD that defines a served resource (its name is `<plural>.<group>`). */
export function crdFor(api: ApiServer, rt: Pick<ResourceType, 'group' | 'plural'>): CRD | undefined {
  if (!rt.group) return undefined;
  return api.find<CRD>(CRD_RESOURCE, '', `${rt.plural}.${rt.group}`);
}

function versionOf(crd: CRD, version?: string): CRDVersion | undefined {
  if (!version) return preferredVersion(crd);
  return (crd.spec?.versions ?? []).find((v) => v.name === version);
}

/** additionalPrinterColumns of a CRD's served version (the preferred one unless named). */
export function printerColumnsFor(crd: CRD, version?: string): CustomResourceColumnDefinition[] {
  return [...(versionOf(crd, version)?.additionalPrinterColumns ?? [])];
}

/**
 * The printer columns for a resource kubectl is listing: undefined for resources no CRD
 * defines (built-ins use their own printers); an empty list means NAME and AGE.
 */
export function printerColumnsForResource(api: ApiServer, rt: ResourceType): CustomResourceColumnDefinition[] | undefined {
  const crd = crdFor(api, rt);
  return crd ? printerColumnsFor(crd, rt.version) : undefined;
}

const API_VERSION_DESCRIPTION =
  'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources';
const KIND_DESCRIPTION =
  'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds';
const METADATA_DESCRIPTION =
  "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";
const EMBEDDED_API_VERSION_DESCRIPTION =
  'apiVersion defines the versioned schema of this representation of an object. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources';
const EMBEDDED_KIND_DESCRIPTION =
  'kind is a string value representing the type of this object. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds';
export const OBJECT_META_REF = '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/**
 * The OpenAPI v3 schema the API server publishes for a CRD version: the CRD's schema with
 * apiVersion, kind and metadata (a reference to ObjectMeta) added at the root, and the same
 * for every embedded resource inside it.
 */
export function publishedSchema(crd: CRD, version?: string): Schema | undefined {
  const v = versionOf(crd, version);
  const own = v?.schema?.openAPIV3Schema;
  // Without a schema the server publishes a bare object, so that nothing is refused.
  if (!isObject(own)) return { type: 'object' };
  const schema = clone(own);
  addEmbeddedProperties(schema, true);
  return schema;
}

/** The published schema of a served custom resource, for kubectl explain and completion. */
export function publishedSchemaForResource(api: ApiServer, rt: ResourceType): Schema | undefined {
  const crd = crdFor(api, rt);
  return crd ? publishedSchema(crd, rt.version) : undefined;
}

function addEmbeddedProperties(s: Schema, root: boolean): void {
  for (const p of Object.values(isObject(s.properties) ? s.properties : {})) if (isObject(p)) addEmbeddedProperties(p as Schema, false);
  if (isObject(s.items)) addEmbeddedProperties(s.items as Schema, false);
  if (isObject(s.additionalProperties)) addEmbeddedProperties(s.additionalProperties as Schema, false);
  if (!root && !s['x-kubernetes-embedded-resource']) return;
  const props = { ...(isObject(s.properties) ? s.properties : {}) } as Record<string, Schema>;
  props.apiVersion = {
    ...props.apiVersion,
    type: 'string',
    description: root ? API_VERSION_DESCRIPTION : EMBEDDED_API_VERSION_DESCRIPTION,
  };
  props.kind = {
    ...props.kind,
    type: 'string',
    description: root ? KIND_DESCRIPTION : EMBEDDED_KIND_DESCRIPTION,
  };
  props.metadata = {
    $ref: OBJECT_META_REF,
    description: METADATA_DESCRIPTION,
  } as Schema;
  s.properties = props;
  if (!root) {
    const required = new Set(s.required ?? []);
    s.required = [...(s.required ?? []), ...['kind', 'apiVersion'].filter((r) => !required.has(r))];
  }
}
