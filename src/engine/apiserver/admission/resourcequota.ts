import type { ResourceQuota } from 'kubernetes-types/core/v1';
import { compareGoStrings, goQuote } from '../../api/names';
import { forbidden, type StatusError } from '../../api/status';
import { clone, type Stored } from '../../api/types';
import type { Informer, InformerFactory } from '../../controllers/informer';
import type { ApiServer } from '../apiserver';
import { qualifiedName } from '../registry';
import {
  addUsage,
  evaluatorFor,
  fromUsage,
  isZeroUsage,
  maskUsage,
  prettyPrint,
  quotaMatches,
  subtractNonNegative,
  toUsage,
  type Usage,
  usageEquals,
} from './resourcequota-usage';
import type { AdmissionPlugin, AdmissionRequest } from './types';

/** Informer index: objects by namespace. */
export const BY_NAMESPACE = 'namespace';
const byNamespace = (o: { metadata: { namespace?: string } }) => [o.metadata.namespace ?? ''];

/** admission.NewForbidden: the object's name (or generateName), or "Unknown". */
function refuse(req: AdmissionRequest, message: string): StatusError {
  const name = req.object?.metadata?.name || req.object?.metadata?.generateName || 'Unknown';
  return forbidden(`${qualifiedName(req.resource)} ${goQuote(name)} is forbidden: ${message}`);
}

/** The ResourceQuotas of a namespace, by name. */
export function quotasIn(quotas: Informer<ResourceQuota>, namespace: string): Stored<ResourceQuota>[] {
  return quotas.byIndex(BY_NAMESPACE, namespace).sort((a, b) => compareGoStrings(a.metadata.name, b.metadata.name));
}

export function quotaInformer(informers: InformerFactory): Informer<ResourceQuota> {
  const inf = informers.for<ResourceQuota>('resourcequotas');
  inf.addIndex(BY_NAMESPACE, byNamespace);
  return inf;
}

/**
 * The ResourceQuota admission plugin: a create (or a usage-changing update) in a namespace with
 * quotas is measured, refused with the real messages when it would exceed one (`exceeded quota:
 * q, requested: pods=1, used: pods=2, limited: pods=2`), and otherwise charged to the quotas'
 * status.used at once, so the next request sees it before the quota controller recounts.
 * Runs last among the validating plugins.
 */
export function resourceQuotaAdmission(informers: InformerFactory): AdmissionPlugin {
  const quotas = quotaInformer(informers);
  return {
    name: 'ResourceQuota',
    validate(req, api) {
      if (req.subresource || !req.resource.namespaced || !req.namespace || !req.object) return;
      const inNamespace = quotasIn(quotas, req.namespace);
      if (!inNamespace.length) return;
      const e = evaluatorFor(req.resource.group, req.resource.plural);
      if (!e.handles(req.operation)) return;

      const interesting: Stored<ResourceQuota>[] = [];
      for (const rq of inNamespace) {
        if (!quotaMatches(rq, e, req.object)) continue;
        const required = e.matchingResources(Object.keys(rq.status?.hard ?? {}));
        const constraint = e.constraints?.(required, req.object);
        if (constraint) throw refuse(req, `failed quota: ${rq.metadata.name}: ${constraint}`);
        const used = rq.status?.used ?? {};
        if (required.some((r) => !(r in used))) {
          throw refuse(req, `status unknown for quota: ${rq.metadata.name}, resources: ${[...required].sort(compareGoStrings).join(',')}`);
        }
        interesting.push(rq);
      }
      if (!interesting.length) return;

      const now = api.clock.now();
      let delta = e.usage(req.object, now);
      const negative = [...delta].filter(([, v]) => v.sign() < 0).map(([k]) => k);
      if (negative.length) throw refuse(req, `quota usage is negative for resource(s): ${negative.sort(compareGoStrings).join(',')}`);
      if (req.operation === 'UPDATE' && req.oldObject) delta = subtractNonNegative(delta, e.usage(req.oldObject, now));
      if (isZeroUsage(delta)) return;

      const updates: [Stored<ResourceQuota>, Usage][] = [];
      for (const rq of interesting) {
        const hard = toUsage(rq.status?.hard as Record<string, string>);
        const used = toUsage(rq.status?.used as Record<string, string>);
        const requested = maskUsage(delta, hard.keys());
        const next = addUsage(used, requested);
        const exceeded = [...hard]
          .filter(([k, limit]) => {
            const n = requested.has(k) ? next.get(k) : undefined;
            return !!n && n.cmp(limit) > 0;
          })
          .map(([k]) => k);
        if (exceeded.length) {
          throw refuse(
            req,
            `exceeded quota: ${rq.metadata.name}, requested: ${prettyPrint(maskUsage(requested, exceeded))}, used: ${prettyPrint(maskUsage(used, exceeded))}, limited: ${prettyPrint(maskUsage(hard, exceeded))}`,
          );
        }
        if (!usageEquals(next, used)) updates.push([rq, next]);
      }
      if (req.dryRun) return;
      for (const [rq, next] of updates) charge(api, rq, next);
    },
  };
}

function charge(api: ApiServer, rq: Stored<ResourceQuota>, used: Usage): void {
  const updated = clone(rq);
  updated.status = { ...updated.status, used: fromUsage(used) };
  api.updateStatus<ResourceQuota>('resourcequotas', rq.metadata.namespace ?? '', updated);
}
