import type { Pod } from 'kubernetes-types/core/v1';
import { clfDate, hexDigest } from '../kubelet/format';
import type { HttpAnswer } from '../kubelet/shell/host';
import {
  backendPort,
  buildServers,
  type ControllerClass,
  certificateFor,
  handles,
  NGINX_308,
  NGINX_400_PLAIN_TO_TLS,
  NGINX_404,
  NGINX_502,
  NGINX_503,
  NGINX_504,
  NGINX_CLASS_NAME,
  NGINX_CONTROLLER_CLASS,
  route,
  upstreamEndpoints,
} from './ingress';
import { type Client, type ConnectError, type NetParts, open } from './request';
import type { Hop } from './trace';

/** The program name of ingress-nginx's controller process (what the data plane reports listening). */
export const CONTROLLER_PROGRAM = 'nginx-ingress-controller';

/** What an HTTP client sends beyond the path: the Host header, whether it speaks TLS and checks the certificate. */
export interface HttpRequestInfo {
  host?: string;
  tls?: boolean;
  /** The name sent in the TLS handshake (the URL's host); the certificate is chosen by it, the route by Host. */
  sni?: string;
  /** `curl -k`: go on whatever certificate the server shows (the sandbox has no trusted CA for it). */
  insecure?: boolean;
  /** The User-Agent header (`curl/8.5.0`, busybox's `Wget`), for the access log. */
  agent?: string;
}

/** The controller's answer, with what a client shows beyond the body. */
export interface IngressAnswer extends HttpAnswer {
  /** A redirect's target (the Location header). */
  location?: string;
  /** The certificate shown in the TLS handshake. */
  certificate?: string;
  /** The client gave up in the handshake: the certificate is not one it trusts. */
  handshake?: 'untrusted';
}

function flagOf(args: readonly string[], name: string): string | undefined {
  for (const a of args) if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** The controller container of an ingress-nginx pod and its class flags; undefined for any other pod. */
export function controllerClassOf(pod: Pod): (ControllerClass & { args: string[] }) | undefined {
  for (const c of pod.spec?.containers ?? []) {
    const argv = [...(c.command ?? []), ...(c.args ?? [])];
    if (!argv.some((a) => a.endsWith(`/${CONTROLLER_PROGRAM}`) || a === CONTROLLER_PROGRAM)) continue;
    return {
      controller: flagOf(argv, 'controller-class') ?? NGINX_CONTROLLER_CLASS,
      className: flagOf(argv, 'ingress-class') ?? NGINX_CLASS_NAME,
      watchWithoutClass: flagOf(argv, 'watch-ingress-without-class') === 'true',
      args: argv,
    };
  }
  return undefined;
}

/** Whether a container port of the controller is its HTTPS listener (`https`, or 443 when unnamed). */
function isTlsPort(pod: Pod, port: number): boolean {
  for (const c of pod.spec?.containers ?? []) for (const p of c.ports ?? []) if (p.containerPort === port) return p.name === 'https' || (!p.name && port === 443);
  return port === 443;
}

/** Round-robin position per upstream (ingress-nginx's default balancer), kept in the network's snapshot. */
export type RoundRobin = (upstream: string, count: number) => number;

/**
 * A request that reached an ingress-nginx controller pod on its HTTP or HTTPS port: route it
 * through the Ingresses of the controller's class and proxy it to a ready endpoint of the
 * backend Service (straight to the pod, as nginx does, not through the cluster IP); nginx's own
 * pages where it has no upstream. Undefined when the pod is not such a controller.
 */
export function serveIngress(
  parts: NetParts,
  controllerKey: string,
  controllerIP: string,
  port: number,
  path: string,
  req: HttpRequestInfo,
  hops: Hop[],
  roundRobin: RoundRobin,
  source = '',
): IngressAnswer | ConnectError | undefined {
  const pod = parts.views.pod(controllerKey);
  if (!pod) return undefined;
  const cc = controllerClassOf(pod);
  if (!cc) return undefined;
  const state = parts.dataplane.port(controllerIP, port, 'TCP');
  if (state.state !== 'open' || state.program !== CONTROLLER_PROGRAM) return undefined;
  const tlsPort = isTlsPort(pod, port);
  const host = req.host ?? controllerIP;
  const base = { kind: 'ingress' as const, controller: controllerKey, host, path };
  if (tlsPort && !req.tls) {
    hops.push({ ...base, server: '_', result: 'plain HTTP to HTTPS port' });
    return { status: 400, body: NGINX_400_PLAIN_TO_TLS };
  }
  const classes = parts.views.ingressClasses.list();
  const ingresses = parts.views.ingresses.list().filter((i) => handles(i, classes, cc));
  const servers = buildServers(ingresses);
  const certificate = tlsPort ? certificateFor(servers, (req.sni ?? host).replace(/:\d+$/, ''), (ns, name) => parts.views.secrets.get(ns, name)).text : undefined;
  if (certificate && !req.insecure) {
    // Neither the fake certificate nor a learner's self-signed one chains to a CA the client trusts.
    hops.push({ ...base, server: '_', certificate, result: 'untrusted certificate' });
    return { status: 0, body: '', certificate, handshake: 'untrusted' } satisfies IngressAnswer;
  }
  // nginx's access log line (ingress-nginx's log-format-upstream) goes to the controller's stdout.
  let upstream = { name: 'upstream-default-backend', addr: '-', length: '-', status: '-' };
  const done = (a: IngressAnswer): IngressAnswer => {
    accessLog(parts, controllerKey, source, path, host, req.agent, a, upstream);
    return certificate ? { ...a, certificate } : a;
  };
  const r = route(servers, host, path, tlsPort);
  if (r.kind === 'redirect') {
    hops.push({ ...base, server: r.server, certificate, result: 'redirect' });
    return done({ status: 308, body: NGINX_308, location: r.location });
  }
  if (r.kind === 'not found') {
    hops.push({ ...base, server: r.server, certificate, result: 'not found' });
    // The catch-all answers through the controller's own default backend on 127.0.0.1:8181.
    upstream = { name: 'upstream-default-backend', addr: '127.0.0.1:8181', length: String(NGINX_404.length), status: '404' };
    return done({ status: 404, body: NGINX_404 });
  }
  const location = r.path ? `${r.pathType} ${r.path}` : 'default backend';
  const ns = r.ingress.slice(0, r.ingress.indexOf('/'));
  const svcName = r.backend.service?.name;
  const svc = svcName ? parts.views.service(ns, svcName) : undefined;
  const portLabel = r.backend.service?.port?.name ?? String(r.backend.service?.port?.number ?? '');
  const at = { ...base, server: r.server, ingress: r.ingress, location, certificate, service: svcName ? `${ns}/${svcName}` : undefined, port: portLabel || undefined };
  const sp = svc ? backendPort(svc, r.backend) : undefined;
  upstream = { ...upstream, name: `${ns}-${svcName}-${portLabel}` };
  if (!svc || !sp) {
    hops.push({ ...at, result: 'no service' });
    return done({ status: 503, body: NGINX_503 });
  }
  const endpoints = upstreamEndpoints(parts.views.slices(svc), sp);
  if (!endpoints.length) {
    hops.push({ ...at, result: 'no endpoints' });
    return done({ status: 503, body: NGINX_503 });
  }
  const ep = endpoints[roundRobin(`${ns}-${svcName}-${sp.port}`, endpoints.length) % endpoints.length];
  hops.push({ ...at, endpoint: `${ep.ip}:${ep.port}`, pod: ep.pod, result: 'proxied' });
  const client: Client = { pod: controllerKey, podObject: pod, ip: controllerIP, node: parts.dataplane.nodeOfPod(controllerKey) ?? pod.spec?.nodeName, hostNetwork: false, external: false };
  const p = open(parts, client, ep.ip, ep.port, 'TCP', hops);
  if (p === 'connection refused') return done({ status: 502, body: NGINX_502 });
  if (typeof p === 'string') return done({ status: 504, body: NGINX_504 });
  const answer = parts.dataplane.http(p.ip, p.port, path, p.source);
  const upstreamPod = p.place.kind === 'pod' ? p.place.pod : undefined;
  if (typeof answer === 'string') {
    hops.push({ kind: 'answer', result: answer, pod: upstreamPod });
    return done(answer === 'connection refused' ? { status: 502, body: NGINX_502 } : { status: 504, body: NGINX_504 });
  }
  hops.push({ kind: 'answer', result: String(answer.status), status: answer.status, pod: upstreamPod });
  upstream = { ...upstream, addr: `${ep.ip}:${ep.port}`, length: String(answer.body.length), status: String(answer.status) };
  return done(answer);
}

/**
 * One line of ingress-nginx's access log (its default log-format-upstream):
 * `$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer"
 * "$http_user_agent" $request_length $request_time [$proxy_upstream_name] [$proxy_alternative_upstream_name]
 * $upstream_addr $upstream_response_length $upstream_response_time $upstream_status $req_id`.
 */
function accessLog(
  parts: NetParts,
  controllerKey: string,
  source: string,
  path: string,
  host: string,
  agent: string | undefined,
  a: IngressAnswer,
  upstream: { name: string; addr: string; length: string; status: string },
): void {
  if (!parts.dataplane.log || !parts.dataplane.now) return;
  const now = parts.dataplane.now();
  const ua = agent ?? '-';
  const requestLength = `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: ${ua}\r\nAccept: */*\r\n\r\n`.length;
  const proxied = upstream.addr !== '-';
  const time = proxied ? '0.001' : '0.000';
  const reqId = hexDigest(`${now}|${source}|${host}|${path}|${controllerKey}`, 32);
  const line = `${source || '-'} - - [${clfDate(now)}] "GET ${path} HTTP/1.1" ${a.status} ${a.body.length} "-" "${ua}" ${requestLength} ${time} [${upstream.name}] [] ${upstream.addr} ${upstream.length} ${proxied ? time : '-'} ${upstream.status} ${reqId}`;
  parts.dataplane.log(controllerKey, line);
}
