import { describe, expect, it } from 'vitest';
import { podColumns } from './pods';
import { ago, cells, DAY, MIN, SEC } from './testutil';

// Cases and expected cells from upstream pkg/printers/internalversion/printers_test.go
// (TestPrintPod, TestPrintPodWithRestartableInitContainer, TestPrintPodwide), with Go's
// time.Now()-relative timestamps expressed against a fixed NOW.

const containers = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `c${i}`, image: 'img' }));
const deleted = { deletionTimestamp: ago(10 * SEC) };
const running = { running: {} };
const finished = (ms: number) => ({ terminated: { finishedAt: ago(ms) } });

const podCases: [string, object, string[]][] = [
  [
    'name, containers, restarts, ready',
    {
      metadata: { name: 'test1' },
      spec: { containers: containers(2) },
      status: {
        phase: 'podPhase',
        containerStatuses: [{ ready: true, restartCount: 3, state: running }, { restartCount: 3 }],
      },
    },
    ['test1', '1/2', 'podPhase', '6', '<unknown>'],
  ],
  [
    'container waiting reason overrides phase',
    {
      metadata: { name: 'test2' },
      spec: { containers: containers(2) },
      status: {
        phase: 'podPhase',
        containerStatuses: [
          { ready: true, restartCount: 3, state: running },
          { state: { waiting: { reason: 'ContainerWaitingReason' } }, restartCount: 3 },
        ],
      },
    },
    ['test2', '1/2', 'ContainerWaitingReason', '6', '<unknown>'],
  ],
  [
    'the first container overwrites the rest',
    {
      metadata: { name: 'test3' },
      spec: { containers: containers(2) },
      status: {
        phase: 'podPhase',
        containerStatuses: [
          { state: { waiting: { reason: 'ContainerWaitingReason' } }, restartCount: 3 },
          { state: { terminated: { reason: 'ContainerTerminatedReason' } }, restartCount: 3 },
        ],
      },
    },
    ['test3', '0/2', 'ContainerWaitingReason', '6', '<unknown>'],
  ],
  [
    'ready is not enough for running',
    {
      metadata: { name: 'test4' },
      spec: { containers: containers(2) },
      status: {
        phase: 'podPhase',
        containerStatuses: [
          { ready: true, restartCount: 3, state: running },
          { ready: true, restartCount: 3 },
        ],
      },
    },
    ['test4', '1/2', 'podPhase', '6', '<unknown>'],
  ],
  [
    'pod reason wins over phase',
    {
      metadata: { name: 'test5' },
      spec: { containers: containers(2) },
      status: {
        reason: 'podReason',
        phase: 'podPhase',
        containerStatuses: [
          { ready: true, restartCount: 3, state: running },
          { ready: true, restartCount: 3 },
        ],
      },
    },
    ['test5', '1/2', 'podReason', '6', '<unknown>'],
  ],
  [
    'completed container next to a running one, no Ready condition',
    {
      metadata: { name: 'test6' },
      spec: { containers: containers(2) },
      status: {
        phase: 'Running',
        containerStatuses: [
          { ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } },
          { ready: true, restartCount: 3, state: running },
        ],
      },
    },
    ['test6', '1/2', 'NotReady', '6', '<unknown>'],
  ],
  [
    'completed container next to a running one, with Ready condition',
    {
      metadata: { name: 'test6' },
      spec: { containers: containers(2) },
      status: {
        phase: 'Running',
        containerStatuses: [
          { ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } },
          { ready: true, restartCount: 3, state: running },
        ],
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    },
    ['test6', '1/2', 'Running', '6', '<unknown>'],
  ],
  [
    'init container restarting',
    {
      metadata: { name: 'test7' },
      spec: { initContainers: containers(1), containers: containers(1) },
      status: {
        phase: 'podPhase',
        initContainerStatuses: [{ ready: false, restartCount: 3, state: running, lastState: finished(10 * SEC) }],
        containerStatuses: [{ ready: false, restartCount: 0, state: { waiting: {} } }],
      },
    },
    ['test7', '0/1', 'Init:0/1', '3 (10s ago)', '<unknown>'],
  ],
  [
    'two init containers, first restarting',
    {
      metadata: { name: 'test8' },
      spec: { initContainers: containers(2), containers: containers(1) },
      status: {
        phase: 'podPhase',
        initContainerStatuses: [
          { ready: false, restartCount: 3, state: running, lastState: finished(10 * SEC) },
          { ready: false, state: { waiting: {} } },
        ],
        containerStatuses: [{ ready: false, state: { waiting: {} } }],
      },
    },
    ['test8', '0/1', 'Init:0/2', '3 (10s ago)', '<unknown>'],
  ],
  [
    'two init containers, first done, second restarting',
    {
      metadata: { name: 'test9' },
      spec: { initContainers: containers(2), containers: containers(1) },
      status: {
        phase: 'podPhase',
        initContainerStatuses: [
          { ready: false, state: { terminated: {} } },
          { ready: false, restartCount: 3, state: running, lastState: finished(10 * SEC) },
        ],
        containerStatuses: [{ ready: false, state: { waiting: {} } }],
      },
    },
    ['test9', '0/1', 'Init:1/2', '3 (10s ago)', '<unknown>'],
  ],
  [
    'two init containers, both with restarts',
    {
      metadata: { name: 'test10' },
      spec: { initContainers: containers(2), containers: containers(1) },
      status: {
        phase: 'podPhase',
        initContainerStatuses: [
          { ready: false, restartCount: 2, state: { terminated: {} }, lastState: finished(2 * MIN) },
          { ready: false, restartCount: 3, state: running, lastState: finished(10 * SEC) },
        ],
        containerStatuses: [{ ready: false, state: { waiting: {} } }],
      },
    },
    ['test10', '0/1', 'Init:1/2', '5 (10s ago)', '<unknown>'],
  ],
  [
    'init done with restarts, container restarting',
    {
      metadata: { name: 'test11' },
      spec: { initContainers: containers(1), containers: containers(1) },
      status: {
        phase: 'Running',
        initContainerStatuses: [
          { ready: false, restartCount: 2, state: { terminated: {} }, lastState: finished(2 * MIN) },
        ],
        containerStatuses: [{ ready: false, restartCount: 4, state: running, lastState: finished(20 * SEC) }],
      },
    },
    ['test11', '0/1', 'Running', '4 (20s ago)', '<unknown>'],
  ],
  [
    'restarted 5d ago',
    {
      metadata: { name: 'test12' },
      spec: { containers: containers(1) },
      status: {
        phase: 'Running',
        containerStatuses: [{ ready: true, restartCount: 3, state: running, lastState: finished(5 * DAY) }],
      },
    },
    ['test12', '1/1', 'Running', '3 (5d ago)', '<unknown>'],
  ],
  [
    'one never restarted, one restarted 10d ago',
    {
      metadata: { name: 'test13' },
      spec: { containers: containers(2) },
      status: {
        phase: 'Running',
        containerStatuses: [
          { ready: true, restartCount: 0, state: running },
          { ready: true, restartCount: 3, state: running, lastState: finished(10 * DAY) },
        ],
      },
    },
    ['test13', '2/2', 'Running', '3 (10d ago)', '<unknown>'],
  ],
  [
    'the latest restart is shown',
    {
      metadata: { name: 'test14' },
      spec: { containers: containers(2) },
      status: {
        phase: 'Running',
        containerStatuses: [
          { ready: true, restartCount: 6, state: running, lastState: finished(5 * DAY) },
          { ready: true, restartCount: 3, state: running, lastState: finished(20 * DAY) },
        ],
      },
    },
    ['test14', '2/2', 'Running', '9 (5d ago)', '<unknown>'],
  ],
  [
    'scheduling gated',
    {
      metadata: { name: 'test15' },
      spec: { containers: containers(2) },
      status: { phase: 'podPhase', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] },
    },
    ['test15', '0/2', 'SchedulingGated', '0', '<unknown>'],
  ],
  [
    'succeeded',
    {
      metadata: { name: 'test16' },
      spec: { containers: containers(1) },
      status: {
        phase: 'Succeeded',
        containerStatuses: [
          { ready: false, restartCount: 0, state: { terminated: { reason: 'Completed', exitCode: 0 } } },
        ],
      },
    },
    ['test16', '0/1', 'Completed', '0', '<unknown>'],
  ],
  [
    'failed',
    {
      metadata: { name: 'test17' },
      spec: { containers: containers(1) },
      status: {
        phase: 'Failed',
        containerStatuses: [{ ready: false, restartCount: 0, state: { terminated: { reason: 'Error', exitCode: 1 } } }],
      },
    },
    ['test17', '0/1', 'Error', '0', '<unknown>'],
  ],
  [
    'succeeded pod being deleted is not Terminating',
    {
      metadata: { name: 'test18', ...deleted },
      spec: { containers: containers(1) },
      status: {
        phase: 'Succeeded',
        containerStatuses: [
          { ready: false, restartCount: 0, state: { terminated: { reason: 'Completed', exitCode: 0 } } },
        ],
      },
    },
    ['test18', '0/1', 'Completed', '0', '<unknown>'],
  ],
  [
    'running pod being deleted',
    {
      metadata: { name: 'test19', ...deleted },
      spec: { containers: containers(1) },
      status: { phase: 'Running', containerStatuses: [{ ready: false, restartCount: 0, state: running }] },
    },
    ['test19', '0/1', 'Terminating', '0', '<unknown>'],
  ],
  [
    'pending pod being deleted',
    { metadata: { name: 'test20', ...deleted }, spec: { containers: containers(1) }, status: { phase: 'Pending' } },
    ['test20', '0/1', 'Terminating', '0', '<unknown>'],
  ],
  // printPod: a pod being deleted whose node was lost shows Unknown
  [
    'node lost while deleting',
    {
      metadata: { name: 'lost', ...deleted },
      spec: { containers: containers(1) },
      status: { phase: 'Running', reason: 'NodeLost', containerStatuses: [{ ready: true, state: running }] },
    },
    ['lost', '1/1', 'Unknown', '0', '<unknown>'],
  ],
  // printPod: a terminated container without reason shows its signal or exit code
  [
    'signal and exit code',
    {
      metadata: { name: 'sig' },
      spec: { containers: containers(2) },
      status: {
        phase: 'Running',
        containerStatuses: [{ state: { terminated: { signal: 9 } } }, { state: { terminated: { exitCode: 2 } } }],
      },
    },
    ['sig', '0/2', 'Signal:9', '0', '<unknown>'],
  ],
  [
    'failed init container',
    {
      metadata: { name: 'initerr' },
      spec: { initContainers: containers(1), containers: containers(1) },
      status: {
        phase: 'Pending',
        initContainerStatuses: [
          { state: { terminated: { reason: 'Error', exitCode: 1 } }, restartCount: 1, lastState: finished(3 * SEC) },
        ],
      },
    },
    ['initerr', '0/1', 'Init:Error', '1 (3s ago)', '<unknown>'],
  ],
  [
    'init container crash looping',
    {
      metadata: { name: 'initcrash' },
      spec: { initContainers: containers(1), containers: containers(1) },
      status: {
        phase: 'Pending',
        initContainerStatuses: [{ state: { waiting: { reason: 'CrashLoopBackOff' } }, restartCount: 4 }],
      },
    },
    ['initcrash', '0/1', 'Init:CrashLoopBackOff', '4', '<unknown>'],
  ],
  [
    'init container exit code without reason',
    {
      metadata: { name: 'initexit' },
      spec: { initContainers: containers(1), containers: containers(1) },
      status: { phase: 'Pending', initContainerStatuses: [{ state: { terminated: { exitCode: 3 } } }] },
    },
    ['initexit', '0/1', 'Init:ExitCode:3', '0', '<unknown>'],
  ],
  [
    'waiting for init (PodInitializing) shows progress',
    {
      metadata: { name: 'initwait' },
      spec: { initContainers: containers(2), containers: containers(1) },
      status: {
        phase: 'Pending',
        initContainerStatuses: [
          { state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          { state: { waiting: { reason: 'PodInitializing' } } },
        ],
      },
    },
    ['initwait', '0/1', 'Init:1/2', '0', '<unknown>'],
  ],
];

describe('pod STATUS / READY / RESTARTS', () => {
  it.each(podCases)('%s', (_name, pod, want) => {
    expect(cells(podColumns, pod)).toEqual(want);
  });
});

const always = { restartPolicy: 'Always' };

describe('pods with restartable init containers (sidecars)', () => {
  const cases: [string, object, string[]][] = [
    [
      'first sidecar running but not started',
      {
        metadata: { name: 'test1' },
        spec: {
          initContainers: [
            { name: 'restartable-init-1', ...always },
            { name: 'restartable-init-2', ...always },
          ],
          containers: containers(1),
        },
        status: {
          phase: 'Pending',
          initContainerStatuses: [
            {
              name: 'restartable-init-1',
              ready: false,
              restartCount: 3,
              state: running,
              started: false,
              lastState: finished(10 * SEC),
            },
            { name: 'restartable-init-2', ready: false, state: { waiting: {} }, started: false },
          ],
          containerStatuses: [{ ready: false, restartCount: 0, state: { waiting: {} } }],
          conditions: [{ type: 'Initialized', status: 'False' }],
        },
      },
      ['test1', '0/3', 'Init:0/2', '3 (10s ago)', '<unknown>'],
    ],
    [
      'first sidecar started, second running but not started',
      {
        metadata: { name: 'test1' },
        spec: {
          initContainers: [
            { name: 'restartable-init-1', ...always },
            { name: 'restartable-init-2', ...always },
          ],
          containers: containers(1),
        },
        status: {
          phase: 'Pending',
          initContainerStatuses: [
            {
              name: 'restartable-init-1',
              ready: false,
              restartCount: 3,
              state: running,
              started: true,
              lastState: finished(10 * SEC),
            },
            { name: 'restartable-init-2', ready: false, state: running, started: false },
          ],
          containerStatuses: [{ ready: false, restartCount: 0, state: { waiting: {} } }],
          conditions: [{ type: 'Initialized', status: 'False' }],
        },
      },
      ['test1', '0/3', 'Init:1/2', '3 (10s ago)', '<unknown>'],
    ],
    [
      'both sidecars started, container running',
      {
        metadata: { name: 'test2' },
        spec: {
          initContainers: [
            { name: 'restartable-init-1', ...always },
            { name: 'restartable-init-2', ...always },
          ],
          containers: containers(1),
        },
        status: {
          phase: 'Running',
          initContainerStatuses: [
            {
              name: 'restartable-init-1',
              ready: false,
              restartCount: 3,
              state: running,
              started: true,
              lastState: finished(10 * SEC),
            },
            { name: 'restartable-init-2', ready: false, state: running, started: true },
          ],
          containerStatuses: [{ ready: true, restartCount: 4, state: running, lastState: finished(20 * SEC) }],
          conditions: [{ type: 'Initialized', status: 'True' }],
        },
      },
      ['test2', '1/3', 'Running', '7 (10s ago)', '<unknown>'],
    ],
    [
      'sidecars failed, container completed',
      {
        metadata: { name: 'test3' },
        spec: {
          initContainers: [
            { name: 'restartable-init-1', ...always },
            { name: 'restartable-init-2', ...always },
          ],
          containers: containers(1),
        },
        status: {
          phase: 'Succeeded',
          initContainerStatuses: [
            {
              name: 'restartable-init-1',
              ready: false,
              restartCount: 3,
              state: { terminated: { reason: 'Error', exitCode: 137 } },
              started: false,
              lastState: finished(10 * SEC),
            },
            {
              name: 'restartable-init-2',
              ready: false,
              state: { terminated: { reason: 'Error', exitCode: 137 } },
              started: false,
            },
          ],
          containerStatuses: [
            {
              ready: false,
              restartCount: 4,
              state: { terminated: { reason: 'Completed', exitCode: 0 } },
              lastState: finished(20 * SEC),
            },
          ],
          conditions: [{ type: 'Initialized', status: 'True' }],
        },
      },
      ['test3', '0/3', 'Completed', '7 (10s ago)', '<unknown>'],
    ],
    [
      'statuses of containers that do not exist',
      {
        metadata: { name: 'test4' },
        spec: {
          initContainers: [
            { name: 'init1', image: 'initimage' },
            { name: 'sidecar1', image: 'sidecarimage', ...always },
          ],
          containers: [{ name: 'container1', image: 'containerimage' }],
        },
        status: {
          phase: 'Running',
          initContainerStatuses: [{ name: 'initinvalid' }, { name: 'init1' }, { name: 'sidecar1' }],
          containerStatuses: [{ name: 'containerinvalid' }, { name: 'container1' }],
        },
      },
      ['test4', '0/2', 'Init:0/2', '0', '<unknown>'],
    ],
  ];
  it.each(cases)('%s', (_name, pod, want) => {
    expect(cells(podColumns, pod)).toEqual(want);
  });
});

describe('pod wide columns', () => {
  const gates = [{ conditionType: 'condition1' }, { conditionType: 'condition2' }, { conditionType: 'condition3' }];
  const conditions = [
    { type: 'condition1', status: 'False' },
    { type: 'condition2', status: 'True' },
  ];
  const cases: [string, object, string[]][] = [
    [
      'node, IP, nominated node and readiness gates set',
      {
        metadata: { name: 'test1' },
        spec: { containers: containers(2), nodeName: 'test1', readinessGates: gates },
        status: {
          conditions,
          phase: 'podPhase',
          podIPs: [{ ip: '1.1.1.1' }],
          containerStatuses: [{ ready: true, restartCount: 3, state: running }, { restartCount: 3 }],
          nominatedNodeName: 'node1',
        },
      },
      ['test1', '1/2', 'podPhase', '6', '<unknown>', '1.1.1.1', 'test1', 'node1', '1/3'],
    ],
    [
      'dual-stack: the first IP',
      {
        metadata: { name: 'test1' },
        spec: { containers: containers(2), nodeName: 'test1', readinessGates: gates },
        status: {
          conditions,
          phase: 'podPhase',
          podIPs: [{ ip: '1.1.1.1' }, { ip: '2001:db8::' }],
          containerStatuses: [{ ready: true, restartCount: 3, state: running }, { restartCount: 3 }],
          nominatedNodeName: 'node1',
        },
      },
      ['test1', '1/2', 'podPhase', '6', '<unknown>', '1.1.1.1', 'test1', 'node1', '1/3'],
    ],
    [
      'nothing set',
      {
        metadata: { name: 'test2' },
        spec: { containers: containers(2), nodeName: '' },
        status: {
          phase: 'podPhase',
          containerStatuses: [
            { ready: true, restartCount: 3, state: running },
            { state: { waiting: { reason: 'ContainerWaitingReason' } }, restartCount: 3 },
          ],
        },
      },
      ['test2', '1/2', 'ContainerWaitingReason', '6', '<unknown>', '<none>', '<none>', '<none>', '<none>'],
    ],
  ];
  it.each(cases)('%s', (_name, pod, want) => {
    expect(cells(podColumns, pod, { wide: true })).toEqual(want);
  });
});
