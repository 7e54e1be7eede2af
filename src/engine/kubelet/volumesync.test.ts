import type { ConfigMap, Secret } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { kubeletHarness } from './testing';

// A running pod sees a changed ConfigMap/Secret in its mounted files after the kubelet's next
// periodic sync (syncFrequency 1 m, jittered up to 90 s); env vars and subPath files never change.
function podWithSettings() {
  const h = kubeletHarness();
  h.machine('worker-1');
  h.advance(3000);
  h.api.create<ConfigMap>('configmaps', 'default', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings' },
    data: { color: 'blue' },
  });
  h.api.create<Secret>('secrets', 'default', {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'creds' },
    data: { token: btoa('one') },
  });
  h.run(
    {
      metadata: { name: 'app', labels: { tier: 'web' } },
      spec: {
        containers: [
          {
            name: 'c',
            image: 'busybox',
            command: ['sleep', '1d'],
            env: [
              {
                name: 'COLOR',
                valueFrom: {
                  configMapKeyRef: { name: 'settings', key: 'color' },
                },
              },
            ],
            volumeMounts: [
              { name: 'cfg', mountPath: '/etc/cfg' },
              { name: 'cfg', mountPath: '/etc/color', subPath: 'color' },
              { name: 'sec', mountPath: '/etc/sec' },
              { name: 'info', mountPath: '/etc/info' },
            ],
          },
        ],
        volumes: [
          { name: 'cfg', configMap: { name: 'settings' } },
          { name: 'sec', secret: { secretName: 'creds' } },
          {
            name: 'info',
            downwardAPI: {
              items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }],
            },
          },
        ],
      },
    },
    'worker-1',
  );
  h.advance(10_000);
  const sh = (script: string) => h.fleet.exec('default', 'app', 'c', ['sh', '-c', script]).stdout;
  return { h, sh };
}

describe('periodic volume refresh', () => {
  it('updates mounted ConfigMap, Secret and downwardAPI files within 90 s, but not env vars or subPath files', () => {
    const { h, sh } = podWithSettings();
    expect(sh('cat /etc/cfg/color; echo; cat /etc/color; echo; echo $COLOR')).toBe('blue\nblue\nblue\n');

    const cm = h.api.get<ConfigMap>('configmaps', 'default', 'settings');
    h.api.update<ConfigMap>('configmaps', 'default', {
      ...cm,
      data: { color: 'green' },
    });
    const s = h.api.get<Secret>('secrets', 'default', 'creds');
    h.api.update<Secret>('secrets', 'default', {
      ...s,
      data: { token: btoa('two') },
    });
    const p = h.api.get('pods', 'default', 'app');
    h.api.update('pods', 'default', {
      ...p,
      metadata: { ...p.metadata, labels: { tier: 'api' } },
    });
    h.advance(1_000);
    // Not at once: the kubelet only notices at its next sync of the pod.
    expect(sh('cat /etc/cfg/color')).toBe('blue');

    h.advance(90_000);
    expect(sh('cat /etc/cfg/color')).toBe('green');
    expect(sh('cat /etc/sec/token')).toBe('two');
    expect(sh('cat /etc/info/labels')).toBe('tier="api"');
    expect(sh('cat /etc/color; echo; echo $COLOR')).toBe('blue\nblue\n');
  });

  it('keeps the mounted files and reports FailedMount when the ConfigMap is deleted', () => {
    const { h, sh } = podWithSettings();
    h.api.delete('configmaps', 'default', 'settings');
    h.advance(91_000);
    expect(sh('cat /etc/cfg/color')).toBe('blue');
    expect(h.events('app')).toContain('FailedMount: MountVolume.SetUp failed for volume "cfg" : configmap "settings" not found');
  });

  it('syncs the same pod at the same simulated times for the same seed', () => {
    const a = podWithSettings().h.fleet.podRuntime('default', 'app')?.volumesAt;
    const b = podWithSettings().h.fleet.podRuntime('default', 'app')?.volumesAt;
    expect(a).toBeDefined();
    expect(a).toBe(b);
  });
});
