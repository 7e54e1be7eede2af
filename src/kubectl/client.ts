import type { ApiServer } from '../engine/apiserver/apiserver';
import type { UserInfo } from '../engine/apiserver/types';

type AnyFn = (...args: unknown[]) => unknown;

/** Which argument of each API verb carries its options (where the user goes). */
const OPTIONS_AT: Record<string, number> = {
  get: 3,
  list: 2,
  watch: 2,
  create: 3,
  update: 3,
  updateStatus: 3,
  patch: 5,
  delete: 3,
  updateScale: 4,
  evict: 3,
  authorizeConnect: 5,
};

/**
 * The API server as one user sees it: every verb kubectl calls carries that user (the admin,
 * or whom --as names), so RBAC decides as it would for a real request; the warnings each
 * response carries go to `onWarnings`.
 */
export function asUser(api: ApiServer, user: UserInfo, onWarnings?: (warnings: string[]) => void): ApiServer {
  const client = Object.create(api) as Record<string, AnyFn>;
  for (const [method, at] of Object.entries(OPTIONS_AT)) {
    const original = (api as unknown as Record<string, AnyFn>)[method];
    if (typeof original !== 'function') continue;
    client[method] = (...args: unknown[]) => {
      const copy = [...args];
      while (copy.length < at) copy.push(undefined);
      const opts = { ...((copy[at] as { warnings?: string[] } | undefined) ?? {}), user };
      // The response's warnings reach kubectl's warning handler whether the request succeeds or not.
      const warnings = opts.warnings ?? [];
      copy[at] = { ...opts, warnings };
      try {
        return original.apply(api, copy);
      } finally {
        if (warnings.length) onWarnings?.(warnings);
      }
    };
  }
  return client as unknown as ApiServer;
}
