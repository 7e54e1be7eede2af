import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { podStrategy } from './pod';
import { createErrors, created, ctx, updateErrors } from './test-helpers';

// Behaviour of pkg/registry/core/pod/strategy.go and ValidatePodUpdate / ValidatePodCreate.

const pod = (extra: Partial<Pod['spec']> = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default' },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }], ...extra },
});

const UPDATABLE =
  'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

describe('pod create', () => {
  it('starts Pending with its QoS class', () => {
    expect(created('pods', pod()).status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    const g = created('pods', pod({ containers: [{ name: 'c', image: 'i', resources: { limits: { cpu: '1', memory: '1Gi' } } }] }));
    expect(g.status).toEqual({ phase: 'Pending', qosClass: 'Guaranteed' });
  });

  it('ignores a status the client sends, and records scheduling gates', () => {
    const p = { ...pod({ schedulingGates: [{ name: 'example.com/wait' }] }), status: { phase: 'Running', podIP: '10.0.0.1' } } as Pod;
    expect(created('pods', p).status).toEqual({
      phase: 'Pending',
      qosClass: 'BestEffort',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: 'SchedulingGated',
          message: 'Scheduling is blocked due to non-empty scheduling gates',
          lastProbeTime: null,
          lastTransitionTime: ctx.timestamp,
        },
      ],
    });
  });

  it('validates the whole pod', () => {
    expect(createErrors('pods', pod())).toEqual([]);
    expect(createErrors('pods', { ...pod(), metadata: { name: 'Bad_Name', namespace: 'default' } })[0]).toMatch(
      /^metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/,
    );
    expect(createErrors('pods', pod({ containers: [{ name: 'c', image: ' nginx' }] }))).toEqual([
      'spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace',
    ]);
    expect(createErrors('pods', pod({ ephemeralContainers: [{ name: 'debug', image: 'busybox' }] }))).toEqual([
      'spec.ephemeralContainers: Forbidden: cannot be set on create',
    ]);
  });

  it('rejects a projected service account token without a service account', () => {
    const p = pod({ volumes: [{ name: 't', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } }] });
    expect(createErrors('pods', p)).toEqual([
      'spec.volumes[0].projected.sources[0].serviceAccountToken: Forbidden: must not be specified when serviceAccountName is not set',
    ]);
  });
});

describe('pod update', () => {
  const old = created(
    'pods',
    pod({ tolerations: [{ key: 'a', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }], activeDeadlineSeconds: 100 }),
  );
  const edit = (f: (p: Pod) => void) => {
    const p = structuredClone(old);
    f(p);
    return p;
  };

  it.each<[string, (p: Pod) => void]>([
    ['a new image', (p) => Object.assign(p.spec?.containers[0] ?? {}, { image: 'nginx:1.26' })],
    ['a shorter activeDeadlineSeconds', (p) => Object.assign(p.spec ?? {}, { activeDeadlineSeconds: 50 })],
    ['an added toleration', (p) => p.spec?.tolerations?.push({ key: 'b', operator: 'Exists' })],
    ['a changed tolerationSeconds', (p) => Object.assign(p.spec?.tolerations?.[0] ?? {}, { tolerationSeconds: 10 })],
    ['new labels', (p) => Object.assign(p.metadata ?? {}, { labels: { tier: 'web' } })],
  ])('allows %s', (_, f) => {
    expect(updateErrors('pods', old, edit(f))).toEqual([]);
  });

  it('forbids any other spec change, with the real message', () => {
    const errs = updateErrors(
      'pods',
      old,
      edit((p) => Object.assign(p.spec?.containers[0] ?? {}, { command: ['sleep', '1'] })),
    );
    expect(errs).toHaveLength(1);
    expect(errs[0].startsWith(`${UPDATABLE}\n`)).toBe(true);
    expect(errs[0]).toContain('core.PodSpec{');
  });

  it.each<[string, (p: Pod) => void, string]>([
    [
      'adding a container',
      (p) => p.spec?.containers.push({ name: 'b', image: 'busybox' }),
      'spec.containers: Forbidden: pod updates may not add or remove containers',
    ],
    [
      'a longer deadline',
      (p) => Object.assign(p.spec ?? {}, { activeDeadlineSeconds: 200 }),
      'spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value',
    ],
    [
      'dropping the deadline',
      (p) => delete p.spec?.activeDeadlineSeconds,
      'spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value',
    ],
    [
      'changing a toleration',
      (p) => Object.assign(p.spec?.tolerations?.[0] ?? {}, { key: 'z' }),
      'spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds',
    ],
  ])('rejects %s', (_, f, want) => {
    expect(updateErrors('pods', old, edit(f))).toContain(want);
  });
});

describe('pod status and field selectors', () => {
  it('keeps the QoS class and node through status updates', () => {
    const o = created('pods', pod());
    const n = structuredClone(o) as Pod & { status: NonNullable<Pod['status']> };
    n.status.qosClass = 'Guaranteed';
    expect(podStrategy.validateStatusUpdate?.(n, o, ctx).map((e) => `${e.field}: ${e.detail}`)).toEqual([
      'status.qosClass: Invalid value: "Guaranteed": field is immutable',
    ]);
  });

  it('offers the PodToSelectableFields fields', () => {
    const p = created('pods', pod({ nodeName: 'node-1' }));
    expect(podStrategy.fieldValues?.(p)).toEqual({
      'spec.nodeName': 'node-1',
      'spec.restartPolicy': 'Always',
      'spec.schedulerName': 'default-scheduler',
      'spec.serviceAccountName': '',
      'spec.hostNetwork': 'false',
      'status.phase': 'Pending',
      'status.podIP': '',
      'status.nominatedNodeName': '',
    });
    // The API server asks an empty object for the field names: it must not throw.
    expect(Object.keys(podStrategy.fieldValues?.({ metadata: {} } as Pod) ?? {})).toHaveLength(8);
  });
});
