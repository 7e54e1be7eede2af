import type { ResourceType } from '../../apiserver/registry';
import type { CRD, CRDVersion, ScaleSubresource, Schema } from '../types';
import { isObject } from '../types';
import { preferredVersion } from '../versions';

/**
 * Everything the sandbox serves for one established CustomResourceDefinition: the discovery
 * entry kubectl resolves words against (from the CRD's accepted names), and what its strategy
 * needs from the served version.
 */
export interface CustomResourceModel {
  crdName: string;
  resource: ResourceType;
  version: CRDVersion;
  schema?: Schema;
  statusSchema?: Schema;
  status: boolean;
  scale?: ScaleSubresource;
  selectableFields: string[];
}

/** kubectl api-resources on a real cluster lists custom resources with exactly these verbs. */
const VERBS = ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'];

export function modelFor(crd: CRD): CustomResourceModel | undefined {
  const version = preferredVersion(crd);
  const accepted = crd.status?.acceptedNames;
  if (!version || !accepted?.plural || !accepted.kind) return undefined;
  const schema = isObject(version.schema?.openAPIV3Schema) ? (version.schema?.openAPIV3Schema as Schema) : undefined;
  const subresources: string[] = [];
  if (version.subresources?.status) subresources.push('status');
  if (version.subresources?.scale) subresources.push('scale');
  const statusSchema = isObject(schema?.properties?.status) ? (schema?.properties?.status as Schema) : undefined;
  return {
    crdName: crd.metadata?.name ?? '',
    resource: {
      group: crd.spec.group,
      version: version.name,
      kind: accepted.kind,
      plural: accepted.plural,
      singular: accepted.singular || accepted.kind.toLowerCase(),
      shortNames: [...(accepted.shortNames ?? [])],
      namespaced: crd.spec.scope === 'Namespaced',
      verbs: VERBS,
      categories: [...(accepted.categories ?? [])],
      subresources,
    },
    version,
    schema,
    statusSchema,
    status: !!version.subresources?.status,
    scale: version.subresources?.scale,
    selectableFields: (version.selectableFields ?? []).map((f) => f.jsonPath.replace(/^\./, '')),
  };
}
