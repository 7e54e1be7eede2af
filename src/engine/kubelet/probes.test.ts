import type { Container, Event, Probe } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { kubeletHarness } from './testing';

function withProbe(kind: 'livenessProbe' | 'readinessProbe', probe: Probe, container: Partial<Container> = {}) {
  const h = kubeletHarness();
  h.machine('worker-1');
  h.advance(3000);
  h.run({ metadata: { name: 'app' }, spec: { containers: [{ name: 'app', image: 'nginx', ...container, [kind]: probe }] } }, 'worker-1');
  const unhealthy = () => h.events('app').filter((e) => e.startsWith('Unhealthy'));
  return { ...h, unhealthy };
}

describe('probe timeouts', () => {
  it('fails an exec probe whose command runs longer than timeoutSeconds, with the runtime timeout text', () => {
    const h = withProbe('livenessProbe', { exec: { command: ['sh', '-c', 'sleep 5'] }, timeoutSeconds: 2, periodSeconds: 10, failureThreshold: 3 });
    h.advance(32_000);
    expect(h.unhealthy()[0]).toBe('Unhealthy: Liveness probe failed: command "sh -c sleep 5" timed out');
    expect(h.events('app')).toContain('Killing: Container app failed liveness probe, will be restarted');
  });

  it('reports a timed-out probe after timeoutSeconds; ticks that come meanwhile are dropped but one probes again at once', () => {
    const h = withProbe('livenessProbe', { exec: { command: ['sh', '-c', 'sleep 60'] }, timeoutSeconds: 25, periodSeconds: 10, failureThreshold: 3 });
    const killed = () => h.events('app').some((e) => e.startsWith('Killing'));
    let waited = 0;
    while (!h.unhealthy().length && waited < 60_000) {
      h.advance(100);
      waited += 100;
    }
    const first = h.clock.now();
    // Each probe takes 25 s and the buffered tick starts the next at once: failures 2 and 3 come 25 s apart.
    h.advance(49_000);
    expect(killed()).toBe(false);
    h.advance(1100);
    expect(killed()).toBe(true);
    expect(h.clock.now() - first).toBeLessThanOrEqual(50_100);
  });

  it('passes the same exec probe when timeoutSeconds covers it', () => {
    const h = withProbe('livenessProbe', { exec: { command: ['sh', '-c', 'sleep 5'] }, timeoutSeconds: 6, periodSeconds: 10 });
    h.advance(60_000);
    expect(h.unhealthy()).toEqual([]);
    expect(h.container('app')?.restartCount).toBe(0);
  });

  it('reports an exec probe the runtime cannot start as errored', () => {
    const h = kubeletHarness();
    h.machine('worker-1');
    h.advance(3000);
    h.run(
      {
        metadata: { name: 'app' },
        spec: { containers: [{ name: 'app', image: 'registry.k8s.io/pause:3.10', readinessProbe: { exec: { command: ['cat', '/tmp/ready'] }, periodSeconds: 5 } }] },
      },
      'worker-1',
    );
    h.advance(12_000);
    const e = h.events('app').find((x) => x.startsWith('Unhealthy'));
    expect(e).toMatch(
      /^Unhealthy: Readiness probe errored: rpc error: code = Unknown desc = failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "cat": executable file not found in \$PATH: unknown$/,
    );
  });

  it('times out an HTTP probe against a hung process, and recovers when it answers again', () => {
    const h = withProbe('livenessProbe', { httpGet: { path: '/', port: 80 }, timeoutSeconds: 1, periodSeconds: 5, failureThreshold: 4 });
    h.advance(10_000);
    const ip = h.pod('app')?.status?.podIP;
    h.fleet.hang('default', 'app', undefined, 12_000);
    h.advance(6000);
    expect(h.unhealthy()[0]).toBe(`Unhealthy: Liveness probe failed: Get "http://${ip}:80/": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`);
    h.advance(30_000);
    // Two or three failures in 12 s (one event, counted), then it answered: below failureThreshold, no restart.
    const count = h.api.list<Event>('events', 'default').items.find((e) => e.reason === 'Unhealthy')?.count ?? 0;
    expect(count).toBeGreaterThanOrEqual(2);
    expect(count).toBeLessThan(4);
    expect(h.container('app')?.restartCount).toBe(0);
  });

  it('times out a TCP probe to an address nobody answers; a hung process still passes a TCP probe', () => {
    const h = withProbe('readinessProbe', { tcpSocket: { host: '10.0.0.99', port: 80 }, timeoutSeconds: 1, periodSeconds: 5 });
    h.advance(8000);
    expect(h.unhealthy()[0]).toBe('Unhealthy: Readiness probe failed: dial tcp 10.0.0.99:80: i/o timeout');
    expect(h.container('app')?.ready).toBe(false);

    const g = withProbe('readinessProbe', { tcpSocket: { port: 80 }, timeoutSeconds: 1, periodSeconds: 5 });
    g.advance(8000);
    g.fleet.hang('default', 'app');
    g.advance(30_000);
    expect(g.unhealthy()).toEqual([]);
    expect(g.container('app')?.ready).toBe(true);
  });
});

describe('probe timing fields', () => {
  it('skips ticks inside initialDelaySeconds and restarts after failureThreshold periods', () => {
    const h = withProbe('livenessProbe', { httpGet: { path: '/missing', port: 80 }, initialDelaySeconds: 30, periodSeconds: 10, failureThreshold: 2 });
    h.advance(29_000);
    expect(h.unhealthy()).toEqual([]);
    h.advance(12_000);
    expect(h.unhealthy()).toHaveLength(1);
    expect(h.container('app')?.restartCount).toBe(0);
    h.advance(10_000);
    expect(h.events('app')).toContain('Killing: Container app failed liveness probe, will be restarted');
  });

  it('needs successThreshold successes in a row before a readiness probe marks the container ready', () => {
    const h = withProbe('readinessProbe', { httpGet: { path: '/', port: 80 }, periodSeconds: 10, successThreshold: 3 });
    h.advance(21_000);
    expect(h.container('app')?.ready).toBe(false);
    h.advance(20_000);
    expect(h.container('app')?.ready).toBe(true);
  });

  it('kills with the probe-level terminationGracePeriodSeconds', () => {
    const h = withProbe(
      'livenessProbe',
      { exec: { command: ['false'] }, periodSeconds: 5, failureThreshold: 1, terminationGracePeriodSeconds: 3 },
      { image: 'busybox', command: ['sh', '-c', "trap '' TERM; while true; do sleep 1; done"] },
    );
    const killed = () => h.events('app').includes('Killing: Container app failed liveness probe, will be restarted');
    while (!killed()) h.advance(100);
    const rt = () => h.fleet.podRuntime('default', 'app')?.containers.app;
    h.advance(2800);
    expect(rt()?.state).toBe('running');
    h.advance(300);
    expect(rt()?.state === 'running' ? rt()?.restartCount : rt()?.terminated?.exitCode).not.toBe(0);
    expect((rt()?.lastTerminated ?? rt()?.terminated)?.exitCode).toBe(137);
  });
});
