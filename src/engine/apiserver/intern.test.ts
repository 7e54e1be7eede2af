import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Cluster } from '../sim/cluster';
import { PartInterner } from './intern';

describe('PartInterner', () => {
  it('keeps one copy of equal parts and leaves different ones apart', () => {
    const parts = new PartInterner();
    const a = { requests: { cpu: '10m' } };
    expect(parts.intern(a)).toBe(a);
    expect(parts.intern({ requests: { cpu: '10m' } })).toBe(a);
    expect(parts.intern({ requests: { cpu: '20m' } })).not.toBe(a);
    expect(parts.intern('text')).toBe('text');
  });

  it('makes the pods of one Deployment share their tolerations, volumes and conditions in the store', () => {
    const cluster = Cluster.create();
    cluster.api.create('apps/deployments', 'default', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '10m' } } }] } } },
    });
    cluster.advance(60_000);
    const [a, b] = cluster.api.list<Pod>('pods', 'default').items;
    expect(a.status?.phase).toBe('Running');
    expect(a.spec?.tolerations).toBe(b.spec?.tolerations);
    expect(a.spec?.containers[0].resources).toBe(b.spec?.containers[0].resources);
    expect(a.spec?.volumes?.[0].projected).toBe(b.spec?.volumes?.[0].projected);
    expect(a.metadata.ownerReferences).toBe(b.metadata.ownerReferences);
    // What differs stays each pod's own, and shared parts are frozen like the rest of a stored object.
    expect(a.spec?.volumes?.[0].name).not.toBe(b.spec?.volumes?.[0].name);
    expect(Object.isFrozen(a.spec?.tolerations)).toBe(true);
  });
});
