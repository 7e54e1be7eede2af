import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { beforeEach, describe, expect, test } from 'vitest';
import { forbidden } from '../../api/status';
import { Harness } from '../controllerutil/testing';
import { REPLICATION_CONTROLLER, ReplicaSetController } from './controller';

function rs(name: string, replicas: number, extra: Partial<ReplicaSet['spec']> = {}): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      ...extra,
    },
  };
}

describe('ReplicaSet controller', () => {
  let h: Harness;
  let c: ReplicaSetController;
  beforeEach(() => {
    h = new Harness();
    c = h.add(new ReplicaSetController(h.ctx));
  });

  test('creates the missing pods, named <rs>-<5 chars>, owned by the ReplicaSet', () => {
    const owner = h.create('apps/replicasets', rs('web-7d4b9c8f5d', 3));
    h.settle();
    const pods = h.pods();
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^web-7d4b9c8f5d-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.labels).toEqual({ app: 'web-7d4b9c8f5d' });
      expect(p.metadata.ownerReferences).toEqual([
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9c8f5d', uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true },
      ]);
    }
    const created = h.eventMessages('SuccessfulCreate');
    expect(created.sort()).toEqual(pods.map((p) => `Created pod: ${p.metadata.name}`).sort());
    const status = h.api.get<ReplicaSet>('apps/replicasets', 'default', 'web-7d4b9c8f5d').status;
    expect(status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
  });

  test('counts ready and available pods; a second reconcile writes nothing', () => {
    h.create('apps/replicasets', rs('web', 2));
    h.settle();
    for (const p of h.pods()) h.run(p);
    h.settle();
    const status = h.api.get<ReplicaSet>('apps/replicasets', 'default', 'web').status;
    expect(status).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2 });
    const before = h.rv();
    c.reconcile('default/web');
    h.settle();
    expect(h.rv()).toBe(before);
  });

  test('minReadySeconds: ready pods become available only after it, and the controller looks again then', () => {
    h.create('apps/replicasets', rs('web', 1, { minReadySeconds: 10 }));
    h.settle();
    h.run(h.pods()[0]);
    h.settle();
    expect(h.api.get<ReplicaSet>('apps/replicasets', 'default', 'web').status).toMatchObject({ readyReplicas: 1 });
    expect(h.api.get<ReplicaSet>('apps/replicasets', 'default', 'web').status?.availableReplicas).toBeUndefined();
    h.advance(10_000);
    expect(h.api.get<ReplicaSet>('apps/replicasets', 'default', 'web').status?.availableReplicas).toBe(1);
  });

  test('replaces a deleted pod and scales down the least valuable pods first', () => {
    h.create('apps/replicasets', rs('web', 3));
    h.settle();
    const [a, b, cc] = h.pods();
    h.run(a);
    h.run(b);
    h.settle();
    h.api.delete('pods', 'default', a.metadata.name);
    h.reap(a);
    h.settle();
    expect(h.pods()).toHaveLength(3);
    // scale to 1: the two not-running pods go first, the running one stays
    const cur = h.api.get<ReplicaSet>('apps/replicasets', 'default', 'web');
    h.api.update('apps/replicasets', 'default', { ...cur, spec: { ...cur.spec, replicas: 1 } } as ReplicaSet);
    h.settle();
    const left = h.pods().filter((p) => !p.metadata.deletionTimestamp);
    expect(left.map((p) => p.metadata.name)).toEqual([b.metadata.name]);
    expect(h.eventMessages('SuccessfulDelete')).toContain(`Deleted pod: ${cc.metadata.name}`);
  });

  test('adopts a matching orphan instead of creating a pod, and releases a pod whose labels changed', () => {
    h.create<Pod>('pods', { metadata: { name: 'stray', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    const owner = h.create('apps/replicasets', rs('web', 1));
    h.settle();
    const pods = h.pods();
    expect(pods.map((p) => p.metadata.name)).toEqual(['stray']);
    expect(pods[0].metadata.ownerReferences?.[0].uid).toBe(owner.metadata.uid);
    const stray = pods[0];
    h.api.update('pods', 'default', { ...stray, metadata: { ...stray.metadata, labels: { app: 'other' } } } as Pod);
    h.settle();
    const after = h.pods();
    expect(after).toHaveLength(2);
    expect(after.find((p) => p.metadata.name === 'stray')?.metadata.ownerReferences).toBeUndefined();
  });

  test('creates at most 500 pods per sync and finishes the rest in the next ones', () => {
    h.create('apps/replicasets', rs('big', 1200));
    c.reconcile('default/big');
    expect(h.pods()).toHaveLength(500);
    h.settle();
    expect(h.pods()).toHaveLength(1200);
  });

  test('ReplicaFailure when pods cannot be created (slow start stops at the first failure), cleared when they can', () => {
    let deny = true;
    h.api.use({
      name: 'quota',
      validate: (req) => {
        if (deny && req.operation === 'CREATE' && req.resource.kind === 'Pod') {
          throw forbidden(`pods "${req.name}" is forbidden: exceeded quota: q, requested: pods=1, used: pods=0, limited: pods=0`);
        }
      },
    });
    h.create('apps/replicasets', rs('web', 5));
    h.settle();
    expect(h.pods()).toHaveLength(0);
    const failed = h.eventMessages('FailedCreate');
    // one attempt per sync (slow start stops at the first failure); the status write brings one more sync
    expect(failed.length).toBeLessThanOrEqual(2);
    expect(failed[0]).toMatch(/^Error creating: pods "web-[a-z0-9]{5}" is forbidden: exceeded quota: q/);
    const cond = h.api.get<ReplicaSet>('apps/replicasets', 'default', 'web').status?.conditions?.[0];
    expect(cond).toMatchObject({ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate' });
    deny = false;
    h.advance(1000);
    expect(h.pods()).toHaveLength(5);
    expect(h.api.get<ReplicaSet>('apps/replicasets', 'default', 'web').status?.conditions).toBeUndefined();
  });
});

describe('ReplicationController', () => {
  test('the same controller keeps an RC\'s replicas with its map selector', () => {
    const h = new Harness();
    h.add(new ReplicaSetController(h.ctx, REPLICATION_CONTROLLER));
    h.create('replicationcontrollers', {
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'nginx' },
      spec: { replicas: 2, selector: { app: 'nginx' }, template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    h.settle();
    expect(h.pods()).toHaveLength(2);
    expect(h.pods()[0].metadata.ownerReferences?.[0]).toMatchObject({ apiVersion: 'v1', kind: 'ReplicationController', name: 'nginx' });
  });
});
