import type { Secret } from 'kubernetes-types/core/v1';
import type { Ingress, IngressClass, IngressRule } from 'kubernetes-types/networking/v1';
import { describe, expect, it } from 'vitest';
import { buildServers, certificateFor, FAKE_CERTIFICATE, handles, hostMatches, KIND_CONTROLLER, NGINX_404, route } from './ingress';

function ingress(name: string, spec: Ingress['spec'], extra: { annotations?: Record<string, string>; created?: string } = {}): Ingress {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { namespace: 'default', name, annotations: extra.annotations, creationTimestamp: extra.created ?? '2025-01-06T09:00:00Z' },
    spec,
  };
}

function paths(host: string | undefined, list: [string, 'Exact' | 'Prefix' | 'ImplementationSpecific', string][]): IngressRule {
  return { host, http: { paths: list.map(([path, pathType, svc]) => ({ path, pathType, backend: { service: { name: svc, port: { number: 80 } } } })) } };
}

function ingressClass(name: string, controller: string, isDefault = false): IngressClass {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: { name, annotations: isDefault ? { 'ingressclass.kubernetes.io/is-default-class': 'true' } : undefined },
    spec: { controller },
  };
}

/** Which Service a request lands on ('404' when nginx answers itself). */
function target(ings: Ingress[], host: string, path: string): string {
  const r = route(buildServers(ings), host, path, false);
  return r.kind === 'backend' ? (r.backend.service?.name ?? '?') : r.kind === 'not found' ? '404' : r.location;
}

describe('Ingress path matching (the examples table of the Ingress documentation)', () => {
  const one = (type: 'Exact' | 'Prefix', p: string) => [ingress('i', { rules: [paths('a.com', [[p, type, 'svc']])] })];
  it.each([
    ['Prefix', '/', '/anything', true],
    ['Exact', '/foo', '/foo', true],
    ['Exact', '/foo', '/bar', false],
    ['Exact', '/foo', '/foo/', false],
    ['Exact', '/foo/', '/foo', false],
    ['Prefix', '/foo', '/foo', true],
    ['Prefix', '/foo', '/foo/', true],
    ['Prefix', '/foo/', '/foo', true],
    ['Prefix', '/foo/', '/foo/', true],
    ['Prefix', '/aaa/bb', '/aaa/bbb', false],
    ['Prefix', '/aaa/bbb', '/aaa/bbb', true],
    ['Prefix', '/aaa/bbb/', '/aaa/bbb', true],
    ['Prefix', '/aaa/bbb', '/aaa/bbb/', true],
    ['Prefix', '/aaa/bbb', '/aaa/bbb/ccc', true],
    ['Prefix', '/aaa/bbb', '/aaa/bbbxyz', false],
  ] as const)('%s %s, request %s: match %s', (type, p, req, match) => {
    expect(target(one(type, p), 'a.com', req)).toBe(match ? 'svc' : '404');
  });

  it('the longest prefix wins, / catches the rest, and Exact beats Prefix of the same path', () => {
    const ings = [
      ingress('i', {
        rules: [
          paths('a.com', [
            ['/', 'Prefix', 'root'],
            ['/aaa', 'Prefix', 'aaa'],
            ['/aaa/bbb', 'Prefix', 'bbb'],
            ['/foo', 'Prefix', 'fooprefix'],
            ['/foo', 'Exact', 'fooexact'],
          ]),
        ],
      }),
    ];
    expect(target(ings, 'a.com', '/aaa/ccc')).toBe('aaa');
    expect(target(ings, 'a.com', '/aaa/bbb')).toBe('bbb');
    expect(target(ings, 'a.com', '/ccc')).toBe('root');
    expect(target(ings, 'a.com', '/foo')).toBe('fooexact');
    expect(target(ings, 'a.com', '/foo/x')).toBe('fooprefix');
    expect(target(ings, 'a.com', '/aaa/bbb?x=1')).toBe('bbb');
  });

  it('ImplementationSpecific is an nginx prefix location: a plain string prefix, or a regex under use-regex', () => {
    const plain = [ingress('i', { rules: [paths('a.com', [['/api', 'ImplementationSpecific', 'api']])] })];
    expect(target(plain, 'a.com', '/apis')).toBe('api');
    expect(target(plain, 'a.com', '/ap')).toBe('404');
    const regex = [ingress('i', { rules: [paths('a.com', [['/v[0-9]+/users', 'ImplementationSpecific', 'users']])] }, { annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true' } })];
    expect(target(regex, 'a.com', '/V2/users/7')).toBe('users');
    expect(target(regex, 'a.com', '/vx/users')).toBe('404');
  });
});

describe('hosts', () => {
  it('a wildcard covers exactly one leading label, as the API defines', () => {
    expect(hostMatches('*.foo.com', 'bar.foo.com')).toBe(true);
    expect(hostMatches('*.foo.com', 'baz.bar.foo.com')).toBe(false);
    expect(hostMatches('*.foo.com', 'foo.com')).toBe(false);
    expect(hostMatches('Foo.com', 'foo.COM')).toBe(true);
  });

  it('an exact host beats a wildcard; an unknown host gets nginx 404 page; the Host port is ignored', () => {
    const ings = [ingress('i', { rules: [paths('*.foo.com', [['/', 'Prefix', 'wild']]), paths('www.foo.com', [['/', 'Prefix', 'www']])] })];
    expect(target(ings, 'www.foo.com', '/')).toBe('www');
    expect(target(ings, 'api.foo.com:80', '/')).toBe('wild');
    expect(target(ings, 'other.com', '/')).toBe('404');
    expect(NGINX_404).toBe('<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n');
  });

  it('rules without a host and a defaultBackend serve the catch-all server; the older Ingress wins a shared path', () => {
    const ings = [
      ingress('new', { rules: [paths(undefined, [['/', 'Prefix', 'newer']])] }, { created: '2025-01-06T10:00:00Z' }),
      ingress('old', { rules: [paths(undefined, [['/', 'Prefix', 'older']])] }, { created: '2025-01-06T09:00:00Z' }),
    ];
    expect(target(ings, '10.96.0.50', '/x')).toBe('older');
    const def = [ingress('d', { defaultBackend: { service: { name: 'fallback', port: { number: 80 } } }, rules: [paths('a.com', [['/api', 'Prefix', 'api']])] })];
    expect(target(def, 'unknown.com', '/')).toBe('fallback');
    // The Ingress's default backend also serves its own hosts' unmatched paths.
    expect(target(def, 'a.com', '/other')).toBe('fallback');
  });
});

describe('IngressClass selection', () => {
  const classes = [ingressClass('nginx', 'k8s.io/ingress-nginx'), ingressClass('other', 'example.com/other')];
  it('by spec.ingressClassName naming a class with our controller, or by the legacy annotation', () => {
    expect(handles(ingress('a', { ingressClassName: 'nginx' }), classes)).toBe(true);
    expect(handles(ingress('a', { ingressClassName: 'other' }), classes)).toBe(false);
    expect(handles(ingress('a', { ingressClassName: 'missing' }), classes)).toBe(false);
    expect(handles(ingress('a', {}, { annotations: { 'kubernetes.io/ingress.class': 'nginx' } }), classes)).toBe(true);
    expect(handles(ingress('a', {}, { annotations: { 'kubernetes.io/ingress.class': 'other' } }), classes)).toBe(false);
  });

  it('a class-less Ingress only when our class is the default or the controller watches class-less ones', () => {
    expect(handles(ingress('a', {}), classes)).toBe(false);
    expect(handles(ingress('a', {}), [ingressClass('nginx', 'k8s.io/ingress-nginx', true)])).toBe(true);
    expect(handles(ingress('a', {}), classes, { ...KIND_CONTROLLER, watchWithoutClass: true })).toBe(true);
  });
});

describe('TLS', () => {
  const ing = ingress('t', { tls: [{ hosts: ['secure.com'], secretName: 'secure-tls' }], rules: [paths('secure.com', [['/', 'Prefix', 'web']]), paths('plain.com', [['/', 'Prefix', 'web']])] });
  const secret: Secret = { apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls', data: { 'tls.crt': 'Y3J0', 'tls.key': 'a2V5' } };

  it('a host with TLS redirects plain HTTP with 308 (ssl-redirect), others do not', () => {
    const servers = buildServers([ing]);
    expect(route(servers, 'secure.com', '/a', false)).toMatchObject({ kind: 'redirect', location: 'https://secure.com/a' });
    expect(route(servers, 'secure.com', '/a', true)).toMatchObject({ kind: 'backend' });
    expect(route(servers, 'plain.com', '/a', false)).toMatchObject({ kind: 'backend' });
  });

  it("the Secret's certificate for its host; the controller's fake certificate for any other name or a missing Secret", () => {
    const servers = buildServers([ing]);
    expect(certificateFor(servers, 'secure.com', (ns, name) => (ns === 'default' && name === 'secure-tls' ? secret : undefined)).source).toBe('secret');
    expect(certificateFor(servers, 'plain.com', () => secret).text).toBe(FAKE_CERTIFICATE);
    expect(certificateFor(servers, 'secure.com', () => undefined).text).toBe(FAKE_CERTIFICATE);
  });
});
