import { describe, expect, it } from 'vitest';
import { kubeletHarness } from './testing';

function ready() {
  const h = kubeletHarness();
  h.machine('worker-1');
  h.advance(3000);
  return h;
}

describe('node-down is a power cut, node-up a reboot', () => {
  it('ends the containers; after the boot the kubelet starts them again with new IDs and restartCount + 1', () => {
    const h = ready();
    h.run(
      {
        metadata: { name: 'web' },
        spec: {
          initContainers: [{ name: 'setup', image: 'busybox', command: ['sh', '-c', 'echo setup'] }],
          containers: [{ name: 'nginx', image: 'nginx' }],
        },
      },
      'worker-1',
    );
    h.advance(15_000);
    const before = h.pod('web');
    expect(before?.status?.phase).toBe('Running');
    const oldID = before?.status?.containerStatuses?.[0]?.containerID;
    const oldIP = before?.status?.podIP;
    const bootID = h.fleet.state.machines['worker-1'].bootID;

    h.fleet.setDown('worker-1', true);
    h.advance(60_000);
    const rt = h.fleet.state.machines['worker-1'].pods['default/web'];
    expect(rt.containers.nginx.state).toBe('terminated');
    expect(rt.sandbox).toBe('stopped');
    // Nothing runs while the power is off: no restarts however long it stays down.
    h.advance(120_000);
    expect(rt.containers.nginx.state).toBe('terminated');
    expect(rt.containers.nginx.restartCount).toBe(0);

    h.fleet.setDown('worker-1', false);
    h.advance(20_000);
    const p = h.pod('web');
    expect(p?.status?.phase).toBe('Running');
    const nginx = p?.status?.containerStatuses?.[0];
    expect(nginx).toMatchObject({ restartCount: 1, ready: true, state: { running: {} }, lastState: { terminated: { exitCode: 255, reason: 'Unknown', containerID: oldID } } });
    expect(nginx?.containerID).not.toBe(oldID);
    // The init container ran again in the new sandbox.
    expect(p?.status?.initContainerStatuses?.[0]).toMatchObject({ restartCount: 1, state: { terminated: { exitCode: 0, reason: 'Completed' } } });
    expect(p?.status?.podIP).toBeDefined();
    expect(p?.status?.podIP).not.toBe(oldIP);
    expect(h.fleet.state.machines['worker-1'].bootID).not.toBe(bootID);
    const events = h.events('web');
    expect(events).toContain('SandboxChanged: Pod sandbox changed, it will be killed and re-created.');
    expect(h.events('worker-1', '')).toContain(`Rebooted: Node worker-1 has been rebooted, boot id: ${h.fleet.state.machines['worker-1'].bootID}`);
  });

  it('fails a restartPolicy Never pod whose containers were lost', () => {
    const h = ready();
    h.run({ metadata: { name: 'once' }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }] } }, 'worker-1');
    h.advance(10_000);
    h.fleet.setDown('worker-1', true);
    h.advance(10_000);
    h.fleet.setDown('worker-1', false);
    h.advance(10_000);
    const p = h.pod('once');
    expect(p?.status?.phase).toBe('Failed');
    expect(p?.status?.containerStatuses?.[0]).toMatchObject({ restartCount: 0, state: { terminated: { exitCode: 255, reason: 'Unknown' } } });
  });

  it('a partition keeps the containers running unseen', () => {
    const h = ready();
    h.run({ metadata: { name: 'web' }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } }, 'worker-1');
    h.advance(10_000);
    const id = h.container('web')?.containerID;
    h.fleet.setPartitioned('worker-1', true);
    h.advance(60_000);
    expect(h.fleet.state.machines['worker-1'].pods['default/web'].containers.nginx.state).toBe('running');
    h.fleet.setPartitioned('worker-1', false);
    h.advance(10_000);
    expect(h.container('web')).toMatchObject({ restartCount: 0, containerID: id, state: { running: {} } });
  });
});

describe('pods deleted while the machine is off', () => {
  it('go as soon as the kubelet is back: there is nothing left to stop', () => {
    const h = ready();
    h.run({ metadata: { name: 'web' }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } }, 'worker-1');
    h.advance(10_000);
    h.fleet.setDown('worker-1', true);
    h.api.delete('pods', 'default', 'web');
    h.advance(60_000);
    expect(h.pod('web')?.metadata.deletionTimestamp).toBeDefined();
    h.fleet.setDown('worker-1', false);
    h.advance(2_000);
    expect(h.pod('web')).toBeUndefined();
    expect(h.events('web')).not.toContain('SandboxChanged: Pod sandbox changed, it will be killed and re-created.');
  });
});
