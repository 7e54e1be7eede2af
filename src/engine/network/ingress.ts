import type { Secret, Service, ServicePort } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Ingress, IngressBackend, IngressClass } from 'kubernetes-types/networking/v1';
import { endpointsForPort, type ServiceEndpoint } from './endpoints';

/**
 * How an ingress-nginx controller turns the Ingresses of its class into nginx servers and
 * locations, and which location a request lands on. Pure functions over API objects: the
 * controller pod's process (see ingress-serve.ts) asks these and proxies to the answer.
 */

/** The controller value ingress-nginx's IngressClass carries, and the class name of kind's manifest. */
export const NGINX_CONTROLLER_CLASS = 'k8s.io/ingress-nginx';
export const NGINX_CLASS_NAME = 'nginx';
export const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';
export const LEGACY_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
const USE_REGEX = 'nginx.ingress.kubernetes.io/use-regex';
const REWRITE_TARGET = 'nginx.ingress.kubernetes.io/rewrite-target';
const SSL_REDIRECT = 'nginx.ingress.kubernetes.io/ssl-redirect';

/** The pages nginx itself serves (ingress-nginx sets server_tokens off, so no version). */
function nginxPage(status: string): string {
  return `<html>\r\n<head><title>${status}</title></head>\r\n<body>\r\n<center><h1>${status}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}
export const NGINX_404 = nginxPage('404 Not Found');
export const NGINX_503 = nginxPage('503 Service Temporarily Unavailable');
export const NGINX_502 = nginxPage('502 Bad Gateway');
export const NGINX_504 = nginxPage('504 Gateway Time-out');
export const NGINX_308 = nginxPage('308 Permanent Redirect');
export const NGINX_400_PLAIN_TO_TLS = `<html>\r\n<head><title>400 The plain HTTP request was sent to HTTPS port</title></head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n<center>The plain HTTP request was sent to HTTPS port</center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;

/** The certificate the controller presents when no Ingress has one for the name asked for. */
export const FAKE_CERTIFICATE = 'subject: O=Acme Co; CN=Kubernetes Ingress Controller Fake Certificate';

/** The class flags of one controller (`--controller-class`, `--ingress-class`, `--watch-ingress-without-class`). */
export interface ControllerClass {
  controller: string;
  className: string;
  watchWithoutClass: boolean;
}

export const KIND_CONTROLLER: ControllerClass = { controller: NGINX_CONTROLLER_CLASS, className: NGINX_CLASS_NAME, watchWithoutClass: false };

function ingressKey(ing: Ingress): string {
  return `${ing.metadata?.namespace}/${ing.metadata?.name}`;
}

/**
 * Whether the controller serves this Ingress: it names (spec.ingressClassName) an IngressClass
 * whose controller is ours, or carries the legacy annotation with our class name, or names no
 * class at all while our class is the cluster default (or the controller watches class-less ones).
 */
export function handles(ing: Ingress, classes: readonly IngressClass[], cc: ControllerClass = KIND_CONTROLLER): boolean {
  const named = ing.spec?.ingressClassName;
  const ours = (name: string) => classes.some((c) => c.metadata?.name === name && c.spec?.controller === cc.controller);
  if (named) return ours(named);
  const legacy = ing.metadata?.annotations?.[LEGACY_CLASS_ANNOTATION];
  if (legacy !== undefined) return legacy === cc.className;
  if (cc.watchWithoutClass) return true;
  return classes.some((c) => c.metadata?.name === cc.className && c.spec?.controller === cc.controller && c.metadata?.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
}

/** Host of a rule matches a request host as the API defines: exact, or `*.` for exactly one leading label. */
export function hostMatches(ruleHost: string, host: string): boolean {
  const rule = ruleHost.toLowerCase();
  const h = host.toLowerCase();
  if (!rule.startsWith('*.')) return rule === h;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === rule.slice(2);
}

type PathType = 'Exact' | 'Prefix' | 'ImplementationSpecific';

/** One nginx location: an Ingress path under one server. */
export interface Location {
  ingress: string;
  path: string;
  pathType: PathType;
  /** ImplementationSpecific under `use-regex` (or a rewrite target): a case-insensitive regular expression. */
  regex: boolean;
  backend: IngressBackend;
}

/** One nginx server: a host (`_` catches everything else), its locations and its root fallback. */
export interface Server {
  host: string;
  locations: Location[];
  /** What `/` falls back to: the Ingress's defaultBackend, else the controller's own 404. */
  fallback?: { ingress: string; backend: IngressBackend };
  /** The Ingress TLS entry covering this host, if any. */
  tls?: { ingress: string; secretName?: string };
  sslRedirect: boolean;
}

function byAge(a: Ingress, b: Ingress): number {
  const ta = a.metadata?.creationTimestamp ?? '';
  const tb = b.metadata?.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  const ka = ingressKey(a);
  const kb = ingressKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * The servers the controller renders from its Ingresses. Where two Ingresses claim the same host
 * and path, the older one wins (ingress-nginx sorts by creation time).
 */
export function buildServers(ingresses: readonly Ingress[]): Map<string, Server> {
  const servers = new Map<string, Server>();
  const server = (host: string): Server => {
    let s = servers.get(host);
    if (!s) {
      s = { host, locations: [], sslRedirect: false };
      servers.set(host, s);
    }
    return s;
  };
  server('_');
  for (const ing of [...ingresses].sort(byAge)) {
    const key = ingressKey(ing);
    const annotations = ing.metadata?.annotations ?? {};
    const regex = annotations[USE_REGEX] === 'true' || annotations[REWRITE_TARGET] !== undefined;
    const def = ing.spec?.defaultBackend;
    // An Ingress's defaultBackend serves what no rule of it matches, and is the catch-all server's too.
    if (def && !server('_').fallback) server('_').fallback = { ingress: key, backend: def };
    for (const rule of ing.spec?.rules ?? []) {
      const s = server(rule.host || '_');
      if (def && !s.fallback) s.fallback = { ingress: key, backend: def };
      for (const p of rule.http?.paths ?? []) {
        const pathType = (p.pathType ?? 'ImplementationSpecific') as PathType;
        const path = p.path || '/';
        if (s.locations.some((l) => l.path === path && l.pathType === pathType)) continue;
        s.locations.push({ ingress: key, path, pathType, regex: regex && pathType === 'ImplementationSpecific', backend: p.backend });
      }
    }
    for (const tls of ing.spec?.tls ?? []) {
      for (const h of tls.hosts ?? []) {
        const s = servers.get(h) ?? ((ing.spec?.rules ?? []).some((r) => r.host === h) ? server(h) : undefined);
        if (!s || s.tls) continue;
        s.tls = { ingress: key, secretName: tls.secretName };
        s.sslRedirect = annotations[SSL_REDIRECT] !== 'false';
      }
    }
  }
  return servers;
}

/** The server for a Host header: an exact name first, then a wildcard, then the catch-all. */
export function selectServer(servers: Map<string, Server>, hostHeader: string): Server {
  const host = hostHeader.replace(/:\d+$/, '').replace(/\.$/, '').toLowerCase();
  for (const s of servers.values()) if (s.host !== '_' && !s.host.startsWith('*.') && s.host.toLowerCase() === host) return s;
  for (const s of servers.values()) if (s.host.startsWith('*.') && hostMatches(s.host, host)) return s;
  return servers.get('_') as Server;
}

/** Whether a location matches a request path (query removed), and how long the match is. */
export function locationMatches(l: Location, path: string): boolean {
  switch (l.pathType) {
    case 'Exact':
      return path === l.path;
    case 'Prefix': {
      // Element-wise: `/foo` (or `/foo/`) matches `/foo`, `/foo/` and `/foo/bar`, not `/foobar`.
      const p = l.path.replace(/\/+$/, '');
      return p === '' || path === p || path.startsWith(`${p}/`);
    }
    default:
      if (l.regex) {
        try {
          return new RegExp(`^${l.path}`, 'i').test(path);
        } catch {
          return false;
        }
      }
      // nginx's own prefix location: a plain string prefix.
      return path.startsWith(l.path);
  }
}

const TYPE_RANK: Record<PathType, number> = { Exact: 0, Prefix: 1, ImplementationSpecific: 2 };

/** The location a path lands on: Exact first, then the longest path, Prefix before ImplementationSpecific. */
export function selectLocation(server: Server, rawPath: string): Location | undefined {
  const path = rawPath.split('?')[0] || '/';
  const matching = server.locations.filter((l) => locationMatches(l, path));
  matching.sort((a, b) => {
    if ((a.pathType === 'Exact') !== (b.pathType === 'Exact')) return a.pathType === 'Exact' ? -1 : 1;
    return b.path.length - a.path.length || TYPE_RANK[a.pathType] - TYPE_RANK[b.pathType];
  });
  return matching[0];
}

/** What the controller found for a request. */
export type Route =
  | { kind: 'backend'; server: string; ingress: string; path?: string; pathType?: PathType; backend: IngressBackend }
  | { kind: 'not found'; server: string }
  | { kind: 'redirect'; server: string; location: string };

/** Route one request: the server for its host, then the location for its path (or the server's fallback). */
export function route(servers: Map<string, Server>, host: string, path: string, tls: boolean): Route {
  const server = selectServer(servers, host);
  if (!tls && server.tls && server.sslRedirect) {
    return { kind: 'redirect', server: server.host, location: `https://${host.replace(/:\d+$/, '')}${path}` };
  }
  const loc = selectLocation(server, path);
  if (loc) return { kind: 'backend', server: server.host, ingress: loc.ingress, path: loc.path, pathType: loc.pathType, backend: loc.backend };
  if (server.fallback) return { kind: 'backend', server: server.host, ingress: server.fallback.ingress, backend: server.fallback.backend };
  return { kind: 'not found', server: server.host };
}

/** The Service port an Ingress backend names: by number against `port`, by name against the port's name. */
export function backendPort(svc: Service, backend: IngressBackend): ServicePort | undefined {
  const want = backend.service?.port;
  return (svc.spec?.ports ?? []).find((p) => (p.protocol ?? 'TCP') === 'TCP' && (want?.name ? p.name === want.name : p.port === want?.number));
}

/** The upstream's endpoints: ready addresses of the Service port, as the controller reads the slices. */
export function upstreamEndpoints(slices: readonly EndpointSlice[], port: ServicePort): ServiceEndpoint[] {
  return endpointsForPort(slices, port).filter((e) => e.ready);
}

/**
 * The certificate served for a TLS name (SNI): the Secret of the TLS entry covering the host when
 * it is a usable kubernetes.io/tls Secret, else the controller's fake certificate.
 */
export function certificateFor(servers: Map<string, Server>, sni: string, secret: (ns: string, name: string) => Secret | undefined): { source: 'secret' | 'fake'; secret?: string; text: string } {
  const server = selectServer(servers, sni);
  const tls = server.host === '_' ? undefined : server.tls;
  if (tls?.secretName) {
    const ns = tls.ingress.slice(0, tls.ingress.indexOf('/'));
    const s = secret(ns, tls.secretName);
    if (s && s.type === 'kubernetes.io/tls' && s.data?.['tls.crt'] && s.data?.['tls.key']) {
      return { source: 'secret', secret: `${ns}/${tls.secretName}`, text: `certificate from Secret ${ns}/${tls.secretName} (host ${server.host})` };
    }
  }
  return { source: 'fake', text: FAKE_CERTIFICATE };
}
