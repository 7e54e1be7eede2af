import type { Event, Namespace, PersistentVolume, PersistentVolumeClaim, Pod, ResourceQuota } from 'kubernetes-types/core/v1';
import type { ClusterRole } from 'kubernetes-types/rbac/v1';
import { describe, expect, it } from 'vitest';
import type { StatusError } from '../../api/status';
import { canI } from '../../apiserver/authz';
import { Cluster } from '../../sim/cluster';

/** Policy, access and storage on a whole default cluster: scheduler, kubelets and all controllers. */
describe('on a default cluster', () => {
  const cluster = Cluster.create({ seed: 3 });
  const api = cluster.api;
  const admin = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };

  it('has the bootstrap RBAC policy, aggregated', () => {
    const names = api.list<ClusterRole>('rbac.authorization.k8s.io/clusterroles').items.map((r) => r.metadata.name);
    for (const n of ['cluster-admin', 'admin', 'edit', 'view', 'system:node', 'system:controller:persistent-volume-binder', 'kubeadm:get-nodes']) expect(names).toContain(n);
    expect(api.get<ClusterRole>('rbac.authorization.k8s.io/clusterroles', '', 'view').rules?.length).toBeGreaterThan(0);
    expect(canI(api, admin, 'delete', { group: '', plural: 'nodes' })).toBe(true);
    expect(canI(api, { username: 'nobody', groups: ['system:authenticated'] }, 'list', { group: '', plural: 'pods' }, 'default')).toBe(false);
  });

  it('provisions a local-path volume for a pod on the node it runs on, and keeps it while the pod uses it', () => {
    api.create<PersistentVolumeClaim>('persistentvolumeclaims', 'default', {
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    });
    api.create<Pod>('pods', 'default', {
      metadata: { name: 'writer' },
      spec: {
        containers: [{ name: 'w', image: 'busybox', command: ['sleep', '3600'], volumeMounts: [{ name: 'd', mountPath: '/data' }] }],
        volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }],
      },
    });
    const ready = cluster.advanceUntil(() => api.get<Pod>('pods', 'default', 'writer').status?.phase === 'Running', 60_000);
    expect(ready).toBeDefined();
    const claim = api.get<PersistentVolumeClaim>('persistentvolumeclaims', 'default', 'data');
    const node = api.get<Pod>('pods', 'default', 'writer').spec?.nodeName;
    expect(claim.status?.phase).toBe('Bound');
    expect(claim.metadata.annotations?.['volume.kubernetes.io/selected-node']).toBe(node);
    const pv = api.get<PersistentVolume>('persistentvolumes', '', `pvc-${claim.metadata.uid}`);
    expect(pv.spec?.nodeAffinity?.required?.nodeSelectorTerms?.[0].matchExpressions?.[0].values).toEqual([node]);
    const reasons = api
      .list<Event>('events', 'default')
      .items.filter((e) => e.involvedObject.name === 'data')
      .map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(['ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded']));

    api.delete('persistentvolumeclaims', 'default', 'data');
    cluster.advance(1_000);
    expect(api.find('persistentvolumeclaims', 'default', 'data')?.metadata?.deletionTimestamp).toBeDefined();
    api.delete('pods', 'default', 'writer');
    cluster.advance(60_000);
    expect(api.find('persistentvolumeclaims', 'default', 'data')).toBeUndefined();
    expect(api.find('persistentvolumes', '', pv.metadata.name)).toBeUndefined();
  });

  it('enforces Pod Security on a labelled namespace, and quota in another', () => {
    api.create<Namespace>('namespaces', '', { metadata: { name: 'locked', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } } });
    cluster.settle();
    let err: StatusError | undefined;
    try {
      api.create<Pod>('pods', 'locked', { metadata: { name: 'p' }, spec: { hostNetwork: true, containers: [{ name: 'c', image: 'nginx' }] } });
    } catch (e) {
      err = e as StatusError;
    }
    expect(err?.message).toBe('pods "p" is forbidden: violates PodSecurity "baseline:latest": host namespaces (hostNetwork)');

    api.create<Namespace>('namespaces', '', { metadata: { name: 'small' } });
    api.create<ResourceQuota>('resourcequotas', 'small', { metadata: { name: 'q' }, spec: { hard: { pods: '1' } } });
    cluster.settle();
    api.create('apps/deployments', 'small', {
      metadata: { name: 'web' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      },
    });
    cluster.advance(10_000);
    expect(api.list<Pod>('pods', 'small').items).toHaveLength(1);
    expect(api.get<ResourceQuota>('resourcequotas', 'small', 'q').status?.used).toEqual({ pods: '1' });
    const failed = api
      .list<Event>('events', 'small')
      .items.find((e) => e.reason === 'FailedCreate');
    expect(failed?.message).toMatch(/^Error creating: pods "web-[a-z0-9]+-[a-z0-9]{5}" is forbidden: exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1$/);
  });

  it('survives a snapshot: RBAC still answers from the restored objects', () => {
    const restored = Cluster.fromSnapshot(cluster.snapshot());
    expect(canI(restored.api, admin, 'create', { group: 'apps', plural: 'deployments' }, 'default')).toBe(true);
    expect(canI(restored.api, { username: 'nobody', groups: ['system:authenticated'] }, 'create', { group: 'apps', plural: 'deployments' }, 'default')).toBe(false);
  });
});
