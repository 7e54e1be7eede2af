import type { DaemonSet, Deployment, StatefulSet } from 'kubernetes-types/apps/v1';
import { describe, expect, it } from 'vitest';
import type { AnyObject } from '../../api/types';
import { strategyFor } from './index';
import { createErrors, created, ctx, updateErrors } from './test-helpers';

// Defaults: pkg/apis/apps/v1/defaults.go, checked against `kubectl get -o yaml` of a v1.32
// cluster. Messages: pkg/apis/apps/validation/validation.go and kubectl_output.md.

const template = (labels: Record<string, string> = { app: 'web' }) => ({
  metadata: { labels },
  spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
});
const deployment = (spec: Partial<NonNullable<Deployment['spec']>> = {}): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { matchLabels: { app: 'web' } }, template: template(), ...spec },
});

/** What `kubectl get -o yaml` shows under a defaulted template for `image: nginx`. */
const DEFAULTED_TEMPLATE = {
  metadata: { creationTimestamp: null, labels: { app: 'web' } },
  spec: {
    containers: [
      {
        image: 'nginx',
        imagePullPolicy: 'Always',
        name: 'nginx',
        resources: {},
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
      },
    ],
    dnsPolicy: 'ClusterFirst',
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: {},
    terminationGracePeriodSeconds: 30,
  },
};

describe('Deployment', () => {
  it('gets exactly the defaults a real cluster shows', () => {
    const d = created('apps/deployments', deployment());
    expect(d.spec).toEqual({
      progressDeadlineSeconds: 600,
      replicas: 1,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: 'web' } },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
      template: DEFAULTED_TEMPLATE,
    });
    expect(d.status).toEqual({});
    expect(d.metadata?.generation).toBe(1);
  });

  it('leaves rollingUpdate out of a Recreate deployment', () => {
    expect(created('apps/deployments', deployment({ strategy: { type: 'Recreate' } })).spec?.strategy).toEqual({ type: 'Recreate' });
  });

  it('accepts a valid deployment', () => {
    expect(createErrors('apps/deployments', deployment())).toEqual([]);
  });

  it('without a selector: Required, and the template can match nothing', () => {
    expect(createErrors('apps/deployments', deployment({ selector: undefined }))).toEqual([
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`',
    ]);
  });

  it.each<[string, Partial<NonNullable<Deployment['spec']>>, string[]]>([
    [
      'a selector the template does not match',
      { template: template({ app: 'wrong-app-name' }) },
      ['spec.template.metadata.labels: Invalid value: {"app":"wrong-app-name"}: `selector` does not match template `labels`'],
    ],
    ['an empty selector', { selector: {} }, ['spec.selector: Invalid value: {}: empty selector is invalid for deployment']],
    ['negative replicas', { replicas: -1 }, ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']],
    [
      'maxSurge and maxUnavailable both 0',
      { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } },
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0'],
    ],
    [
      'maxUnavailable above 100%',
      { strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '150%' } } },
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "150%": must not be greater than 100%'],
    ],
    [
      'a malformed percentage',
      { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '5x' } } },
      [
        "spec.strategy.rollingUpdate.maxSurge: Invalid value: \"5x\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      ],
    ],
    [
      'Recreate with rollingUpdate',
      { strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } },
      ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"],
    ],
    [
      'pods that do not restart',
      { template: { ...template(), spec: { ...template().spec, restartPolicy: 'Never' } } },
      ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    ],
    [
      'a deadline not above minReadySeconds',
      { minReadySeconds: 600 },
      ['spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds'],
    ],
  ])('rejects %s', (_, spec, want) => {
    expect(createErrors('apps/deployments', deployment(spec))).toEqual(want);
  });

  it('keeps the selector immutable', () => {
    const old = created('apps/deployments', deployment());
    const next = deployment({ selector: { matchLabels: { app: 'another-name' } }, template: template({ app: 'another-name' }) });
    expect(updateErrors('apps/deployments', old, next)).toEqual([
      'spec.selector: Invalid value: {"matchLabels":{"app":"another-name"}}: field is immutable',
    ]);
    expect(updateErrors('apps/deployments', old, deployment({ replicas: 5 }))).toEqual([]);
  });
});

describe('ReplicaSet', () => {
  const rs = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-1', namespace: 'default' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: template() },
  };

  it('defaults replicas and starts with replicas 0 in status', () => {
    const r = created('apps/replicasets', rs);
    expect(r.spec).toMatchObject({ replicas: 1, template: DEFAULTED_TEMPLATE });
    expect(r.status).toEqual({ replicas: 0 });
  });

  it('reports the upstream wording for an empty selector', () => {
    expect(createErrors('apps/replicasets', { ...rs, spec: { ...rs.spec, selector: {} } })).toEqual([
      'spec.selector: Invalid value: {}: empty selector is invalid for deployment',
    ]);
  });

  it('selects on status.replicas', () => {
    expect(strategyFor('apps/replicasets').fieldValues?.({ status: { replicas: 3 } } as AnyObject)).toEqual({ 'status.replicas': '3' });
  });
});

describe('StatefulSet', () => {
  const sts = (spec: Partial<NonNullable<StatefulSet['spec']>> = {}): StatefulSet => ({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: { serviceName: 'web', selector: { matchLabels: { app: 'web' } }, template: template(), ...spec },
  });

  it('gets the v1.32 defaults', () => {
    const s = created('apps/statefulsets', sts());
    expect(s.spec).toMatchObject({
      podManagementPolicy: 'OrderedReady',
      replicas: 1,
      revisionHistoryLimit: 10,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      template: DEFAULTED_TEMPLATE,
    });
    expect(s.status).toEqual({ replicas: 0, availableReplicas: 0 });
  });

  it('prints claim templates as whole claims', () => {
    const s = created(
      'apps/statefulsets',
      sts({
        volumeClaimTemplates: [
          { metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
        ],
      }),
    );
    expect(s.spec?.volumeClaimTemplates?.[0]).toEqual({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'www', creationTimestamp: null },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
      status: { phase: 'Pending' },
    });
  });

  it('needs a DNS label name (pods use it as their hostname)', () => {
    expect(createErrors('apps/statefulsets', { ...sts(), metadata: { name: 'web.v1', namespace: 'default' } })).toEqual([
      'metadata.name: Invalid value: "web.v1": must not contain dots',
    ]);
  });

  it('rejects OnDelete with rollingUpdate and a bad pod management policy', () => {
    expect(createErrors('apps/statefulsets', sts({ podManagementPolicy: 'Random' }))).toEqual([
      "spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'",
    ]);
  });

  it('allows only some spec fields to change', () => {
    const old = created('apps/statefulsets', sts());
    expect(updateErrors('apps/statefulsets', old, sts({ replicas: 3, minReadySeconds: 5 }))).toEqual([]);
    expect(updateErrors('apps/statefulsets', old, sts({ serviceName: 'other' }))).toEqual([
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
  });
});

describe('DaemonSet', () => {
  const ds = (spec: Partial<NonNullable<DaemonSet['spec']>> = {}): DaemonSet => ({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'kube-system' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: template(), ...spec },
  });

  it('defaults a rolling update of one pod at a time', () => {
    const d = created('apps/daemonsets', ds());
    expect(d.spec).toMatchObject({
      revisionHistoryLimit: 10,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
    });
    expect(d.status).toEqual({ currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 });
    expect(createErrors('apps/daemonsets', ds())).toEqual([]);
  });

  it.each<[string, Partial<NonNullable<DaemonSet['spec']>>, string[]]>([
    [
      'maxSurge and maxUnavailable both 0',
      { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } },
      ['spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0'],
    ],
    [
      'both set',
      { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } } },
      ['spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero'],
    ],
  ])('rejects %s', (_, spec, want) => {
    expect(createErrors('apps/daemonsets', ds(spec))).toEqual(want);
  });
});

describe('ControllerRevision', () => {
  it('requires data and keeps it immutable', () => {
    const cr = { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'web-1', namespace: 'default' }, revision: 1 };
    expect(createErrors('apps/controllerrevisions', cr)).toEqual(['data: Required value: data is mandatory']);
    const s = strategyFor('apps/controllerrevisions');
    expect(
      s
        .validateUpdate?.({ ...cr, data: { a: 2 } } as AnyObject, { ...cr, data: { a: 1 } } as AnyObject, ctx)
        .map((e) => `${e.field}: ${e.detail}`),
    ).toEqual(['data: Invalid value: {"a":2}: field is immutable']);
  });
});
