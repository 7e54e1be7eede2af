import type { FieldError } from '../../api/status';
import { fe } from './errors';

/**
 * Formats the names module does not cover: path segments (RBAC names), IP addresses and
 * CIDRs, and container image references.
 */

/** apimachinery's ValidatePathSegmentName (names of Roles, ClusterRoles and bindings). */
export function isValidPathSegmentName(name: string, prefix = false): string[] {
  if (!prefix) {
    for (const bad of ['.', '..']) if (name === bad) return [`may not be '${bad}'`];
  }
  const errs: string[] = [];
  for (const bad of ['/', '%']) if (name.includes(bad)) errs.push(`may not contain '${bad}'`);
  return errs;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
/** Accepts leading zeros as ParseIPSloppy does. */
const IPV4_SLOPPY = /^\d{1,3}(\.\d{1,3}){3}$/;

export function parseIPv4(ip: string): number[] | undefined {
  if (!IPV4.test(ip) && !IPV4_SLOPPY.test(ip)) return undefined;
  const parts = ip.split('.').map((p) => Number.parseInt(p, 10));
  return parts.every((p) => p <= 255) ? parts : undefined;
}

export function isIPv6(ip: string): boolean {
  if (!ip.includes(':')) return false;
  const [head, ...rest] = ip.split('::');
  if (rest.length > 1) return false;
  const groups = (s: string) => (s ? s.split(':') : []);
  let all = [...groups(head), ...groups(rest[0] ?? '')];
  const last = all[all.length - 1];
  let extra = 0;
  if (last?.includes('.')) {
    if (!parseIPv4(last)) return false;
    all = all.slice(0, -1);
    extra = 2;
  }
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const count = all.length + extra;
  return rest.length === 1 ? count < 8 : count === 8;
}

export function isIP(ip: string): boolean {
  return parseIPv4(ip) !== undefined || isIPv6(ip);
}

/** validation.IsValidIP. */
export function validateIP(path: string, value: string): FieldError[] {
  return isIP(value) ? [] : [fe.invalid(path, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
}

/** validation.IsValidCIDR. */
export function validateCIDR(path: string, value: string): FieldError[] {
  const [ip, bits, ...more] = value.split('/');
  const n = Number(bits);
  const ok =
    more.length === 0 && bits !== undefined && /^\d+$/.test(bits) && ((parseIPv4(ip) !== undefined && n <= 32) || (isIPv6(ip) && n <= 128));
  return ok ? [] : [fe.invalid(path, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
}

// Docker reference grammar (distribution/reference), enough to find the tag and digest.
const component = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domain = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?`;
const name = `(?:${domain}/)?${component}(?:/${component})*`;
const tag = '[\\w][\\w.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const reference = new RegExp(`^(${name})(?::(${tag}))?(?:@(${digest}))?$`);

/**
 * parsers.ParseImageName's tag: the image's tag, `latest` when it has neither tag nor
 * digest, and '' when it has only a digest or does not parse.
 */
export function imageTag(image: string): string {
  const m = reference.exec(image);
  if (!m || m[1].length > 255) return '';
  const [, , t, d] = m;
  if (t) return t;
  return d ? '' : 'latest';
}
