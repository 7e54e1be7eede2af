import { clone, type KObject } from '../../api/types';
import { apiVersionOf, type ResourceType } from '../registry';
import { hpaV1 } from './hpa-v1';

/**
 * Conversion between the versions a resource is served in and the one it is stored in. The
 * API server stores one version (ResourceType.version) and converts what a client sends in an
 * older served version on the way in, and what it reads back in that version on the way out.
 */
export interface VersionConverter {
  /** An object in the served version → the storage version. */
  toStorage(obj: KObject): KObject;
  /** A stored object → the served version. */
  fromStorage(obj: KObject): KObject;
}

const converters: Record<string, VersionConverter> = {
  'autoscaling/v1/HorizontalPodAutoscaler': hpaV1,
};

function converterFor(rt: ResourceType, version: string): VersionConverter | undefined {
  if (version === rt.version || !rt.alsoServed?.includes(version)) return undefined;
  return converters[`${apiVersionOf({ group: rt.group, version })}/${rt.kind}`];
}

/** The version of an apiVersion string (`autoscaling/v1` → `v1`). */
export function versionOf(apiVersion: string | undefined): string {
  return (apiVersion ?? '').slice((apiVersion ?? '').lastIndexOf('/') + 1);
}

/** A copy in the storage version when `obj` carries another served version; else `obj` itself. */
export function toStorageVersion(rt: ResourceType, obj: KObject): KObject {
  const slash = obj.apiVersion?.lastIndexOf('/') ?? -1;
  if (obj.kind !== rt.kind || (slash < 0 ? '' : obj.apiVersion?.slice(0, slash)) !== rt.group) return obj;
  const conv = converterFor(rt, versionOf(obj.apiVersion));
  return conv ? conv.toStorage(clone(obj)) : obj;
}

/** A stored object as a client asking for `version` reads it (a copy; the object itself when no conversion applies). */
export function fromStorageVersion<T extends KObject>(rt: ResourceType, obj: T, version: string | undefined): T {
  const conv = version ? converterFor(rt, version) : undefined;
  // Already in that version (an apply that changed nothing hands back what it read).
  if (!conv || obj.apiVersion === apiVersionOf({ group: rt.group, version: version as string })) return obj;
  return conv.fromStorage(clone(obj)) as T;
}
