import { deepEqual } from '../../apiserver/apiserver';
import type { Informer } from '../../controllers/informer';
import type { ControllerContext } from '../../controllers/controller';
import { CRD_RESOURCE, type CRD } from '../types';

/** The shared CustomResourceDefinition informer every controller here watches. */
export function crdInformer(ctx: ControllerContext): Informer<CRD> {
  return ctx.informers.for<CRD>(CRD_RESOURCE);
}

/** Names compared as the server's semantic equality does: empty and absent lists are the same. */
export function sameNames(a: unknown, b: unknown): boolean {
  return deepEqual(normalize(a), normalize(b));
}

function normalize(v: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!v || typeof v !== 'object') return out;
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined || x === null || x === '' || (Array.isArray(x) && !x.length)) continue;
    out[k] = x;
  }
  return out;
}
