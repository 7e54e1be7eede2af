import { describe, expect, it } from 'vitest';
import { isStatusError, StatusError } from '../../api/status';
import { type AnyObject, clone } from '../../api/types';
import { Cluster } from '../../sim/cluster';
import { findCondition } from '../conditions';
import { apiExtensionsHarness, cronTabCRD } from '../testing';
import { CLEANUP_FINALIZER, CRD_RESOURCE, type CRD } from '../types';

const NAME = 'crontabs.stable.example.com';

function crontab(
  name: string,
  spec: Record<string, unknown> = {
    cronSpec: '* * * * */5',
    image: 'my-awesome-cron-image',
  },
  extra: AnyObject = {},
) {
  return {
    apiVersion: 'stable.example.com/v1',
    kind: 'CronTab',
    metadata: { name, ...(extra.metadata as object) },
    spec,
  };
}

function conditions(crd: CRD) {
  return (crd.status?.conditions ?? []).map((c) => [c.type, c.status, c.reason, c.message]);
}

describe('establishing a CustomResourceDefinition', () => {
  it('accepts its names, establishes it and serves its resource under every name', () => {
    const h = apiExtensionsHarness();
    h.api.create(CRD_RESOURCE, '', cronTabCRD());
    h.settle();
    const crd = h.api.get<CRD>(CRD_RESOURCE, '', NAME);
    expect(crd.status?.acceptedNames).toEqual({
      plural: 'crontabs',
      singular: 'crontab',
      shortNames: ['ct'],
      kind: 'CronTab',
      listKind: 'CronTabList',
    });
    expect(conditions(crd)).toEqual([
      ['NamesAccepted', 'True', 'NoConflicts', 'no conflicts found'],
      ['Established', 'True', 'InitialNamesAccepted', 'the initial names have been accepted'],
    ]);
    for (const word of ['crontabs', 'crontab', 'ct', 'crontabs.stable.example.com', 'CronTab']) {
      expect(h.api.registry.resolve(word)).toMatchObject({
        group: 'stable.example.com',
        version: 'v1',
        kind: 'CronTab',
        plural: 'crontabs',
        namespaced: true,
      });
    }
    expect(h.api.registry.forObject('stable.example.com/v1', 'CronTab')?.plural).toBe('crontabs');
  });

  it('puts the resource in its categories, at its scope', () => {
    const h = apiExtensionsHarness();
    const crd = cronTabCRD();
    crd.spec.names.categories = ['all'];
    crd.spec.scope = 'Cluster';
    h.api.create(CRD_RESOURCE, '', crd);
    h.settle();
    expect(h.api.registry.resolve('ct')).toMatchObject({ categories: ['all'], namespaced: false });
    const obj = h.api.create<AnyObject>('stable.example.com/crontabs', 'default', crontab('a'));
    expect(obj.metadata.namespace).toBeUndefined();
  });

  it('settles: a second reconcile of every controller writes nothing', () => {
    const h = apiExtensionsHarness();
    h.api.create(CRD_RESOURCE, '', cronTabCRD());
    h.settle();
    h.api.create('stable.example.com/crontabs', 'default', crontab('a'));
    h.settle();
    for (const c of h.controllers) expect(h.writesOnResync(c, [NAME, `kube-system/x|default/a`])).toBe(false);
  });

  it('refuses names another CRD of the group already has', () => {
    const h = apiExtensionsHarness();
    h.api.create(CRD_RESOURCE, '', cronTabCRD());
    h.settle();
    const other = cronTabCRD();
    other.metadata = { name: 'crontabsv2.stable.example.com' };
    other.spec.names = {
      plural: 'crontabsv2',
      singular: 'crontabv2',
      kind: 'CronTabV2',
      shortNames: ['ct'],
    };
    h.api.create(CRD_RESOURCE, '', other);
    h.settle();
    const crd = h.api.get<CRD>(CRD_RESOURCE, '', 'crontabsv2.stable.example.com');
    expect(conditions(crd)).toEqual([
      ['NamesAccepted', 'False', 'ShortNamesConflict', '"ct" is already in use'],
      ['Established', 'False', 'NotAccepted', 'not all names are accepted'],
    ]);
    expect(h.api.registry.get('stable.example.com', 'crontabsv2')).toBeUndefined();
  });

  it('is served again after a snapshot restore', () => {
    const cluster = Cluster.create();
    cluster.api.create(CRD_RESOURCE, '', cronTabCRD());
    cluster.settle();
    cluster.api.create('stable.example.com/crontabs', 'default', crontab('a', { cronSpec: '* * * * *' }));
    const restored = Cluster.fromSnapshot(JSON.parse(JSON.stringify(cluster.snapshot())));
    expect(restored.api.registry.resolve('ct')?.kind).toBe('CronTab');
    const obj = restored.api.get<AnyObject>('stable.example.com/crontabs', 'default', 'a');
    expect(obj.spec).toEqual({ cronSpec: '* * * * *', replicas: 1 });
    expect(() => restored.api.create('stable.example.com/crontabs', 'default', crontab('b', { replicas: 50 }))).toThrow(/should be less than or equal to 10/);
  });
});

describe('custom objects', () => {
  function served() {
    const h = apiExtensionsHarness();
    h.api.create(CRD_RESOURCE, '', cronTabCRD());
    h.settle();
    return h;
  }

  it('are pruned and defaulted from the schema', () => {
    const h = served();
    const obj = h.api.create<AnyObject>('stable.example.com/crontabs', 'default', { ...crontab('a', { image: 'x', colour: 'red' }), junk: true });
    expect(obj.spec).toEqual({
      image: 'x',
      cronSpec: '5 0 * * *',
      replicas: 1,
    });
    expect(obj.junk).toBeUndefined();
    expect(obj.metadata.generation).toBe(1);
  });

  it('are refused with the schema messages', () => {
    const h = served();
    try {
      h.api.create('stable.example.com/crontabs', 'default', crontab('bad', { cronSpec: '* * * *', replicas: 15 }));
      throw new Error('accepted');
    } catch (e) {
      expect((e as StatusError).message).toBe(
        `CronTab.stable.example.com "bad" is invalid: [spec.cronSpec: Invalid value: "* * * *": spec.cronSpec in body should match '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$', spec.replicas: Invalid value: 15: spec.replicas in body should be less than or equal to 10]`,
      );
      expect((e as StatusError).status.details).toMatchObject({
        group: 'stable.example.com',
        kind: 'CronTab',
        name: 'bad',
      });
    }
  });

  it('get the usual metadata validation', () => {
    const h = served();
    expect(() => h.api.create('stable.example.com/crontabs', 'default', crontab('Bad_Name'))).toThrow(
      'CronTab.stable.example.com "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')',
    );
  });

  it('bump generation on spec changes', () => {
    const h = served();
    const obj = h.api.create<AnyObject>('stable.example.com/crontabs', 'default', crontab('a'));
    const next = clone(obj);
    next.spec = { ...(obj.spec as object), replicas: 3 };
    expect(h.api.update<AnyObject>('stable.example.com/crontabs', 'default', next).metadata.generation).toBe(2);
    const labelled = clone(h.api.get<AnyObject>('stable.example.com/crontabs', 'default', 'a'));
    labelled.metadata.labels = { a: 'b' };
    expect(h.api.update<AnyObject>('stable.example.com/crontabs', 'default', labelled).metadata.generation).toBe(2);
  });

  it('with a status subresource: create drops status, /status validates only status, scale follows the CRD paths', () => {
    const h = apiExtensionsHarness();
    const crd = cronTabCRD();
    const v = crd.spec.versions[0];
    v.subresources = {
      status: {},
      scale: {
        specReplicasPath: '.spec.replicas',
        statusReplicasPath: '.status.replicas',
        labelSelectorPath: '.status.selector',
      },
    };
    const root = v.schema?.openAPIV3Schema;
    if (root?.properties)
      root.properties.status = {
        type: 'object',
        properties: {
          replicas: { type: 'integer' },
          selector: { type: 'string' },
        },
      };
    h.api.create(CRD_RESOURCE, '', crd);
    h.settle();
    const obj = h.api.create<AnyObject>('stable.example.com/crontabs', 'default', { ...crontab('a'), status: { replicas: 9 } });
    expect(obj.status).toBeUndefined();
    const withStatus = clone(obj);
    withStatus.status = { replicas: 2, selector: 'app=a', extra: 1 };
    expect(h.api.updateStatus<AnyObject>('stable.example.com/crontabs', 'default', withStatus).status).toEqual({ replicas: 2, selector: 'app=a' });
    const bad = clone(h.api.get<AnyObject>('stable.example.com/crontabs', 'default', 'a'));
    bad.status = { replicas: 'two' };
    expect(() => h.api.updateStatus('stable.example.com/crontabs', 'default', bad)).toThrow(
      'CronTab.stable.example.com "a" is invalid: [status.replicas: Invalid value: "string": replicas in body must be of type integer: "string", .status.replicas: Invalid value: 0: .status.replicas accessor error: two is of the type string, expected int64]',
    );
    expect(h.api.getScale('stable.example.com/crontabs', 'default', 'a')).toMatchObject({
      spec: { replicas: 1 },
      status: { replicas: 2, selector: 'app=a' },
    });
    h.api.updateScale('stable.example.com/crontabs', 'default', 'a', 4);
    const scaled = h.api.get<AnyObject>('stable.example.com/crontabs', 'default', 'a');
    expect(scaled.spec).toMatchObject({ replicas: 4 });
    expect(scaled.metadata.generation).toBe(2);
  });

  it('answer a strategic merge patch with 415, as the real server does', () => {
    const h = served();
    h.api.create('stable.example.com/crontabs', 'default', crontab('a'));
    expect(() =>
      h.api.patch('stable.example.com/crontabs', 'default', 'a', 'strategic', {
        spec: { replicas: 2 },
      }),
    ).toThrow(StatusError);
    const merged = h.api.patch<AnyObject>('stable.example.com/crontabs', 'default', 'a', 'merge', { spec: { replicas: 2 } });
    expect(merged.spec).toMatchObject({ replicas: 2 });
  });
});

describe('deleting a CustomResourceDefinition', () => {
  function withObjects() {
    const h = apiExtensionsHarness();
    h.api.create(CRD_RESOURCE, '', cronTabCRD());
    h.settle();
    h.api.create('stable.example.com/crontabs', 'default', crontab('a'));
    h.api.create('stable.example.com/crontabs', 'kube-system', crontab('b'));
    return h;
  }

  it('deletes its objects, then leaves discovery and goes', () => {
    const h = withObjects();
    const result = h.api.delete(CRD_RESOURCE, '', NAME);
    expect(result.deleted).toBe(false);
    expect(result.object.metadata.finalizers).toEqual([CLEANUP_FINALIZER]);
    expect(findCondition(result.object as CRD, 'Terminating')).toMatchObject({
      status: 'True',
      reason: 'InstanceDeletionPending',
    });
    h.settle();
    expect(h.api.find(CRD_RESOURCE, '', NAME)).toBeUndefined();
    expect(h.api.store.count('stable.example.com/crontabs')).toBe(0);
    expect(h.api.registry.resolve('ct')).toBeUndefined();
  });

  it('stays Terminating while an object has a finalizer of its own, and refuses new objects meanwhile', () => {
    const h = withObjects();
    h.api.create(
      'stable.example.com/crontabs',
      'default',
      crontab('held', undefined, {
        metadata: { finalizers: ['example.com/hold'] },
      }),
    );
    h.api.delete(CRD_RESOURCE, '', NAME);
    h.advance(60_000);
    const crd = h.api.get<CRD>(CRD_RESOURCE, '', NAME);
    expect(findCondition(crd, 'Terminating')).toMatchObject({
      status: 'True',
      reason: 'InstanceDeletionInProgress',
      message: 'CustomResource deletion is in progress',
    });
    expect(h.api.store.list('stable.example.com/crontabs').map((o) => o.metadata.name)).toEqual(['held']);
    expect(h.api.registry.resolve('crontabs')).toBeDefined();
    try {
      h.api.create('stable.example.com/crontabs', 'default', crontab('late'));
      throw new Error('accepted');
    } catch (e) {
      expect(isStatusError(e, 'MethodNotAllowed')).toBe(true);
      expect((e as StatusError).message).toBe('create not allowed while custom resource definition is terminating');
    }
    const held = clone(h.api.get<AnyObject>('stable.example.com/crontabs', 'default', 'held'));
    held.metadata.finalizers = [];
    h.api.update('stable.example.com/crontabs', 'default', held);
    h.advance(5_000);
    expect(h.api.find(CRD_RESOURCE, '', NAME)).toBeUndefined();
    expect(h.api.registry.resolve('crontabs')).toBeUndefined();
  });

  it('ends with InstanceDeletionCompleted just before it goes', () => {
    const h = withObjects();
    const seen: string[] = [];
    h.api.store.watch(CRD_RESOURCE, (e) => {
      const c = findCondition(e.object as CRD, 'Terminating');
      if (c) seen.push(`${e.type} ${c.status} ${c.reason}`);
    });
    h.api.delete(CRD_RESOURCE, '', NAME);
    h.settle();
    expect(seen).toEqual([
      'MODIFIED True InstanceDeletionPending',
      'MODIFIED True InstanceDeletionInProgress',
      'MODIFIED False InstanceDeletionCompleted',
      'DELETED False InstanceDeletionCompleted',
    ]);
  });

  it('when it vanishes without its cleanup (finalizer removed by hand), its objects still go', () => {
    const h = withObjects();
    h.api.delete(CRD_RESOURCE, '', NAME);
    const crd = clone(h.api.get<CRD>(CRD_RESOURCE, '', NAME));
    if (crd.metadata) crd.metadata.finalizers = [];
    h.api.update(CRD_RESOURCE, '', crd);
    expect(h.api.find(CRD_RESOURCE, '', NAME)).toBeUndefined();
    h.settle();
    expect(h.api.store.count('stable.example.com/crontabs')).toBe(0);
    expect(h.api.registry.resolve('ct')).toBeUndefined();
  });
});
