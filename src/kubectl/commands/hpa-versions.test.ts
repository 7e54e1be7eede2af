import { describe, expect, it } from 'vitest';
import { Sandbox } from '../testing/harness';

// A v1.32 server serves HorizontalPodAutoscalers as autoscaling/v2 (preferred, stored) and
// autoscaling/v1: kubectl applies a v1 manifest, `get hpa` prints v2, `get hpa.v1.autoscaling` v1.
const manifest = (cpu: number) => `apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 1
  maxReplicas: 5
  targetCPUUtilizationPercentage: ${cpu}
`;

describe('autoscaling/v1 HorizontalPodAutoscalers in kubectl', () => {
  it('applies a v1 manifest and reads it back in either version', async () => {
    const s = new Sandbox();
    expect((await s.run('apply -f -', manifest(60))).stdout).toBe('horizontalpodautoscaler.autoscaling/web created\n');
    expect((await s.run("get hpa web -o 'jsonpath={.apiVersion} {.spec.metrics[0].resource.target.averageUtilization}'")).stdout).toBe('autoscaling/v2 60');
    const v1 = await s.run('get hpa.v1.autoscaling web -o yaml');
    expect(v1.stdout).toMatch(/^apiVersion: autoscaling\/v1\nkind: HorizontalPodAutoscaler\n/);
    expect(v1.stdout).toContain('\n  targetCPUUtilizationPercentage: 60\n');
    expect(v1.stdout).not.toContain('metrics:');
    expect((await s.run('get -f - -o jsonpath={.items[0].spec.targetCPUUtilizationPercentage}', manifest(60))).stdout).toBe('60');
    expect((await s.run('apply -f -', manifest(60))).stdout).toBe('horizontalpodautoscaler.autoscaling/web unchanged\n');
    expect(await s.run('diff -f -', manifest(60))).toMatchObject({ exitCode: 0, stdout: '' });
    const diff = await s.run('diff -f -', manifest(75));
    expect(diff.exitCode).toBe(1);
    expect(diff.stdout).toContain('autoscaling.v1.HorizontalPodAutoscaler.default.web');
    expect(diff.stdout).toContain('-  targetCPUUtilizationPercentage: 60\n+  targetCPUUtilizationPercentage: 75\n');
    expect((await s.run('apply -f -', manifest(75))).stdout).toBe('horizontalpodautoscaler.autoscaling/web configured\n');
    expect((await s.run('get hpa web -o jsonpath={.spec.metrics[*].resource.target.averageUtilization}')).stdout).toBe('75');
  });

  it('answers create and apply -o yaml in the version the manifest was sent in', async () => {
    const s = new Sandbox();
    expect((await s.run('create -f - -o jsonpath={.apiVersion}', manifest(60))).stdout).toBe('autoscaling/v1');
    expect((await s.run("apply -f - -o 'jsonpath={.apiVersion} {.spec.targetCPUUtilizationPercentage}'", manifest(70))).stdout).toBe('autoscaling/v1 70');
  });

  it('still refuses a version the server does not serve', async () => {
    const s = new Sandbox();
    const r = await s.run('apply -f -', manifest(60).replace('autoscaling/v1', 'autoscaling/v2beta1'));
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('no matches for kind "HorizontalPodAutoscaler" in version "autoscaling/v2beta1"');
  });
});
