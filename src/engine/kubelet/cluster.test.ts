import type { Node, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { Stored } from '../api/types';
import { Cluster } from '../sim/cluster';
import type { KubeletFleet } from './fleet';

/**
 * Integration tests on the default cluster. Pods are bound by a stand-in for the scheduler when
 * the control plane has none (a DaemonSet pod to the node its affinity names, others to the
 * worker with the fewest pods), so the kubelets' behaviour is tested on its own.
 */
function bindPending(c: Cluster): void {
  const pods = c.api.list<Pod>('pods').items.filter((p) => !p.spec?.nodeName && !p.metadata.deletionTimestamp);
  for (const p of pods) {
    const fields = p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]?.matchFields;
    let node = fields?.find((f) => f.key === 'metadata.name')?.values?.[0];
    if (!node) {
      const workers = c.api
        .list<Node>('nodes')
        .items.filter(
          (n) =>
            !n.spec?.taints?.some(
              (t) => t.effect === 'NoSchedule' && !(p.spec?.tolerations ?? []).some((tol) => tol.operator === 'Exists' && (!tol.key || tol.key === t.key)),
            ),
        )
        .map((n) => n.metadata.name);
      if (!workers.length) continue;
      const load = (n: string) => c.api.list<Pod>('pods').items.filter((x) => x.spec?.nodeName === n).length;
      node = workers.sort((a, b) => load(a) - load(b) || a.localeCompare(b))[0];
    }
    try {
      c.api.bind(p.metadata.namespace ?? 'default', p.metadata.name, node);
    } catch {
      // already bound by a real scheduler
    }
  }
}

function run(c: Cluster, ms: number, step = 1000): void {
  for (let t = 0; t < ms; t += step) {
    bindPending(c);
    c.advance(Math.min(step, ms - t));
  }
}

function boot(seed = 1): Cluster {
  const c = Cluster.create({ seed });
  run(c, 90_000);
  return c;
}

const pod = (c: Cluster, name: string, ns = 'default') => c.api.find<Pod>('pods', ns, name);
const events = (c: Cluster, name: string) =>
  c.api
    .list('events', 'default')
    .items.filter((e) => (e as unknown as { involvedObject: { name: string } }).involvedObject.name === name)
    .map(
      (e) =>
        e as unknown as {
          reason: string;
          message: string;
          count: number;
          firstTimestamp: string;
          lastTimestamp: string;
        },
    );

describe('the default cluster', () => {
  it('boots: every node Ready once kindnet runs, system pods Running', () => {
    const c = boot();
    for (const n of c.api.list<Node>('nodes').items) {
      expect(n.status?.conditions?.find((x) => x.type === 'Ready')?.status, n.metadata.name).toBe('True');
      expect(n.spec?.taints?.filter((t) => t.key.startsWith('node.kubernetes.io/')) ?? []).toEqual([]);
    }
    const system = c.api.list<Pod>('pods', 'kube-system').items;
    expect(system.length).toBeGreaterThanOrEqual(14);
    for (const p of system) expect(p.status?.phase, p.metadata.name).toBe('Running');
    const etcd = pod(c, 'etcd-control-plane', 'kube-system') as Stored<Pod>;
    expect(etcd.metadata.annotations?.['kubernetes.io/config.source']).toBe('file');
    expect(etcd.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'Node',
      name: 'control-plane',
      controller: true,
    });
    expect(etcd.status?.podIP).toBe('172.18.0.2');
    const coredns = system.filter((p) => p.metadata.name.startsWith('coredns-'));
    for (const p of coredns) {
      expect(p.status?.podIP).toMatch(/^10\.244\.\d\.\d+$/);
      expect(p.status?.conditions?.find((x) => x.type === 'Ready')?.status).toBe('True');
    }
  });

  it('restarts the documented liveness-exec example once the file is gone', () => {
    const c = boot();
    c.api.create('pods', 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'liveness-exec', labels: { test: 'liveness' } },
      spec: {
        containers: [
          {
            name: 'liveness',
            image: 'registry.k8s.io/busybox',
            args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
            livenessProbe: {
              exec: { command: ['cat', '/tmp/healthy'] },
              initialDelaySeconds: 5,
              periodSeconds: 5,
            },
          },
        ],
      },
    });
    run(c, 5000);
    const started = Date.parse(pod(c, 'liveness-exec')?.status?.containerStatuses?.[0]?.state?.running?.startedAt ?? '');
    expect(Number.isNaN(started)).toBe(false);
    // Healthy for the first 30 s.
    while (c.now() < started + 34_000) run(c, 1000);
    expect(events(c, 'liveness-exec').filter((e) => e.reason === 'Unhealthy')).toEqual([]);
    expect(pod(c, 'liveness-exec')?.status?.containerStatuses?.[0]?.restartCount).toBe(0);
    let restartedAt: number | undefined;
    while (c.now() < started + 35_000 + 90_000 && restartedAt === undefined) {
      run(c, 1000);
      if ((pod(c, 'liveness-exec')?.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1) restartedAt = c.now();
    }
    expect(restartedAt).toBeDefined();
    const ev = events(c, 'liveness-exec');
    expect(ev.find((e) => e.reason === 'Unhealthy')?.message).toBe("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
    expect(ev.find((e) => e.reason === 'Killing')?.message).toBe('Container liveness failed liveness probe, will be restarted');
    const cs = pod(c, 'liveness-exec')?.status?.containerStatuses?.[0];
    expect(cs?.lastState?.terminated).toMatchObject({
      exitCode: 137,
      reason: 'Error',
    });
    expect(cs?.state?.running).toBeDefined();
  });

  it('keeps a pod whose readiness fails NotReady without restarting it', () => {
    const c = boot();
    c.api.create('pods', 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'ready' },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27',
            readinessProbe: {
              httpGet: { path: '/', port: 80 },
              periodSeconds: 5,
            },
          },
        ],
      },
    });
    run(c, 30_000);
    expect(pod(c, 'ready')?.status?.conditions?.find((x) => x.type === 'Ready')?.status).toBe('True');
    (c.machines as KubeletFleet).failProbe('default', 'ready', 'readiness');
    run(c, 30_000);
    const p = pod(c, 'ready');
    expect(p?.status?.conditions?.find((x) => x.type === 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [web]',
    });
    expect(p?.status?.containerStatuses?.[0]).toMatchObject({
      ready: false,
      restartCount: 0,
      started: true,
    });
    expect(events(c, 'ready').some((e) => e.reason === 'Unhealthy' && e.message === 'Readiness probe failed: HTTP probe failed with statuscode: 500')).toBe(
      true,
    );
    // The probes' requests show in nginx's access log.
    expect((c.machines as KubeletFleet).logs('default', 'ready', 'web')).toMatch(/"GET \/ HTTP\/1\.1" 200 615 "-" "kube-probe\/1\.32" "-"/);
  });

  it('terminates gracefully: nginx stops at once, a sleeping shell takes the grace period', () => {
    const c = boot();
    c.api.create('pods', 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'quick' },
      spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
    });
    c.api.create('pods', 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'slow' },
      spec: {
        containers: [{ name: 'sh', image: 'busybox', command: ['sh', '-c', 'sleep 3600'] }],
      },
    });
    run(c, 20_000);
    c.api.delete('pods', 'default', 'quick');
    c.api.delete('pods', 'default', 'slow');
    run(c, 3000);
    expect(pod(c, 'quick')).toBeUndefined();
    expect(pod(c, 'slow')?.metadata?.deletionTimestamp).toBeDefined();
    expect(events(c, 'slow').find((e) => e.reason === 'Killing')?.message).toBe('Stopping container sh');
    run(c, 25_000);
    expect(pod(c, 'slow')).toBeDefined();
    run(c, 5_000);
    expect(pod(c, 'slow')).toBeUndefined();
  });

  it('runs a Job-style pod to completion', () => {
    const c = boot();
    c.api.create('pods', 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'pi' },
      spec: {
        restartPolicy: 'Never',
        containers: [
          {
            name: 'pi',
            image: 'perl:5.34.0',
            command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(50)'],
          },
        ],
      },
    });
    run(c, 40_000);
    const p = pod(c, 'pi');
    expect(p?.status?.phase).toBe('Succeeded');
    expect(p?.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({
      exitCode: 0,
      reason: 'Completed',
    });
    expect(p?.status?.conditions?.find((x) => x.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect((c.machines as KubeletFleet).logs('default', 'pi', 'pi')).toBe('3.1415926535897932384626433832795028841971693993751\n');
  });

  it('gives the same history after a snapshot as without one', () => {
    const steps: ((c: Cluster) => void)[] = [
      (c) =>
        c.api.create('pods', 'default', {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'a' },
          spec: {
            containers: [
              {
                name: 'c',
                image: 'busybox',
                command: ['sh', '-c', 'i=0; while true; do echo tick $i; i=$((i+1)); sleep 7; done'],
              },
            ],
          },
        }),
      (c) =>
        c.api.create('pods', 'default', {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'b' },
          spec: { containers: [{ name: 'c', image: 'nginx:1.99' }] },
        }),
      (c) => (c.machines as KubeletFleet).setDown('worker-2', true),
      () => undefined,
      (c) => (c.machines as KubeletFleet).setDown('worker-2', false),
      () => undefined,
    ];
    const play = (c: Cluster, from: number, to: number) => {
      for (let i = from; i < to; i++) {
        steps[i](c);
        run(c, 45_000);
      }
    };
    const a = boot(7);
    play(a, 0, steps.length);
    const b = boot(7);
    play(b, 0, 3);
    const restored = Cluster.fromSnapshot(JSON.parse(JSON.stringify(b.snapshot())));
    play(restored, 3, steps.length);
    expect(JSON.stringify(restored.store.snapshot())).toBe(JSON.stringify(a.store.snapshot()));
    expect((restored.machines as KubeletFleet).logs('default', 'a', 'c')).toBe((a.machines as KubeletFleet).logs('default', 'a', 'c'));
  });
});
