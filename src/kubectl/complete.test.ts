import { beforeAll, describe, expect, it } from 'vitest';
import { completeKubectl } from './complete';
import { Sandbox } from './testing/harness';

/** Tab completion for port-forward, cp, debug and edit: object names and flag values from the cluster. */
describe('completeKubectl: the commands that reach into pods', () => {
  const s = new Sandbox();
  const values = (line: string) => completeKubectl(line.split(' '), s.env).map((c) => c.value);
  beforeAll(async () => {
    await s.run('create deployment web --image=nginx --port=80');
    await s.run('expose deployment web --port=8080 --target-port=80');
    s.advance(30_000);
  });

  it('port-forward: TYPE/NAME, then the ports the target declares', () => {
    expect(values('port-forward svc/')).toEqual(['svc/kubernetes', 'svc/web']);
    expect(values('port-forward deployment/w')).toEqual(['deployment/web']);
    expect(values('port-forward svc/web ')).toEqual(['8080']);
    expect(values('port-forward deployment/web ')).toEqual(['80']);
    expect(values('port-forward --address ')).toEqual(['localhost', '0.0.0.0', '127.0.0.1']);
  });

  it('cp: pods as POD: for the remote side', () => {
    const pods = values('cp ');
    expect(pods).toHaveLength(1);
    expect(pods[0]).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}:$/);
    expect(values('cp --container')).toEqual(['--container']);
  });

  it('debug: pods, node/NAME, profiles, and the pod’s containers for --target', () => {
    expect(values('debug ').at(-1)).toBe('node/');
    expect(values('debug node/')).toContain('node/worker-1');
    expect(values('debug --profile ')).toEqual(['legacy', 'general', 'baseline', 'netadmin', 'restricted', 'sysadmin']);
    const pod = values('cp ')[0].slice(0, -1);
    expect(values(`debug ${pod} --target `)).toEqual(['nginx']);
    expect(values('debug --image-pull-policy I')).toEqual(['IfNotPresent']);
  });

  it('edit: resource types, then names', () => {
    expect(values('edit deploy')).toContain('deployments');
    expect(values('edit deployments ')).toEqual(['web']);
    expect(values('edit --output-')).toEqual(['--output-patch']);
  });
});
