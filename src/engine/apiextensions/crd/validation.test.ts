import { describe, expect, it } from 'vitest';
import { StatusError } from '../../api/status';
import { apiExtensionsHarness, cronTabCRD } from '../testing';
import { CRD_RESOURCE, type CRD } from '../types';

/** The causes of the Invalid error creating `crd` gets, as `field: detail`. */
function rejection(crd: CRD): string[] {
  const { api } = apiExtensionsHarness();
  try {
    api.create(CRD_RESOURCE, '', crd);
  } catch (e) {
    if (!(e instanceof StatusError)) throw e;
    expect(e.status.reason).toBe('Invalid');
    return (e.status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);
  }
  throw new Error('the CRD was accepted');
}

function edit(change: (crd: CRD) => void): CRD {
  const crd = cronTabCRD();
  change(crd);
  return crd;
}

const spec = (crd: CRD) =>
  crd.spec.versions[0].schema?.openAPIV3Schema?.properties?.spec as NonNullable<CRD['spec']['versions'][0]['schema']>['openAPIV3Schema'] & object;

describe('CustomResourceDefinition validation', () => {
  it('accepts the CronTab CRD of the docs, with the server-owned status', () => {
    const { api } = apiExtensionsHarness();
    const crd = api.create(CRD_RESOURCE, '', cronTabCRD()) as unknown as CRD;
    expect(crd.status).toEqual({
      acceptedNames: { kind: '', plural: '' },
      conditions: null,
      storedVersions: ['v1'],
    });
    expect(crd.spec.names.listKind).toBe('CronTabList');
    expect(crd.spec.conversion).toEqual({ strategy: 'None' });
    expect(crd.metadata?.generation).toBe(1);
  });

  it('requires the name to be <plural>.<group>', () => {
    expect(rejection(edit((c) => (c.metadata = { name: 'crontab.stable.example.com' })))).toEqual([
      'metadata.name: Invalid value: "crontab.stable.example.com": must be spec.names.plural+"."+spec.group',
    ]);
  });

  it('requires a lowercase plural and a group with a dot', () => {
    expect(
      rejection(
        edit((c) => {
          c.spec.names.plural = 'CronTabs';
          c.metadata = { name: 'CronTabs.stable.example.com' };
        }),
      ),
    ).toContain(
      "spec.names.plural: Invalid value: \"CronTabs\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    );
    expect(
      rejection(
        edit((c) => {
          c.spec.group = 'example';
          c.metadata = { name: 'crontabs.example' };
        }),
      ),
    ).toEqual(['spec.group: Invalid value: "example": should be a domain with at least one dot']);
  });

  it('checks scope and the storage version', () => {
    expect(rejection(edit((c) => (c.spec.scope = 'Global')))).toEqual(['spec.scope: Unsupported value: "Global": supported values: "Cluster", "Namespaced"']);
    const causes = rejection(edit((c) => (c.spec.versions[0].storage = false)));
    expect(causes[0]).toMatch(
      /^spec\.versions: Invalid value: \[\]apiextensions\.CustomResourceDefinitionVersion\{.*\}: must have exactly one version marked as storage version$/,
    );
    expect(causes[1]).toBe('status.storedVersions: Invalid value: []string(nil): must have at least one stored version');
  });

  it('requires a type at every level of a structural schema', () => {
    expect(rejection(edit((c) => delete spec(c).properties?.replicas?.type))).toEqual([
      'spec.validation.openAPIV3Schema.properties[spec].properties[replicas].type: Required value: must not be empty for specified object fields',
    ]);
    expect(
      rejection(
        edit((c) => {
          spec(c).properties = {
            ...spec(c).properties,
            tags: { type: 'array' },
          };
        }),
      ),
    ).toEqual(['spec.validation.openAPIV3Schema.properties[spec].properties[tags].items: Required value: must be specified']);
  });

  it('allows untyped fields that preserve unknown fields or are int-or-string', () => {
    const { api } = apiExtensionsHarness();
    const crd = edit((c) => {
      spec(c).properties = {
        ...spec(c).properties,
        config: { 'x-kubernetes-preserve-unknown-fields': true },
        port: { 'x-kubernetes-int-or-string': true },
      };
    });
    expect(() => api.create(CRD_RESOURCE, '', crd)).not.toThrow();
  });

  it('refuses types and defaults inside allOf/anyOf/oneOf/not: they must be structural', () => {
    expect(
      rejection(
        edit((c) => {
          spec(c).properties = {
            ...spec(c).properties,
            size: {
              type: 'string',
              anyOf: [{ type: 'string', description: 'small or big' }],
            },
          };
        }),
      ),
    ).toEqual([
      'spec.validation.openAPIV3Schema.properties[spec].properties[size].anyOf[0].description: Forbidden: must be empty to be structural',
      'spec.validation.openAPIV3Schema.properties[spec].properties[size].anyOf[0].type: Forbidden: must be empty to be structural',
    ]);
  });

  it('refuses metadata constraints other than name and generateName', () => {
    expect(
      rejection(
        edit((c) => {
          const root = c.spec.versions[0].schema?.openAPIV3Schema;
          if (root)
            root.properties = {
              ...root.properties,
              metadata: {
                type: 'object',
                properties: { labels: { type: 'object' } },
              },
            };
        }),
      ),
    ).toEqual([
      'spec.validation.openAPIV3Schema.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified',
    ]);
  });

  it('requires defaults to validate against their schema and to have no unknown fields', () => {
    expect(rejection(edit((c) => ((spec(c).properties as Record<string, { default?: unknown }>).replicas.default = 20)))).toEqual([
      'spec.validation.openAPIV3Schema.properties[spec].properties[replicas].default: Invalid value: 20:  in body should be less than or equal to 10',
    ]);
    expect(rejection(edit((c) => (spec(c).default = { image: 'x', colour: 'red' })))).toEqual([
      'spec.validation.openAPIV3Schema.properties[spec].default: Invalid value: map[string]interface {}{"colour":"red", "image":"x"}: must not have unknown fields',
    ]);
  });

  it('paths per version when versions have different schemas', () => {
    const causes = rejection(
      edit((c) => {
        const v2 = structuredClone(c.spec.versions[0]);
        v2.name = 'v2';
        v2.storage = false;
        const s = v2.schema?.openAPIV3Schema?.properties?.spec?.properties?.replicas;
        if (s) delete s.type;
        c.spec.versions.push(v2);
      }),
    );
    expect(causes).toEqual([
      'spec.versions[1].schema.openAPIV3Schema.properties[spec].properties[replicas].type: Required value: must not be empty for specified object fields',
    ]);
  });

  it('checks printer columns and the scale subresource', () => {
    expect(
      rejection(
        edit((c) => {
          c.spec.versions[0].additionalPrinterColumns = [{ name: 'X', type: 'text', jsonPath: 'spec.x' }];
          c.spec.versions[0].subresources = {
            scale: {
              specReplicasPath: '.status.replicas',
              statusReplicasPath: '.status.replicas',
            },
          };
        }),
      ),
    ).toEqual([
      'spec.subresources.scale.specReplicasPath: Invalid value: ".status.replicas": should be a json path under .spec',
      'spec.additionalPrinterColumns[0].type: Invalid value: "text": must be one of boolean,date,integer,number,string',
      'spec.additionalPrinterColumns[0].JSONPath: Invalid value: "spec.x": must be a simple json path starting with .',
    ]);
  });

  it('needs an approval annotation for groups of the Kubernetes project', () => {
    expect(
      rejection(
        edit((c) => {
          c.spec.group = 'stable.k8s.io';
          c.metadata = { name: 'crontabs.stable.k8s.io' };
        }),
      ),
    ).toEqual([
      'metadata.annotations[api-approved.kubernetes.io]: Required value: protected groups must have approval annotation "api-approved.kubernetes.io", see https://github.com/kubernetes/enhancements/pull/1111',
    ]);
  });

  it('keeps the group and plural, and once established the scope and kind', () => {
    const { api, settle } = apiExtensionsHarness();
    api.create(CRD_RESOURCE, '', cronTabCRD());
    settle();
    const current = api.get<CRD>(CRD_RESOURCE, '', 'crontabs.stable.example.com');
    const next = structuredClone(current) as CRD;
    next.spec.scope = 'Cluster';
    next.spec.names.kind = 'Cron';
    try {
      api.update(CRD_RESOURCE, '', next);
      throw new Error('accepted');
    } catch (e) {
      expect((e as StatusError).message).toBe(
        'CustomResourceDefinition.apiextensions.k8s.io "crontabs.stable.example.com" is invalid: [spec.scope: Invalid value: "Cluster": field is immutable, spec.names.kind: Invalid value: "Cron": field is immutable]',
      );
    }
  });
});
