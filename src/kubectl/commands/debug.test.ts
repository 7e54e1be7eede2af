import type { Pod } from 'kubernetes-types/core/v1';
import { beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../engine/sim/cluster';
import { Session } from '../../scenario/session';
import type { TerminalSession } from '../env';

/** kubectl debug. Texts: kubectl v1.32 (debug.go; the legacy-profile and --target lines as the real binary prints them). */
const LEGACY =
  '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n';

describe('kubectl debug', () => {
  let s: Session;
  const pod = (name: string) => s.cluster.store.get('pods', 'default', name) as unknown as Pod;
  beforeAll(async () => {
    s = new Session(Cluster.create({ seed: 5 }));
    await s.run('kubectl run web --image=nginx:1.27 --labels=app=web');
    s.cluster.advance(60_000);
  }, 60_000);

  it.each([
    ['kubectl debug web', 'error: you must specify --image when not using --copy-to.\n'],
    ['kubectl debug web --copy-to=x', 'error: you must specify --image, --set-image or command arguments.\n'],
    ['kubectl debug nope --image=busybox', `${LEGACY}Error from server (NotFound): pods "nope" not found\n`],
  ])('%s', async (line, stderr) => {
    expect(await s.run(line)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });

  it('adds an ephemeral container through the subresource, and the kubelet starts it', async () => {
    const out = await s.run('kubectl debug web --image=busybox:1.36 --target=web --profile=general -- sleep 3600');
    expect(out.stderr).toMatch(
      /^Targeting container "web". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\nDefaulting debug container name to debugger-[b-z2-9]{5}.\n$/,
    );
    s.cluster.advance(30_000);
    const ec = pod('web').spec?.ephemeralContainers?.[0];
    expect(ec).toMatchObject({ image: 'busybox:1.36', targetContainerName: 'web', command: ['sleep', '3600'], terminationMessagePolicy: 'File' });
    const status = pod('web').status?.ephemeralContainerStatuses?.find((c) => c.name === ec?.name);
    expect(status?.state?.running).toBeDefined();
    // The pod's own containers are untouched.
    expect(pod('web').status?.containerStatuses?.[0].restartCount).toBe(0);
  });

  it('-it opens the debug container’s shell in the terminal', async () => {
    let opened: TerminalSession | undefined;
    const out = await s.run('kubectl debug -it web --image=busybox:1.36 -c dbg', { openTerminal: (t) => (opened = t) });
    expect(out.stderr).toBe(`${LEGACY}If you don't see a command prompt, try pressing enter.\n`);
    expect(opened?.input('hostname').stdout).toBe('web\n');
    expect(pod('web').spec?.ephemeralContainers?.map((c) => c.name)).toContain('dbg');
  });

  it('an existing name is refused by the API server', async () => {
    const out = await s.run('kubectl debug web --image=busybox -c web --profile=general');
    expect(out.stderr).toBe('The Pod "web" is invalid: spec.ephemeralContainers[2].name: Duplicate value: "web"\n');
  });

  it('--copy-to makes a copy with the debug container and shared processes', async () => {
    const out = await s.run('kubectl debug web --copy-to=web-copy --image=busybox:1.36 --share-processes --profile=general -- sleep 3600');
    expect(out.stderr).toMatch(/^Defaulting debug container name to debugger-[b-z2-9]{5}.\n$/);
    const copy = pod('web-copy');
    expect(copy.spec?.shareProcessNamespace).toBe(true);
    expect(copy.spec?.containers.map((c) => c.image)).toEqual(['nginx:1.27', 'busybox:1.36']);
    expect(copy.metadata?.labels).toBeUndefined();
  });

  it('debug node/NAME runs a pod in the host namespaces with / at /host', async () => {
    const out = await s.run('kubectl debug node/worker-1 --image=busybox:1.36 --profile=general -- sleep 3600');
    expect(out.stdout).toMatch(/^Creating debugging pod node-debugger-worker-1-[b-z2-9]{5} with container debugger on node worker-1.\n$/);
    const name = /pod (\S+) with/.exec(out.stdout)?.[1] ?? '';
    const p = pod(name);
    expect(p.spec).toMatchObject({ hostPID: true, hostIPC: true, hostNetwork: true, nodeName: 'worker-1', restartPolicy: 'Never' });
    expect(p.spec?.volumes?.[0]).toEqual({ name: 'host-root', hostPath: { path: '/', type: '' } });
    expect(p.spec?.containers[0].volumeMounts?.[0]).toMatchObject({ mountPath: '/host', name: 'host-root' });
  });
});
