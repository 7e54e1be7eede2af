import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type {
  HTTPIngressPath,
  Ingress,
  IngressBackend,
  IngressClass,
  NetworkPolicy,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  NetworkPolicySpec,
} from 'kubernetes-types/networking/v1';
import {
  isDNS1123Subdomain,
  isValidPortName,
  isValidPortNum,
  isWildcardDNS1123Subdomain,
  nameIsDNS1035Label,
  regexError,
} from '../../api/names';
import type { FieldError } from '../../api/status';
import type { Strategy } from '../strategy';
import { validateImmutable, validateLabelSelector, validateQualifiedName, ensureField } from './common';
import { child, fe, index } from './errors';
import { isIP, validateCIDR, validateIP } from './formats';

/** networking.k8s.io (Ingress, IngressClass, NetworkPolicy) and discovery.k8s.io (EndpointSlice). */

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];

function validateBackend(b: IngressBackend | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const hasResource = b?.resource != null;
  const svc = b?.service;
  if (hasResource && svc) return [fe.invalid(path, '', 'cannot set both resource and service backends')];
  if (hasResource) {
    if (!b?.resource?.kind) errs.push(fe.required(child(path, 'resource', 'kind')));
    if (!b?.resource?.name) errs.push(fe.required(child(path, 'resource', 'name')));
    return errs;
  }
  if (!svc) return [fe.invalid(path, '', 'resource or service backend is required')];
  if (!svc.name) errs.push(fe.required(child(path, 'service', 'name')));
  else for (const msg of nameIsDNS1035Label(svc.name, false)) errs.push(fe.invalid(child(path, 'service', 'name'), svc.name, msg));
  const name = svc.port?.name ?? '';
  const number = svc.port?.number ?? 0;
  if (name && number) errs.push(fe.invalid(path, '', 'cannot set both port name & port number'));
  else if (name) for (const msg of isValidPortName(name)) errs.push(fe.invalid(child(path, 'service', 'port', 'name'), name, msg));
  else if (number) for (const msg of isValidPortNum(number)) errs.push(fe.invalid(child(path, 'service', 'port', 'number'), number, msg));
  else errs.push(fe.required(path, 'port name or number is required'));
  return errs;
}

function validateIngressPath(p: HTTPIngressPath, path: string): FieldError[] {
  if (!p.pathType) return [fe.required(child(path, 'pathType'), 'pathType must be specified')];
  const errs: FieldError[] = [];
  const v = p.path ?? '';
  switch (p.pathType) {
    case 'Exact':
    case 'Prefix':
      if (!v.startsWith('/')) errs.push(fe.invalid(child(path, 'path'), v, 'must be an absolute path'));
      if (v) {
        for (const seq of INVALID_PATH_SEQUENCES)
          if (v.includes(seq)) errs.push(fe.invalid(child(path, 'path'), v, `must not contain '${seq}'`));
        for (const suf of INVALID_PATH_SUFFIXES)
          if (v.endsWith(suf)) errs.push(fe.invalid(child(path, 'path'), v, `cannot end with '${suf}'`));
      }
      break;
    case 'ImplementationSpecific':
      if (v && !v.startsWith('/')) errs.push(fe.invalid(child(path, 'path'), v, 'must be an absolute path'));
      break;
    default:
      errs.push(fe.notSupported(child(path, 'pathType'), p.pathType, PATH_TYPES));
  }
  errs.push(...validateBackend(p.backend, child(path, 'backend')));
  return errs;
}

function validateHost(host: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (isIP(host)) errs.push(fe.invalid(path, host, 'must be a DNS name, not an IP address'));
  const msgs = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
  for (const msg of msgs) errs.push(fe.invalid(path, host, msg));
  return errs;
}

function validateIngress(ing: Ingress): FieldError[] {
  const spec = ing.spec ?? {};
  const errs: FieldError[] = [];
  const path = 'spec';
  if (!spec.rules?.length && !spec.defaultBackend) {
    errs.push(fe.invalid(path, spec.rules ?? null, 'either `defaultBackend` or `rules` must be specified'));
  }
  if (spec.defaultBackend) errs.push(...validateBackend(spec.defaultBackend, child(path, 'defaultBackend')));
  (spec.rules ?? []).forEach((rule, i) => {
    const rp = index(child(path, 'rules'), i);
    if (rule.host) errs.push(...validateHost(rule.host, child(rp, 'host')));
    if (rule.http) {
      const hp = child(rp, 'http');
      if (!rule.http.paths?.length) errs.push(fe.required(child(hp, 'paths')));
      (rule.http.paths ?? []).forEach((p, j) => {
        errs.push(...validateIngressPath(p, index(child(hp, 'paths'), j)));
      });
    }
  });
  (spec.tls ?? []).forEach((tls, i) => {
    (tls.hosts ?? []).forEach((h, j) => {
      const p = index(child(index(child(path, 'tls'), i), 'hosts'), j);
      const msgs = h.includes('*') ? isWildcardDNS1123Subdomain(h) : isDNS1123Subdomain(h);
      for (const msg of msgs) errs.push(fe.invalid(p, h, msg));
    });
  });
  if (spec.ingressClassName != null) {
    for (const msg of isDNS1123Subdomain(spec.ingressClassName))
      errs.push(fe.invalid(child(path, 'ingressClassName'), spec.ingressClassName, msg));
  }
  const annotated = ing.metadata?.annotations?.['kubernetes.io/ingress.class'];
  if (annotated !== undefined && spec.ingressClassName != null && annotated !== spec.ingressClassName) {
    errs.push(fe.invalid('annotations.kubernetes.io/ingress.class', annotated, 'must match `ingressClassName` when both are specified'));
  }
  return errs;
}

export const ingressStrategy: Strategy<Ingress> = {
  generation: true,
  statusSubresource: true,
  prepareForCreate(ing) {
    (ing as { status?: unknown }).status = { loadBalancer: {} };
  },
  validate: validateIngress,
};

const HTTP_PATH = /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;

/** validation.IsDomainPrefixedPath. */
function validateDomainPrefixedPath(value: string, path: string): FieldError[] {
  if (!value) return [fe.required(path)];
  const slash = value.indexOf('/');
  const host = slash < 0 ? value : value.slice(0, slash);
  const rest = slash < 0 ? '' : value.slice(slash + 1);
  if (slash < 0 || !host || !rest) return [fe.invalid(path, value, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  const errs = isDNS1123Subdomain(host).map((msg) => fe.invalid(path, host, msg));
  if (!HTTP_PATH.test(rest)) errs.push(fe.invalid(path, rest, regexError('Invalid path', "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+")));
  return errs;
}

export const ingressClassStrategy: Strategy<IngressClass> = {
  generation: true,
  validate(ic) {
    const controller = ic.spec?.controller ?? '';
    const errs: FieldError[] = [];
    if (controller.length > 250) errs.push(fe.tooLong('spec.controller', 250));
    errs.push(...validateDomainPrefixedPath(controller, 'spec.controller'));
    const params = ic.spec?.parameters;
    if (params) {
      if (!params.kind) errs.push(fe.required('spec.parameters.kind'));
      if (!params.name) errs.push(fe.required('spec.parameters.name'));
      if (params.scope && params.scope !== 'Cluster' && params.scope !== 'Namespace') {
        errs.push(fe.notSupported('spec.parameters.scope', params.scope, ['Cluster', 'Namespace']));
      }
    }
    return errs;
  },
  validateUpdate(ic, old) {
    return validateImmutable(ic.spec?.controller ?? '', old.spec?.controller ?? '', 'spec.controller');
  },
};

// ---------------------------------------------------------------------------------------------
// NetworkPolicy

function validatePolicyPort(port: NetworkPolicyPort, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (port.protocol && !['TCP', 'UDP', 'SCTP'].includes(port.protocol)) {
    errs.push(fe.notSupported(child(path, 'protocol'), port.protocol, ['TCP', 'UDP', 'SCTP']));
  }
  const p = port.port;
  if (p != null) {
    if (typeof p === 'number') {
      for (const msg of isValidPortNum(p)) errs.push(fe.invalid(child(path, 'port'), p, msg));
      if (port.endPort != null) {
        if (port.endPort < p) errs.push(fe.invalid(child(path, 'endPort'), p, 'must be greater than or equal to `port`'));
        for (const msg of isValidPortNum(port.endPort)) errs.push(fe.invalid(child(path, 'endPort'), port.endPort, msg));
      }
    } else {
      if (port.endPort != null)
        errs.push(fe.invalid(child(path, 'endPort'), port.endPort, 'may not be specified when `port` is non-numeric'));
      for (const msg of isValidPortName(p)) errs.push(fe.invalid(child(path, 'port'), p, msg));
    }
  } else if (port.endPort != null) {
    errs.push(fe.invalid(child(path, 'endPort'), port.endPort, 'may not be specified when `port` is not specified'));
  }
  return errs;
}

function validatePeer(peer: NetworkPolicyPeer, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  if (peer.podSelector) {
    n++;
    errs.push(...validateLabelSelector(peer.podSelector, child(path, 'podSelector')));
  }
  if (peer.namespaceSelector) {
    n++;
    errs.push(...validateLabelSelector(peer.namespaceSelector, child(path, 'namespaceSelector')));
  }
  if (peer.ipBlock) {
    n++;
    const bp = child(path, 'ipBlock');
    if (!peer.ipBlock.cidr) errs.push(fe.required(child(bp, 'cidr')));
    else {
      errs.push(...validateCIDR(child(bp, 'cidr'), peer.ipBlock.cidr));
      (peer.ipBlock.except ?? []).forEach((e, i) => {
        errs.push(...validateCIDR(index(child(bp, 'except'), i), e));
      });
    }
  }
  if (n === 0) errs.push(fe.required(path, 'must specify a peer'));
  else if (n > 1 && peer.ipBlock) errs.push(fe.forbidden(path, 'may not specify both ipBlock and another peer'));
  return errs;
}

export const networkPolicyStrategy: Strategy<NetworkPolicy> = {
  generation: true,
  defaults(np) {
    const spec = ensureField(np, 'spec', {} as NetworkPolicySpec);
    for (const rule of [...(spec.ingress ?? []), ...(spec.egress ?? [])]) for (const p of rule.ports ?? []) p.protocol ||= 'TCP';
    // A policy without policyTypes is at least an Ingress policy, and an Egress one if it has egress rules.
    if (!spec.policyTypes?.length) spec.policyTypes = spec.egress?.length ? ['Ingress', 'Egress'] : ['Ingress'];
  },
  validate(np) {
    const spec = np.spec ?? ({} as NetworkPolicySpec);
    const errs = validateLabelSelector(spec.podSelector, 'spec.podSelector');
    for (const [dir, peers] of [
      ['ingress', 'from'],
      ['egress', 'to'],
    ] as const) {
      const rules = (spec[dir] ?? []) as {
        ports?: NetworkPolicyPort[];
        from?: NetworkPolicyPeer[];
        to?: NetworkPolicyPeer[];
      }[];
      rules.forEach((rule, i) => {
        const rp = index(child('spec', dir), i);
        (rule.ports ?? []).forEach((p, j) => {
          errs.push(...validatePolicyPort(p, index(child(rp, 'ports'), j)));
        });
        (rule[peers] ?? []).forEach((p, j) => {
          errs.push(...validatePeer(p, index(child(rp, peers), j)));
        });
      });
    }
    const types = spec.policyTypes ?? [];
    if (types.length > 2) errs.push(fe.invalid('spec.policyTypes', types, 'may not specify more than two policyTypes'));
    else {
      types.forEach((t, i) => {
        if (t !== 'Ingress' && t !== 'Egress') errs.push(fe.notSupported(index('spec.policyTypes', i), t, ['Ingress', 'Egress']));
      });
    }
    return errs;
  },
};

// ---------------------------------------------------------------------------------------------
// EndpointSlice

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];

export const endpointSliceStrategy: Strategy<EndpointSlice> = {
  generation: true,
  defaults(es) {
    for (const p of es.ports ?? []) {
      p.name ??= '';
      p.protocol ??= 'TCP';
    }
  },
  validate(es) {
    const errs: FieldError[] = [];
    const at = es.addressType ?? '';
    if (!at) errs.push(fe.required('addressType'));
    else if (!ADDRESS_TYPES.includes(at)) errs.push(fe.notSupported('addressType', at, ADDRESS_TYPES));
    (es.endpoints ?? []).forEach((ep, i) => {
      const p = index('endpoints', i);
      const ap = child(p, 'addresses');
      if (!ep.addresses?.length) errs.push(fe.required(ap, 'must contain at least 1 address'));
      else if (ep.addresses.length > 100) errs.push(fe.tooMany(ap, ep.addresses.length, 100));
      ep.addresses?.forEach((a, j) => {
        if (at === 'IPv4' || at === 'IPv6') errs.push(...validateIP(index(ap, j), a));
        else if (at === 'FQDN') for (const msg of isDNS1123Subdomain(a)) errs.push(fe.invalid(index(ap, j), a, msg));
      });
      if (ep.hostname) for (const msg of isDNS1123Subdomain(ep.hostname)) errs.push(fe.invalid(child(p, 'hostname'), ep.hostname, msg));
    });
    (es.ports ?? []).forEach((port, i) => {
      const p = index('ports', i);
      if (port.port != null) for (const msg of isValidPortNum(port.port)) errs.push(fe.invalid(child(p, 'port'), port.port, msg));
      if (port.appProtocol != null) errs.push(...validateQualifiedName(port.appProtocol, child(p, 'appProtocol')));
    });
    return errs;
  },
  validateUpdate(es, old) {
    return validateImmutable(es.addressType ?? '', old.addressType ?? '', 'addressType');
  },
};
