import type { ConfigMap, Namespace, Pod } from 'kubernetes-types/core/v1';
import type { Deployment } from 'kubernetes-types/apps/v1';
import { describe, expect, it } from 'vitest';
import { isStatusError, type StatusError } from '../api/status';
import { Clock } from '../sim/clock';
import { Random } from '../sim/random';
import { ApiServer } from './apiserver';
import { ResourceRegistry } from './registry';
import { ObjectStore } from './store';

function api(): ApiServer {
  const a = new ApiServer(new ResourceRegistry(), new ObjectStore(), new Clock(Date.UTC(2025, 0, 6, 9)), new Random(1));
  a.create<Namespace>('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  return a;
}

function caught(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (e) {
    if (isStatusError(e)) return e;
    throw e;
  }
  throw new Error('expected an API error');
}

const cm = (name: string, data: Record<string, string> = {}): ConfigMap => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });

describe('ApiServer', () => {
  it('create fills server metadata: uid, resourceVersion, creationTimestamp, namespace', () => {
    const a = api();
    const o = a.create('configmaps', 'default', cm('x'));
    expect(o.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(o.metadata.namespace).toBe('default');
    expect(o.metadata.creationTimestamp).toBe('2025-01-06T09:00:00Z');
    expect(Number(o.metadata.resourceVersion)).toBeGreaterThan(0);
  });

  it('answers NotFound and AlreadyExists with the real messages', () => {
    const a = api();
    expect(caught(() => a.get('pods', 'default', 'nope')).status).toMatchObject({ reason: 'NotFound', code: 404, message: 'pods "nope" not found' });
    a.create('configmaps', 'default', cm('x'));
    expect(caught(() => a.create('configmaps', 'default', cm('x'))).status).toMatchObject({ reason: 'AlreadyExists', code: 409, message: 'configmaps "x" already exists' });
    expect(caught(() => a.get('apps/deployments', 'default', 'web')).message).toBe('deployments.apps "web" not found');
  });

  it('rejects a stale resourceVersion with a Conflict', () => {
    const a = api();
    const v1 = a.create('configmaps', 'default', cm('x'));
    a.update('configmaps', 'default', { ...v1, data: { a: '1' } });
    const e = caught(() => a.update('configmaps', 'default', { ...v1, data: { a: '2' } }));
    expect(e.status).toMatchObject({ reason: 'Conflict', code: 409 });
    expect(e.message).toBe('Operation cannot be fulfilled on configmaps "x": the object has been modified; please apply your changes to the latest version and try again');
  });

  it('a no-op update stores nothing and keeps the resourceVersion', () => {
    const a = api();
    const v1 = a.create('configmaps', 'default', cm('x', { a: '1' }));
    const rv = a.store.resourceVersion();
    const same = a.update('configmaps', 'default', { ...v1 });
    expect(same.metadata.resourceVersion).toBe(v1.metadata.resourceVersion);
    expect(a.store.resourceVersion()).toBe(rv);
  });

  it('bumps generation on spec changes only, and status updates keep the spec', () => {
    const a = api();
    const d: Deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    };
    const v1 = a.create<Deployment>('apps/deployments', 'default', d);
    expect(v1.metadata.generation).toBe(1);
    const labelled = a.update<Deployment>('apps/deployments', 'default', { ...v1, metadata: { ...v1.metadata, labels: { x: 'y' } } });
    expect(labelled.metadata.generation).toBe(1);
    const scaled = a.update<Deployment>('apps/deployments', 'default', { ...labelled, spec: { ...(labelled.spec as NonNullable<Deployment['spec']>), replicas: 5 } });
    expect(scaled.metadata.generation).toBe(2);
    const withStatus = a.updateStatus<Deployment>('apps/deployments', 'default', { ...scaled, spec: { ...(scaled.spec as NonNullable<Deployment['spec']>), replicas: 1 }, status: { replicas: 5 } });
    expect(withStatus.spec?.replicas).toBe(5);
    expect(withStatus.status?.replicas).toBe(5);
    expect(withStatus.metadata.generation).toBe(2);
    // …and a main-resource update cannot change status
    const ignored = a.update<Deployment>('apps/deployments', 'default', { ...withStatus, status: { replicas: 9 } });
    expect(ignored.status?.replicas).toBe(5);
  });

  it('validation errors become Invalid with field paths', () => {
    const a = api();
    const e = caught(() => a.create('configmaps', 'default', cm('Bad_Name')));
    expect(e.status.reason).toBe('Invalid');
    expect(e.status.details?.causes?.[0]).toMatchObject({ field: 'metadata.name' });
    expect(e.message).toContain('ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of');
  });

  it('namespaces must exist for namespaced objects', () => {
    const a = api();
    expect(caught(() => a.create('configmaps', 'nowhere', cm('x'))).message).toBe('namespaces "nowhere" not found');
  });

  it('finalizers hold an object in deletion until they are removed', () => {
    const a = api();
    a.create('configmaps', 'default', { ...cm('x'), metadata: { name: 'x', finalizers: ['example.com/f'] } });
    const r = a.delete('configmaps', 'default', 'x');
    expect(r.deleted).toBe(false);
    expect(r.object.metadata.deletionTimestamp).toBe('2025-01-06T09:00:00Z');
    const live = a.get('configmaps', 'default', 'x');
    expect(caught(() => a.update('configmaps', 'default', { ...live, metadata: { ...live.metadata, finalizers: ['example.com/f', 'example.com/g'] } })).message).toContain('no new finalizers can be added');
    a.update('configmaps', 'default', { ...live, metadata: { ...live.metadata, finalizers: [] } });
    expect(a.find('configmaps', 'default', 'x')).toBeUndefined();
  });

  it('a bound pod is deleted gracefully; an unbound one at once', () => {
    const a = api();
    const pod = (name: string): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    a.create('pods', 'default', pod('free'));
    expect(a.delete('pods', 'default', 'free').deleted).toBe(true);
    a.create('pods', 'default', pod('bound'));
    a.bind('default', 'bound', 'worker-1');
    const r = a.delete('pods', 'default', 'bound');
    expect(r.deleted).toBe(false);
    expect(r.object.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(a.delete('pods', 'default', 'bound', { gracePeriodSeconds: 0 }).deleted).toBe(true);
  });

  it('binding sets the node and the PodScheduled condition, once', () => {
    const a = api();
    a.create('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    const bound = a.bind('default', 'p', 'worker-2');
    expect(bound.spec?.nodeName).toBe('worker-2');
    expect(bound.status?.conditions?.find((c) => c.type === 'PodScheduled')?.status).toBe('True');
    expect(caught(() => a.bind('default', 'p', 'worker-3')).message).toContain('pod p is already assigned to node "worker-2"');
  });

  it('merge and strategic patches change only what they say', () => {
    const a = api();
    a.create('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { a: '1' } }, spec: { containers: [{ name: 'c', image: 'nginx' }, { name: 'd', image: 'redis' }] } });
    a.patch('pods', 'default', 'p', 'merge', { metadata: { labels: { b: '2' } } });
    const p = a.patch<Pod>('pods', 'default', 'p', 'strategic', { spec: { containers: [{ name: 'd', image: 'redis:7' }] } });
    expect(p.metadata.labels).toEqual({ a: '1', b: '2' });
    expect(p.spec?.containers.map((c) => c.image)).toEqual(['nginx', 'redis:7']);
  });

  it('label and field selectors filter lists; unknown fields are refused', () => {
    const a = api();
    a.create('configmaps', 'default', { ...cm('a'), metadata: { name: 'a', labels: { tier: 'web' } } });
    a.create('configmaps', 'default', { ...cm('b'), metadata: { name: 'b', labels: { tier: 'db' } } });
    expect(a.list('configmaps', 'default', { labelSelector: 'tier!=db' }).items.map((o) => o.metadata.name)).toEqual(['a']);
    expect(a.list('configmaps', 'default', { fieldSelector: 'metadata.name=b' }).items.map((o) => o.metadata.name)).toEqual(['b']);
    expect(caught(() => a.list('configmaps', 'default', { fieldSelector: 'spec.nope=1' })).message).toBe('field label not supported: spec.nope');
  });

  it('watch replays from a resourceVersion', () => {
    const a = api();
    const start = String(a.store.resourceVersion());
    a.create('configmaps', 'default', cm('x'));
    const seen: string[] = [];
    a.watch('configmaps', 'default', { resourceVersion: start }, (e) => seen.push(`${e.type} ${e.object.metadata.name}`));
    a.delete('configmaps', 'default', 'x');
    expect(seen).toEqual(['ADDED x', 'DELETED x']);
  });
});
