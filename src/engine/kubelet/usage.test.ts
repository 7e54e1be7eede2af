import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { lookupImage } from './images';
import { kubeletHarness } from './testing';
import { bindLoad, type ContainerLoad, containerUsage, enforceLoadMemoryLimits, nodeUsage, podUsage } from './usage';

const MiB = 1024 * 1024;

function ready() {
  const h = kubeletHarness();
  h.machine('worker-1');
  h.advance(3000);
  return h;
}

const nginx = lookupImage('nginx')?.spec.usage;

describe('container usage model', () => {
  it('an idle container uses its image baseline; a missing or stopped container uses nothing', () => {
    const h = ready();
    const pod = h.run({ metadata: { name: 'web' }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } }, 'worker-1');
    h.advance(5000);
    const now = h.clock.now();
    expect(containerUsage(h.fleet, pod, 'nginx', now)).toEqual({ cpuMilli: nginx?.cpuMilli, memoryBytes: nginx?.memoryBytes });
    expect(containerUsage(h.fleet, pod, 'nope', now)).toBeUndefined();
    const other: Pod = { ...pod, metadata: { ...pod.metadata, name: 'ghost' } };
    expect(podUsage(h.fleet, other, now)).toBeUndefined();
  });

  it('adds load: CPU per request per second from the catalogue, extra CPU and memory, throttled at the CPU limit', () => {
    const h = ready();
    const pod = h.run(
      {
        metadata: { name: 'web' },
        spec: { containers: [{ name: 'nginx', image: 'nginx', resources: { limits: { cpu: '150m' } } }] },
      },
      'worker-1',
    );
    h.advance(5000);
    let load: ContainerLoad = { rps: 100, cpuMilli: 0, memoryBytes: 10 * MiB };
    bindLoad(h.fleet, { loadFor: () => load });
    const u = containerUsage(h.fleet, pod, 'nginx', h.clock.now());
    expect(u?.cpuMilli).toBe(Math.round((nginx?.cpuMilli ?? 0) + 100 * (nginx?.cpuPerRps ?? 0)));
    expect(u?.memoryBytes).toBe(Math.round((nginx?.memoryBytes ?? 0) + 100 * (nginx?.memoryPerRps ?? 0) + 10 * MiB));
    load = { rps: 0, cpuMilli: 900, memoryBytes: 0 };
    // The CFS quota caps what a container gets at its limit.
    expect(containerUsage(h.fleet, pod, 'nginx', h.clock.now())?.cpuMilli).toBe(150);
  });

  it('counts what a program allocated, and stress --cpu N keeps N cores busy', () => {
    const h = ready();
    const pod = h.run(
      {
        metadata: { name: 'hog' },
        spec: {
          containers: [{ name: 'stress', image: 'polinux/stress', command: ['stress'], args: ['--cpu', '1', '--vm', '1', '--vm-bytes', '150M'] }],
        },
      },
      'worker-1',
    );
    h.advance(5000);
    const u = containerUsage(h.fleet, pod, 'stress', h.clock.now());
    expect(u?.cpuMilli).toBeGreaterThanOrEqual(1000);
    // 150M of --vm-bytes are 150 MiB to stress, plus what the process holds itself.
    expect(u?.memoryBytes).toBeGreaterThan(150 * MiB);
  });

  it('keeps OOM-killed containers consistent: a stress pod over its limit is killed, never reported above the limit', () => {
    const h = ready();
    const pod = h.run(
      {
        metadata: { name: 'oom' },
        spec: {
          containers: [
            {
              name: 'c',
              image: 'polinux/stress',
              resources: { limits: { memory: '100Mi' } },
              command: ['stress'],
              args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'],
            },
          ],
        },
      },
      'worker-1',
    );
    for (let i = 0; i < 20; i++) {
      h.advance(500);
      const u = containerUsage(h.fleet, pod, 'c', h.clock.now());
      if (u) expect(u.memoryBytes).toBeLessThanOrEqual(100 * MiB);
    }
  });

  it('a node uses its system daemons plus its pods; a down node reports nothing', () => {
    const h = ready();
    const now = () => h.clock.now();
    const idle = nodeUsage(h.fleet, 'worker-1', now());
    expect(idle?.cpuMilli).toBeGreaterThan(0);
    const pod = h.run({ metadata: { name: 'db' }, spec: { containers: [{ name: 'redis', image: 'redis' }] } }, 'worker-1');
    h.advance(5000);
    const withPod = nodeUsage(h.fleet, 'worker-1', now());
    const p = podUsage(h.fleet, pod, now());
    expect(withPod?.memoryBytes).toBe((idle?.memoryBytes ?? 0) + (p?.memoryBytes ?? 0));
    h.fleet.setDown('worker-1', true);
    expect(nodeUsage(h.fleet, 'worker-1', now())).toBeUndefined();
    expect(nodeUsage(h.fleet, 'nowhere', now())).toBeUndefined();
  });

  it('memory load past a container limit is an OOM kill; idle containers over their baseline are left alone', () => {
    const h = ready();
    const limited = { limits: { memory: '64Mi' } };
    h.run({ metadata: { name: 'web' }, spec: { containers: [{ name: 'nginx', image: 'nginx', resources: limited }] } }, 'worker-1');
    // mysql's idle working set is above 64Mi: without load nothing is killed by this check.
    h.run({ metadata: { name: 'db' }, spec: { containers: [{ name: 'mysql', image: 'mysql', resources: limited, env: [{ name: 'MYSQL_ROOT_PASSWORD', value: 'x' }] }] } }, 'worker-1');
    h.advance(5000);
    let load: ContainerLoad | undefined;
    bindLoad(h.fleet, { loadFor: (pod) => (pod.metadata?.name === 'web' ? load : undefined) });
    load = { rps: 0, cpuMilli: 0, memoryBytes: 32 * MiB };
    expect(enforceLoadMemoryLimits(h.fleet, h.clock.now())).toEqual([]);
    load = { rps: 0, cpuMilli: 0, memoryBytes: 100 * MiB };
    expect(enforceLoadMemoryLimits(h.fleet, h.clock.now())).toEqual(['default/web/nginx']);
    h.settle();
    const cs = h.container('web');
    expect(cs?.state?.terminated ?? cs?.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
  });
});
