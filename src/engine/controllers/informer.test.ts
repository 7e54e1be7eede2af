import type { ConfigMap } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { controllerHarness } from './harness';

describe('Informer', () => {
  it('follows writes in its cache and indexes, moving index entries only when their values change', () => {
    const { api, ctx } = controllerHarness();
    api.create('namespaces', '', { metadata: { name: 'default' } });
    const cms = ctx.informers.for<ConfigMap>('configmaps');
    cms.addIndex('tier', (cm) => [cm.metadata.labels?.tier ?? '']);
    const seen: string[] = [];
    cms.addHandlers({ add: (o) => seen.push(`add ${o.metadata.name}`), update: (o, old) => seen.push(`update ${o.metadata.name} ${old.data?.v}->${o.data?.v}`), delete: (o) => seen.push(`delete ${o.metadata.name}`) });
    api.create('configmaps', 'default', { metadata: { name: 'a', labels: { tier: 'web' } }, data: { v: '1' } });
    api.create('configmaps', 'default', { metadata: { name: 'b', labels: { tier: 'web' } } });
    expect(cms.countByIndex('tier', 'web')).toBe(2);
    // A data change keeps the index; a label change moves the entry.
    const a = cms.get('default', 'a');
    api.update('configmaps', 'default', { ...a, data: { v: '2' } });
    expect(cms.byIndex('tier', 'web').map((o) => o.metadata.name).sort()).toEqual(['a', 'b']);
    api.update('configmaps', 'default', { ...cms.get('default', 'a'), metadata: { ...cms.get('default', 'a')?.metadata, labels: { tier: 'db' } } });
    expect(cms.byIndex('tier', 'web').map((o) => o.metadata.name)).toEqual(['b']);
    expect(cms.byIndex('tier', 'db').map((o) => o.data?.v)).toEqual(['2']);
    api.delete('configmaps', 'default', 'b');
    expect(cms.countByIndex('tier', 'web')).toBe(0);
    expect(cms.get('default', 'b')).toBeUndefined();
    expect(seen).toEqual(['add a', 'add b', 'update a 1->2', 'update a 2->2', 'delete b']);
  });
});
