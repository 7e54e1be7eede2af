import type { LimitRange, LimitRangeItem, ResourceQuota } from 'kubernetes-types/core/v1';
import { isQualifiedName } from '../../api/names';
import { type Quantity, tryParseQuantity } from '../../api/quantity';
import type { FieldError } from '../../api/status';
import type { Strategy } from '../strategy';
import { sortedKeys, ensureField } from './common';
import { child, fe, index, key } from './errors';
import { asDecodeError, defaultResourceList } from './podspec-defaults';
import {
  isOvercommitAllowed,
  isStandardResource,
  validateContainerResourceName,
  validateResourceName,
  validateResourceQuantity,
} from './resources';

/** ResourceQuotas and LimitRanges. */

const QUOTA_SCOPES = ['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity'];

function validateQuotaResources(hard: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of sortedKeys(hard)) {
    const p = key(path, k);
    const nameErrs = validateResourceName(k, p);
    errs.push(...nameErrs);
    if (!k.includes('/') && !isStandardResource(k) && !k.startsWith('count/')) {
      // validateResourceName already said "must be a standard resource type or fully qualified".
      errs.push(fe.invalid(p, k, 'must be a standard resource for quota'));
    }
    errs.push(...validateResourceQuantity(k, String(hard?.[k]), p));
  }
  return errs;
}

export const resourceQuotaStrategy: Strategy<ResourceQuota> = {
  statusSubresource: true,
  defaults(rq) {
    asDecodeError(rq, () => defaultResourceList(rq.spec?.hard as Record<string, string> | undefined));
  },
  prepareForCreate(rq) {
    (rq as { status?: unknown }).status = {};
  },
  validate(rq) {
    const errs = validateQuotaResources(rq.spec?.hard as Record<string, string> | undefined, 'spec.hard');
    const scopes = rq.spec?.scopes ?? [];
    for (const s of scopes) if (!QUOTA_SCOPES.includes(s)) errs.push(fe.invalid('spec.scopes', scopes, 'unsupported scope'));
    const has = (s: string) => scopes.includes(s);
    if ((has('BestEffort') && has('NotBestEffort')) || (has('Terminating') && has('NotTerminating'))) {
      errs.push(fe.invalid('spec.scopes', scopes, 'conflicting scopes'));
    }
    return errs;
  },
  validateUpdate(rq, old) {
    const a = new Set(rq.spec?.scopes ?? []);
    const b = new Set(old.spec?.scopes ?? []);
    if (a.size !== b.size || [...a].some((s) => !b.has(s))) return [fe.invalid('spec.scopes', rq.spec?.scopes ?? [], 'field is immutable')];
    return [];
  },
  validateStatusUpdate(rq) {
    return [
      ...validateQuotaResources(rq.status?.hard as Record<string, string> | undefined, 'status.hard'),
      ...validateQuotaResources(rq.status?.used as Record<string, string> | undefined, 'status.used'),
    ];
  },
};

// ---------------------------------------------------------------------------------------------
// LimitRange

const LIMIT_TYPES = ['Pod', 'Container', 'PersistentVolumeClaim'];
type List = Record<string, string>;

/** SetDefaults_LimitRangeItem: a container limit range's default comes from max, its request from default or min. */
function defaultLimitRangeItem(item: LimitRangeItem): void {
  for (const f of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'] as const)
    defaultResourceList(item[f] as List | undefined);
  if (item.type !== 'Container') return;
  const def = ensureField(item, 'default', {}) as List;
  const req = ensureField(item, 'defaultRequest', {}) as List;
  for (const [k, v] of Object.entries((item.max ?? {}) as List)) if (!(k in def)) def[k] = v;
  for (const [k, v] of Object.entries(def)) if (!(k in req)) req[k] = v;
  for (const [k, v] of Object.entries((item.min ?? {}) as List)) if (!(k in req)) req[k] = v;
}

function validateLimitRange(lr: LimitRange): FieldError[] {
  const errs: FieldError[] = [];
  const types = new Set<string>();
  (lr.spec?.limits ?? []).forEach((limit, i) => {
    const p = index('spec.limits', i);
    const type = limit.type ?? '';
    const typeErrs = isQualifiedName(type).map((msg) => fe.invalid(child(p, 'type'), type, msg));
    if (!typeErrs.length && !type.includes('/') && !LIMIT_TYPES.includes(type)) {
      typeErrs.push(fe.invalid(child(p, 'type'), type, 'must be a standard limit type or fully qualified'));
    }
    errs.push(...typeErrs);
    if (types.has(type)) errs.push(fe.duplicate(child(p, 'type'), type));
    types.add(type);
    const nameCheck = type === 'Pod' || type === 'Container' ? validateContainerResourceName : validateResourceName;
    const q: Record<string, Record<string, Quantity | undefined>> = {};
    const fields =
      type === 'Pod' ? ['max', 'min', 'maxLimitRequestRatio'] : ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'];
    if (type === 'Pod') {
      if (Object.keys(limit.default ?? {}).length)
        errs.push(fe.forbidden(child(p, 'default'), "may not be specified when `type` is 'Pod'"));
      if (Object.keys(limit.defaultRequest ?? {}).length) {
        errs.push(fe.forbidden(child(p, 'defaultRequest'), "may not be specified when `type` is 'Pod'"));
      }
    }
    const keys = new Set<string>();
    for (const f of fields) {
      q[f] = {};
      const list = ((limit as unknown as Record<string, unknown>)[f] ?? {}) as List;
      for (const k of sortedKeys(list)) {
        errs.push(...nameCheck(k, key(child(p, f), k)));
        keys.add(k);
        q[f][k] = tryParseQuantity(list[k]);
      }
    }
    if (type === 'PersistentVolumeClaim' && !limit.min?.storage && !limit.max?.storage) {
      errs.push(fe.required(child(p, 'limits'), 'either minimum or maximum storage value is required, but neither was provided'));
    }
    for (const k of [...keys].sort()) {
      const min = q.min[k];
      const max = q.max[k];
      const def = q.default?.[k];
      const req = q.defaultRequest?.[k];
      const ratio = q.maxLimitRequestRatio[k];
      const s = (x: Quantity) => x.toString();
      if (min && max && min.cmp(max) > 0)
        errs.push(fe.invalid(key(child(p, 'min'), k), s(min), `min value ${s(min)} is greater than max value ${s(max)}`));
      if (req && min && min.cmp(req) > 0) {
        errs.push(
          fe.invalid(key(child(p, 'defaultRequest'), k), s(req), `min value ${s(min)} is greater than default request value ${s(req)}`),
        );
      }
      if (req && max && req.cmp(max) > 0) {
        errs.push(
          fe.invalid(key(child(p, 'defaultRequest'), k), s(req), `default request value ${s(req)} is greater than max value ${s(max)}`),
        );
      }
      if (req && def && req.cmp(def) > 0) {
        errs.push(
          fe.invalid(
            key(child(p, 'defaultRequest'), k),
            s(req),
            `default request value ${s(req)} is greater than default limit value ${s(def)}`,
          ),
        );
      }
      if (def && min && min.cmp(def) > 0)
        errs.push(fe.invalid(key(child(p, 'default'), k), s(min), `min value ${s(min)} is greater than default value ${s(def)}`));
      if (def && max && def.cmp(max) > 0)
        errs.push(fe.invalid(key(child(p, 'default'), k), s(max), `default value ${s(def)} is greater than max value ${s(max)}`));
      if (ratio && ratio.milliValue() < 1000) {
        errs.push(fe.invalid(key(child(p, 'maxLimitRequestRatio'), k), s(ratio), `ratio ${s(ratio)} is less than 1`));
      }
      if (!isOvercommitAllowed(k) && def && req && def.cmp(req) !== 0) {
        errs.push(
          fe.invalid(
            key(child(p, 'defaultRequest'), k),
            s(req),
            `default value ${s(def)} must equal to defaultRequest value ${s(req)} in ${k}`,
          ),
        );
      }
    }
  });
  return errs;
}

export const limitRangeStrategy: Strategy<LimitRange> = {
  defaults(lr) {
    asDecodeError(lr, () => {
      for (const item of lr.spec?.limits ?? []) defaultLimitRangeItem(item);
    });
  },
  validate: validateLimitRange,
};
