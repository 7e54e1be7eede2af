import { describe, expect, it } from 'vitest';
import { eventColumns, eventsV1Columns } from './events';
import { ago, cells, DAY } from './testutil';

// Expected cells from upstream printers_test.go (TestPrintEvent). Columns: LAST SEEN TYPE REASON
// OBJECT [SUBOBJECT SOURCE] MESSAGE [FIRST SEEN COUNT NAME].

const involved = (kind: string, name: string) => ({ kind, name, fieldPath: 'spec.containers{foo}' });
const common = { reason: 'Event Reason', message: 'Message Data' };
const node1 = { component: 'kubelet', host: 'Node1' };
const WIDE_PREFIX = [
  'Warning',
  'Event Reason',
  'deployment/Deployment Name',
  'spec.containers{foo}',
  'kubelet, Node1',
  'Message Data',
];

describe('event columns', () => {
  it('prints the basic columns', () => {
    const ev = {
      ...common,
      metadata: { name: 'event1' },
      source: { component: 'kubelet' },
      involvedObject: involved('Pod', 'Pod Name'),
      firstTimestamp: ago(3 * DAY),
      lastTimestamp: ago(2 * DAY),
      count: 6,
      type: 'Normal',
    };
    expect(cells(eventColumns, ev)).toEqual(['2d', 'Normal', 'Event Reason', 'pod/Pod Name', 'Message Data']);
  });

  const wide: [string, object, string[]][] = [
    [
      'all timestamps',
      { firstTimestamp: ago(3 * DAY), lastTimestamp: ago(2 * DAY), count: 6, metadata: { name: 'event2' } },
      ['2d', ...WIDE_PREFIX, '3d', '6', 'event2'],
    ],
    [
      'no first timestamp: eventTime instead',
      { eventTime: ago(3 * DAY), lastTimestamp: ago(3 * DAY), count: 1, metadata: { name: 'event3' } },
      ['3d', ...WIDE_PREFIX, '3d', '1', 'event3'],
    ],
    [
      'no last timestamp: the first one instead',
      { eventTime: ago(3 * DAY), firstTimestamp: ago(3 * DAY), count: 1, metadata: { name: 'event4' } },
      ['3d', ...WIDE_PREFIX, '3d', '1', 'event4'],
    ],
    [
      'only eventTime',
      { eventTime: ago(3 * DAY), count: 1, metadata: { name: 'event5' } },
      ['3d', ...WIDE_PREFIX, '3d', '1', 'event5'],
    ],
    [
      'a series',
      { series: { count: 2, lastObservedTime: ago(2 * DAY) }, eventTime: ago(3 * DAY), metadata: { name: 'event6' } },
      ['2d', ...WIDE_PREFIX, '3d', '2', 'event6'],
    ],
    [
      'a singleton without count',
      { eventTime: ago(3 * DAY), metadata: { name: 'event7' } },
      ['3d', ...WIDE_PREFIX, '3d', '1', 'event7'],
    ],
  ];
  it.each(wide)('-o wide: %s', (_name, extra, expected) => {
    const ev = {
      ...common,
      source: node1,
      involvedObject: involved('Deployment', 'Deployment Name'),
      type: 'Warning',
      ...extra,
    };
    expect(cells(eventColumns, ev, { wide: true })).toEqual(expected);
  });

  it('-o wide: reporting controller and instance when the source is empty', () => {
    const ev = {
      ...common,
      reportingComponent: 'kubelet',
      reportingInstance: 'test',
      involvedObject: involved('Deployment', 'Deployment Name'),
      firstTimestamp: ago(3 * DAY),
      lastTimestamp: ago(2 * DAY),
      count: 6,
      type: 'Warning',
      metadata: { name: 'event2' },
    };
    expect(cells(eventColumns, ev, { wide: true })).toEqual([
      '2d',
      'Warning',
      'Event Reason',
      'deployment/Deployment Name',
      'spec.containers{foo}',
      'kubelet, test',
      'Message Data',
      '3d',
      '6',
      'event2',
    ]);
  });

  it('prints an events.k8s.io/v1 object through the same columns', () => {
    const ev = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'event6' },
      regarding: involved('Deployment', 'Deployment Name'),
      reason: 'Event Reason',
      note: 'Message Data',
      type: 'Warning',
      eventTime: ago(3 * DAY),
      series: { count: 2, lastObservedTime: ago(2 * DAY) },
      reportingController: 'kubelet',
      reportingInstance: 'Node1',
    };
    expect(cells(eventsV1Columns, ev, { wide: true })).toEqual(['2d', ...WIDE_PREFIX, '3d', '2', 'event6']);
  });
});
