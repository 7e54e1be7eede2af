import type { EndpointPort, Endpoints, Service, ServicePort, ServiceSpec } from 'kubernetes-types/core/v1';
import { isValidPortNum } from '../../api/names';
import type { FieldError } from '../../api/status';
import type { Strategy } from '../strategy';
import { validateDNS1123Label, validateDNS1123Subdomain, validateLabels, validateQualifiedName, ensureField } from './common';
import { validatePortNumOrName } from './containers';
import { child, fe, GoText, goStruct, index } from './errors';
import { validateCIDR, validateIP } from './formats';

/**
 * Services (defaults of SetDefaults_Service, ValidateService, and the update rules that keep
 * allocated addresses and ports) and Endpoints. Cluster IPs and NodePorts are allocated by the
 * API server's allocator, not here.
 */

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const MAX_AFFINITY_SECONDS = 86400;

type Spec = ServiceSpec;

const externallyAccessible = (s: Spec) =>
  s.type === 'LoadBalancer' || s.type === 'NodePort' || (s.type === 'ClusterIP' && (s.externalIPs?.length ?? 0) > 0);
const isHeadless = (s: Spec) => s.clusterIPs?.length === 1 && s.clusterIPs[0] === 'None';
const needsClusterIP = (s: Spec) => s.type !== 'ExternalName';
const needsNodePorts = (s: Spec) => s.type === 'NodePort' || (s.type === 'LoadBalancer' && s.allocateLoadBalancerNodePorts !== false);

function defaultService(svc: Service): void {
  const spec = ensureField(svc, 'spec', {});
  spec.sessionAffinity ||= 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds == null) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  spec.type ||= 'ClusterIP';
  for (const p of spec.ports ?? []) {
    p.protocol ||= 'TCP';
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (externallyAccessible(spec)) spec.externalTrafficPolicy ||= 'Cluster';
  if (spec.internalTrafficPolicy == null && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type)) {
    spec.internalTrafficPolicy = 'Cluster';
  }
  if (spec.type === 'LoadBalancer') {
    spec.allocateLoadBalancerNodePorts ??= true;
    for (const ing of svc.status?.loadBalancer?.ingress ?? []) if (ing.ip && ing.ipMode == null) ing.ipMode = 'VIP';
  }
}

/** ClusterIP and ClusterIPs are two views of one thing: fill whichever is missing. */
function normalizeClusterIPs(spec: Spec): void {
  if (spec.clusterIP && !spec.clusterIPs?.length) spec.clusterIPs = [spec.clusterIP];
  else if (!spec.clusterIP && spec.clusterIPs?.length) spec.clusterIP = spec.clusterIPs[0];
}

/**
 * An update that leaves out what the server allocated (a `kubectl apply` of the original
 * manifest) keeps the allocated values, as the Service registry's patchAllocatedValues does.
 */
function patchAllocatedValues(next: Spec, old: Spec): void {
  if (needsClusterIP(old) && needsClusterIP(next)) {
    if (!next.clusterIP) next.clusterIP = old.clusterIP;
    if (!next.clusterIPs?.length && next.clusterIP === old.clusterIP) next.clusterIPs = old.clusterIPs;
    if (!next.ipFamilies?.length) next.ipFamilies = old.ipFamilies;
    next.ipFamilyPolicy ??= old.ipFamilyPolicy;
  }
  if (needsNodePorts(old) && needsNodePorts(next)) {
    for (const p of next.ports ?? []) {
      if (p.nodePort) continue;
      const match = (old.ports ?? []).find((o) => o.port === p.port && (o.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
      if (match?.nodePort) p.nodePort = match.nodePort;
    }
  }
  if (next.type === 'LoadBalancer' && old.type === 'LoadBalancer' && next.externalTrafficPolicy === 'Local' && !next.healthCheckNodePort) {
    next.healthCheckNodePort = old.healthCheckNodePort;
  }
}

function servicePortValue(p: ServicePort): GoText {
  return goStruct('core.ServicePort', [
    ['Name', ''],
    ['Protocol', p.protocol ?? ''],
    ['AppProtocol', new GoText('(*string)(nil)')],
    ['Port', p.port],
    ['TargetPort', new GoText('intstr.IntOrString{Type:0, IntVal:0, StrVal:""}')],
    ['NodePort', 0],
  ]);
}

function validateServicePort(p: ServicePort, requireName: boolean, names: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !p.name) errs.push(fe.required(child(path, 'name')));
  else if (p.name) {
    errs.push(...validateDNS1123Label(p.name, child(path, 'name')));
    if (names.has(p.name)) errs.push(fe.duplicate(child(path, 'name'), p.name));
    else names.add(p.name);
  }
  for (const msg of isValidPortNum(p.port ?? 0)) errs.push(fe.invalid(child(path, 'port'), p.port ?? 0, msg));
  if (!p.protocol) errs.push(fe.required(child(path, 'protocol')));
  else if (!PROTOCOLS.includes(p.protocol)) errs.push(fe.notSupported(child(path, 'protocol'), p.protocol, PROTOCOLS));
  errs.push(...validatePortNumOrName(p.targetPort as number | string, child(path, 'targetPort')));
  if (p.appProtocol != null) errs.push(...validateQualifiedName(p.appProtocol, child(path, 'appProtocol')));
  return errs;
}

function validateClusterIPs(spec: Spec): FieldError[] {
  if (spec.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const path = 'spec.clusterIPs';
  const ips = spec.clusterIPs ?? [];
  if (spec.clusterIP) {
    if (!ips.length) errs.push(fe.required(path));
    else if (ips[0] !== spec.clusterIP) errs.push(fe.invalid(path, ips, 'first value must match `clusterIP`'));
  } else if (ips.length) errs.push(fe.invalid(path, ips, 'must be empty when `clusterIP` is not specified'));
  const seen = new Set<string>();
  (spec.ipFamilies ?? []).forEach((f, i) => {
    if (f !== 'IPv4' && f !== 'IPv6') errs.push(fe.notSupported(index('spec.ipFamilies', i), f, ['IPv4', 'IPv6']));
    if (seen.has(f)) errs.push(fe.duplicate(index('spec.ipFamilies', i), f));
    seen.add(f);
  });
  const policies = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
  if (spec.ipFamilyPolicy != null && !policies.includes(spec.ipFamilyPolicy)) {
    errs.push(fe.notSupported('spec.ipFamilyPolicy', spec.ipFamilyPolicy, policies));
  }
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) errs.push(fe.invalid(path, ips, "'None' must be the first and only value"));
      return;
    }
    errs.push(...validateIP(index(path, i), ip));
  });
  if (ips.length > 2) errs.push(fe.invalid(path, ips, 'may only hold up to 2 values'));
  return errs;
}

/** ValidateService. */
function validateService(svc: Service): FieldError[] {
  const spec: Spec = svc.spec ?? {};
  const errs: FieldError[] = [];
  const path = 'spec';
  if (!spec.ports?.length && !isHeadless(spec) && spec.type !== 'ExternalName') errs.push(fe.required(child(path, 'ports')));
  switch (spec.type) {
    case 'LoadBalancer':
    case 'NodePort':
      if (isHeadless(spec)) {
        errs.push(fe.invalid('spec.clusterIPs[0]', 'None', `may not be set to 'None' for ${spec.type} services`));
      }
      break;
    case 'ExternalName': {
      if (spec.clusterIPs?.length) errs.push(fe.forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
      if (spec.ipFamilies?.length) errs.push(fe.forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
      if (spec.ipFamilyPolicy != null) errs.push(fe.forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
      const cname = (spec.externalName ?? '').replace(/\.$/, '');
      if (cname) errs.push(...validateDNS1123Subdomain(cname, 'spec.externalName'));
      else errs.push(fe.required('spec.externalName'));
      break;
    }
  }
  const names = new Set<string>();
  const ports = spec.ports ?? [];
  ports.forEach((p, i) => {
    errs.push(...validateServicePort(p, ports.length > 1, names, index('spec.ports', i)));
  });
  if (spec.selector) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  const affinity = spec.sessionAffinity ?? '';
  if (!affinity) errs.push(fe.required('spec.sessionAffinity'));
  else if (affinity !== 'ClientIP' && affinity !== 'None')
    errs.push(fe.notSupported('spec.sessionAffinity', affinity, ['ClientIP', 'None']));
  if (affinity === 'ClientIP') {
    const t = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
    if (t != null && (t <= 0 || t > MAX_AFFINITY_SECONDS)) {
      errs.push(
        fe.invalid('spec.sessionAffinityConfig.clientIP.timeoutSeconds', t, `must be greater than 0 and less than ${MAX_AFFINITY_SECONDS}`),
      );
    }
  } else if (affinity === 'None' && spec.sessionAffinityConfig) {
    errs.push(fe.forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  }
  errs.push(...validateClusterIPs(spec));
  (spec.externalIPs ?? []).forEach((ip, i) => {
    errs.push(...validateIP(index('spec.externalIPs', i), ip));
  });
  if (!spec.type) errs.push(fe.required('spec.type'));
  else if (!SERVICE_TYPES.includes(spec.type)) errs.push(fe.notSupported('spec.type', spec.type, SERVICE_TYPES));
  if (spec.type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (p.nodePort) errs.push(fe.forbidden(child(index('spec.ports', i), 'nodePort'), "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!p.nodePort) return;
    const k = `${p.protocol}/${p.nodePort}`;
    if (nodePorts.has(k)) errs.push(fe.duplicate(child(index('spec.ports', i), 'nodePort'), p.nodePort));
    nodePorts.add(k);
  });
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const k = `${p.protocol}/${p.port}`;
    if (seen.has(k)) errs.push(fe.duplicate(index('spec.ports', i), servicePortValue(p)));
    seen.add(k);
  });
  if (spec.loadBalancerSourceRanges?.length) {
    const p = 'spec.LoadBalancerSourceRanges';
    if (spec.type !== 'LoadBalancer') errs.push(fe.forbidden(p, "may only be used when `type` is 'LoadBalancer'"));
    spec.loadBalancerSourceRanges.forEach((r, i) => {
      errs.push(...validateCIDR(index(p, i), r.trim()));
    });
  }
  if (spec.allocateLoadBalancerNodePorts != null && spec.type !== 'LoadBalancer') {
    errs.push(fe.forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (spec.loadBalancerClass != null) {
    if (spec.type === 'LoadBalancer') errs.push(...validateQualifiedName(spec.loadBalancerClass, 'spec.loadBalancerClass'));
    else errs.push(fe.forbidden('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (!externallyAccessible(spec)) {
    if (spec.externalTrafficPolicy) {
      errs.push(fe.invalid('spec.externalTrafficPolicy', spec.externalTrafficPolicy, 'may only be set for externally-accessible services'));
    }
  } else if (!spec.externalTrafficPolicy) errs.push(fe.required('spec.externalTrafficPolicy'));
  else if (!['Cluster', 'Local'].includes(spec.externalTrafficPolicy)) {
    errs.push(fe.notSupported('spec.externalTrafficPolicy', spec.externalTrafficPolicy, ['Cluster', 'Local']));
  }
  const needsHealthCheck = spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
  if (!needsHealthCheck && spec.healthCheckNodePort) {
    errs.push(
      fe.invalid(
        'spec.healthCheckNodePort',
        spec.healthCheckNodePort,
        "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
      ),
    );
  }
  if (spec.internalTrafficPolicy == null) {
    if (['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type ?? '')) errs.push(fe.required('spec.internalTrafficPolicy'));
  } else if (!['Cluster', 'Local'].includes(spec.internalTrafficPolicy)) {
    errs.push(fe.notSupported('spec.internalTrafficPolicy', spec.internalTrafficPolicy, ['Cluster', 'Local']));
  }
  if (spec.trafficDistribution != null && spec.trafficDistribution !== 'PreferClose') {
    errs.push(fe.notSupported('spec.trafficDistribution', spec.trafficDistribution, ['PreferClose']));
  }
  return errs;
}

/** validateUpgradeDowngradeClusterIPs, for the common single-stack case. */
function validateServiceUpdate(svc: Service, old: Service): FieldError[] {
  const spec: Spec = svc.spec ?? {};
  const o: Spec = old.spec ?? {};
  const errs: FieldError[] = [];
  if (spec.type !== 'ExternalName' && o.type !== 'ExternalName' && !(isHeadless(spec) && isHeadless(o))) {
    const next = spec.clusterIPs ?? [];
    const prev = o.clusterIPs ?? [];
    if (next.length === prev.length) {
      prev.forEach((ip, i) => {
        if (ip !== next[i]) errs.push(fe.invalid(index('spec.clusterIPs', i), next, 'may not change once set'));
      });
    } else if (prev.length > next.length) {
      if (!next.length) errs.push(fe.invalid('spec.clusterIPs[0]', next, 'primary clusterIP can not be unset'));
      else if (next[0] !== prev[0]) errs.push(fe.invalid('spec.clusterIPs[0]', next, 'may not change once set'));
    } else if (prev.length && next[0] !== prev[0]) {
      errs.push(fe.invalid('spec.clusterIPs[0]', next, 'may not change once set'));
    }
  }
  if (spec.type === 'LoadBalancer' && o.type === 'LoadBalancer' && (spec.loadBalancerClass ?? null) !== (o.loadBalancerClass ?? null)) {
    errs.push(fe.invalid('spec.loadBalancerClass', spec.loadBalancerClass ?? null, 'may not change once set'));
  }
  const hc = (s: Spec) => s.type === 'LoadBalancer' && s.externalTrafficPolicy === 'Local';
  if (hc(spec) && hc(o) && spec.healthCheckNodePort !== o.healthCheckNodePort) {
    errs.push(fe.forbidden('spec.healthCheckNodePort', 'field is immutable'));
  }
  return errs;
}

export const serviceStrategy: Strategy<Service> = {
  statusSubresource: true,
  nameValidation: 'dns1035',
  defaults: defaultService,
  prepareForCreate(svc) {
    normalizeClusterIPs(ensureField(svc, 'spec', {}));
    // ServiceStatus is a struct: a new Service prints `status: {loadBalancer: {}}`.
    (svc as { status?: unknown }).status = { loadBalancer: {} };
  },
  prepareForUpdate(svc, old) {
    const spec = ensureField(svc, 'spec', {});
    normalizeClusterIPs(spec);
    patchAllocatedValues(spec, old.spec ?? {});
  },
  validate: validateService,
  validateUpdate: validateServiceUpdate,
  validateStatusUpdate(svc) {
    const errs: FieldError[] = [];
    (svc.status?.loadBalancer?.ingress ?? []).forEach((ing, i) => {
      const p = index('status.loadBalancer.ingress', i);
      if (ing.ip) errs.push(...validateIP(child(p, 'ip'), ing.ip));
      if (ing.hostname) {
        errs.push(...validateDNS1123Subdomain(ing.hostname, child(p, 'hostname')));
      }
    });
    return errs;
  },
};

// ---------------------------------------------------------------------------------------------
// Endpoints

function validateEndpointPort(p: EndpointPort, requireName: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !p.name) errs.push(fe.required(child(path, 'name')));
  else if (p.name) errs.push(...validateDNS1123Label(p.name, child(path, 'name')));
  for (const msg of isValidPortNum(p.port ?? 0)) errs.push(fe.invalid(child(path, 'port'), p.port ?? 0, msg));
  if (!p.protocol) errs.push(fe.required(child(path, 'protocol')));
  else if (!PROTOCOLS.includes(p.protocol)) errs.push(fe.notSupported(child(path, 'protocol'), p.protocol, PROTOCOLS));
  if (p.appProtocol != null) errs.push(...validateQualifiedName(p.appProtocol, child(path, 'appProtocol')));
  return errs;
}

export const endpointsStrategy: Strategy<Endpoints> = {
  defaults(ep) {
    for (const ss of ep.subsets ?? []) for (const p of ss.ports ?? []) p.protocol ||= 'TCP';
  },
  validate(ep) {
    const errs: FieldError[] = [];
    (ep.subsets ?? []).forEach((ss, i) => {
      const p = index('subsets', i);
      if (!ss.addresses?.length && !ss.notReadyAddresses?.length) {
        errs.push(fe.required(p, 'must specify `addresses` or `notReadyAddresses`'));
      }
      for (const field of ['addresses', 'notReadyAddresses'] as const) {
        (ss[field] ?? []).forEach((a, j) => {
          const ap = index(child(p, field), j);
          errs.push(...validateIP(child(ap, 'ip'), a.ip));
          if (a.hostname) errs.push(...validateDNS1123Label(a.hostname, child(ap, 'hostname')));
        });
      }
      (ss.ports ?? []).forEach((port, j) => {
        errs.push(...validateEndpointPort(port, (ss.ports?.length ?? 0) > 1, index(child(p, 'ports'), j)));
      });
    });
    return errs;
  },
};
