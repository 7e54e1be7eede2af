import type { FieldError } from '../../api/status';
import type { AnyObject, KObject, WritableMeta } from '../../api/types';
import type { StrategyContext } from '../strategy';
import { strategyFor } from './index';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta';

/** Test helpers: run objects through a strategy as the API server's create and update do. */

export const ctx: StrategyContext = { now: Date.UTC(2025, 0, 15, 10, 30), timestamp: '2025-01-15T10:30:00Z' };

export const msg = (e: FieldError) => `${e.field}: ${e.detail}`;

/** Defaults, server fields and identity as on create; returns the object. */
export function created<T extends KObject>(key: string, obj: T, uid = '00000000-0000-0000-0000-000000000001'): T & AnyObject {
  const o = structuredClone(obj) as T & AnyObject;
  const s = strategyFor(key);
  s.defaults?.(o, ctx);
  const meta: WritableMeta = { ...(o.metadata ?? {}), uid, creationTimestamp: ctx.timestamp };
  if (s.generation) meta.generation = 1;
  o.metadata = meta;
  s.prepareForCreate?.(o, ctx);
  return o;
}

/** Every error a create would report (metadata first, as the API server orders them). */
export function createErrors(key: string, obj: object, namespaced = true): string[] {
  const s = strategyFor(key);
  const o = created(key, obj as AnyObject);
  return [...validateObjectMeta(o, s.nameValidation ?? 'subdomain', namespaced), ...(s.validate?.(o, ctx) ?? [])].map(msg);
}

/** Every error an update from `old` (already created) to `next` would report. */
export function updateErrors(key: string, previous: object, next: object, namespaced = true): string[] {
  const s = strategyFor(key);
  const old = previous as AnyObject;
  const o = { ...structuredClone(old), metadata: { ...old.metadata, resourceVersion: '1' } } as AnyObject;
  const n = structuredClone(next) as AnyObject;
  n.metadata = { ...o.metadata, ...(n.metadata ?? {}) };
  s.defaults?.(n, ctx);
  if (s.statusSubresource) n.status = structuredClone(o.status);
  s.prepareForUpdate?.(n, o, ctx);
  return [
    ...validateObjectMeta(n, s.nameValidation ?? 'subdomain', namespaced),
    ...validateObjectMetaUpdate(n, o),
    ...(s.validate?.(n, ctx) ?? []),
    ...(s.validateUpdate?.(n, o, ctx) ?? []),
  ].map(msg);
}
