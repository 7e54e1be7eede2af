import type { Container, PodSpec } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { compareGoStrings, goQuote } from '../../api/names';

/**
 * The Pod Security Standards checks (baseline and restricted), as the pod-security-admission
 * library words their results. Each check returns a reason and a detail, or nothing when the
 * pod passes; a failed evaluation prints as `reason (detail), reason (detail)`.
 */

export type Level = 'privileged' | 'baseline' | 'restricted';

export interface CheckResult {
  reason: string;
  detail: string;
}

/** A check of one policy version: `minor` is the 1.x the namespace asks for (`latest` is 1.32). */
type Check = (meta: ObjectMeta, spec: PodSpec, minor: number) => CheckResult | undefined;

/** The newest policy version this cluster knows: `latest` evaluates as v1.32. */
export const LATEST_MINOR = 32;

const plural = (one: string, many: string, n: number) => (n === 1 ? one : many);
const joinQuote = (items: readonly string[]) => items.map(goQuote).join(', ');
const uniqSorted = (items: Iterable<string>) => [...new Set(items)].sort(compareGoStrings);

/** Init containers, containers, then ephemeral containers, as the checks visit them. */
function containers(spec: PodSpec): Container[] {
  return [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...((spec.ephemeralContainers ?? []) as Container[])];
}

const names = (cs: Container[]) => `${plural('container', 'containers', cs.length)} ${joinQuote(cs.map((c) => c.name))}`;

// ---------------------------------------------------------------------------------------------
// Baseline.

const appArmorProfile: Check = (meta) => {
  const bad: string[] = [];
  for (const [k, v] of Object.entries((meta.annotations ?? {}) as Record<string, string>)) {
    if (k.startsWith('container.apparmor.security.beta.kubernetes.io/') && !(v === '' || v === 'runtime/default' || v.startsWith('localhost/'))) {
      bad.push(`${k}=${goQuote(v)}`);
    }
  }
  if (!bad.length) return undefined;
  bad.sort(compareGoStrings);
  return { reason: plural('forbidden AppArmor profile', 'forbidden AppArmor profiles', bad.length), detail: bad.join(', ') };
};

const hostNamespaces: Check = (_m, spec) => {
  const used = [spec.hostIPC && 'hostIPC', spec.hostNetwork && 'hostNetwork', spec.hostPID && 'hostPID'].filter(Boolean) as string[];
  return used.length ? { reason: 'host namespaces', detail: used.join(', ') } : undefined;
};

const hostPorts: Check = (_m, spec) => {
  const bad: Container[] = [];
  const ports: string[] = [];
  for (const c of containers(spec)) {
    const own = (c.ports ?? []).filter((p) => p.hostPort).map((p) => String(p.hostPort));
    if (own.length) {
      bad.push(c);
      ports.push(...own);
    }
  }
  if (!bad.length) return undefined;
  const list = uniqSorted(ports);
  return {
    reason: 'hostPort',
    detail: `${names(bad)} ${plural('uses', 'use', bad.length)} ${plural('hostPort', 'hostPorts', list.length)} ${list.join(', ')}`,
  };
};

const privileged: Check = (_m, spec) => {
  const bad = containers(spec).filter((c) => c.securityContext?.privileged === true);
  return bad.length ? { reason: 'privileged', detail: `${names(bad)} must not set securityContext.privileged=true` } : undefined;
};

const procMount: Check = (_m, spec) => {
  const bad = containers(spec).filter((c) => c.securityContext?.procMount != null && c.securityContext.procMount !== 'Default');
  if (!bad.length) return undefined;
  const types = uniqSorted(bad.map((c) => c.securityContext?.procMount as string));
  return { reason: 'procMount', detail: `${names(bad)} must not set securityContext.procMount to ${joinQuote(types)}` };
};

const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);

const seLinuxOptions: Check = (_m, spec) => {
  const badTypes = new Set<string>();
  let setUser = false;
  let setRole = false;
  const valid = (o: { type?: string; user?: string; role?: string }) => {
    let ok = true;
    if (!SELINUX_TYPES.has(o.type ?? '')) {
      ok = false;
      badTypes.add(o.type ?? '');
    }
    if (o.user) {
      ok = false;
      setUser = true;
    }
    if (o.role) {
      ok = false;
      setRole = true;
    }
    return ok;
  };
  const setters: string[] = [];
  if (spec.securityContext?.seLinuxOptions && !valid(spec.securityContext.seLinuxOptions)) setters.push('pod');
  const bad = containers(spec).filter((c) => c.securityContext?.seLinuxOptions && !valid(c.securityContext.seLinuxOptions));
  if (bad.length) setters.push(names(bad));
  if (!setters.length) return undefined;
  const data: string[] = [];
  if (badTypes.size) {
    const types = uniqSorted(badTypes);
    data.push(`${plural('type', 'types', types.length)} ${joinQuote(types)}`);
    // Upstream only mentions user and role alongside a bad type.
    if (setUser) data.push('user may not be set');
    if (setRole) data.push('role may not be set');
  }
  return { reason: 'seLinuxOptions', detail: `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}` };
};

const validSeccomp = (t: string | undefined) => t === 'RuntimeDefault' || t === 'Localhost';

const seccompBaseline: Check = (_m, spec) => {
  const setters: string[] = [];
  const values = new Set<string>();
  const podType = spec.securityContext?.seccompProfile?.type;
  if (spec.securityContext?.seccompProfile && !validSeccomp(podType)) {
    setters.push('pod');
    values.add(podType ?? '');
  }
  const bad = containers(spec).filter((c) => c.securityContext?.seccompProfile && !validSeccomp(c.securityContext.seccompProfile.type));
  for (const c of bad) values.add(c.securityContext?.seccompProfile?.type ?? '');
  if (bad.length) setters.push(names(bad));
  if (!setters.length) return undefined;
  return { reason: 'seccompProfile', detail: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(uniqSorted(values))}` };
};

/** Namespaced, isolated sysctls that baseline allows, and the policy version that added them. */
const SAFE_SYSCTLS: [string, number][] = [
  ['kernel.shm_rmid_forced', 0],
  ['net.ipv4.ip_local_port_range', 0],
  ['net.ipv4.tcp_syncookies', 0],
  ['net.ipv4.ping_group_range', 0],
  ['net.ipv4.ip_unprivileged_port_start', 0],
  ['net.ipv4.ip_local_reserved_ports', 27],
  ['net.ipv4.tcp_keepalive_time', 29],
  ['net.ipv4.tcp_fin_timeout', 29],
  ['net.ipv4.tcp_keepalive_intvl', 29],
  ['net.ipv4.tcp_keepalive_probes', 29],
];

const sysctls: Check = (_m, spec, minor) => {
  const safe = new Set(SAFE_SYSCTLS.filter(([, since]) => minor >= since).map(([n]) => n));
  const bad = (spec.securityContext?.sysctls ?? []).map((s) => s.name).filter((n) => !safe.has(n));
  return bad.length ? { reason: 'forbidden sysctls', detail: bad.join(', ') } : undefined;
};

const windowsHostProcess: Check = (_m, spec) => {
  const bad = containers(spec).filter((c) => c.securityContext?.windowsOptions?.hostProcess === true);
  const pod = spec.securityContext?.windowsOptions?.hostProcess === true;
  if (!bad.length && !pod) return undefined;
  const who = [pod ? 'pod' : '', bad.length ? names(bad) : ''].filter(Boolean).join(' and ');
  return { reason: 'hostProcess', detail: `${who} must not set securityContext.windowsOptions.hostProcess=true` };
};

/** Baseline checks that the restricted profile replaces with stricter ones. */
const CAPABILITIES_BASELINE = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);

const capabilitiesBaseline: Check = (_m, spec) => {
  const caps = new Set<string>();
  const bad = containers(spec).filter((c) => {
    const added = (c.securityContext?.capabilities?.add ?? []).filter((x) => !CAPABILITIES_BASELINE.has(x));
    for (const x of added) caps.add(x);
    return added.length > 0;
  });
  if (!bad.length) return undefined;
  return { reason: 'non-default capabilities', detail: `${names(bad)} must not include ${joinQuote(uniqSorted(caps))} in securityContext.capabilities.add` };
};

const hostPathVolumes: Check = (_m, spec) => {
  const vols = (spec.volumes ?? []).filter((v) => v.hostPath).map((v) => v.name);
  return vols.length ? { reason: 'hostPath volumes', detail: `${plural('volume', 'volumes', vols.length)} ${joinQuote(vols)}` } : undefined;
};

// ---------------------------------------------------------------------------------------------
// Restricted.

const allowPrivilegeEscalation: Check = (_m, spec) => {
  const bad = containers(spec).filter((c) => c.securityContext?.allowPrivilegeEscalation !== false);
  return bad.length
    ? { reason: 'allowPrivilegeEscalation != false', detail: `${names(bad)} must set securityContext.allowPrivilegeEscalation=false` }
    : undefined;
};

const capabilitiesRestricted: Check = (_m, spec) => {
  const missingDrop: Container[] = [];
  const adding: Container[] = [];
  const caps = new Set<string>();
  for (const c of containers(spec)) {
    const capabilities = c.securityContext?.capabilities;
    if (!capabilities) {
      missingDrop.push(c);
      continue;
    }
    if (!(capabilities.drop ?? []).includes('ALL')) missingDrop.push(c);
    const extra = (capabilities.add ?? []).filter((x) => x !== 'NET_BIND_SERVICE');
    for (const x of extra) caps.add(x);
    if (extra.length) adding.push(c);
  }
  const details: string[] = [];
  if (missingDrop.length) details.push(`${names(missingDrop)} must set securityContext.capabilities.drop=["ALL"]`);
  if (adding.length) details.push(`${names(adding)} must not include ${joinQuote(uniqSorted(caps))} in securityContext.capabilities.add`);
  return details.length ? { reason: 'unrestricted capabilities', detail: details.join('; ') } : undefined;
};

const ALLOWED_VOLUME_SOURCES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];

const restrictedVolumes: Check = (_m, spec) => {
  const bad = uniqSorted(
    (spec.volumes ?? []).filter((v) => !ALLOWED_VOLUME_SOURCES.some((s) => (v as unknown as Record<string, unknown>)[s] != null)).map((v) => v.name),
  );
  // Go's %q of a []string.
  return bad.length ? { reason: 'restricted volume types', detail: `volumes [${bad.map(goQuote).join(' ')}] have restricted types` } : undefined;
};

/** Shared shape of runAsNonRoot and the restricted seccomp check: pod-level setting, container overrides. */
const runAsNonRoot: Check = (_m, spec) => {
  const setters: string[] = [];
  let podOk = false;
  const podValue = spec.securityContext?.runAsNonRoot;
  if (podValue === false) setters.push('pod');
  else if (podValue === true) podOk = true;
  const explicit: Container[] = [];
  const implicit: Container[] = [];
  for (const c of containers(spec)) {
    const v = c.securityContext?.runAsNonRoot;
    if (v === false) explicit.push(c);
    else if (v == null && !podOk) implicit.push(c);
  }
  if (explicit.length) setters.push(names(explicit));
  if (setters.length) return { reason: 'runAsNonRoot != true', detail: `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false` };
  if (implicit.length) return { reason: 'runAsNonRoot != true', detail: `pod or ${names(implicit)} must set securityContext.runAsNonRoot=true` };
  return undefined;
};

const runAsUser: Check = (_m, spec) => {
  const setters: string[] = [];
  if (spec.securityContext?.runAsUser === 0) setters.push('pod');
  const bad = containers(spec).filter((c) => c.securityContext?.runAsUser === 0);
  if (bad.length) setters.push(names(bad));
  return setters.length ? { reason: 'runAsUser=0', detail: `${setters.join(' and ')} must not set runAsUser=0` } : undefined;
};

const seccompRestricted: Check = (_m, spec) => {
  const setters: string[] = [];
  const values = new Set<string>();
  let podOk = false;
  const podProfile = spec.securityContext?.seccompProfile;
  if (podProfile) {
    if (!validSeccomp(podProfile.type)) {
      setters.push('pod');
      values.add(podProfile.type ?? '');
    } else podOk = true;
  }
  const explicit: Container[] = [];
  const implicit: Container[] = [];
  for (const c of containers(spec)) {
    const p = c.securityContext?.seccompProfile;
    if (p) {
      if (!validSeccomp(p.type)) {
        explicit.push(c);
        values.add(p.type ?? '');
      }
    } else if (!podOk) implicit.push(c);
  }
  if (explicit.length) setters.push(names(explicit));
  if (setters.length) {
    return { reason: 'seccompProfile', detail: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(uniqSorted(values))}` };
  }
  if (implicit.length) {
    return { reason: 'seccompProfile', detail: `pod or ${names(implicit)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"` };
  }
  return undefined;
};

/**
 * The checks in the order the library registers them (by file name): baseline checks every
 * level runs, baseline checks the restricted level replaces, and the restricted checks.
 */
/** A check that only exists from a policy version on. */
const since =
  (minor: number, check: Check): Check =>
  (meta, spec, v) =>
    v >= minor ? check(meta, spec, v) : undefined;

const BASELINE: Check[] = [appArmorProfile, hostNamespaces, hostPorts, privileged, procMount, seLinuxOptions, sysctls, windowsHostProcess];
const BASELINE_ONLY: Check[] = [capabilitiesBaseline, hostPathVolumes, since(19, seccompBaseline)];
const RESTRICTED: Check[] = [
  allowPrivilegeEscalation,
  since(22, capabilitiesRestricted),
  restrictedVolumes,
  runAsNonRoot,
  since(23, runAsUser),
  since(19, seccompRestricted),
];

/** Evaluate a pod (or a pod template) against a level and policy version; the failed checks in order. */
export function evaluatePod(level: Level, meta: ObjectMeta, spec: PodSpec, minor = LATEST_MINOR): CheckResult[] {
  if (level === 'privileged') return [];
  const v = Math.min(minor, LATEST_MINOR);
  const checks = level === 'baseline' ? [...BASELINE, ...BASELINE_ONLY] : [...BASELINE, ...RESTRICTED];
  const out: CheckResult[] = [];
  for (const check of checks) {
    const r = check(meta, spec, v);
    if (r) out.push(r);
  }
  return out;
}

/** `reason (detail), reason (detail)`: how a failed evaluation reads in errors and warnings. */
export function forbiddenDetail(results: readonly CheckResult[]): string {
  return results.map((r) => (r.detail ? `${r.reason} (${r.detail})` : r.reason)).join(', ');
}

/** The reasons alone, as the namespace-label warnings list them per pod. */
export function forbiddenReason(results: readonly CheckResult[]): string {
  return results.map((r) => r.reason).join(', ');
}
