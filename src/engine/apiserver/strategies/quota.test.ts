import type { LimitRange } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { createErrors, created } from './test-helpers';

// ResourceQuota and LimitRange (SetDefaults_LimitRangeItem, ValidateLimitRange).

describe('ResourceQuota', () => {
  const rq = (hard: Record<string, string>, scopes?: string[]) => ({
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: { name: 'q', namespace: 'default' },
    spec: { hard, scopes },
  });

  it('accepts standard and count/ resources', () => {
    expect(createErrors('resourcequotas', rq({ pods: '10', 'requests.cpu': '4', 'count/deployments.apps': '5' }))).toEqual([]);
  });

  it.each<[string, Record<string, string>, string[] | undefined, string[]]>([
    ['a fractional pod count', { pods: '1500m' }, undefined, ['spec.hard[pods]: Invalid value: "1500m": must be an integer']],
    [
      'a negative quantity',
      { 'requests.cpu': '-1' },
      undefined,
      ['spec.hard[requests.cpu]: Invalid value: "-1": must be greater than or equal to 0'],
    ],
    [
      'conflicting scopes',
      { pods: '1' },
      ['BestEffort', 'NotBestEffort'],
      ['spec.scopes: Invalid value: ["BestEffort","NotBestEffort"]: conflicting scopes'],
    ],
  ])('rejects %s', (_, hard, scopes, want) => {
    expect(createErrors('resourcequotas', rq(hard, scopes))).toEqual(want);
  });
});

describe('LimitRange', () => {
  const lr = (limits: NonNullable<LimitRange['spec']>['limits']): LimitRange => ({
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: { name: 'limits', namespace: 'default' },
    spec: { limits },
  });

  it('defaults a container range: default from max, defaultRequest from default', () => {
    const l = created('limitranges', lr([{ type: 'Container', max: { cpu: '2' }, min: { memory: '64Mi' } }]));
    expect(l.spec?.limits[0]).toEqual({
      type: 'Container',
      max: { cpu: '2' },
      min: { memory: '64Mi' },
      default: { cpu: '2' },
      defaultRequest: { cpu: '2', memory: '64Mi' },
    });
  });

  it.each<[string, NonNullable<LimitRange['spec']>['limits'], string[]]>([
    [
      'min above max',
      [{ type: 'Container', min: { cpu: '2' }, max: { cpu: '1' } }],
      [
        'spec.limits[0].min[cpu]: Invalid value: "2": min value 2 is greater than max value 1',
        'spec.limits[0].defaultRequest[cpu]: Invalid value: "1": min value 2 is greater than default request value 1',
        'spec.limits[0].default[cpu]: Invalid value: "2": min value 2 is greater than default value 1',
      ],
    ],
    [
      'a default on a Pod range',
      [{ type: 'Pod', default: { cpu: '1' } }],
      ["spec.limits[0].default: Forbidden: may not be specified when `type` is 'Pod'"],
    ],
    [
      'an unknown type',
      [{ type: 'Node' }],
      ['spec.limits[0].type: Invalid value: "Node": must be a standard limit type or fully qualified'],
    ],
  ])('rejects %s', (_, limits, want) => {
    expect(createErrors('limitranges', lr(limits))).toEqual(want);
  });
});
