import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { Job } from 'kubernetes-types/batch/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { describe, expect, test } from 'vitest';
import type { Stored } from '../api/types';
import { Cluster } from '../sim/cluster';

/** The workload controllers on a whole simulated cluster (scheduler, kubelets and all). */
describe('workload controllers on the default cluster', () => {
  const deploy = (c: Cluster, name: string) => c.api.get<Deployment>('apps/deployments', 'default', name);

  test('the system workloads come up: coredns 2/2, kube-proxy and kindnet on all 4 nodes', () => {
    const c = Cluster.create({ seed: 1 });
    expect(c.api.get<Deployment>('apps/deployments', 'kube-system', 'coredns').status?.readyReplicas).toBe(2);
    for (const ds of ['kube-proxy', 'kindnet']) {
      expect(c.api.get<DaemonSet>('apps/daemonsets', 'kube-system', ds).status).toMatchObject({ desiredNumberScheduled: 4, numberReady: 4 });
    }
    const proxy = c.api.list<Pod>('pods', 'kube-system').items.filter((p) => p.metadata.name.startsWith('kube-proxy-'));
    expect(proxy.map((p) => p.spec?.nodeName).sort()).toEqual(['control-plane', 'worker-1', 'worker-2', 'worker-3']);
    expect(c.manager.failures).toEqual([]);
  });

  test('rolling update, a stuck rollout that keeps availability, and undo to the previous template', () => {
    const c = Cluster.create({ seed: 3 });
    c.api.create<Deployment>('apps/deployments', 'default', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'nginx-deployment', labels: { app: 'nginx' } },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'nginx' } },
        template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] } },
      },
    });
    const complete = () => {
      const d = deploy(c, 'nginx-deployment');
      return !!d.status?.conditions?.some((x) => x.type === 'Progressing' && x.reason === 'NewReplicaSetAvailable') && d.status?.updatedReplicas === 3 && d.status.availableReplicas === 3 && (d.status.replicas ?? 0) === 3;
    };
    expect(c.advanceUntil(complete, 120_000)).toBeDefined();
    const setImage = (image: string) => {
      const d = deploy(c, 'nginx-deployment');
      const spec = structuredClone(d.spec) as NonNullable<Deployment['spec']>;
      (spec.template.spec as { containers: { image: string }[] }).containers[0].image = image;
      c.api.update('apps/deployments', 'default', { ...d, spec });
    };
    setImage('nginx:1.16.1');
    let minAvailable = 3;
    expect(
      c.advanceUntil(() => {
        minAvailable = Math.min(minAvailable, deploy(c, 'nginx-deployment').status?.availableReplicas ?? 0);
        return !!complete() && deploy(c, 'nginx-deployment').status?.observedGeneration === deploy(c, 'nginx-deployment').metadata.generation;
      }, 180_000),
    ).toBeDefined();
    expect(minAvailable).toBeGreaterThanOrEqual(3);
    const sizes = c.api.list<ReplicaSet>('apps/replicasets', 'default').items.map((r) => r.spec?.replicas).sort();
    expect(sizes).toEqual([0, 3]);

    setImage('nginx:1.161'); // no such tag: the new pods never start
    c.advance(120_000);
    expect(deploy(c, 'nginx-deployment').status?.availableReplicas).toBe(3);
    const revisions = c.api
      .list<ReplicaSet>('apps/replicasets', 'default')
      .items.map((r) => [r.metadata.annotations?.['deployment.kubernetes.io/revision'], r.spec?.template?.spec?.containers[0].image])
      .sort();
    expect(revisions).toEqual([
      ['1', 'nginx:1.14.2'],
      ['2', 'nginx:1.16.1'],
      ['3', 'nginx:1.161'],
    ]);

    // kubectl rollout undo: the template of revision 2, without its pod-template-hash
    const previous = c.api.list<ReplicaSet>('apps/replicasets', 'default').items.find((r) => r.metadata.annotations?.['deployment.kubernetes.io/revision'] === '2') as Stored<ReplicaSet>;
    const template = structuredClone(previous.spec?.template);
    delete template?.metadata?.labels?.['pod-template-hash'];
    const d = deploy(c, 'nginx-deployment');
    c.api.update('apps/deployments', 'default', { ...d, spec: { ...d.spec, template } } as Deployment);
    expect(c.advanceUntil(() => !!complete() && c.api.list<Pod>('pods', 'default').items.every((p) => p.spec?.containers[0].image === 'nginx:1.16.1'), 120_000)).toBeDefined();
    const back = c.api.get<ReplicaSet>('apps/replicasets', 'default', previous.metadata.name);
    expect(back.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('4');
    expect(deploy(c, 'nginx-deployment').metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('4');
    expect(c.manager.failures).toEqual([]);
  });

  test('a StatefulSet starts web-0, web-1, web-2 in order; a DaemonSet follows a new node; a Job completes', () => {
    const c = Cluster.create({ seed: 5 });
    c.api.create('services', 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'nginx' }, spec: { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ port: 80, name: 'web' }] } });
    c.api.create<StatefulSet>('apps/statefulsets', 'default', {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'web' },
      spec: {
        serviceName: 'nginx',
        replicas: 3,
        selector: { matchLabels: { app: 'nginx' } },
        template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.21' }] } },
      },
    });
    c.advance(1000);
    expect(c.api.list<Pod>('pods', 'default').items.map((p) => p.metadata.name)).toEqual(['web-0']);
    expect(c.advanceUntil(() => c.api.get<StatefulSet>('apps/statefulsets', 'default', 'web').status?.readyReplicas === 3, 120_000)).toBeDefined();
    const created = c.api
      .list<Pod>('pods', 'default')
      .items.sort((a, b) => a.metadata.creationTimestamp.localeCompare(b.metadata.creationTimestamp))
      .map((p) => p.metadata.name);
    expect(created).toEqual(['web-0', 'web-1', 'web-2']);

    c.api.create<DaemonSet>('apps/daemonsets', 'default', {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent' },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'busybox', command: ['sleep', '3600'] }] } },
      },
    });
    const ready = () => c.api.get<DaemonSet>('apps/daemonsets', 'default', 'agent').status?.numberReady;
    expect(c.advanceUntil(() => ready() === 3, 60_000)).toBeDefined();
    c.machines.add({ name: 'worker-4', cpu: '2', memory: '4Gi', zone: 'zone-a' });
    expect(c.advanceUntil(() => ready() === 4, 120_000)).toBeDefined();

    c.api.create<Job>('batch/jobs', 'default', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'work' },
      spec: { completions: 5, parallelism: 2, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'w', image: 'busybox', command: ['sh', '-c', 'sleep 30'] }] } } },
    });
    const job = () => c.api.get<Job>('batch/jobs', 'default', 'work');
    expect(c.advanceUntil(() => job().status?.succeeded === 5, 180_000)).toBeDefined();
    expect(c.advanceUntil(() => !!job().status?.conditions?.some((x) => x.type === 'Complete' && x.status === 'True'), 10_000)).toBeDefined();
    expect(c.manager.failures).toEqual([]);
  });

  test('a PodDisruptionBudget reflects the pods and the eviction API honours it', () => {
    const c = Cluster.create({ seed: 7 });
    c.api.create<Deployment>('apps/deployments', 'default', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
    });
    expect(c.advanceUntil(() => deploy(c, 'web').status?.availableReplicas === 3, 60_000)).toBeDefined();
    c.api.create<PodDisruptionBudget>('policy/poddisruptionbudgets', 'default', {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'web-pdb' },
      spec: { minAvailable: 3, selector: { matchLabels: { app: 'web' } } },
    });
    c.advance(10_000);
    const pdb = () => c.api.get<PodDisruptionBudget>('policy/poddisruptionbudgets', 'default', 'web-pdb');
    expect(pdb().status).toMatchObject({ currentHealthy: 3, desiredHealthy: 3, expectedPods: 3, disruptionsAllowed: 0 });
    const victim = c.api.list<Pod>('pods', 'default').items[0];
    expect(() => c.api.evict('default', victim.metadata.name)).toThrow("Cannot evict pod as it would violate the pod's disruption budget.");
  });

  test('a snapshot taken mid-rollout restores into a cluster that finishes it, the same way twice', () => {
    const run = () => {
      const c = Cluster.create({ seed: 11 });
      c.api.create<Deployment>('apps/deployments', 'default', {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web' },
        spec: { replicas: 4, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
      });
      c.advance(1500);
      const restored = Cluster.fromSnapshot(structuredClone(c.snapshot()));
      expect(restored.advanceUntil(() => deploy(restored, 'web').status?.availableReplicas === 4, 60_000)).toBeDefined();
      expect(restored.manager.failures).toEqual([]);
      return restored.api.list<Pod>('pods', 'default').items.map((p) => p.metadata.name);
    };
    const first = run();
    expect(first).toHaveLength(4);
    expect(run()).toEqual(first);
  });
});
