import type {
  Container,
  ContainerPort,
  EnvFromSource,
  EnvVar,
  LifecycleHandler,
  Probe,
  SecurityContext,
  Volume,
  VolumeMount,
} from 'kubernetes-types/core/v1';
import {
  isConfigMapKey,
  isHTTPHeaderName,
  isRelaxedEnvVarName,
  isValidGroupID,
  isValidPortName,
  isValidPortNum,
  isValidUserID,
  nameIsDNSSubdomain,
} from '../../api/names';
import type { FieldError } from '../../api/status';
import { validateDNS1123Label, validateNonnegative, validateQualifiedName } from './common';
import { child, fe, goStruct, index } from './errors';
import { validateResourceRequirements } from './resources';
import { validateLocalDescendingPath } from './volumes';

/**
 * Container validation (validateContainerCommon and what regular and init containers add),
 * with pkg/apis/core/validation's messages.
 */

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const ENV_FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];
/** What the v1 downward API conversion accepts at all (ConvertDownwardAPIFieldLabel). */
const CONVERTIBLE_FIELD_PATHS = new Set([
  'metadata.annotations',
  'metadata.labels',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.restartPolicy',
  'spec.serviceAccountName',
  'spec.schedulerName',
  'status.phase',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
]);
const RESOURCE_FIELD_PATHS = [
  'limits.cpu',
  'limits.ephemeral-storage',
  'limits.memory',
  'requests.cpu',
  'requests.ephemeral-storage',
  'requests.memory',
];

export type IntOrStringValue = number | string;

/** ValidatePortNumOrName. */
export function validatePortNumOrName(port: IntOrStringValue | undefined, path: string): FieldError[] {
  if (typeof port === 'string') return isValidPortName(port).map((msg) => fe.invalid(path, port, msg));
  return isValidPortNum(port ?? 0).map((msg) => fe.invalid(path, port ?? 0, msg));
}

function validatePorts(ports: ContainerPort[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((port, i) => {
    const p = index(path, i);
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length) for (const msg of msgs) errs.push(fe.invalid(child(p, 'name'), port.name, msg));
      else if (names.has(port.name)) errs.push(fe.duplicate(child(p, 'name'), port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errs.push(fe.required(child(p, 'containerPort')));
    else for (const msg of isValidPortNum(port.containerPort)) errs.push(fe.invalid(child(p, 'containerPort'), port.containerPort, msg));
    if (port.hostPort) for (const msg of isValidPortNum(port.hostPort)) errs.push(fe.invalid(child(p, 'hostPort'), port.hostPort, msg));
    if (!port.protocol) errs.push(fe.required(child(p, 'protocol')));
    else if (!PROTOCOLS.includes(port.protocol)) errs.push(fe.notSupported(child(p, 'protocol'), port.protocol, PROTOCOLS));
  });
  return errs;
}

/** fieldpath.SplitMaybeSubscriptedPath: `metadata.labels['app']` → path and subscript. */
function splitSubscript(fieldPath: string): [string, string] | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const s = fieldPath.slice(0, -2);
  const at = s.indexOf("['");
  if (at <= 0) return undefined;
  return [s.slice(0, at), s.slice(at + 2)];
}

function validateFieldRef(ref: { apiVersion?: string; fieldPath: string }, path: string): FieldError[] {
  if (!ref.apiVersion) return [fe.required(child(path, 'apiVersion'))];
  if (!ref.fieldPath) return [fe.required(child(path, 'fieldPath'))];
  const bad = (why: string) => [fe.invalid(child(path, 'fieldPath'), ref.fieldPath, `error converting fieldPath: ${why}`)];
  if (ref.apiVersion !== 'v1') return bad(`unsupported pod version: ${ref.apiVersion}`);
  const sub = splitSubscript(ref.fieldPath);
  if (sub) {
    const [base, key] = sub;
    if (base === 'metadata.annotations') return validateQualifiedName(key.toLowerCase(), path);
    if (base === 'metadata.labels') return validateQualifiedName(key, path);
    return bad(`field label does not support subscript: ${ref.fieldPath}`);
  }
  // Old v1 clients say spec.host for spec.nodeName.
  const base = ref.fieldPath === 'spec.host' ? 'spec.nodeName' : ref.fieldPath;
  if (!CONVERTIBLE_FIELD_PATHS.has(base)) return bad(`field label not supported: ${ref.fieldPath}`);
  if (!ENV_FIELD_PATHS.includes(base)) return [fe.notSupported(child(path, 'fieldPath'), base, ENV_FIELD_PATHS)];
  return [];
}

function validateKeySelector(s: { name?: string; key: string }, path: string): FieldError[] {
  const errs = nameIsDNSSubdomain(s.name ?? '', false).map((msg) => fe.invalid(child(path, 'name'), s.name ?? '', msg));
  if (!s.key) errs.push(fe.required(child(path, 'key')));
  else for (const msg of isConfigMapKey(s.key)) errs.push(fe.invalid(child(path, 'key'), s.key, msg));
  return errs;
}

/** ValidateEnv (with v1.32's relaxed variable names). */
export function validateEnv(env: EnvVar[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (env ?? []).forEach((ev, i) => {
    const p = index(path, i);
    if (!ev.name) errs.push(fe.required(child(p, 'name')));
    else for (const msg of isRelaxedEnvVarName(ev.name)) errs.push(fe.invalid(child(p, 'name'), ev.name, msg));
    const from = ev.valueFrom;
    if (!from) return;
    const fp = child(p, 'valueFrom');
    let n = 0;
    if (from.fieldRef) {
      n++;
      errs.push(...validateFieldRef(from.fieldRef, child(fp, 'fieldRef')));
    }
    if (from.resourceFieldRef) {
      n++;
      const r = from.resourceFieldRef;
      const rp = child(fp, 'resourceFieldRef');
      if (!r.resource) errs.push(fe.required(child(rp, 'resource')));
      else if (!RESOURCE_FIELD_PATHS.includes(r.resource) && !/^(requests|limits)\.hugepages-/.test(r.resource)) {
        errs.push(fe.notSupported(child(rp, 'resource'), r.resource, RESOURCE_FIELD_PATHS));
      }
    }
    if (from.configMapKeyRef) {
      n++;
      errs.push(...validateKeySelector(from.configMapKeyRef, child(fp, 'configMapKeyRef')));
    }
    if (from.secretKeyRef) {
      n++;
      errs.push(...validateKeySelector(from.secretKeyRef, child(fp, 'secretKeyRef')));
    }
    if (n === 0) errs.push(fe.invalid(fp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    else if (ev.value) errs.push(fe.invalid(fp, '', 'may not be specified when `value` is not empty'));
    else if (n > 1) errs.push(fe.invalid(fp, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

/** ValidateEnvFrom. */
export function validateEnvFrom(envFrom: EnvFromSource[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (envFrom ?? []).forEach((ev, i) => {
    const p = index(path, i);
    if (ev.prefix) for (const msg of isRelaxedEnvVarName(ev.prefix)) errs.push(fe.invalid(child(p, 'prefix'), ev.prefix, msg));
    let n = 0;
    for (const [field, ref] of [
      ['configMapRef', ev.configMapRef],
      ['secretRef', ev.secretRef],
    ] as const) {
      if (!ref) continue;
      n++;
      const rp = child(p, field);
      if (!ref.name) errs.push(fe.required(child(rp, 'name')));
      else for (const msg of nameIsDNSSubdomain(ref.name, true)) errs.push(fe.invalid(child(rp, 'name'), ref.name, msg));
    }
    if (n === 0) errs.push(fe.invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (n > 1) errs.push(fe.invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function validateVolumeMounts(mounts: VolumeMount[] | undefined, volumes: Map<string, Volume>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (mounts ?? []).forEach((m, i) => {
    const p = index(path, i);
    if (!m.name) errs.push(fe.required(child(p, 'name')));
    if (!volumes.has(m.name)) errs.push(fe.notFound(child(p, 'name'), m.name ?? ''));
    if (!m.mountPath) errs.push(fe.required(child(p, 'mountPath')));
    if (seen.has(m.mountPath)) errs.push(fe.invalid(child(p, 'mountPath'), m.mountPath, 'must be unique'));
    seen.add(m.mountPath);
    if (m.subPath) errs.push(...validateLocalDescendingPath(m.subPath, child(path, 'subPath')));
    if (m.subPathExpr) {
      if (m.subPath) errs.push(fe.invalid(child(p, 'subPathExpr'), m.subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(m.subPathExpr, child(path, 'subPathExpr')));
    }
    if (m.mountPropagation && !['None', 'HostToContainer', 'Bidirectional'].includes(m.mountPropagation)) {
      errs.push(fe.notSupported(child(path, 'mountPropagation'), m.mountPropagation, ['Bidirectional', 'HostToContainer', 'None']));
    }
  });
  return errs;
}

function validateHandler(h: LifecycleHandler & { grpc?: { port: number } }, grace: number | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  const one = (field: string, present: unknown, check: () => FieldError[]) => {
    if (!present) return;
    if (n > 0) errs.push(fe.forbidden(child(path, field), 'may not specify more than 1 handler type'));
    else {
      n++;
      errs.push(...check());
    }
  };
  one('exec', h.exec, () => (h.exec?.command?.length ? [] : [fe.required(child(path, 'exec', 'command'))]));
  one('httpGet', h.httpGet, () => {
    const g = h.httpGet;
    const p = child(path, 'httpGet');
    const out: FieldError[] = [];
    if (!g?.path) out.push(fe.required(child(p, 'path')));
    out.push(...validatePortNumOrName(g?.port as IntOrStringValue, child(p, 'port')));
    if (!['HTTP', 'HTTPS'].includes(g?.scheme ?? '')) out.push(fe.notSupported(child(p, 'scheme'), g?.scheme ?? '', ['HTTP', 'HTTPS']));
    for (const hdr of g?.httpHeaders ?? []) {
      for (const msg of isHTTPHeaderName(hdr.name)) out.push(fe.invalid(child(p, 'httpHeaders'), hdr.name, msg));
    }
    return out;
  });
  one('tcpSocket', h.tcpSocket, () => validatePortNumOrName(h.tcpSocket?.port as IntOrStringValue, child(path, 'tcpSocket', 'port')));
  one('grpc', h.grpc, () => validatePortNumOrName(h.grpc?.port, child(path, 'grpc', 'port')));
  one('sleep', h.sleep, () => {
    const s = h.sleep?.seconds ?? 0;
    if (grace !== undefined && (s <= 0 || s > grace)) {
      return [
        fe.invalid(
          child(path, 'sleep'),
          s,
          `must be greater than 0 and less than terminationGracePeriodSeconds (${grace}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.`,
        ),
      ];
    }
    return [];
  });
  if (n === 0) errs.push(fe.required(path, 'must specify a handler type'));
  return errs;
}

type ProbeKind = 'liveness' | 'readiness' | 'startup';

export function validateProbe(probe: Probe | undefined, kind: ProbeKind, grace: number | undefined, path: string): FieldError[] {
  if (!probe) return [];
  // A probe may not carry lifecycle's sleep handler; strip it so only probe handlers count.
  const { exec, httpGet, tcpSocket, grpc } = probe;
  const errs = validateHandler({ exec, httpGet, tcpSocket, grpc } as LifecycleHandler, grace, path);
  errs.push(...validateNonnegative(probe.initialDelaySeconds, child(path, 'initialDelaySeconds')));
  errs.push(...validateNonnegative(probe.timeoutSeconds, child(path, 'timeoutSeconds')));
  errs.push(...validateNonnegative(probe.periodSeconds, child(path, 'periodSeconds')));
  errs.push(...validateNonnegative(probe.successThreshold, child(path, 'successThreshold')));
  errs.push(...validateNonnegative(probe.failureThreshold, child(path, 'failureThreshold')));
  if (probe.terminationGracePeriodSeconds != null && probe.terminationGracePeriodSeconds <= 0) {
    errs.push(fe.invalid(child(path, 'terminationGracePeriodSeconds'), probe.terminationGracePeriodSeconds, 'must be greater than 0'));
  }
  if (kind === 'readiness' && probe.terminationGracePeriodSeconds != null) {
    errs.push(
      fe.invalid(child(path, 'terminationGracePeriodSeconds'), probe.terminationGracePeriodSeconds, 'must not be set for readinessProbes'),
    );
  }
  if (kind !== 'readiness' && probe.successThreshold !== 1) {
    errs.push(fe.invalid(child(path, 'successThreshold'), probe.successThreshold ?? 0, 'must be 1'));
  }
  return errs;
}

export function validateLifecycle(c: Container, grace: number | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (c.lifecycle?.postStart) errs.push(...validateHandler(c.lifecycle.postStart, grace, child(path, 'postStart')));
  if (c.lifecycle?.preStop) errs.push(...validateHandler(c.lifecycle.preStop, grace, child(path, 'preStop')));
  return errs;
}

function securityContextValue(sc: SecurityContext) {
  const ptr = (v: unknown, t: string) => (v === undefined ? null : `(*${t})(0xc000${t.length}00000)`);
  return goStruct('&core.SecurityContext', [
    ['Capabilities', ptr(sc.capabilities, 'core.Capabilities')],
    ['Privileged', ptr(sc.privileged, 'bool')],
    ['SELinuxOptions', ptr(sc.seLinuxOptions, 'core.SELinuxOptions')],
    ['WindowsOptions', ptr(sc.windowsOptions, 'core.WindowsSecurityContextOptions')],
    ['RunAsUser', ptr(sc.runAsUser, 'int64')],
    ['RunAsGroup', ptr(sc.runAsGroup, 'int64')],
    ['RunAsNonRoot', ptr(sc.runAsNonRoot, 'bool')],
    ['ReadOnlyRootFilesystem', ptr(sc.readOnlyRootFilesystem, 'bool')],
    ['AllowPrivilegeEscalation', ptr(sc.allowPrivilegeEscalation, 'bool')],
    ['ProcMount', ptr(sc.procMount, 'core.ProcMountType')],
    ['SeccompProfile', ptr(sc.seccompProfile, 'core.SeccompProfile')],
    ['AppArmorProfile', ptr(sc.appArmorProfile, 'core.AppArmorProfile')],
  ]);
}

/** ValidateSecurityContext (privileged containers are allowed, as on kubeadm clusters). */
function validateSecurityContext(sc: SecurityContext | undefined, path: string): FieldError[] {
  if (!sc) return [];
  const errs: FieldError[] = [];
  if (sc.runAsUser != null)
    for (const msg of isValidUserID(sc.runAsUser)) errs.push(fe.invalid(child(path, 'runAsUser'), sc.runAsUser, msg));
  if (sc.runAsGroup != null)
    for (const msg of isValidGroupID(sc.runAsGroup)) errs.push(fe.invalid(child(path, 'runAsGroup'), sc.runAsGroup, msg));
  if (sc.procMount && !['Default', 'Unmasked'].includes(sc.procMount)) {
    errs.push(fe.notSupported(child(path, 'procMount'), sc.procMount, ['Default', 'Unmasked']));
  }
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged)
      errs.push(fe.invalid(path, securityContextValue(sc), 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
    if (sc.capabilities?.add?.includes('CAP_SYS_ADMIN')) {
      errs.push(
        fe.invalid(path, securityContextValue(sc), 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'),
      );
    }
  }
  return errs;
}

/** validateContainerCommon: what every container (regular, init, ephemeral) must satisfy. */
export function validateContainerCommon(c: Container, volumes: Map<string, Volume>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(fe.required(child(path, 'name')));
  else errs.push(...validateDNS1123Label(c.name, child(path, 'name')));
  if (!c.image) errs.push(fe.required(child(path, 'image')));
  const policy = c.terminationMessagePolicy ?? '';
  if (policy === '') errs.push(fe.required(child(path, 'terminationMessagePolicy')));
  else if (!['File', 'FallbackToLogsOnError'].includes(policy)) {
    errs.push(fe.notSupported(child(path, 'terminationMessagePolicy'), policy, ['File', 'FallbackToLogsOnError']));
  }
  errs.push(...validatePorts(c.ports, child(path, 'ports')));
  errs.push(...validateEnv(c.env, child(path, 'env')));
  errs.push(...validateEnvFrom(c.envFrom, child(path, 'envFrom')));
  errs.push(...validateVolumeMounts(c.volumeMounts, volumes, child(path, 'volumeMounts')));
  const pull = c.imagePullPolicy ?? '';
  if (pull === '') errs.push(fe.required(child(path, 'imagePullPolicy')));
  else if (!PULL_POLICIES.includes(pull)) errs.push(fe.notSupported(child(path, 'imagePullPolicy'), pull, PULL_POLICIES));
  errs.push(...validateResourceRequirements(c.resources as never, child(path, 'resources')));
  errs.push(...validateSecurityContext(c.securityContext, child(path, 'securityContext')));
  return errs;
}

/** AccumulateUniqueHostPorts over one set of containers. */
export function checkHostPortConflicts(containers: Container[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    (c.ports ?? []).forEach((p, pi) => {
      if (!p.hostPort) return;
      const id = `${p.protocol ?? ''}/${p.hostIP ?? ''}/${p.hostPort}`;
      const at = child(index(child(index(path, ci), 'ports'), pi), 'hostPort');
      if (seen.has(id)) errs.push(fe.duplicate(at, id));
      else seen.add(id);
    });
  });
  return errs;
}
