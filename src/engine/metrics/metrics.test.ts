import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseQuantity } from '../api/quantity';
import { isStatusError } from '../api/status';
import { Cluster } from '../sim/cluster';
import { runSim } from '../sim/commands';
import { metricsScraper } from './install';
import { METRIC_RESOLUTION_MS } from './resources';

interface PodMetrics {
  metadata: { name: string; labels?: Record<string, string> };
  timestamp: string;
  containers: { name: string; usage: { cpu: string; memory: string } }[];
}

const sim = (c: Cluster, line: string) => runSim(c, line.split(' '));
const available = (c: Cluster) =>
  (c.api.find('apiregistration.k8s.io/apiservices', '', 'v1beta1.metrics.k8s.io') as { status?: { conditions?: { type: string; status: string; reason: string; message: string }[] } } | undefined)
    ?.status?.conditions?.find((x) => x.type === 'Available');
const podMetrics = (c: Cluster, ns = 'default') => c.api.list('metrics.k8s.io/pods', ns).items as unknown as PodMetrics[];
const millicores = (q: string) => parseQuantity(q).milliValue();

function webApp(c: Cluster, replicas: number): void {
  c.api.create<Deployment>('apps/deployments', 'default', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '100m' } } }] },
      },
    },
  });
  c.api.create('services', 'default', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web' },
    spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] },
  });
}

describe('metrics-server and the metrics API', () => {
  let cluster: Cluster;
  beforeAll(() => {
    cluster = Cluster.create();
  });

  it('serves nothing without the add-on', () => {
    expect(cluster.registry.get('metrics.k8s.io', 'pods')).toBeUndefined();
    expect(() => cluster.api.list('metrics.k8s.io/pods', 'default')).toThrow();
  });

  it('the APIService is unavailable until metrics-server has a ready endpoint, then the group is served', () => {
    expect(sim(cluster, 'addon enable metrics-server').exitCode).toBe(0);
    expect(available(cluster)).toMatchObject({
      status: 'False',
      reason: 'MissingEndpoints',
      message: 'endpoints for service/metrics-server in "kube-system" have no addresses with port name "https"',
    });
    expect(cluster.registry.get('metrics.k8s.io', 'nodes')).toBeUndefined();
    cluster.advanceUntil(() => available(cluster)?.status === 'True', 120_000);
    expect(available(cluster)).toMatchObject({ status: 'True', reason: 'Passed', message: 'all checks passed' });
    expect(cluster.registry.get('metrics.k8s.io', 'nodes')?.kind).toBe('NodeMetrics');
  });

  it('a second availability check of a settled APIService writes nothing', () => {
    const controller = cluster.manager.get('apiservice-availability');
    const before = cluster.store.resourceVersion();
    controller?.reconcile('v1beta1.metrics.k8s.io');
    cluster.settle();
    expect(cluster.store.resourceVersion()).toBe(before);
  });

  it('reports a pod only after two scrapes, 15 s apart, with the pod labels and the scrape window', () => {
    webApp(cluster, 2);
    cluster.advanceUntil(() => cluster.api.get<Deployment>('apps/deployments', 'default', 'web').status?.readyReplicas === 2, 60_000);
    cluster.advance(METRIC_RESOLUTION_MS * 2);
    const items = podMetrics(cluster);
    expect(items.length).toBe(2);
    expect(items[0].metadata.labels?.app).toBe('web');
    expect(items[0]).toMatchObject({ 'window': '15s' });
    expect(items[0].containers.map((c) => c.name)).toEqual(['nginx']);
    // Timestamps are scrape times: at most one resolution old.
    expect(cluster.now() - Date.parse(items[0].timestamp)).toBeLessThan(METRIC_RESOLUTION_MS);
    const node = cluster.api.get('metrics.k8s.io/nodes', '', 'worker-1') as unknown as { usage: { cpu: string; memory: string } };
    expect(node.usage.memory).toMatch(/^\d+(Ki|Mi|Gi)$/);
    expect(() => cluster.api.get('metrics.k8s.io/pods', 'default', 'nope')).toThrow('pods "nope" not found');
  });

  it('spreads a Service load over its ready endpoints and shows it at the next scrape', () => {
    const before = podMetrics(cluster).map((p) => millicores(p.containers[0].usage.cpu));
    expect(sim(cluster, 'load service/web --rps 200').stdout).toBe('load on default/service/web: 200 requests/s spread over its ready endpoints');
    cluster.advance(METRIC_RESOLUTION_MS);
    const after = podMetrics(cluster).map((p) => millicores(p.containers[0].usage.cpu));
    // nginx costs half a millicore per request per second: 100 requests/s each, +50m.
    expect(after.map((v, i) => v - before[i])).toEqual([50, 50]);
    expect(sim(cluster, 'status').stdout).toContain('Load:\n  default/service/web: 200 requests/s spread over its ready endpoints');
  });

  it('keeps load and scrapes across a snapshot', () => {
    const restored = Cluster.fromSnapshot(structuredClone(cluster.snapshot()));
    expect(sim(restored, 'load').stdout).toBe('default/service/web: 200 requests/s spread over its ready endpoints');
    expect(restored.registry.get('metrics.k8s.io', 'pods')).toBeDefined();
    expect(podMetrics(restored)).toEqual(podMetrics(cluster));
    expect(metricsScraper(restored)?.rounds()).toEqual(metricsScraper(cluster)?.rounds());
  });

  it('per-pod load on a Deployment, refused flags and targets, and --off', () => {
    expect(sim(cluster, 'load deployment/web --cpu 300m --memory 64Mi').exitCode).toBe(0);
    const pods = cluster.api.list<Pod>('pods', 'default', { labelSelector: 'app=web' }).items;
    expect(pods.length).toBe(2);
    expect(sim(cluster, 'load service/web --cpu 1').stderr).toContain('a Service takes requests (--rps)');
    expect(sim(cluster, 'load deployment/nope --cpu 1').stderr).toBe('error: deployments.apps "nope" not found');
    expect(sim(cluster, 'load deployment/web --rps 5').stderr).toContain('--rps applies to a Service');
    expect(sim(cluster, 'load deployment/web --cpu lots').stderr).toContain('invalid --cpu "lots"');
    expect(sim(cluster, 'load service/web --off').stdout).toBe('load on service/web stopped');
    expect(sim(cluster, 'load deployment/web --off').stdout).toBe('load on deployment/web stopped');
    expect(sim(cluster, 'load').stdout).toBe('No load applied.');
  });

  it('loses the group again when metrics-server goes away', () => {
    cluster.api.delete('apps/deployments', 'kube-system', 'metrics-server');
    cluster.advanceUntil(() => available(cluster)?.status === 'False', 120_000);
    expect(available(cluster)?.reason).toBe('MissingEndpoints');
    expect(cluster.registry.get('metrics.k8s.io', 'pods')).toBeUndefined();
    try {
      cluster.api.list('metrics.k8s.io/pods', 'default');
      expect.unreachable();
    } catch (e) {
      expect(isStatusError(e, 'NotFound')).toBe(true);
    }
  });
});
