import type { Event, Pod, Service } from 'kubernetes-types/core/v1';
import type { Ingress } from 'kubernetes-types/networking/v1';
import { describe, expect, it } from 'vitest';
import type { KubeletFleet } from '../kubelet/fleet';
import { findAddon } from '../sim/addons';
import { Cluster } from '../sim/cluster';
import { curl } from './curl';
import { NGINX_404, NGINX_503 } from './ingress';
import { networkOf } from './install';

// End to end on the default preset: the ingress-nginx add-on's controller pod lands on the
// control plane (kind's ingress-ready node), and requests from the learner's machine and from
// pods go through it to the Services the Ingress names.

function deployment(name: string, image: string, port: number) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image, ports: [{ containerPort: port }] }] } } },
  };
}

function ingressCluster() {
  const c = Cluster.create({ seed: 3 });
  const api = c.api;
  findAddon('ingress-nginx')?.install(c);
  api.create('apps/deployments', 'default', deployment('web', 'nginx', 80));
  api.create('services', 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }] } });
  api.create('apps/deployments', 'default', deployment('hello', 'gcr.io/google-samples/hello-app:1.0', 8080));
  api.create('services', 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'hello' }, spec: { selector: { app: 'hello' }, ports: [{ port: 8080 }] } });
  api.create('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'client' }, spec: { containers: [{ name: 'client', image: 'busybox', command: ['sleep', '3600'] }] } });
  api.create<Ingress>('networking.k8s.io/ingresses', 'default', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'demo' },
    spec: {
      ingressClassName: 'nginx',
      rules: [
        { host: 'foo.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } }] } },
        { host: 'bar.example.com', http: { paths: [{ path: '/hello', pathType: 'Prefix', backend: { service: { name: 'hello', port: { number: 8080 } } } }] } },
        { http: { paths: [{ path: '/hello', pathType: 'Exact', backend: { service: { name: 'hello', port: { number: 8080 } } } }] } },
      ],
    },
  });
  c.advance(60_000);
  const net = networkOf(c);
  const sim = (...argv: string[]) => curl(net, argv);
  return { c, api, net, sim };
}

describe('ingress-nginx in a cluster', () => {
  it('publishes localhost in the Ingress status and records Sync twice (the add, then its own status write)', () => {
    const { api } = ingressCluster();
    const ing = api.get<Ingress>('networking.k8s.io/ingresses', 'default', 'demo');
    expect(ing.status?.loadBalancer?.ingress).toEqual([{ hostname: 'localhost' }]);
    const events = api.list<Event>('events', 'default').items.filter((e) => e.involvedObject.name === 'demo');
    expect(events.map((e) => [e.reason, e.message, e.source?.component, e.count])).toEqual([['Sync', 'Scheduled for sync', 'nginx-ingress-controller', 2]]);
    const pod = api.list<Pod>('pods', 'ingress-nginx').items[0];
    expect(pod?.spec?.nodeName).toBe('control-plane');
  });

  it('routes requests from the learner machine by Host and path, with nginx pages for no match and no endpoints', () => {
    const { c, api, net, sim } = ingressCluster();
    expect(sim('http://localhost/', '-H', 'Host: foo.example.com').stdout).toContain('Welcome to nginx!');
    const trace = net.traces().at(-1);
    expect(trace?.hops.map((h) => h.kind)).toEqual(['hosts', 'route', 'hostPort', 'route', 'policy', 'ingress', 'route', 'policy', 'policy', 'answer']);
    expect(trace?.hops[5]).toMatchObject({ kind: 'ingress', host: 'foo.example.com', server: 'foo.example.com', ingress: 'default/demo', service: 'default/web', port: 'http', result: 'proxied' });
    // nginx's access log line goes to the controller's stdout.
    const ctl = api.list<Pod>('pods', 'ingress-nginx').items[0];
    const fleet = c.machines as KubeletFleet;
    const logs = fleet.logs('ingress-nginx', ctl.metadata?.name ?? '', 'controller');
    expect(logs).toMatch(/172\.18\.0\.1 - - \[[^\]]+\] "GET \/ HTTP\/1\.1" 200 615 "-" "curl\/8\.5\.0" \d+ 0\.001 \[default-web-http\] \[\] 10\.244\.\d+\.\d+:80 615 0\.001 200 [0-9a-f]{32}\n$/);
    expect(sim('http://localhost/hello/x', '-H', 'Host: bar.example.com').stdout).toMatch(/^Hello, world!\nVersion: 1.0.0\nHostname: hello-/);
    const missing = sim('http://localhost/', '-H', 'Host: nope.example.com');
    expect(missing).toEqual({ stdout: NGINX_404, stderr: '', exitCode: 0 });
    // curl resolves *.localhost itself: the Host header is the URL's name.
    expect(sim('http://foo.localhost/').stdout).toBe(NGINX_404);
    // The controller Service's node port on any node's address reaches the same controller.
    const svc = api.get<Service>('services', 'ingress-nginx', 'ingress-nginx-controller');
    const nodePort = svc.spec?.ports?.find((p) => p.name === 'http')?.nodePort;
    expect(sim(`http://172.18.0.4:${nodePort}/`, '-H', 'Host: foo.example.com').stdout).toContain('Welcome to nginx!');
    expect(sim('http://localhost:8080/')).toMatchObject({ exitCode: 7, stderr: "curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server\n" });

    api.updateScale('apps/deployments', 'default', 'web', 0);
    c.advance(40_000);
    expect(sim('http://localhost/', '-H', 'Host: foo.example.com').stdout).toBe(NGINX_503);
    expect(net.traces().at(-1)?.hops.find((h) => h.kind === 'ingress')).toMatchObject({ result: 'no endpoints' });
  });

  it('serves HTTPS with the fake certificate unless a TLS Secret covers the host; curl refuses both without -k', () => {
    const { c, api, sim } = ingressCluster();
    const refused = sim('https://localhost/', '-H', 'Host: foo.example.com');
    expect(refused.exitCode).toBe(60);
    expect(refused.stderr).toMatch(/^curl: \(60\) SSL certificate problem: self-signed certificate\n/);
    const k = sim('-kv', 'https://localhost/', '-H', 'Host: foo.example.com');
    expect(k.stdout).toContain('Welcome to nginx!');
    expect(k.stderr).toContain('CN=Kubernetes Ingress Controller Fake Certificate');

    api.create('secrets', 'default', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'foo-tls' }, type: 'kubernetes.io/tls', data: { 'tls.crt': 'Y3J0', 'tls.key': 'a2V5' } });
    const ing = api.get<Ingress>('networking.k8s.io/ingresses', 'default', 'demo');
    api.update('networking.k8s.io/ingresses', 'default', { ...ing, spec: { ...ing.spec, tls: [{ hosts: ['foo.example.com'], secretName: 'foo-tls' }] } });
    c.advance(1_000);
    // The certificate is chosen by the TLS name (the URL's host), the route by the Host header.
    expect(sim('-k', '-v', 'https://localhost/', '-H', 'Host: foo.example.com').stderr).toContain('Fake Certificate');
    const redirect = sim('-i', 'http://localhost/x', '-H', 'Host: foo.example.com');
    expect(redirect.stdout).toMatch(/^HTTP\/1.1 308 Permanent Redirect\r\nLocation: https:\/\/foo.example.com\/x\r\n/);
  });

  it('is reachable from pods through the controller Service, the Host being the name asked for', () => {
    const { c, net } = ingressCluster();
    const fleet = c.machines as KubeletFleet;
    const r = fleet.exec('default', 'client', undefined, ['wget', '-qO-', 'http://ingress-nginx-controller.ingress-nginx/hello']);
    expect(r.stdout).toMatch(/^Hello, world!/);
    const hops = net.traces().at(-1)?.hops ?? [];
    expect(hops.find((h) => h.kind === 'service')).toMatchObject({ service: 'ingress-nginx/ingress-nginx-controller', via: 'clusterIP' });
    expect(hops.find((h) => h.kind === 'ingress')).toMatchObject({ host: 'ingress-nginx-controller.ingress-nginx', server: '_', location: 'Exact /hello' });
    const miss = fleet.exec('default', 'client', undefined, ['wget', '-qO-', 'http://ingress-nginx-controller.ingress-nginx/']);
    expect(miss.stderr).toContain('server returned error: HTTP/1.1 404 Not Found');
    // busybox wget's --header sets the Host the controller routes on.
    const foo = fleet.exec('default', 'client', undefined, ['wget', '-qO-', '--header', 'Host: foo.example.com', 'http://ingress-nginx-controller.ingress-nginx/']);
    expect(foo.stdout).toContain('Welcome to nginx!');
  });

  it('round-robins over the endpoints, and a restored snapshot carries on where the original would', () => {
    const { c, api, net, sim } = ingressCluster();
    api.updateScale('apps/deployments', 'default', 'hello', 3);
    c.advance(30_000);
    const served = () => /Hostname: (\S+)/.exec(sim('http://localhost/hello', '-H', 'Host: bar.example.com').stdout)?.[1];
    const first = [served(), served(), served()];
    expect(new Set(first).size).toBe(3);
    const restored = Cluster.fromSnapshot(c.snapshot());
    restored.settle();
    const again = curl(networkOf(restored), ['http://localhost/hello', '-H', 'Host: bar.example.com']).stdout;
    expect(again).toContain(`Hostname: ${served()}`);
    expect(net.traces().length).toBeGreaterThan(0);
  });

  it('a second status reconcile writes nothing', () => {
    const { c, api } = ingressCluster();
    const ctl = c.manager.get('ingress-nginx-status');
    const before = api.store.resourceVersion();
    ctl?.reconcile('default/demo');
    c.settle();
    expect(api.store.resourceVersion()).toBe(before);
  });
});
