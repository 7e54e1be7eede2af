import type {
  CustomResourceColumnDefinition,
  CustomResourceDefinition,
  CustomResourceDefinitionCondition,
  CustomResourceDefinitionNames,
} from 'kubernetes-types/apiextensions/v1';
import type { Stored } from '../api/types';

/**
 * The shapes this folder works with. kubernetes-types leaves out the `x-kubernetes-*`
 * extensions of JSONSchemaProps, so the schema type is written out here. Everything read from
 * a user's object is still checked at run time: a manifest may carry any JSON.
 */

/** apiextensions.k8s.io/v1 JSONSchemaProps, with Kubernetes' vendor extensions. */
export interface Schema {
  id?: string;
  $schema?: string;
  $ref?: string;
  description?: string;
  type?: string;
  format?: string;
  title?: string;
  default?: unknown;
  maximum?: number;
  exclusiveMaximum?: boolean;
  minimum?: number;
  exclusiveMinimum?: boolean;
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  maxItems?: number;
  minItems?: number;
  uniqueItems?: boolean;
  multipleOf?: number;
  enum?: unknown[];
  maxProperties?: number;
  minProperties?: number;
  required?: string[];
  items?: Schema | Schema[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  not?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  patternProperties?: Record<string, Schema>;
  dependencies?: Record<string, Schema | string[]>;
  additionalItems?: Schema | boolean;
  definitions?: Record<string, Schema>;
  externalDocs?: { description?: string; url?: string };
  example?: unknown;
  nullable?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-map-type'?: string;
  'x-kubernetes-validations'?: {
    rule?: string;
    message?: string;
    messageExpression?: string;
    reason?: string;
    fieldPath?: string;
  }[];
}

export interface ScaleSubresource {
  specReplicasPath: string;
  statusReplicasPath: string;
  labelSelectorPath?: string;
}

export interface Subresources {
  status?: Record<string, never>;
  scale?: ScaleSubresource;
}

export interface CRDVersion {
  name: string;
  served: boolean;
  storage: boolean;
  deprecated?: boolean;
  deprecationWarning?: string;
  schema?: { openAPIV3Schema?: Schema };
  subresources?: Subresources;
  additionalPrinterColumns?: CustomResourceColumnDefinition[];
  selectableFields?: { jsonPath: string }[];
}

export type CRDNames = CustomResourceDefinitionNames;
export type CRDCondition = CustomResourceDefinitionCondition;

/** A CustomResourceDefinition with the schema types above. */
export type CRD = Omit<CustomResourceDefinition, 'spec' | 'status'> & {
  spec: Omit<CustomResourceDefinition['spec'], 'versions'> & {
    versions: CRDVersion[];
  };
  status?: {
    acceptedNames?: CRDNames;
    conditions?: CRDCondition[] | null;
    storedVersions?: string[];
  };
};

export type StoredCRD = Stored<CRD>;

export const CRD_RESOURCE = 'apiextensions.k8s.io/customresourcedefinitions';

/** Set on a CustomResourceDefinition when it is deleted: its objects go before it does. */
export const CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A schema node read from a user's object (checked to be an object, not to be well-formed). */
export function isSchema(v: unknown): v is Schema {
  return isObject(v);
}
