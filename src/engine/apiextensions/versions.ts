import type { CRD, CRDVersion } from './types';

const KUBE_VERSION = /^v(\d+)(?:(alpha|beta)(\d+))?$/;

/**
 * Kubernetes' version priority (v1 > v1beta2 > v1beta1 > v1alpha1 > anything else): discovery
 * lists a group's versions in this order and kubectl uses the first, the preferred one.
 * Negative when `a` comes first.
 */
export function compareKubeAwareVersions(a: string, b: string): number {
  const ma = KUBE_VERSION.exec(a);
  const mb = KUBE_VERSION.exec(b);
  if (!ma && !mb) return a < b ? -1 : a > b ? 1 : 0;
  if (!ma) return 1;
  if (!mb) return -1;
  const rank = (m: RegExpExecArray) => (m[2] === undefined ? 0 : m[2] === 'beta' ? 1 : 2);
  if (rank(ma) !== rank(mb)) return rank(ma) - rank(mb);
  const major = Number(mb[1]) - Number(ma[1]);
  if (major !== 0) return major;
  return Number(mb[3] ?? 0) - Number(ma[3] ?? 0);
}

/** The version kubectl and the sandbox's registry use for a CRD: the highest-priority served one. */
export function preferredVersion(crd: CRD): CRDVersion | undefined {
  const served = (crd.spec?.versions ?? []).filter((v) => v?.served);
  return served.sort((a, b) => compareKubeAwareVersions(a.name, b.name))[0];
}

export function storageVersion(crd: CRD): CRDVersion | undefined {
  return (crd.spec?.versions ?? []).find((v) => v?.storage);
}
