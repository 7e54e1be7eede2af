import { IS_NEGATIVE_ERROR_MSG, isQualifiedName } from '../../api/names';
import { tryParseQuantity } from '../../api/quantity';
import type { FieldError } from '../../api/status';
import { sortedKeys } from './common';
import { fe, key } from './errors';

/**
 * Resource names and quantities as pkg/apis/core/helper classifies them, and container
 * resource requirements validation (ValidateContainerResourceRequirements).
 */

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const STANDARD_RESOURCES = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
  'quota',
  'services',
  'replicationcontrollers',
  'secrets',
  'persistentvolumeclaims',
  'storage',
  'requests.storage',
  'services.nodeports',
  'services.loadbalancers',
  'configmaps',
  'resourcequotas',
]);
const INTEGER_RESOURCES = new Set([
  'pods',
  'quota',
  'services',
  'replicationcontrollers',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'services.nodeports',
  'services.loadbalancers',
  'resourcequotas',
]);

export const isHugePages = (name: string) => name.startsWith('hugepages-');
export const isNativeResource = (name: string) => !name.includes('/') || name.includes('kubernetes.io/');
export function isExtendedResource(name: string): boolean {
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  return isQualifiedName(`requests.${name}`).length === 0;
}
/** Native resources other than hugepages may be overcommitted; requests may be below limits. */
export const isOvercommitAllowed = (name: string) => isNativeResource(name) && !isHugePages(name);
export const isIntegerResource = (name: string) => INTEGER_RESOURCES.has(name) || name.startsWith('count/') || isExtendedResource(name);
export const isStandardResource = (name: string) =>
  STANDARD_RESOURCES.has(name) || isHugePages(name) || name.startsWith('requests.hugepages-');

/** validateResourceName. */
export function validateResourceName(name: string, path: string): FieldError[] {
  const errs = isQualifiedName(name).map((msg) => fe.invalid(path, name, msg));
  if (errs.length) return errs;
  if (!name.includes('/') && !isStandardResource(name)) {
    return [fe.invalid(path, name, 'must be a standard resource type or fully qualified')];
  }
  return [];
}

/** validateContainerResourceName. */
export function validateContainerResourceName(name: string, path: string): FieldError[] {
  const errs = validateResourceName(name, path);
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name)) {
      return [...errs, fe.invalid(path, name, 'must be a standard resource for containers')];
    }
  } else if (!isNativeResource(name) && !isExtendedResource(name)) {
    return [...errs, fe.invalid(path, name, "doesn't follow extended resource name standard")];
  }
  return errs;
}

/** ValidateResourceQuantityValue: not negative, and whole for integer resources. */
export function validateResourceQuantity(name: string, value: string, path: string): FieldError[] {
  const q = tryParseQuantity(value);
  if (!q) return [fe.invalid(path, value, 'must be a valid resource quantity')];
  const errs: FieldError[] = [];
  if (q.sign() < 0) errs.push(fe.invalid(path, q.toString(), IS_NEGATIVE_ERROR_MSG));
  if (isIntegerResource(name) && q.milliValue() % 1000 !== 0) errs.push(fe.invalid(path, q.toString(), 'must be an integer'));
  return errs;
}

type Requirements = {
  limits?: Record<string, string>;
  requests?: Record<string, string>;
  claims?: { name: string }[];
};

/** ValidateContainerResourceRequirements (claims are not modelled). */
export function validateResourceRequirements(req: Requirements | undefined, path: string): FieldError[] {
  if (!req) return [];
  const errs: FieldError[] = [];
  const limPath = `${path}.limits`;
  const reqPath = `${path}.requests`;
  const limits = req.limits ?? {};
  let cpuOrMemory = false;
  let hugePages = false;
  for (const name of sortedKeys(limits)) {
    const p = key(limPath, name);
    errs.push(...validateContainerResourceName(name, p));
    errs.push(...validateResourceQuantity(name, String(limits[name]), p));
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  const requests = req.requests ?? {};
  for (const name of sortedKeys(requests)) {
    const p = key(reqPath, name);
    errs.push(...validateContainerResourceName(name, p));
    errs.push(...validateResourceQuantity(name, String(requests[name]), p));
    const q = tryParseQuantity(String(requests[name]));
    const lim = name in limits ? tryParseQuantity(String(limits[name])) : undefined;
    if (q && lim) {
      if (q.cmp(lim) !== 0 && !isOvercommitAllowed(name)) {
        errs.push(fe.invalid(reqPath, q.toString(), `must be equal to ${name} limit of ${lim.toString()}`));
      } else if (q.cmp(lim) > 0) {
        errs.push(fe.invalid(reqPath, q.toString(), `must be less than or equal to ${name} limit of ${lim.toString()}`));
      }
    } else if (!(name in limits) && !isOvercommitAllowed(name)) {
      errs.push(fe.required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  if (!cpuOrMemory && hugePages) errs.push(fe.forbidden(path, 'HugePages require cpu or memory'));
  return errs;
}
