import { describe, expect, it } from 'vitest';
import { kubeletHarness } from './testing';

function ready() {
  const h = kubeletHarness();
  h.machine('worker-1');
  h.advance(3000);
  return h;
}

/** When each of the pod's containers finished (ms after `from`), by name. */
function finishedAt(h: ReturnType<typeof ready>, name: string, from: number): Record<string, number> {
  const p = h.pod(name);
  const out: Record<string, number> = {};
  for (const s of [...(p?.status?.initContainerStatuses ?? []), ...(p?.status?.containerStatuses ?? [])]) {
    const t = s.state?.terminated?.finishedAt;
    if (t) out[s.name] = Date.parse(t) - from;
  }
  return out;
}

describe('sidecar termination order', () => {
  it('stops the app first, then the sidecars last-defined first, within the grace period', () => {
    const h = ready();
    h.run(
      {
        metadata: { name: 'web' },
        spec: {
          terminationGracePeriodSeconds: 20,
          initContainers: [
            { name: 'first', image: 'busybox', restartPolicy: 'Always', command: ['sleep', '3600'] },
            { name: 'second', image: 'busybox', restartPolicy: 'Always', command: ['sleep', '3600'] },
          ] as never,
          containers: [{ name: 'app', image: 'nginx' }],
        },
      },
      'worker-1',
    );
    h.advance(15_000);
    expect(h.pod('web')?.status?.phase).toBe('Running');
    const from = h.clock.now();
    h.api.delete('pods', 'default', 'web');
    h.settle();
    // Every container gets its Killing event at once.
    expect(h.events('web').filter((e) => e.startsWith('Killing'))).toEqual([
      'Killing: Stopping container first',
      'Killing: Stopping container second',
      'Killing: Stopping container app',
    ]);
    h.advance(1000);
    // nginx quits on SIGQUIT at once; the sidecars have not been signalled yet.
    const p = h.pod('web');
    expect(p?.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 0 });
    expect(p?.status?.initContainerStatuses?.map((s) => Object.keys(s.state ?? {})[0])).toEqual(['running', 'running']);
    const times: Record<string, number> = {};
    let gone = 0;
    for (let t = 0; t < 60 && !gone; t++) {
      Object.assign(times, finishedAt(h, 'web', from));
      h.advance(500);
      if (!h.pod('web')) gone = h.clock.now() - from;
    }
    // busybox sleep as PID 1 ignores SIGTERM: `second` is SIGKILLed when the remaining grace runs
    // out (exit 137), then `first` gets the 2 s minimum; the pod object goes once both have stopped.
    expect(times.app).toBeLessThan(1000);
    expect(times.second).toBeGreaterThanOrEqual(19_000);
    expect(times.second).toBeLessThanOrEqual(20_000);
    expect(times.first).toBeUndefined();
    expect(gone).toBeGreaterThanOrEqual(times.second + 2000);
    expect(gone).toBeLessThanOrEqual(times.second + 2500);
  });

  it('stops the sidecar of a finished Job pod; the phase stays Running until it has exited, then Succeeded', () => {
    const h = ready();
    h.run(
      {
        metadata: { name: 'job' },
        spec: {
          restartPolicy: 'Never',
          terminationGracePeriodSeconds: 5,
          initContainers: [
            { name: 'proxy', image: 'nginx', restartPolicy: 'Always' },
            { name: 'shipper', image: 'busybox', restartPolicy: 'Always', command: ['sleep', '3600'] },
          ] as never,
          containers: [{ name: 'work', image: 'busybox', command: ['sh', '-c', 'sleep 10; echo ok'] }],
        },
      },
      'worker-1',
    );
    h.advance(10_000);
    expect(h.pod('job')?.status?.phase).toBe('Running');
    let p = h.pod('job');
    for (let t = 0; t < 30 && !p?.status?.containerStatuses?.[0]?.state?.terminated; t++) {
      h.advance(500);
      p = h.pod('job');
    }
    // The work is done; `shipper` (defined last) is being stopped, `proxy` waits its turn.
    expect(p?.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(p?.status?.phase).toBe('Running');
    expect(p?.status?.initContainerStatuses?.map((s) => Object.keys(s.state ?? {})[0])).toEqual(['running', 'running']);
    expect(h.events('job').filter((e) => e.startsWith('Killing'))).toEqual(['Killing: Stopping container proxy', 'Killing: Stopping container shipper']);
    h.advance(10_000);
    p = h.pod('job');
    expect(p?.status?.phase).toBe('Succeeded');
    const [proxy, shipper] = p?.status?.initContainerStatuses ?? [];
    expect(shipper?.state?.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(proxy?.state?.terminated).toMatchObject({ exitCode: 0 });
    // nginx was signalled only after shipper had been killed.
    expect(Date.parse(proxy?.state?.terminated?.finishedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(shipper?.state?.terminated?.finishedAt ?? ''));
    expect(p?.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
  });
});
