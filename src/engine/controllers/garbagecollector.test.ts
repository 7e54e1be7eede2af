import type { ConfigMap, Namespace } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { Stored } from '../api/types';
import { GarbageCollector } from './garbagecollector';
import { controllerHarness } from './harness';

function setup() {
  const h = controllerHarness((c) => new GarbageCollector(c));
  h.api.create<Namespace>('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  const owner = h.api.create<ConfigMap>('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner' } });
  const child = (name: string, block = true) =>
    h.api.create<ConfigMap>('configmaps', 'default', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid, controller: true, blockOwnerDeletion: block }] },
    });
  return { h, owner, child };
}

const names = (h: ReturnType<typeof setup>['h']) => h.api.list('configmaps', 'default').items.map((o) => o.metadata.name);

describe('garbage collector', () => {
  it('background deletion: dependents go after their owner', () => {
    const { h, child } = setup();
    child('a');
    child('b');
    h.settle();
    h.api.delete('configmaps', 'default', 'owner', { propagationPolicy: 'Background' });
    h.settle();
    expect(names(h)).toEqual([]);
  });

  it('follows owner references set and dropped by updates; writes that keep them change nothing', () => {
    const { h, owner } = setup();
    const loose = h.api.create<ConfigMap>('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'loose' }, data: { v: '1' } });
    h.settle();
    // Adopted by an update: deleting the owner now takes it along.
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid, controller: true };
    const adopted = h.api.update<ConfigMap>('configmaps', 'default', { ...loose, metadata: { ...loose.metadata, ownerReferences: [ref] } });
    // A write that keeps the owners (a data change) is no news to the collector.
    const before = h.api.store.resourceVersion();
    h.api.update<ConfigMap>('configmaps', 'default', { ...adopted, data: { v: '2' } });
    h.settle();
    expect(h.api.store.resourceVersion()).toBe(before + 1);
    // Released by an update: deleting the owner leaves it.
    const kept = h.api.create<ConfigMap>('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kept', ownerReferences: [ref] } });
    h.settle();
    h.api.update<ConfigMap>('configmaps', 'default', { ...kept, metadata: { ...kept.metadata, ownerReferences: undefined } });
    h.api.delete('configmaps', 'default', 'owner', { propagationPolicy: 'Background' });
    h.settle();
    expect(names(h)).toEqual(['kept']);
  });

  it('orphan deletion: dependents stay, without the owner reference', () => {
    const { h, child } = setup();
    child('a');
    h.settle();
    h.api.delete('configmaps', 'default', 'owner', { propagationPolicy: 'Orphan' });
    h.settle();
    expect(names(h)).toEqual(['a']);
    expect(h.api.get('configmaps', 'default', 'a').metadata.ownerReferences).toBeUndefined();
  });

  it('foreground deletion: the owner waits (with foregroundDeletion) until blocking dependents are gone', () => {
    const { h, child } = setup();
    const a = child('a');
    h.api.update('configmaps', 'default', { ...a, metadata: { ...a.metadata, finalizers: ['example.com/slow'] } });
    h.settle();
    h.api.delete('configmaps', 'default', 'owner', { propagationPolicy: 'Foreground' });
    h.settle();
    const owner = h.api.get('configmaps', 'default', 'owner');
    expect(owner.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(h.api.get('configmaps', 'default', 'a').metadata.deletionTimestamp).toBeDefined();
    const live = h.api.get('configmaps', 'default', 'a');
    h.api.update('configmaps', 'default', { ...live, metadata: { ...live.metadata, finalizers: [] } });
    h.settle();
    expect(names(h)).toEqual([]);
  });

  it('a dependent created with an owner that does not exist is collected', () => {
    const { h } = setup();
    h.api.create<ConfigMap>('configmaps', 'default', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'stray', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: 'no-such-uid' }] },
    });
    h.settle();
    expect(names(h)).toEqual(['owner']);
  });

  it('a second reconcile of settled objects writes nothing', () => {
    const { h, child } = setup();
    const kept: Stored<ConfigMap>[] = [child('a'), child('b', false)];
    h.settle();
    const gc = h.controllers[0];
    expect(h.writesOnResync(gc, kept.map((o) => `item:${o.metadata.uid}`))).toBe(false);
  });
});
