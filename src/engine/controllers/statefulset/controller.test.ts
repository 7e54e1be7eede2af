import type { ControllerRevision, StatefulSet } from 'kubernetes-types/apps/v1';
import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import { beforeEach, describe, expect, test } from 'vitest';
import { Harness } from '../controllerutil/testing';
import { StatefulSetController } from './controller';

function sts(replicas: number, extra: Partial<NonNullable<StatefulSet['spec']>> = {}, image = 'registry.k8s.io/nginx-slim:0.21'): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web' },
    spec: {
      serviceName: 'nginx',
      replicas,
      selector: { matchLabels: { app: 'nginx' } },
      template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image }] } },
      ...extra,
    },
  };
}

describe('StatefulSet controller', () => {
  let h: Harness;
  let c: StatefulSetController;
  const names = () => h.pods().filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.name).sort();
  const get = () => h.api.get<StatefulSet>('apps/statefulsets', 'default', 'web');
  beforeEach(() => {
    h = new Harness();
    c = h.add(new StatefulSetController(h.ctx));
  });

  test('OrderedReady: web-1 is created only once web-0 is Running and Ready', () => {
    h.create('apps/statefulsets', sts(3));
    h.settle();
    expect(names()).toEqual(['web-0']);
    const p0 = h.pods()[0];
    expect(p0.metadata.labels).toMatchObject({
      app: 'nginx',
      'statefulset.kubernetes.io/pod-name': 'web-0',
      'apps.kubernetes.io/pod-index': '0',
    });
    expect(p0.metadata.labels?.['controller-revision-hash']).toMatch(/^web-[a-z0-9]+$/);
    expect(p0.spec?.hostname).toBe('web-0');
    expect(p0.spec?.subdomain).toBe('nginx');
    h.run(p0, { ready: false });
    h.settle();
    expect(names()).toEqual(['web-0']);
    h.run(p0);
    h.settle();
    expect(names()).toEqual(['web-0', 'web-1']);
    h.converge();
    expect(names()).toEqual(['web-0', 'web-1', 'web-2']);
    expect(h.eventMessages('SuccessfulCreate')).toEqual([
      'create Pod web-0 in StatefulSet web successful',
      'create Pod web-1 in StatefulSet web successful',
      'create Pod web-2 in StatefulSet web successful',
    ]);
    const rev = h.list<ControllerRevision>('apps/controllerrevisions')[0];
    expect(get().status).toEqual({
      replicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
      currentRevision: rev.metadata.name,
      updateRevision: rev.metadata.name,
      collisionCount: 0,
      observedGeneration: 1,
    });
    const rv = h.rv();
    c.reconcile('default/web');
    h.settle();
    expect(h.rv()).toBe(rv);
  });

  test('Parallel creates all pods at once; scale-down removes the highest ordinals first', () => {
    h.create('apps/statefulsets', sts(3, { podManagementPolicy: 'Parallel' }));
    h.settle();
    expect(names()).toEqual(['web-0', 'web-1', 'web-2']);
    h.converge();
    const s = get();
    h.api.update('apps/statefulsets', 'default', { ...s, spec: { ...s.spec, replicas: 1 } } as StatefulSet);
    h.settle();
    expect(h.eventMessages('SuccessfulDelete').sort()).toEqual([
      'delete Pod web-1 in StatefulSet web successful',
      'delete Pod web-2 in StatefulSet web successful',
    ]);
  });

  test('OrderedReady scale-down deletes one pod at a time, highest first', () => {
    h.create('apps/statefulsets', sts(3));
    h.converge();
    const s = get();
    h.api.update('apps/statefulsets', 'default', { ...s, spec: { ...s.spec, replicas: 1 } } as StatefulSet);
    h.settle();
    expect(h.eventMessages('SuccessfulDelete')).toEqual(['delete Pod web-2 in StatefulSet web successful']);
    h.converge();
    expect(names()).toEqual(['web-0']);
  });

  test('volumeClaimTemplates make one claim per pod, <claim>-<set>-<ordinal>', () => {
    h.create('apps/statefulsets', sts(2, {
      volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    }));
    h.converge();
    const claims = h.list<PersistentVolumeClaim>('persistentvolumeclaims').map((c) => c.metadata.name);
    expect(claims).toEqual(['www-web-0', 'www-web-1']);
    const pod = h.pods().find((p) => p.metadata.name === 'web-1');
    expect(pod?.spec?.volumes?.find((v) => v.name === 'www')?.persistentVolumeClaim?.claimName).toBe('www-web-1');
    expect(h.eventMessages('SuccessfulCreate')).toContain('create Claim www-web-0 Pod web-0 in StatefulSet web success');
  });

  test('RollingUpdate goes from the highest ordinal down and stops at the partition', () => {
    h.create('apps/statefulsets', sts(3, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } }));
    h.converge();
    const s = get();
    const spec = structuredClone(s.spec) as NonNullable<StatefulSet['spec']>;
    (spec.template.spec as { containers: { image: string }[] }).containers[0].image = 'nginx:2';
    h.api.update('apps/statefulsets', 'default', { ...s, spec });
    h.settle();
    expect(h.eventMessages('SuccessfulDelete')).toEqual(['delete Pod web-2 in StatefulSet web successful']);
    h.converge();
    const images = Object.fromEntries(h.pods().map((p) => [p.metadata.name, p.spec?.containers[0].image]));
    expect(images).toEqual({ 'web-0': 'registry.k8s.io/nginx-slim:0.21', 'web-1': 'nginx:2', 'web-2': 'nginx:2' });
    const st = get().status;
    expect(st?.currentRevision).not.toBe(st?.updateRevision);
    expect(st).toMatchObject({ updatedReplicas: 2, currentReplicas: 1 });
  });
});
