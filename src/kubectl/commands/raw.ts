import { StatusError } from '../../engine/api/status';
import type { Ctx } from '../command';
import { discoveryDocument } from './discovery';
import { serverVersion } from './version';

/**
 * `kubectl get --raw PATH` for the paths learners try: health endpoints, /version, discovery
 * documents (/api, /apis, /api/v1, /apis/GROUP[/VERSION]), and object or list URLs of the API.
 */
export function rawGet(ctx: Ctx, path: string): void {
  if (!path.startsWith('/')) throw new Error(`--raw must be a valid URL path: parse "${path}": invalid URI for request`);
  const clean = path.split('?')[0].replace(/\/+$/, '');
  if (['/healthz', '/livez', '/readyz'].includes(clean)) {
    ctx.io.out('ok');
    return;
  }
  if (clean === '/version') {
    ctx.io.out(`${JSON.stringify(serverVersion(), null, 2)}\n`);
    return;
  }
  const doc = discoveryDocument(ctx.cluster.registry, clean);
  if (doc) {
    ctx.io.out(`${JSON.stringify(doc)}\n`);
    return;
  }
  const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?$/.exec(clean);
  if (m) {
    const group = m[2] ?? '';
    const rt = ctx.cluster.registry.get(group, m[5]);
    if (rt) {
      const ns = m[4] ?? '';
      const body = m[6] ? ctx.api.get(rt, ns, m[6]) : ctx.api.list(rt, rt.namespaced && ns ? ns : undefined);
      ctx.io.out(`${JSON.stringify(body)}\n`);
      return;
    }
  }
  // The API server answers unknown paths with a NotFound Status, which kubectl prints as such.
  throw new StatusError({
    apiVersion: 'v1',
    kind: 'Status',
    metadata: {},
    status: 'Failure',
    message: 'the server could not find the requested resource',
    reason: 'NotFound',
    details: {},
    code: 404,
  });
}
