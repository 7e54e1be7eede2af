import type { ConfigMap, Namespace } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { controllerHarness } from './harness';
import { NamespaceController } from './namespace';
import { RootCAPublisher, ServiceAccountController } from './serviceaccount';

const ns = (name: string): Namespace => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

describe('namespace lifecycle', () => {
  it('a deleted namespace is Terminating, loses its content, then goes', () => {
    const h = controllerHarness((c) => new NamespaceController(c), (c) => new ServiceAccountController(c), (c) => new RootCAPublisher(c));
    h.api.create('namespaces', '', ns('team'));
    h.settle();
    h.api.create<ConfigMap>('configmaps', 'team', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', finalizers: ['example.com/f'] } });
    h.api.delete('namespaces', '', 'team');
    h.settle();
    expect(h.api.get<Namespace>('namespaces', '', 'team').status?.phase).toBe('Terminating');
    // the controller waits 5 s before it starts deleting content
    h.advance(4_999);
    expect(h.api.find('serviceaccounts', 'team', 'default')).toBeDefined();
    h.advance(1);
    expect(h.api.find('serviceaccounts', 'team', 'default')).toBeUndefined();
    // a finalizer on content holds the namespace until it is released
    h.advance(30_000);
    expect(h.api.find('namespaces', '', 'team')).toBeDefined();
    const held = h.api.get('configmaps', 'team', 'held');
    h.api.update('configmaps', 'team', { ...held, metadata: { ...held.metadata, finalizers: [] } });
    h.advance(5_000);
    expect(h.api.find('namespaces', '', 'team')).toBeUndefined();
  });

  it('a second reconcile of a settled namespace writes nothing', () => {
    const h = controllerHarness((c) => new NamespaceController(c), (c) => new ServiceAccountController(c), (c) => new RootCAPublisher(c));
    h.api.create('namespaces', '', ns('a'));
    h.settle();
    for (const c of h.controllers) expect(h.writesOnResync(c, ['a'])).toBe(false);
  });
});

describe('service accounts and the root CA', () => {
  it('every namespace gets a default ServiceAccount and kube-root-ca.crt, recreated when deleted', () => {
    const h = controllerHarness((c) => new ServiceAccountController(c), (c) => new RootCAPublisher(c));
    h.api.create('namespaces', '', ns('a'));
    h.settle();
    expect(h.api.find('serviceaccounts', 'a', 'default')).toBeDefined();
    const ca = h.api.get<ConfigMap>('configmaps', 'a', 'kube-root-ca.crt');
    expect(ca.data?.['ca.crt']).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n$/);
    h.api.delete('serviceaccounts', 'a', 'default');
    h.api.delete('configmaps', 'a', 'kube-root-ca.crt');
    h.settle();
    expect(h.api.find('serviceaccounts', 'a', 'default')).toBeDefined();
    expect(h.api.get<ConfigMap>('configmaps', 'a', 'kube-root-ca.crt').data).toEqual(ca.data);
  });

  it('a changed CA bundle is put back', () => {
    const h = controllerHarness((c) => new RootCAPublisher(c));
    h.api.create('namespaces', '', ns('a'));
    h.settle();
    const ca = h.api.get<ConfigMap>('configmaps', 'a', 'kube-root-ca.crt');
    h.api.update('configmaps', 'a', { ...ca, data: { 'ca.crt': 'tampered' } });
    h.settle();
    expect(h.api.get<ConfigMap>('configmaps', 'a', 'kube-root-ca.crt').data).toEqual(ca.data);
  });
});
