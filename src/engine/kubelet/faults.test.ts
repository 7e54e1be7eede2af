import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { isStatusError } from '../api/status';
import { Cluster } from '../sim/cluster';
import { runSim } from '../sim/commands';
import { kubeletHarness } from './testing';

function ready() {
  const h = kubeletHarness();
  h.machine('worker-1');
  h.advance(3000);
  return h;
}

const web: Pod = { metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } };

describe('faults the sim commands inject', () => {
  it('OOM-kills a running container: exit 137, reason OOMKilled, then the restart policy applies', () => {
    const h = ready();
    h.run(web, 'worker-1');
    h.advance(10_000);
    h.fleet.oomKill('default', 'web');
    h.settle();
    const s = h.container('web');
    expect(s?.lastState?.terminated ?? s?.state?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    h.advance(15_000);
    expect(h.container('web')?.restartCount).toBe(1);
  });

  it('fails pulls from a registry that is down with containerd’s 503 text, then backs off; images already present still start', () => {
    const h = ready();
    h.fleet.setRegistryDown('docker.io', true);
    h.run({ metadata: { name: 'redis' }, spec: { containers: [{ name: 'redis', image: 'redis:7.4' }] } }, 'worker-1');
    h.run({ metadata: { name: 'pause' }, spec: { containers: [{ name: 'p', image: 'registry.k8s.io/pause:3.10' }] } }, 'worker-1');
    h.advance(5000);
    const failed = h.events('redis').find((e) => e.startsWith('Failed: Failed to pull'));
    expect(failed).toBe(
      'Failed: Failed to pull image "redis:7.4": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/redis:7.4": failed to resolve reference "docker.io/library/redis:7.4": unexpected status from HEAD request to https://registry-1.docker.io/v2/library/redis/manifests/7.4: 503 Service Unavailable',
    );
    let sawBackOff = false;
    for (let i = 0; i < 20; i++) {
      h.advance(1000);
      sawBackOff ||= h.container('redis')?.state?.waiting?.reason === 'ImagePullBackOff';
    }
    expect(sawBackOff).toBe(true);
    expect(h.events('redis')).toContain('BackOff: Back-off pulling image "redis:7.4"');
    expect(h.pod('pause')?.status?.phase).toBe('Running');
    h.fleet.setRegistryDown(undefined, false);
    h.advance(60_000);
    expect(h.pod('redis')?.status?.phase).toBe('Running');
  });

  it('delays a slow-starting image: its port opens only after the extra time', () => {
    const h = ready();
    h.fleet.setSlowStart({ image: 'nginx:1.27' }, 60_000);
    h.run(
      { metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 } }] } },
      'worker-1',
    );
    h.advance(40_000);
    expect(h.pod('web')?.status?.phase).toBe('Running');
    expect(h.container('web')?.ready).toBe(false);
    expect(h.events('web').some((e) => e.includes('connect: connection refused'))).toBe(true);
    h.advance(40_000);
    expect(h.container('web')?.ready).toBe(true);
  });

  it('a stopped kubelet renews no lease and restarts nothing, while its containers run on', () => {
    const h = ready();
    h.run(web, 'worker-1');
    h.advance(10_000);
    h.fleet.setKubeletRunning('worker-1', false);
    const renew = () => h.api.get<Lease>('coordination.k8s.io/leases', 'kube-node-lease', 'worker-1').spec?.renewTime;
    const before = renew();
    h.advance(30_000);
    expect(renew()).toBe(before);
    expect(h.fleet.podRuntime('default', 'web')?.containers.web.state).toBe('running');
    // The container crashes: nobody restarts it until the kubelet is back.
    h.fleet.crash('default', 'web');
    h.advance(30_000);
    expect(h.fleet.podRuntime('default', 'web')?.containers.web.state).toBe('terminated');
    try {
      h.fleet.logs('default', 'web');
      expect.unreachable();
    } catch (e) {
      expect(isStatusError(e) && e.status.message).toMatch(/dial tcp 172\.18\.0\.\d+:10250: connect: connection refused$/);
    }
    h.fleet.setKubeletRunning('worker-1', true);
    h.advance(20_000);
    expect(renew()).not.toBe(before);
    expect(h.container('web')?.restartCount).toBe(1);
  });

  it('keeps the fault state in a snapshot', () => {
    const h = ready();
    h.fleet.setRegistryDown(undefined, true);
    h.fleet.setSlowStart({ image: 'nginx' }, 5000);
    h.fleet.setKubeletRunning('worker-1', false);
    const saved = JSON.parse(JSON.stringify(h.fleet.snapshotState()));
    const g = ready();
    g.fleet.restoreState(saved);
    expect(g.fleet.registriesDown()).toEqual(['*']);
    expect(g.fleet.isKubeletRunning('worker-1')).toBe(false);
    expect(g.fleet.state.slowStarts).toEqual({ 'image:docker.io/library/nginx:latest': 5000 });
  });

  it('a cluster with faults on runs on the same after Cluster.snapshot() and fromSnapshot()', () => {
    const build = () => {
      const c = Cluster.create({ seed: 3 });
      for (const [name, node, image] of [
        ['a', 'worker-1', 'nginx:1.27'],
        ['b', 'worker-2', 'polinux/stress'],
        ['c', 'worker-3', 'redis:7.4'],
      ])
        c.api.create('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName: node, containers: [{ name: 'c', image }] } });
      c.advance(20_000);
      for (const cmd of ['partition worker-1', 'node-pressure worker-2 memory', 'registry-down', 'kubelet-stop worker-3', 'slow-start nginx:1.27 --by 30s'])
        expect(runSim(c, cmd.split(' ')).exitCode).toBe(0);
      c.advance(30_000);
      return c;
    };
    const history = (c: Cluster) => JSON.stringify([c.api.list('pods').items, c.api.list('nodes').items, c.api.list('events').items]);
    const straight = build();
    const resumed = Cluster.fromSnapshot(JSON.parse(JSON.stringify(build().snapshot())));
    expect(runSim(resumed, ['status']).stdout).toMatch(/worker-1 \(partitioned\), worker-2, worker-3 \(kubelet stopped\)/);
    expect(runSim(resumed, ['status']).stdout).toContain('Registries down: all');
    for (const c of [straight, resumed]) {
      runSim(c, ['kubelet-start', 'worker-3']);
      c.advance(6 * 60_000);
    }
    expect(history(resumed)).toBe(history(straight));
  });
});
