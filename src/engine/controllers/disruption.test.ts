import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { beforeEach, describe, expect, test } from 'vitest';
import { Harness } from './controllerutil/testing';
import { DeploymentController } from './deployment/controller';
import { DisruptionController } from './disruption';
import { ReplicaSetController } from './replicaset/controller';

describe('Disruption controller', () => {
  let h: Harness;
  let dc: DisruptionController;
  const get = () => h.api.get<PodDisruptionBudget>('policy/poddisruptionbudgets', 'default', 'web-pdb');
  beforeEach(() => {
    h = new Harness();
    h.add(new ReplicaSetController(h.ctx));
    h.add(new DeploymentController(h.ctx));
    dc = h.add(new DisruptionController(h.ctx));
    h.create('apps/deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    h.converge();
  });

  const pdb = (spec: PodDisruptionBudget['spec']): PodDisruptionBudget => ({
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'web-pdb' },
    spec: { selector: { matchLabels: { app: 'web' } }, ...spec },
  });

  test('minAvailable 3 of 3 healthy allows no disruption; 2 allows one', () => {
    h.create('policy/poddisruptionbudgets', pdb({ minAvailable: 3 }));
    h.settle();
    expect(get().status).toMatchObject({ currentHealthy: 3, desiredHealthy: 3, expectedPods: 3, disruptionsAllowed: 0, observedGeneration: 1 });
    expect(get().status?.conditions).toEqual([
      { type: 'DisruptionAllowed', status: 'False', observedGeneration: 1, lastTransitionTime: '2025-01-06T09:00:00Z', reason: 'InsufficientPods', message: '' },
    ]);
    const cur = get();
    h.api.update('policy/poddisruptionbudgets', 'default', { ...cur, spec: { ...cur.spec, minAvailable: 2 } });
    h.settle();
    expect(get().status).toMatchObject({ desiredHealthy: 2, disruptionsAllowed: 1, observedGeneration: 2 });
    expect(get().status?.conditions?.[0]).toMatchObject({ status: 'True', reason: 'SufficientPods' });
    const rv = h.rv();
    dc.reconcile('default/web-pdb');
    h.settle();
    expect(h.rv()).toBe(rv);
  });

  test('percentages use the controller scale and round up', () => {
    h.create('policy/poddisruptionbudgets', pdb({ maxUnavailable: '50%' }));
    h.settle();
    // 50% of 3 rounds up to 2 unavailable: 1 must stay healthy
    expect(get().status).toMatchObject({ expectedPods: 3, desiredHealthy: 1, disruptionsAllowed: 2 });
  });

  test('an eviction spends a disruption; the evicted pod is pruned from disruptedPods once gone', () => {
    h.create('policy/poddisruptionbudgets', pdb({ minAvailable: 2 }));
    h.settle();
    const victim = h.pods()[0];
    h.api.evict('default', victim.metadata.name);
    h.settle();
    expect(get().status?.disruptedPods).toBeUndefined();
    expect(get().status).toMatchObject({ currentHealthy: 2, disruptionsAllowed: 0 });
    h.converge();
    expect(get().status).toMatchObject({ currentHealthy: 3, disruptionsAllowed: 1 });
  });
});
