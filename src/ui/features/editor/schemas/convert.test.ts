import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import explain from '../../../../kubectl/explain/schemas.json';
import { customKinds, type ExplainData, manifestSchema, typeSchema } from './convert';

const schema = manifestSchema(explain as unknown as ExplainData);
const ajv = new Ajv({ strict: false, allErrors: true });
const validate = ajv.compile(schema);

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }], resources: { limits: { cpu: '500m', memory: '128Mi' } } }] },
    },
    strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
  },
};

describe('manifestSchema', () => {
  it('accepts a valid Deployment and a Service', () => {
    expect(validate(deployment)).toBe(true);
    expect(validate({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80, targetPort: 'http' }] } })).toBe(true);
  });

  it('rejects a string where the API wants an integer, as the server would', () => {
    const bad = structuredClone(deployment) as { spec: { replicas: unknown } };
    bad.spec.replicas = 'two';
    expect(validate(bad)).toBe(false);
    expect(validate.errors?.some((e) => e.instancePath === '/spec/replicas' && e.keyword === 'type')).toBe(true);
  });

  it('flags an unknown field (kubectl validates strictly) and a missing required one', () => {
    const typo = structuredClone(deployment) as { spec: Record<string, unknown> };
    typo.spec.replica = 2;
    expect(validate(typo)).toBe(false);
    expect(validate.errors?.some((e) => e.keyword === 'additionalProperties' && e.params.additionalProperty === 'replica')).toBe(true);
    const noSelector = structuredClone(deployment) as { spec: Record<string, unknown> };
    delete noSelector.spec.selector;
    expect(validate(noSelector)).toBe(false);
    expect(validate.errors?.some((e) => e.params.missingProperty === 'selector')).toBe(true);
    // A container needs a name.
    const noName = structuredClone(deployment);
    delete (noName.spec.template.spec.containers[0] as { name?: string }).name;
    expect(validate(noName)).toBe(false);
  });

  it('selects the schema by apiVersion and kind', () => {
    // `replicas` is a Deployment field, not a Pod's.
    expect(validate({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { replicas: 1, containers: [{ name: 'a' }] } })).toBe(false);
    expect(validate({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'a' }] } })).toBe(true);
    expect(validate({ kind: 'Pod' })).toBe(false);
  });

  it('offers every built-in kind and no List kinds', () => {
    const kinds = (schema.properties as { kind: { enum: string[] } }).kind.enum;
    for (const k of ['Deployment', 'Service', 'ConfigMap', 'CronJob', 'Ingress', 'HorizontalPodAutoscaler', 'CustomResourceDefinition', 'NetworkPolicy', 'PersistentVolumeClaim']) expect(kinds).toContain(k);
    expect(kinds.some((k) => k.endsWith('List'))).toBe(false);
  });

  it('carries the API descriptions', () => {
    const defs = schema.definitions as Record<string, { properties: Record<string, { description: string }> }>;
    expect(defs['apps.v1.DeploymentSpec'].properties.replicas.description).toMatch(/^Number of desired pods/);
  });

  it('maps explain types', () => {
    expect(typeSchema('[]ref:core/v1.Container')).toEqual({ type: 'array', items: { $ref: '#/definitions/core.v1.Container' } });
    expect(typeSchema('map[string]string')).toEqual({ type: 'object', additionalProperties: { type: 'string' } });
    expect(typeSchema('IntOrString')).toEqual({ type: ['integer', 'string'] });
  });
});

describe('customKinds', () => {
  const crd = (established: boolean) => ({
    spec: {
      group: 'stable.example.com',
      names: { kind: 'CronTab' },
      versions: [{ name: 'v1', served: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { cronSpec: { type: 'string' }, replicas: { type: 'integer' } } } } } } }],
    },
    status: { conditions: [{ type: 'Established', status: established ? 'True' : 'False' }] },
  });

  it('an established CRD joins the schema; its types are checked', () => {
    expect(customKinds([crd(false)])).toEqual([]);
    const s = manifestSchema(explain as unknown as ExplainData, customKinds([crd(true)]));
    const v = new Ajv({ strict: false }).compile(s);
    const ct = { apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'x' }, spec: { cronSpec: '* * * * */5', replicas: 1 } };
    expect(v(ct)).toBe(true);
    expect(v({ ...ct, spec: { replicas: 'one' } })).toBe(false);
    expect((s.properties as { kind: { enum: string[] } }).kind.enum).toContain('CronTab');
  });
});
