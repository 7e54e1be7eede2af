import { beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../engine/sim/cluster';
import { Session } from '../../scenario/session';

/**
 * kubectl cp between the learner's home folder and containers. Texts: kubectl v1.32's
 * (cp.go) and the tar of each image (GNU tar in Debian-based nginx, BusyBox tar in busybox).
 */
describe('kubectl cp', () => {
  let s: Session;
  beforeAll(async () => {
    s = new Session(Cluster.create({ seed: 3 }));
    await s.run('kubectl run web --image=nginx:1.27');
    await s.run('kubectl run bb --image=busybox:1.36 -- sleep 3600');
    await s.run('kubectl run dl --image=registry.k8s.io/pause:3.10');
    s.cluster.advance(60_000);
  }, 60_000);

  it.each([
    ['kubectl cp', 'error: source and destination are required\n'],
    ['kubectl cp a b', 'error: one of src or dest must be a remote file specification\n'],
    ['kubectl cp a:/x b:/y', 'error: one of src or dest must be a local file specification\n'],
    ['kubectl cp web: ./b', 'error: filepath can not be empty\n'],
    ['kubectl cp missing.txt web:/tmp/x', "error: missing.txt doesn't exist in local filesystem\n"],
    ['kubectl cp nope:/etc/hostname h', 'Error from server (NotFound): pods "nope" not found\n'],
  ])('%s', async (line, stderr) => {
    const out = await s.run(line);
    expect(out.stderr).toBe(stderr);
    expect(out.exitCode).toBe(1);
  });

  it('copies a file out of a Debian-based image (GNU tar notes the leading slash)', async () => {
    const out = await s.run('kubectl cp web:/usr/share/nginx/html/index.html ./index.html');
    expect(out).toEqual({ stdout: '', stderr: "tar: Removing leading `/' from member names\n", exitCode: 0 });
    expect(s.home.read('index.html')).toContain('<title>Welcome to nginx!</title>');
  });

  it('BusyBox tar words the notice its own way', async () => {
    expect((await s.run('kubectl cp bb:/etc/hostname host.txt')).stderr).toBe("tar: removing leading '/' from member names\n");
    expect(s.home.read('host.txt')).toBe('bb\n');
  });

  it('copies a file into a container, and a folder out again', async () => {
    await s.run('echo hello > note.txt');
    expect(await s.run('kubectl cp note.txt bb:/tmp/note.txt')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect((await s.run('kubectl exec bb -- cat /tmp/note.txt')).stdout).toBe('hello\n');
    await s.run('kubectl cp web:/usr/share/nginx/html site');
    expect(s.home.list('site')).toEqual(['50x.html', 'index.html']);
  });

  it('a missing remote file is tar’s error', async () => {
    const out = await s.run('kubectl cp web:/nope ./x');
    expect(out.stderr).toBe(
      "tar: Removing leading `/' from member names\ntar: /nope: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\ncommand terminated with exit code 2\n",
    );
    expect(out.exitCode).toBe(1);
  });

  it('an image without tar fails as the exec does', async () => {
    const out = await s.run('kubectl cp dl:/etc/hostname ./h');
    expect(out.stderr).toMatch(/exec: "tar": executable file not found in \$PATH: unknown\n$/);
    expect(out.exitCode).toBe(1);
  });
});
