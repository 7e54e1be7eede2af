import { describe, expect, it } from 'vitest';
import { horizontalPodAutoscalerColumns, podDisruptionBudgetColumns } from './autoscaling';
import { cells, SOON } from './testutil';

// Expected cells from upstream printers_test.go (TestPrintHPA, TestPrintPodDisruptionBudget).
// Quantities are written as the API serializes NewMilliQuantity(100) and friends: "100m".

const hpa = (metrics?: object[], currentMetrics?: object[], minReplicas: number | null = 2) => ({
  metadata: { name: 'some-hpa' },
  spec: {
    scaleTargetRef: { name: 'some-rc', kind: 'ReplicationController' },
    ...(minReplicas != null ? { minReplicas } : {}),
    maxReplicas: 10,
    ...(metrics ? { metrics } : {}),
  },
  status: { currentReplicas: 4, desiredReplicas: 5, ...(currentMetrics ? { currentMetrics } : {}) },
});
const row = (targets: string, min = '2') => [
  'some-hpa',
  'ReplicationController/some-rc',
  targets,
  min,
  '10',
  '4',
  '<unknown>',
];

const selector = { matchLabels: { label: 'value' } };
const external = (target: object) => ({
  type: 'External',
  external: { metric: { name: 'some-external-metric', selector }, target },
});
const externalStatus = (current: object) => ({
  type: 'External',
  external: { metric: { name: 'some-external-metric' }, current },
});
const pods = (target: object) => ({ type: 'Pods', pods: { metric: { name: 'some-pods-metric' }, target } });
const podsStatus = (current: object) => ({ type: 'Pods', pods: { metric: { name: 'some-pods-metric' }, current } });
const object = (target: object) => ({
  type: 'Object',
  object: {
    describedObject: { name: 'some-service', kind: 'Service' },
    metric: { name: 'some-service-metric' },
    target,
  },
});
const objectStatus = (current: object) => ({
  type: 'Object',
  object: {
    describedObject: { name: 'some-service', kind: 'Service' },
    metric: { name: 'some-service-metric' },
    current,
  },
});
const resource = (target: object) => ({ type: 'Resource', resource: { name: 'cpu', target } });
const resourceStatus = (current: object) => ({ type: 'Resource', resource: { name: 'cpu', current } });
const container = (target: object) => ({
  type: 'ContainerResource',
  containerResource: { name: 'cpu', container: 'application', target },
});
const containerStatus = (current: object) => ({
  type: 'ContainerResource',
  containerResource: { name: 'cpu', container: 'application', current },
});
const avgValue = (v: string) => ({ type: 'AverageValue', averageValue: v });
const value = (v: string) => ({ type: 'Value', value: v });
const util = (n: number) => ({ type: 'Utilization', averageUtilization: n });

const cases: [string, object, string[]][] = [
  ['no metrics, min replicas unset', hpa(undefined, undefined, null), row('<none>', '<unset>')],
  ['external average value, no current', hpa([external(avgValue('100m'))]), row('<unknown>/100m (avg)')],
  [
    'external average value',
    hpa([external(avgValue('100m'))], [externalStatus({ averageValue: '50m' })]),
    row('50m/100m (avg)'),
  ],
  ['external value, no current', hpa([external(value('100m'))]), row('<unknown>/100m')],
  ['external value', hpa([external(value('100m'))], [externalStatus({ value: '50m' })]), row('50m/100m')],
  ['pods, no current', hpa([pods(avgValue('100m'))]), row('<unknown>/100m')],
  ['pods', hpa([pods(avgValue('100m'))], [podsStatus({ averageValue: '50m' })]), row('50m/100m')],
  ['object, no current', hpa([object(value('100m'))]), row('<unknown>/100m')],
  ['object', hpa([object(value('100m'))], [objectStatus({ value: '50m' })]), row('50m/100m')],
  ['resource value, no current', hpa([resource(avgValue('100m'))]), row('cpu: <unknown>/100m')],
  [
    'resource value',
    hpa([resource(avgValue('100m'))], [resourceStatus({ averageValue: '50m' })]),
    row('cpu: 50m/100m'),
  ],
  ['resource utilization, no current', hpa([resource(util(80))]), row('cpu: <unknown>/80%')],
  [
    'resource utilization',
    hpa([resource(util(80))], [resourceStatus({ averageUtilization: 50, averageValue: '40m' })]),
    row('cpu: 50%/80%'),
  ],
  ['container resource value, no current', hpa([container(avgValue('100m'))]), row('cpu: <unknown>/100m')],
  [
    'container resource value',
    hpa([container(avgValue('100m'))], [containerStatus({ averageValue: '50m' })]),
    row('cpu: 50m/100m'),
  ],
  ['container resource utilization, no current', hpa([container(util(80))]), row('cpu: <unknown>/80%')],
  [
    'container resource utilization',
    hpa([container(util(80))], [containerStatus({ averageUtilization: 50, averageValue: '40m' })]),
    row('cpu: 50%/80%'),
  ],
  [
    'more than two metrics',
    hpa(
      [
        pods(avgValue('100m')),
        resource(util(80)),
        { type: 'Pods', pods: { metric: { name: 'other-pods-metric' }, target: avgValue('400m') } },
      ],
      [podsStatus({ averageValue: '50m' }), resourceStatus({ averageUtilization: 50, averageValue: '40m' })],
    ),
    row('50m/100m, cpu: 50%/80% + 1 more...'),
  ],
];

describe('horizontal pod autoscaler columns', () => {
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(cells(horizontalPodAutoscalerColumns, obj)).toEqual(expected);
  });
});

describe('pod disruption budget columns', () => {
  it('prints N/A for an unset max unavailable', () => {
    const pdb = {
      metadata: { namespace: 'ns1', name: 'pdb1', creationTimestamp: SOON },
      spec: { minAvailable: 22 },
      status: { disruptionsAllowed: 5 },
    };
    expect(cells(podDisruptionBudgetColumns, pdb)).toEqual(['pdb1', '22', 'N/A', '5', '0s']);
  });
  it('prints N/A for an unset min available', () => {
    const pdb = {
      metadata: { namespace: 'ns2', name: 'pdb2', creationTimestamp: SOON },
      spec: { maxUnavailable: 11 },
      status: { disruptionsAllowed: 5 },
    };
    expect(cells(podDisruptionBudgetColumns, pdb)).toEqual(['pdb2', 'N/A', '11', '5', '0s']);
  });
});
