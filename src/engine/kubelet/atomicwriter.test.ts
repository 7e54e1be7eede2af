import type { ConfigMap } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { atomicDirName, atomicVolume, visibleFiles } from './atomicwriter';
import { MemoryFs } from './fs';
import { kubeletHarness } from './testing';

describe('the atomic writer layout', () => {
  it('names its directories after the UTC time to the nanosecond', () => {
    expect(atomicDirName(Date.UTC(2026, 10, 22, 10, 0, 0, 123), 456789)).toBe('..2026_11_22_10_00_00.123456789');
    expect(atomicDirName(Date.UTC(2026, 0, 2, 3, 4, 5, 6), 7)).toBe('..2026_01_02_03_04_05.006000007');
  });

  it('links each key through ..data to a timestamped directory, and swaps ..data only when the payload changes', () => {
    let n = 0;
    const stamp = () => `..dir${++n}`;
    const one = atomicVolume(undefined, { '/color': 'blue', '/conf/app.ini': 'x=1' }, stamp);
    expect(one).toEqual({
      files: { '/..dir1/color': 'blue', '/..dir1/conf/app.ini': 'x=1' },
      dirs: { '/..dir1': true },
      links: { '/..data': '..dir1', '/color': '..data/color', '/conf': '..data/conf' },
    });
    expect(atomicVolume(one, { '/color': 'blue', '/conf/app.ini': 'x=1' }, stamp)).toBe(one);
    const two = atomicVolume(one, { '/color': 'green' }, stamp);
    expect(two.links).toEqual({ '/..data': '..dir2', '/color': '..data/color' });
    expect(visibleFiles(two)).toEqual({ '/color': 'green' });
  });

  it('a container file system follows the links for cat, ls and readlink', () => {
    const vol = atomicVolume(undefined, { '/color': 'blue', '/conf/app.ini': 'x=1' }, () => '..2026_11_22_10_00_00.000000001');
    const fs = new MemoryFs({}, [{ path: '/etc/cfg', vol, readOnly: true }]);
    expect(fs.read('/etc/cfg/color')).toBe('blue');
    expect(fs.read('/etc/cfg/conf/app.ini')).toBe('x=1');
    expect(fs.stat('/etc/cfg/conf')).toBe('dir');
    expect(fs.list('/etc/cfg')).toEqual(['..2026_11_22_10_00_00.000000001', '..data', 'color', 'conf']);
    expect(fs.list('/etc/cfg/..data')).toEqual(['color', 'conf']);
    expect(fs.readlink('/etc/cfg/color')).toBe('..data/color');
    expect(fs.readlink('/etc/cfg/..data')).toBe('..2026_11_22_10_00_00.000000001');
    expect(fs.readlink('/etc/cfg/..data/color')).toBeUndefined();
    expect(fs.resolve('/etc/cfg/color')).toBe('/etc/cfg/..2026_11_22_10_00_00.000000001/color');
    expect(fs.write('/etc/cfg/color', 'red', false)).toBe('EROFS');
  });
});

describe('ConfigMap volumes in a container', () => {
  it('ls -la shows ..data and the key links; an update swaps ..data; a subPath file is plain and stays', () => {
    const h = kubeletHarness();
    h.machine('worker-1');
    h.advance(3000);
    h.api.create<ConfigMap>('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { color: 'blue' } });
    h.run(
      {
        metadata: { name: 'app' },
        spec: {
          containers: [
            {
              name: 'c',
              image: 'busybox',
              command: ['sleep', '1d'],
              volumeMounts: [
                { name: 'cfg', mountPath: '/etc/cfg' },
                { name: 'cfg', mountPath: '/etc/color', subPath: 'color' },
              ],
            },
          ],
          volumes: [{ name: 'cfg', configMap: { name: 'settings' } }],
        },
      },
      'worker-1',
    );
    h.advance(10_000);
    const sh = (script: string) => h.fleet.exec('default', 'app', 'c', ['sh', '-c', script]);
    expect(sh('ls /etc/cfg').stdout).toBe('color\n');
    const listing = sh('ls -la /etc/cfg').stdout.split('\n').filter(Boolean);
    expect(listing).toHaveLength(3);
    expect(listing[0]).toMatch(/^drwxr-xr-x .* \.\.\d{4}_\d\d_\d\d_\d\d_\d\d_\d\d\.\d{9}$/);
    const dir = listing[0].split(' ').at(-1) as string;
    expect(listing[1]).toMatch(new RegExp(`^lrwxrwxrwx .* ${dir.length} .* \\.\\.data -> ${dir.replace(/\./g, '\\.')}$`));
    expect(listing[2]).toMatch(/^lrwxrwxrwx .* 12 .* color -> \.\.data\/color$/);
    expect(sh('readlink /etc/cfg/color; readlink /etc/cfg/..data; readlink -f /etc/cfg/color').stdout).toBe(`..data/color\n${dir}\n/etc/cfg/${dir}/color\n`);
    expect(sh('readlink /etc/color').exitCode).toBe(1);
    expect(sh('ls -l /etc/color').stdout).toMatch(/^-rw-r--r-- .* \/etc\/color\n$/);

    const cm = h.api.get<ConfigMap>('configmaps', 'default', 'settings');
    h.api.update<ConfigMap>('configmaps', 'default', { ...cm, data: { color: 'green' } });
    h.advance(91_000);
    const next = sh('readlink /etc/cfg/..data').stdout.trim();
    expect(next).not.toBe(dir);
    expect(next > dir).toBe(true);
    expect(sh('cat /etc/cfg/color; echo; cat /etc/color; echo; ls -a /etc/cfg').stdout).toBe(`green\nblue\n${next}\n..data\ncolor\n`);
  });
});
