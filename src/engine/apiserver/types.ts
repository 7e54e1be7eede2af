import type { KObject, Stored, WatchEvent } from '../api/types';

export interface UserInfo {
  username: string;
  groups: string[];
}

export interface WriteOptions {
  /** `All`: validate and admit but store nothing (kubectl --dry-run=server). */
  dryRun?: boolean;
  fieldManager?: string;
  user?: UserInfo;
  /** Where the server puts warnings for this request (the response's Warning headers). */
  warnings?: string[];
  /**
   * The caller hands the body over and never touches it again (a controller's freshly built
   * pod, a recorder's event): the server keeps it instead of copying it first. In-engine only.
   */
  owned?: boolean;
}

export interface ReadOptions {
  /** Who asks (RBAC); the cluster admin when absent. */
  user?: UserInfo;
}

export interface ListOptions extends ReadOptions {
  labelSelector?: string;
  fieldSelector?: string;
}

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteOptions extends WriteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: PropagationPolicy;
  preconditions?: { uid?: string; resourceVersion?: string };
}

export type PatchType = 'merge' | 'json' | 'strategic';

export interface ObjectList<T extends KObject = KObject> {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion: string };
  items: Stored<T>[];
}

export interface DeleteResult<T extends KObject = KObject> {
  /** The object as it is after the call: gone (`deleted`), or marked for deletion and waiting. */
  object: Stored<T>;
  deleted: boolean;
}

export type WatchHandler<T extends KObject = KObject> = (event: WatchEvent<T>) => void;
