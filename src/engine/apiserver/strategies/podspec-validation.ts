import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import type { Container, PodDNSConfig, PodSecurityContext, PodSpec, PodTemplateSpec } from 'kubernetes-types/core/v1';
import { inclusiveRangeError, isValidGroupID, isValidUserID, nameIsDNSSubdomain } from '../../api/names';
import type { FieldError } from '../../api/status';
import { validateDNS1123Label, validateDNS1123Subdomain, validateLabels, validateQualifiedName } from './common';
import { checkHostPortConflicts, validateContainerCommon, validateLifecycle, validateProbe } from './containers';
import { child, fe, goStruct, index } from './errors';
import { validateIP } from './formats';
import { validateAnnotations } from './meta';
import { validateAffinity, validateTolerations, validateTopologySpread } from './scheduling';
import { validateVolumes } from './volumes';

/**
 * ValidatePodSpec and ValidatePodTemplateSpec. `isPod` is upstream's ResourceIsPod: a few
 * rules are stricter for Pods than for templates embedded in workloads.
 */

export interface PodSpecOptions {
  /** The spec belongs to a Pod (not a template). */
  isPod?: boolean;
  /** The Pod's metadata, for generic ephemeral volume claim names. */
  podMeta?: ObjectMeta;
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const MAX_INT32 = 2147483647;

function validateContainers(spec: PodSpec, volumes: Parameters<typeof validateContainerCommon>[1], path: string): FieldError[] {
  const containers = spec.containers ?? [];
  if (containers.length === 0) return [fe.required(path)];
  const grace = spec.terminationGracePeriodSeconds;
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const p = index(path, i);
    errs.push(...validateContainerCommon(c, volumes, p));
    if (names.has(c.name)) errs.push(fe.duplicate(child(p, 'name'), c.name));
    else names.add(c.name);
    if (c.lifecycle) errs.push(...validateLifecycle(c, grace, child(p, 'lifecycle')));
    errs.push(...validateProbe(c.livenessProbe, 'liveness', grace, child(p, 'livenessProbe')));
    errs.push(...validateProbe(c.readinessProbe, 'readiness', grace, child(p, 'readinessProbe')));
    errs.push(...validateProbe(c.startupProbe, 'startup', grace, child(p, 'startupProbe')));
    if ((c as Container & { restartPolicy?: string }).restartPolicy != null) {
      errs.push(fe.forbidden(child(p, 'restartPolicy'), 'may not be set for non-init containers'));
    }
  });
  errs.push(...checkHostPortConflicts(containers, path));
  return errs;
}

function validateInitContainers(spec: PodSpec, volumes: Parameters<typeof validateContainerCommon>[1], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const grace = spec.terminationGracePeriodSeconds;
  const names = new Set((spec.containers ?? []).map((c) => c.name));
  (spec.initContainers ?? []).forEach((c, i) => {
    const p = index(path, i);
    errs.push(...validateContainerCommon(c, volumes, p));
    const policy = (c as Container & { restartPolicy?: string }).restartPolicy;
    if (policy != null && policy !== 'Always') errs.push(fe.notSupported(child(p, 'restartPolicy'), policy, ['Always']));
    if (names.has(c.name)) errs.push(fe.duplicate(child(p, 'name'), c.name));
    else if (c.name) names.add(c.name);
    errs.push(...checkHostPortConflicts([c], path));
    if (policy === 'Always') {
      if (c.lifecycle) errs.push(...validateLifecycle(c, grace, child(p, 'lifecycle')));
      errs.push(...validateProbe(c.livenessProbe, 'liveness', grace, child(p, 'livenessProbe')));
      errs.push(...validateProbe(c.readinessProbe, 'readiness', grace, child(p, 'readinessProbe')));
      errs.push(...validateProbe(c.startupProbe, 'startup', grace, child(p, 'startupProbe')));
    } else {
      const why = 'may not be set for init containers without restartPolicy=Always';
      if (c.lifecycle) errs.push(fe.forbidden(child(p, 'lifecycle'), why));
      if (c.livenessProbe) errs.push(fe.forbidden(child(p, 'livenessProbe'), why));
      if (c.readinessProbe) errs.push(fe.forbidden(child(p, 'readinessProbe'), why));
      if (c.startupProbe) errs.push(fe.forbidden(child(p, 'startupProbe'), why));
    }
  });
  return errs;
}

function validatePodSecurityContext(sc: PodSecurityContext | undefined, spec: PodSpec, path: string): FieldError[] {
  if (!sc) return [];
  const errs: FieldError[] = [];
  if (sc.fsGroup != null) for (const msg of isValidGroupID(sc.fsGroup)) errs.push(fe.invalid(child(path, 'fsGroup'), sc.fsGroup, msg));
  if (sc.runAsUser != null)
    for (const msg of isValidUserID(sc.runAsUser)) errs.push(fe.invalid(child(path, 'runAsUser'), sc.runAsUser, msg));
  if (sc.runAsGroup != null)
    for (const msg of isValidGroupID(sc.runAsGroup)) errs.push(fe.invalid(child(path, 'runAsGroup'), sc.runAsGroup, msg));
  (sc.supplementalGroups ?? []).forEach((g, i) => {
    for (const msg of isValidGroupID(g)) errs.push(fe.invalid(index(child(path, 'supplementalGroups'), i), g, msg));
  });
  if (spec.shareProcessNamespace && spec.hostPID) {
    errs.push(fe.invalid(child(path, 'shareProcessNamespace'), true, 'ShareProcessNamespace and HostPID cannot both be enabled'));
  }
  const seen = new Set<string>();
  (sc.sysctls ?? []).forEach((s, i) => {
    const p = child(index(child(path, 'sysctls'), i), 'name');
    const re = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;
    if (!s.name) errs.push(fe.required(p));
    else if (s.name.length > 253 || !re.test(s.name)) {
      errs.push(fe.invalid(p, s.name, `must have at most 253 characters and match regex ${re.source}`));
    } else if (seen.has(s.name)) errs.push(fe.duplicate(p, s.name));
    seen.add(s.name);
  });
  if (sc.fsGroupChangePolicy && !['Always', 'OnRootMismatch'].includes(sc.fsGroupChangePolicy)) {
    errs.push(fe.notSupported(child(path, 'fsGroupChangePolicy'), sc.fsGroupChangePolicy, ['Always', 'OnRootMismatch']));
  }
  const sp = sc.seccompProfile;
  if (sp) {
    const types = ['Localhost', 'RuntimeDefault', 'Unconfined'];
    if (!sp.type) errs.push(fe.required(child(path, 'seccompProfile', 'type'), 'type is required when seccompProfile is set'));
    else if (!types.includes(sp.type)) errs.push(fe.notSupported(child(path, 'seccompProfile', 'type'), sp.type, types));
    if (sp.type === 'Localhost' && sp.localhostProfile == null) {
      errs.push(fe.required(child(path, 'seccompProfile', 'localhostProfile'), 'must be set when seccomp type is Localhost'));
    }
  }
  return errs;
}

function validateDNSConfig(cfg: PodDNSConfig | undefined, policy: string | undefined, path: string): FieldError[] {
  if (policy === 'None') {
    if (!cfg) return [fe.required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (!cfg.nameservers?.length) {
      return [fe.required(child(path, 'nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
    }
  }
  if (!cfg) return [];
  const errs: FieldError[] = [];
  const ns = cfg.nameservers ?? [];
  if (ns.length > 3) errs.push(fe.invalid(child(path, 'nameservers'), ns, 'must not have more than 3 nameservers'));
  ns.forEach((n, i) => {
    errs.push(...validateIP(index(child(path, 'nameservers'), i), n));
  });
  const searches = cfg.searches ?? [];
  if (searches.length > 32) errs.push(fe.invalid(child(path, 'searches'), searches, 'must not have more than 32 search paths'));
  if (searches.join(' ').length > 2048) {
    errs.push(
      fe.invalid(child(path, 'searches'), searches, 'must not have more than 2048 characters (including spaces) in the search list'),
    );
  }
  searches.forEach((s, i) => {
    const trimmed = s.endsWith('.') ? s.slice(0, -1) : s;
    errs.push(...validateDNS1123Subdomain(trimmed, index(child(path, 'searches'), i)));
  });
  (cfg.options ?? []).forEach((o, i) => {
    if (!o.name) errs.push(fe.required(index(child(path, 'options'), i), 'must not be empty'));
  });
  return errs;
}

/** ValidatePodSpec. */
export function validatePodSpec(spec: PodSpec | undefined, path: string, opts: PodSpecOptions = {}): FieldError[] {
  const s: PodSpec = spec ?? ({} as PodSpec);
  const errs: FieldError[] = [];
  if (s.terminationGracePeriodSeconds == null) errs.push(fe.required(child(path, 'terminationGracePeriodSeconds')));
  const vols = validateVolumes(s.volumes, opts.podMeta, child(path, 'volumes'));
  errs.push(...vols.errs);
  errs.push(...validateContainers(s, vols.names, child(path, 'containers')));
  errs.push(...validateInitContainers(s, vols.names, child(path, 'initContainers')));
  if (s.hostNetwork) {
    (s.containers ?? []).forEach((c, i) => {
      (c.ports ?? []).forEach((port, j) => {
        const hp = port.hostPort ?? 0;
        if ((opts.isPod || hp !== 0) && hp !== port.containerPort) {
          const p = child(index(child(index(child(path, 'containers'), i), 'ports'), j), 'hostPort');
          errs.push(fe.invalid(p, hp, 'must match `containerPort` when `hostNetwork` is true'));
        }
      });
    });
  }
  const restart = s.restartPolicy ?? '';
  if (restart === '') errs.push(fe.required(child(path, 'restartPolicy')));
  else if (!RESTART_POLICIES.includes(restart)) errs.push(fe.notSupported(child(path, 'restartPolicy'), restart, RESTART_POLICIES));
  const dns = s.dnsPolicy ?? '';
  if (dns === '') errs.push(fe.required(child(path, 'dnsPolicy')));
  else if (!DNS_POLICIES.includes(dns)) errs.push(fe.notSupported(child(path, 'dnsPolicy'), dns, DNS_POLICIES));
  errs.push(...validateLabels(s.nodeSelector, child(path, 'nodeSelector')));
  errs.push(...validatePodSecurityContext(s.securityContext, s, child(path, 'securityContext')));
  (s.imagePullSecrets ?? []).forEach((ref, i) => {
    const extra = Object.keys(ref).filter((k) => k !== 'name');
    if (extra.length)
      errs.push(
        fe.invalid(
          index(child(path, 'imagePullSecrets'), i),
          goStruct('core.LocalObjectReference', [['Name', ref.name ?? '']]),
          'only name may be set',
        ),
      );
  });
  errs.push(...validateAffinity(s.affinity, child(path, 'affinity')));
  errs.push(...validateDNSConfig(s.dnsConfig, s.dnsPolicy, child(path, 'dnsConfig')));
  (s.readinessGates ?? []).forEach((g, i) => {
    errs.push(...validateQualifiedName(g.conditionType, child(index(child(path, 'readinessGates'), i), 'conditionType')));
  });
  const gates = new Set<string>();
  (s.schedulingGates ?? []).forEach((g, i) => {
    const p = index(child(path, 'schedulingGates'), i);
    errs.push(...validateQualifiedName(g.name, p));
    if (gates.has(g.name)) errs.push(fe.duplicate(p, g.name));
    gates.add(g.name);
  });
  errs.push(...validateTopologySpread(s.topologySpreadConstraints, child(path, 'topologySpreadConstraints')));
  const sa = s.serviceAccountName;
  if (sa) for (const msg of nameIsDNSSubdomain(sa, false)) errs.push(fe.invalid(child(path, 'serviceAccountName'), sa, msg));
  if (s.nodeName) for (const msg of nameIsDNSSubdomain(s.nodeName, false)) errs.push(fe.invalid(child(path, 'nodeName'), s.nodeName, msg));
  if (s.activeDeadlineSeconds != null && (s.activeDeadlineSeconds < 1 || s.activeDeadlineSeconds > MAX_INT32)) {
    errs.push(fe.invalid(child(path, 'activeDeadlineSeconds'), s.activeDeadlineSeconds, inclusiveRangeError(1, MAX_INT32)));
  }
  if (s.hostname) errs.push(...validateDNS1123Label(s.hostname, child(path, 'hostname')));
  if (s.subdomain) errs.push(...validateDNS1123Label(s.subdomain, child(path, 'subdomain')));
  errs.push(...validateTolerations(s.tolerations, child(path, 'tolerations')));
  (s.hostAliases ?? []).forEach((a, i) => {
    const p = index(child(path, 'hostAliases'), i);
    errs.push(...validateIP(child(p, 'ip'), a.ip ?? ''));
    (a.hostnames ?? []).forEach((h, j) => {
      errs.push(...validateDNS1123Subdomain(h, index(child(p, 'hostnames'), j)));
    });
  });
  if (s.priorityClassName) {
    for (const msg of nameIsDNSSubdomain(s.priorityClassName, false))
      errs.push(fe.invalid(child(path, 'priorityClassName'), s.priorityClassName, msg));
  }
  if (s.runtimeClassName != null) {
    for (const msg of nameIsDNSSubdomain(s.runtimeClassName, false))
      errs.push(fe.invalid(child(path, 'runtimeClassName'), s.runtimeClassName, msg));
  }
  if (s.preemptionPolicy != null) {
    if (s.preemptionPolicy === '') errs.push(fe.required(child(path, 'preemptionPolicy')));
    else if (!['PreemptLowerPriority', 'Never'].includes(s.preemptionPolicy)) {
      errs.push(fe.notSupported(child(path, 'preemptionPolicy'), s.preemptionPolicy, ['PreemptLowerPriority', 'Never']));
    }
  }
  if (s.os && !['linux', 'windows'].includes(s.os.name))
    errs.push(fe.notSupported(child(path, 'os', 'name'), s.os.name, ['linux', 'windows']));
  return errs;
}

/** validateContainersOnlyForPod: a Pod's images may not carry stray whitespace. */
export function validatePodOnlyContainers(spec: PodSpec | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const field of ['containers', 'initContainers'] as const) {
    (spec?.[field] ?? []).forEach((c, i) => {
      if (c.image && c.image !== c.image.trim()) {
        errs.push(fe.invalid(child(index(child(path, field), i), 'image'), c.image, 'must not have leading or trailing whitespace'));
      }
    });
  }
  return errs;
}

/** A template's labels and annotations, reported (as upstream does) at `<template>.labels`. */
export function validateTemplateMeta(t: PodTemplateSpec | undefined, path: string): FieldError[] {
  return [
    ...validateLabels(t?.metadata?.labels, child(path, 'labels')),
    ...validateAnnotations(t?.metadata?.annotations, child(path, 'annotations')),
  ];
}

/** ValidatePodTemplateSpec: labels, annotations and the spec of a workload's template. */
export function validatePodTemplateSpec(t: PodTemplateSpec | undefined, path: string): FieldError[] {
  const errs = validateTemplateMeta(t, path);
  errs.push(...validatePodSpec(t?.spec, child(path, 'spec')));
  if (t?.spec?.ephemeralContainers?.length) {
    errs.push(fe.forbidden(child(path, 'spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}
