import type { Event, Namespace, Node } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { AnyObject } from '../../api/types';
import { strategyFor } from './index';
import { createErrors, created, ctx, msg, updateErrors } from './test-helpers';

// Namespaces (SetDefaults_Namespace, the namespace strategy), Nodes and core/v1 Events.

describe('Namespace', () => {
  const ns = (name: string, extra: Partial<Namespace> = {}): Namespace => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name },
    ...extra,
  });

  it('labels itself, is Active and carries the kubernetes finalizer', () => {
    const n = created('namespaces', ns('team-a'));
    expect(n.metadata?.labels).toEqual({ 'kubernetes.io/metadata.name': 'team-a' });
    expect(n.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(n.status).toEqual({ phase: 'Active' });
  });

  it('keeps the name label right on update', () => {
    const old = created('namespaces', ns('team-a'));
    const next = ns('team-a', { metadata: { name: 'team-a', labels: { 'kubernetes.io/metadata.name': 'other', env: 'dev' } } });
    const s = strategyFor('namespaces');
    const n = structuredClone(next);
    s.defaults?.(n, ctx);
    expect(n.metadata?.labels).toEqual({ 'kubernetes.io/metadata.name': 'team-a', env: 'dev' });
    expect(updateErrors('namespaces', old, next, false)).toEqual([]);
  });

  it('needs a DNS label name', () => {
    expect(createErrors('namespaces', ns('Team_A'), false)[0]).toMatch(
      /^metadata\.name: Invalid value: "Team_A": a lowercase RFC 1123 label/,
    );
  });

  it('validates status phases', () => {
    const old = created('namespaces', ns('a'));
    const next = structuredClone(old);
    (next.status as { phase: string }).phase = 'Terminating';
    expect(strategyFor('namespaces').validateStatusUpdate?.(next, old, ctx).map(msg)).toEqual([
      'status.Phase: Invalid value: "Terminating": may only be \'Active\' if `deletionTimestamp` is empty',
    ]);
  });

  it('selects on status.phase', () => {
    expect(strategyFor('namespaces').fieldValues?.(created('namespaces', ns('a')))).toEqual({ 'status.phase': 'Active' });
  });
});

describe('Node', () => {
  const node = (extra: Partial<Node> = {}): Node => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, ...extra });

  it('defaults allocatable to capacity', () => {
    const n = created('nodes', node({ status: { capacity: { cpu: '4', memory: '8Gi', pods: '110' } } }));
    expect(n.status?.allocatable).toEqual({ cpu: '4', memory: '8Gi', pods: '110' });
  });

  it('reports taints under metadata.taints, as upstream does', () => {
    expect(createErrors('nodes', node({ spec: { taints: [{ key: 'dedicated', effect: 'NoRun' }] } }), false)).toEqual([
      'metadata.taints[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    ]);
    expect(
      createErrors(
        'nodes',
        node({
          spec: {
            taints: [
              { key: 'a', effect: 'NoSchedule' },
              { key: 'a', value: 'x', effect: 'NoSchedule' },
            ],
          },
        }),
        false,
      ),
    ).toEqual([
      'metadata.taints[1]: Duplicate value: core.Taint{Key:"a", Value:"x", Effect:"NoSchedule", TimeAdded:nil}: taints must be unique by key and effect pair',
    ]);
  });

  it('keeps podCIDRs once set', () => {
    const old = created('nodes', node({ spec: { podCIDRs: ['10.244.1.0/24'] } }));
    expect(updateErrors('nodes', old, node({ spec: { podCIDRs: ['10.244.2.0/24'] } }), false)).toEqual([
      'spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid',
    ]);
  });

  it('selects on spec.unschedulable', () => {
    expect(strategyFor('nodes').fieldValues?.(node({ spec: { unschedulable: true } }))).toEqual({ 'spec.unschedulable': 'true' });
    expect(strategyFor('nodes').fieldValues?.({ metadata: {} } as AnyObject)).toEqual({ 'spec.unschedulable': 'false' });
  });
});

describe('Event', () => {
  const event: Event = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'web.17a', namespace: 'default' },
    involvedObject: { kind: 'Pod', namespace: 'default', name: 'web', uid: 'u', apiVersion: 'v1', fieldPath: 'spec.containers{nginx}' },
    reason: 'Pulled',
    type: 'Normal',
    source: { component: 'kubelet', host: 'node-1' },
  };

  it('requires the involved object in the event namespace', () => {
    expect(createErrors('events', event)).toEqual([]);
    expect(createErrors('events', { ...event, involvedObject: { ...event.involvedObject, namespace: 'other' } })).toEqual([
      'involvedObject.namespace: Invalid value: "other": does not match event.namespace',
    ]);
  });

  it('offers the event field selectors', () => {
    expect(strategyFor('events').fieldValues?.(event)).toEqual({
      'involvedObject.kind': 'Pod',
      'involvedObject.namespace': 'default',
      'involvedObject.name': 'web',
      'involvedObject.uid': 'u',
      'involvedObject.apiVersion': 'v1',
      'involvedObject.resourceVersion': '',
      'involvedObject.fieldPath': 'spec.containers{nginx}',
      reason: 'Pulled',
      reportingComponent: '',
      source: 'kubelet',
      type: 'Normal',
    });
  });
});
