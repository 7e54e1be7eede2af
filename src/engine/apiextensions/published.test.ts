import { describe, expect, it } from 'vitest';
import type { CustomResourceStrategy } from './customresource/strategy';
import { printerColumnsFor, printerColumnsForResource, publishedSchema, publishedSchemaForResource } from './published';
import { apiExtensionsHarness, cronTabCRD } from './testing';
import { CRD_RESOURCE, type Schema } from './types';

describe('what others read about custom resources', () => {
  it('printer columns of the served version, and none for built-in resources', () => {
    const h = apiExtensionsHarness();
    h.api.create(CRD_RESOURCE, '', cronTabCRD());
    h.settle();
    expect(printerColumnsFor(cronTabCRD()).map((c) => c.name)).toEqual(['Spec', 'Replicas', 'Age']);
    const rt = h.api.registry.resolve('ct');
    expect(rt && printerColumnsForResource(h.api, rt)?.map((c) => c.jsonPath)).toEqual(['.spec.cronSpec', '.spec.replicas', '.metadata.creationTimestamp']);
    expect(printerColumnsForResource(h.api, h.api.resource('pods'))).toBeUndefined();
  });

  it('the published schema adds apiVersion, kind and an ObjectMeta reference', () => {
    const h = apiExtensionsHarness();
    h.api.create(CRD_RESOURCE, '', cronTabCRD());
    h.settle();
    const rt = h.api.registry.resolve('crontab');
    const s = rt && publishedSchemaForResource(h.api, rt);
    expect(Object.keys(s?.properties ?? {}).sort()).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(s?.properties?.metadata).toMatchObject({ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' });
    expect(s?.properties?.spec?.properties?.replicas).toEqual({ type: 'integer', minimum: 1, maximum: 10, default: 1 });
    const noSchema = cronTabCRD();
    delete noSchema.spec.versions[0].schema;
    expect(publishedSchema(noSchema)).toEqual({ type: 'object' } satisfies Schema);
  });

  it('the strategy names the fields decoding drops, for field validation', () => {
    const h = apiExtensionsHarness();
    h.api.create(CRD_RESOURCE, '', cronTabCRD());
    h.settle();
    const strategy = h.api.customStrategies.get('stable.example.com/crontabs') as CustomResourceStrategy;
    const obj = { apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'a', colour: 'x' }, spec: { image: 'i', colour: 'blue' }, extra: 1 };
    expect(strategy.unknownFields(obj)).toEqual(['extra', 'metadata.colour', 'spec.colour']);
    expect(obj.spec.colour).toBe('blue');
  });
});
