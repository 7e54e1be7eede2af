import type { FieldError } from '../api/status';
import type { KObject } from '../api/types';

/** What a strategy may know about the request it serves. */
export interface StrategyContext {
  /** Simulated now, ms since the Unix epoch. */
  now: number;
  /** RFC 3339 timestamp of `now`. */
  timestamp: string;
}

/**
 * How the API server treats one kind, as Kubernetes' registry strategies do: defaulting
 * (SetDefaults_*), validation with field paths, and what an update may change.
 * Objects handed to these hooks are fresh mutable copies.
 */
export interface Strategy<T extends KObject = KObject> {
  /** Kinds whose spec changes bump metadata.generation (Deployments, ReplicaSets …; not Pods, Services, ConfigMaps). */
  generation?: boolean;
  /** Annotation changes also bump generation (Deployments: rollbacks travel through annotations). */
  annotationsBumpGeneration?: boolean;
  /** A status update may also change annotations (Deployments: the controller writes the revision there). */
  statusUpdatesAnnotations?: boolean;
  /** Has a status subresource: updates of the main resource keep the old status, status updates keep everything else. */
  statusSubresource?: boolean;
  /**
   * The name validation for metadata.name: most kinds use a DNS-1123 subdomain; Namespaces and
   * others a DNS-1123 label; Services a DNS-1035 label. Default 'subdomain'.
   */
  nameValidation?: 'subdomain' | 'label' | 'dns1035' | 'path-segment';
  /** Fill defaults the way the SetDefaults_* functions do (runs on create and on update). */
  defaults?(obj: T, ctx: StrategyContext): void;
  /** Set server-owned fields on create (e.g. a Pod's status.phase Pending, a Namespace's spec.finalizers). */
  prepareForCreate?(obj: T, ctx: StrategyContext): void;
  /**
   * On the first delete request, before finalizers are looked at: a kind whose server-side
   * cleanup needs a finalizer adds it here (CustomResourceDefinitions: customresourcecleanup).
   */
  prepareForDelete?(obj: T, ctx: StrategyContext): void;
  /** Restore fields an update of the main resource may not change (besides status, handled generically). */
  prepareForUpdate?(obj: T, old: T, ctx: StrategyContext): void;
  /** Validation of a new object (metadata is validated generically before this). */
  validate?(obj: T, ctx: StrategyContext): FieldError[];
  /** Validation of an update: immutable fields and the like (validate() also runs on the new object). */
  validateUpdate?(obj: T, old: T, ctx: StrategyContext): FieldError[];
  /** Validation of a status update. */
  validateStatusUpdate?(obj: T, old: T, ctx: StrategyContext): FieldError[];
  /**
   * The fields a field selector may use for this kind beyond metadata.name and metadata.namespace,
   * with their values for `obj` (pods: spec.nodeName, status.phase …). A selector on any other field
   * is rejected as the real server does.
   */
  fieldValues?(obj: T): Record<string, string>;
}
