import { describe, expect, it } from 'vitest';
import type { AnyObject } from '../../api/types';
import { strategyFor } from './index';
import { createErrors, created } from './test-helpers';

// SetDefaults_ReplicationController and ValidateReplicationController; PodTemplates.

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } };

describe('ReplicationController', () => {
  const rc = (spec: Record<string, unknown> = {}) => ({
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: { name: 'web', namespace: 'default' },
    spec: { template, ...spec },
  });

  it('takes its selector and labels from the template', () => {
    const r = created('replicationcontrollers', rc());
    expect(r.spec).toMatchObject({ replicas: 1, selector: { app: 'web' } });
    expect(r.metadata?.labels).toEqual({ app: 'web' });
    expect(r.status).toEqual({ replicas: 0 });
    expect(createErrors('replicationcontrollers', rc())).toEqual([]);
  });

  it('requires a template and pods that restart', () => {
    expect(createErrors('replicationcontrollers', rc({ template: undefined, selector: { app: 'web' } }))).toEqual([
      'spec.template: Required value',
    ]);
    expect(
      createErrors('replicationcontrollers', rc({ template: { ...template, spec: { ...template.spec, restartPolicy: 'OnFailure' } } })),
    ).toEqual(['spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"']);
  });

  it('selects on status.replicas', () => {
    expect(strategyFor('replicationcontrollers').fieldValues?.({ status: { replicas: 2 } } as AnyObject)).toEqual({
      'status.replicas': '2',
    });
  });
});

describe('PodTemplate', () => {
  it('defaults and validates its template at `template`', () => {
    const pt = {
      apiVersion: 'v1',
      kind: 'PodTemplate',
      metadata: { name: 't', namespace: 'default' },
      template: { spec: { containers: [] } },
    };
    expect(createErrors('podtemplates', pt)).toEqual(['template.spec.containers: Required value']);
    expect(created('podtemplates', { ...pt, template }).template).toMatchObject({ spec: { dnsPolicy: 'ClusterFirst' } });
  });
});
