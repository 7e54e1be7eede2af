import { describe, expect, it } from 'vitest';
import { findAddon } from '../sim/addons';
import { Cluster } from '../sim/cluster';
import { curl } from './curl';
import { NGINX_404 } from './ingress';
import { networkOf } from './install';

// curl's own texts and exit codes (curl 7.88/8.x): -f gives (22), -s hides errors and -S shows
// them again, -w prints after the body, --resolve pins a name, -L follows a redirect.
describe('sim curl options', () => {
  const c = Cluster.create({ seed: 5 });
  findAddon('ingress-nginx')?.install(c);
  c.api.create('apps/deployments', 'default', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
  });
  c.api.create('services', 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
  c.api.create('networking.k8s.io/ingresses', 'default', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web' },
    spec: {
      ingressClassName: 'nginx',
      tls: [{ hosts: ['secure.example.com'] }],
      rules: ['web.example.com', 'secure.example.com'].map((h) => ({ host: h, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } })),
    },
  });
  c.advance(60_000);
  const run = (...argv: string[]) => curl(networkOf(c), argv);

  it('--resolve pins a name to an address, so the Host is the URL name', () => {
    expect(run('--resolve', 'web.example.com:80:127.0.0.1', 'http://web.example.com/').stdout).toContain('Welcome to nginx!');
    expect(run('http://web.example.com/')).toEqual({ stdout: '', stderr: 'curl: (6) Could not resolve host: web.example.com\n', exitCode: 6 });
    expect(run('-s', 'http://web.example.com/').stderr).toBe('');
    expect(run('-sS', 'http://web.example.com/').exitCode).toBe(6);
  });

  it('-f fails on an error status, -o drops the body, -w prints the status code', () => {
    expect(run('-f', 'http://nothing.localhost/')).toEqual({ stdout: '', stderr: 'curl: (22) The requested URL returned error: 404\n', exitCode: 22 });
    expect(run('-s', '-o', '/dev/null', '-w', '%{http_code}', 'http://nothing.localhost/')).toEqual({ stdout: '404', stderr: '', exitCode: 0 });
    expect(run('http://nothing.localhost/').stdout).toBe(NGINX_404);
    expect(run('-w', '%{http_code}\\n', 'http://localhost:9999/').stdout).toBe('000\n');
  });

  it('-I shows the head only; -L follows the 308 to HTTPS, which needs -k for the fake certificate', () => {
    expect(run('-I', 'http://secure.localhost/', '-H', 'Host: secure.example.com').stdout).toMatch(/^HTTP\/1.1 308 Permanent Redirect\r\nLocation: https:\/\/secure.example.com\/\r\n/);
    const pinned = ['--resolve', 'secure.example.com:80:127.0.0.1', '--resolve', 'secure.example.com:443:127.0.0.1'];
    expect(run('-L', ...pinned, 'http://secure.example.com/').exitCode).toBe(60);
    expect(run('-Lk', ...pinned, 'http://secure.example.com/').stdout).toContain('Welcome to nginx!');
    expect(run('-X', 'GET', '--bogus', 'http://localhost/').exitCode).toBe(2);
  });
});
