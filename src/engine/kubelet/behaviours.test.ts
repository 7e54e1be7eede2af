import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { isStatusError } from '../api/status';
import { KubeletClientError } from './fleet';
import { kubeletHarness } from './testing';

function ready() {
  const h = kubeletHarness();
  h.machine('worker-1');
  h.advance(3000);
  return h;
}

describe('container behaviours', () => {
  it('runs init containers first; the pod shows PodInitializing until they complete', () => {
    const h = ready();
    h.run(
      {
        metadata: { name: 'init' },
        spec: {
          initContainers: [{ name: 'wait', image: 'busybox', command: ['sh', '-c', 'echo waiting; sleep 5; echo done'] }],
          containers: [{ name: 'app', image: 'nginx' }],
        },
      },
      'worker-1',
    );
    h.advance(3000);
    let p = h.pod('init');
    expect(p?.status?.phase).toBe('Pending');
    expect(p?.status?.initContainerStatuses?.[0]?.state?.running).toBeDefined();
    expect(p?.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('PodInitializing');
    expect(p?.status?.conditions?.find((c) => c.type === 'Initialized')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [wait]',
    });
    h.advance(10_000);
    p = h.pod('init');
    expect(p?.status?.phase).toBe('Running');
    expect(p?.status?.initContainerStatuses?.[0]).toMatchObject({ ready: true, started: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } });
    expect(p?.status?.conditions?.find((c) => c.type === 'Initialized')?.status).toBe('True');
    expect(h.fleet.logs('default', 'init', 'wait')).toBe('waiting\ndone\n');
  });

  it('OOM-kills a container that allocates beyond its memory limit', () => {
    const h = ready();
    h.run(
      {
        metadata: { name: 'memory-demo-2' },
        spec: {
          containers: [
            {
              name: 'memory-demo-2-ctr',
              image: 'polinux/stress',
              resources: { requests: { memory: '50Mi' }, limits: { memory: '100Mi' } },
              command: ['stress'],
              args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'],
            },
          ],
        },
      },
      'worker-1',
    );
    h.advance(8000);
    const cs = h.container('memory-demo-2');
    const term = cs?.state?.terminated ?? cs?.lastState?.terminated;
    expect(term).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
  });

  it('fails to start a missing binary (StartError) and recovers from a missing ConfigMap', () => {
    const h = ready();
    h.run({ metadata: { name: 'nobin' }, spec: { containers: [{ name: 'c', image: 'busybox', command: ['foo'] }] } }, 'worker-1');
    h.run(
      {
        metadata: { name: 'cfg' },
        spec: {
          containers: [
            { name: 'c', image: 'busybox', command: ['sleep', '1d'], env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'settings', key: 'k' } } }] },
          ],
        },
      },
      'worker-1',
    );
    h.advance(5000);
    const nobin = h.container('nobin');
    expect((nobin?.state?.terminated ?? nobin?.lastState?.terminated)?.reason).toBe('StartError');
    expect(h.events('nobin')).toContain(
      'Failed: Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "foo": executable file not found in $PATH: unknown',
    );
    expect(h.container('cfg')?.state?.waiting).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "settings" not found' });
    expect(h.events('cfg')).toContain('Failed: Error: configmap "settings" not found');
    h.api.create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { k: 'v' } });
    h.advance(20_000);
    expect(h.container('cfg')?.state?.running).toBeDefined();
    expect(h.fleet.exec('default', 'cfg', 'c', ['printenv', 'X']).stdout).toBe('v\n');
  });

  it('exits with what busybox sh does for a shell with nothing to run (CrashLoopBackOff, Completed)', () => {
    const h = ready();
    h.run({ metadata: { name: 'bb' }, spec: { containers: [{ name: 'bb', image: 'busybox' }] } }, 'worker-1');
    h.advance(30_000);
    const cs = h.container('bb');
    expect(cs?.state?.waiting?.reason).toBe('CrashLoopBackOff');
    expect(cs?.lastState?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
  });

  it('shares an emptyDir between containers and serves it over HTTP', () => {
    const h = ready();
    h.run(
      {
        metadata: { name: 'two' },
        spec: {
          volumes: [{ name: 'html', emptyDir: {} }],
          containers: [
            { name: 'nginx', image: 'nginx', volumeMounts: [{ name: 'html', mountPath: '/usr/share/nginx/html' }] },
            {
              name: 'writer',
              image: 'debian',
              volumeMounts: [{ name: 'html', mountPath: '/pod-data' }],
              command: ['/bin/sh'],
              args: ['-c', 'echo Hello from the debian container > /pod-data/index.html; sleep 3600'],
            },
          ],
        },
      },
      'worker-1',
    );
    h.advance(15_000);
    const ip = h.pod('two')?.status?.podIP as string;
    expect(h.fleet.request(ip, 80, '/')).toEqual({ status: 200, body: 'Hello from the debian container\n' });
    expect(h.fleet.exec('default', 'two', 'nginx', ['cat', '/usr/share/nginx/html/index.html']).stdout).toBe('Hello from the debian container\n');
    expect(h.fleet.request(ip, 8080, '/')).toBe('connection refused');
  });
});

describe('sidecars', () => {
  it('starts a restartable init container before the app and keeps it running', () => {
    const h = ready();
    h.run(
      {
        metadata: { name: 'side' },
        spec: {
          initContainers: [{ name: 'logshipper', image: 'alpine', restartPolicy: 'Always', command: ['sh', '-c', 'sleep 3600'] } as never],
          containers: [{ name: 'app', image: 'nginx' }],
        },
      },
      'worker-1',
    );
    h.advance(15_000);
    const p = h.pod('side');
    expect(p?.status?.phase).toBe('Running');
    expect(p?.status?.initContainerStatuses?.[0]).toMatchObject({ name: 'logshipper', ready: true, started: true, state: { running: {} } });
    expect(p?.status?.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ]);
  });

  it('stops the sidecar when a Job-style pod completes', () => {
    const h = ready();
    h.run(
      {
        metadata: { name: 'job' },
        spec: {
          restartPolicy: 'Never',
          initContainers: [{ name: 'proxy', image: 'nginx', restartPolicy: 'Always' } as never],
          containers: [{ name: 'work', image: 'busybox', command: ['sh', '-c', 'sleep 2; echo ok'] }],
        },
      },
      'worker-1',
    );
    h.advance(20_000);
    const p = h.pod('job');
    expect(p?.status?.phase).toBe('Succeeded');
    expect(p?.status?.initContainerStatuses?.[0]?.state?.terminated).toBeDefined();
  });
});

describe('kubectl exec and logs', () => {
  it('keeps an interactive shell between lines', () => {
    const h = ready();
    h.run({ metadata: { name: 'box' }, spec: { containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }] } }, 'worker-1');
    h.advance(5000);
    const sh = h.fleet.shellSession('default', 'box', 'c');
    expect(sh.run('cd /tmp; X=42; echo hi > f').exitCode).toBe(0);
    expect(sh.run('pwd; echo $X; cat f')).toMatchObject({ stdout: '/tmp\n42\nhi\n', exitCode: 0, closed: false });
    expect(sh.run('exit 3')).toMatchObject({ exitCode: 3, closed: true });
  });

  it('answers as the kubelet and API server do', () => {
    const h = ready();
    h.run({ metadata: { name: 'web' }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } }, 'worker-1');
    h.run({ metadata: { name: 'bad' }, spec: { containers: [{ name: 'c', image: 'nginx:nope' }] } }, 'worker-1');
    h.advance(10_000);
    expect(h.fleet.exec('default', 'web', 'nginx', ['cat', '/etc/hostname'])).toEqual({ stdout: 'web\n', stderr: '', exitCode: 0 });
    expect(h.fleet.exec('default', 'web', undefined, ['sh', '-c', 'exit 4']).exitCode).toBe(4);
    expect(h.fleet.exec('default', 'web', 'nginx', ['cat', '/nope'])).toEqual({ stdout: '', stderr: 'cat: /nope: No such file or directory\n', exitCode: 1 });
    expect(h.fleet.logs('default', 'web', 'nginx')).toContain('Configuration complete; ready for start up');
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return isStatusError(e) || e instanceof KubeletClientError ? (e as Error).message : `unexpected ${e}`;
      }
      return 'no error';
    };
    expect(err(() => h.fleet.logs('default', 'web', 'nginx', { previous: true }))).toBe('previous terminated container "nginx" in pod "web" not found');
    expect(err(() => h.fleet.logs('default', 'web', 'other'))).toBe('container other is not valid for pod web');
    expect(err(() => h.fleet.logs('default', 'missing'))).toBe('pods "missing" not found');
    expect(err(() => h.fleet.logs('default', 'bad', 'c'))).toMatch(
      /^container "c" in pod "bad" is waiting to start: (image can't be pulled|trying and failing to pull image)$/,
    );
    expect(err(() => h.fleet.exec('default', 'bad', 'c', ['ls']))).toBe('unable to upgrade connection: container not found ("c")');
  });
});

describe('static pods', () => {
  it('runs a static pod and recreates its mirror pod when deleted', () => {
    const h = kubeletHarness();
    h.machine('control-plane', { controlPlane: true });
    h.fleet.addStaticPod('control-plane', {
      metadata: { name: 'etcd', namespace: 'kube-system' },
      spec: { hostNetwork: true, containers: [{ name: 'etcd', image: 'registry.k8s.io/etcd:3.5.16-0', command: ['etcd'] }] },
    } as Pod);
    h.advance(10_000);
    const mirror = h.pod('etcd-control-plane', 'kube-system');
    expect(mirror?.metadata?.annotations?.['kubernetes.io/config.mirror']).toMatch(/^[0-9a-f]{32}$/);
    expect(mirror?.spec?.tolerations).toEqual([{ operator: 'Exists', effect: 'NoExecute' }]);
    expect(mirror?.status?.phase).toBe('Running');
    expect(mirror?.status?.podIP).toBe('172.18.0.2');
    expect(h.events('control-plane', 'default')).toContain('Starting: Starting kubelet.');
    expect(h.events('etcd-control-plane', 'kube-system')).toContain('Pulled: Container image "registry.k8s.io/etcd:3.5.16-0" already present on machine');
    const id = mirror?.status?.containerStatuses?.[0]?.containerID;
    h.api.delete('pods', 'kube-system', 'etcd-control-plane');
    h.advance(5000);
    const again = h.pod('etcd-control-plane', 'kube-system');
    expect(again?.metadata?.uid).not.toBe(mirror?.metadata?.uid);
    expect(again?.metadata?.deletionTimestamp).toBeUndefined();
    expect(again?.status?.containerStatuses?.[0]?.containerID).toBe(id);
  });
});

describe('faults', () => {
  it('crash: the process exits with the given code and restarts', () => {
    const h = ready();
    h.run({ metadata: { name: 'web' }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } }, 'worker-1');
    h.advance(10_000);
    h.fleet.crash('default', 'web', undefined, 2);
    h.advance(3000);
    const cs = h.container('web');
    expect(cs?.restartCount).toBe(1);
    expect(cs?.lastState?.terminated).toMatchObject({ exitCode: 2, reason: 'Error' });
    expect(() => h.fleet.crash('default', 'nope')).toThrow('pods "nope" not found');
  });

  it('probe-fail on a liveness probe restarts the container; --for ends the fault', () => {
    const h = ready();
    h.run(
      {
        metadata: { name: 'live' },
        spec: { containers: [{ name: 'web', image: 'nginx', livenessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 } }] },
      },
      'worker-1',
    );
    h.advance(10_000);
    h.fleet.failProbe('default', 'live', 'liveness', undefined, 12_000);
    h.advance(30_000);
    expect(h.events('live')).toContain('Killing: Container web failed liveness probe, will be restarted');
    expect(h.events('live')).toContain('Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 500');
    expect(h.container('live')?.restartCount).toBe(1);
    h.advance(60_000);
    expect(h.container('live')?.restartCount).toBe(1);
    expect(() => h.fleet.failProbe('default', 'live', 'startup')).toThrow('container "web" of pod "live" has no startup probe');
  });
});
