import type { Command } from '../../command';
import { help } from '../../help/create-ingress';
import { createGenerated, nameArg } from './subcommand';

// host/path=svcname:svcport, then optionally ,tls or ,tls=secret (Go's \w is ASCII word characters).
const RULE = /^([\w*\-.]*)(\/.*)=([\w-]+):([\w-]+)(,(tls)=?([\w-]+)?)?/;

type Backend = { service: { name: string; port: { name?: string; number?: number } } };
type Path = { path: string; pathType: string; backend: Backend };
type Rule = { host?: string; http: { paths: Path[] } };
type Tls = { hosts?: string[]; secretName?: string };

/** `svc:8080` or `svc:http`: a port number when the text is one (intstr.Parse), else a port name. */
function backendOf(service: string): Backend {
  const [name, port] = service.split(':');
  return { service: { name, port: /^-?\d+$/.test(port) ? { number: Number(port) } : { name: port } } };
}

/** `path=svc:port`; a trailing `*` on the path makes it a Prefix path. */
function pathOf(pathsvc: string): Path {
  const [p, service] = pathsvc.split('=');
  let path = `/${p}`;
  let pathType = 'Exact';
  if (path.endsWith('*')) {
    pathType = 'Prefix';
    path = path.slice(0, -1);
  }
  return { path, pathType, backend: backendOf(service) };
}

function rulesOf(rules: string[]): Rule[] {
  const out: Rule[] = [];
  for (const rule of rules) {
    const withoutTls = rule.split(',')[0];
    const slash = withoutTls.indexOf('/');
    const host = withoutTls.slice(0, slash);
    const path = pathOf(withoutTls.slice(slash + 1));
    // Paths of one host go into one rule.
    const same = out.find((r) => (r.host ?? '') === host);
    if (same) same.http.paths.push(path);
    else out.push({ ...(host ? { host } : {}), http: { paths: [path] } });
  }
  return out;
}

/** TLS entries: a host once, grouped under the secret it names (no secret: the controller's default). */
function tlsOf(rules: string[]): Tls[] {
  const seen = new Set<string>();
  const out: Tls[] = [];
  for (const rule of rules) {
    const parts = rule.split(',');
    if (parts.length !== 2) continue;
    const host = rule.split('/')[0];
    const secret = parts[1].split('=')[1] ?? '';
    if (seen.has(host)) continue;
    const same = out.find((t) => (t.secretName ?? '') === secret);
    seen.add(host);
    if (same) {
      same.hosts = [...(same.hosts ?? []), host];
      continue;
    }
    const tls: Tls = {};
    if (host) tls.hosts = [host];
    if (secret) tls.secretName = secret;
    if (tls.hosts || tls.secretName) out.push(tls);
  }
  return out;
}

export const createIngressCommand: Command = {
  name: 'ingress',
  help,
  run(ctx) {
    const name = nameArg(ctx);
    const f = ctx.flags;
    const rules = f.strings('rule');
    const annotationArgs = f.strings('annotation');
    const defaultBackend = f.string('default-backend');
    if (!defaultBackend && !rules.length) {
      throw new Error(
        'not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)',
      );
    }
    for (const rule of rules) {
      if (!RULE.test(rule)) throw new Error(`rule ${rule} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`);
    }
    const annotations: Record<string, string> = {};
    for (const a of annotationArgs) {
      const eq = a.indexOf('=');
      if (eq < 0) throw new Error(`annotation ${a} is invalid and should be in format key=[value]`);
      annotations[a.slice(0, eq)] = a.slice(eq + 1);
    }
    if (defaultBackend && defaultBackend.split(':').length !== 2) throw new Error('default-backend should be in format servicename:serviceport');

    const spec: Record<string, unknown> = {};
    const ingressClass = f.string('class');
    if (ingressClass) spec.ingressClassName = ingressClass;
    if (defaultBackend) spec.defaultBackend = backendOf(defaultBackend);
    const tls = tlsOf(rules);
    if (tls.length) spec.tls = tls;
    const built = rulesOf(rules);
    if (built.length) spec.rules = built;
    createGenerated(
      ctx,
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name, ...(annotationArgs.length ? { annotations } : {}), creationTimestamp: null as unknown as string },
        spec,
        status: { loadBalancer: {} },
      },
      { resource: 'networking.k8s.io/ingresses', failure: (m) => `failed to create ingress: ${m}` },
    );
  },
};
