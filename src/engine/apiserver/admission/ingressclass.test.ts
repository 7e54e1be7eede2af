import type { Ingress, IngressClass } from 'kubernetes-types/networking/v1';
import { describe, expect, it } from 'vitest';
import { controllerHarness } from '../../controllers/harness';
import { defaultIngressClassAdmission } from './ingressclass';

function setup() {
  const h = controllerHarness();
  h.api.use(defaultIngressClassAdmission);
  h.api.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  const cls = (name: string, isDefault: boolean) =>
    h.api.create<IngressClass>('networking.k8s.io/ingressclasses', '', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name, annotations: isDefault ? { 'ingressclass.kubernetes.io/is-default-class': 'true' } : undefined },
      spec: { controller: 'k8s.io/ingress-nginx' },
    });
  const ing = (name: string, spec: Ingress['spec'] = {}, annotations?: Record<string, string>) =>
    h.api.create<Ingress>('networking.k8s.io/ingresses', 'default', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, annotations }, spec: { defaultBackend: { service: { name: 's', port: { number: 80 } } }, ...spec } });
  return { h, cls, ing };
}

describe('DefaultIngressClass admission', () => {
  it('gives a class-less Ingress the default class, and nothing without one', () => {
    const { h, cls, ing } = setup();
    cls('nginx', false);
    expect(ing('a').spec?.ingressClassName).toBeUndefined();
    cls('default-one', true);
    expect(ing('b').spec?.ingressClassName).toBe('default-one');
    h.advance(1000);
    cls('newer', true);
    expect(ing('c').spec?.ingressClassName).toBe('newer');
  });

  it('leaves Ingresses that name a class, by field or by the legacy annotation', () => {
    const { cls, ing } = setup();
    cls('default-one', true);
    expect(ing('a', { ingressClassName: 'nginx' }).spec?.ingressClassName).toBe('nginx');
    expect(ing('b', {}, { 'kubernetes.io/ingress.class': 'nginx' }).spec?.ingressClassName).toBeUndefined();
  });
});
