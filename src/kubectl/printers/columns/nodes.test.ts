import { describe, expect, it } from 'vitest';
import { nodeColumns } from './nodes';
import { cells } from './testutil';

// Expected cells from upstream printers_test.go (TestPrintNodeStatus, TestPrintNodeRole,
// TestPrintNodeOSImage, TestPrintNodeKernelVersion, TestPrintNodeContainerRuntimeVersion,
// TestPrintNodeName, TestPrintNodeExternalIP, TestPrintNodeInternalIP).

const ready = (status: string) => ({ type: 'Ready', status });

const narrow: [string, object, string[]][] = [
  [
    'ready',
    { metadata: { name: 'foo1' }, status: { conditions: [ready('True')] } },
    ['foo1', 'Ready', '<none>', '<unknown>', ''],
  ],
  [
    'ready and cordoned',
    { metadata: { name: 'foo2' }, spec: { unschedulable: true }, status: { conditions: [ready('True')] } },
    ['foo2', 'Ready,SchedulingDisabled', '<none>', '<unknown>', ''],
  ],
  [
    'duplicate Ready conditions',
    { metadata: { name: 'foo3' }, status: { conditions: [ready('True'), ready('True')] } },
    ['foo3', 'Ready', '<none>', '<unknown>', ''],
  ],
  [
    'not ready',
    { metadata: { name: 'foo4' }, status: { conditions: [ready('False')] } },
    ['foo4', 'NotReady', '<none>', '<unknown>', ''],
  ],
  [
    'not ready and cordoned',
    { metadata: { name: 'foo5' }, spec: { unschedulable: true }, status: { conditions: [ready('False')] } },
    ['foo5', 'NotReady,SchedulingDisabled', '<none>', '<unknown>', ''],
  ],
  [
    'only an unknown condition type',
    { metadata: { name: 'foo6' }, status: { conditions: [{ type: 'InvalidValue', status: 'True' }] } },
    ['foo6', 'Unknown', '<none>', '<unknown>', ''],
  ],
  [
    'an empty condition',
    { metadata: { name: 'foo7' }, status: { conditions: [{}] } },
    ['foo7', 'Unknown', '<none>', '<unknown>', ''],
  ],
  [
    'unknown and cordoned',
    {
      metadata: { name: 'foo8' },
      spec: { unschedulable: true },
      status: { conditions: [{ type: 'InvalidValue', status: 'True' }] },
    },
    ['foo8', 'Unknown,SchedulingDisabled', '<none>', '<unknown>', ''],
  ],
  [
    'empty condition and cordoned',
    { metadata: { name: 'foo9' }, spec: { unschedulable: true }, status: { conditions: [{}] } },
    ['foo9', 'Unknown,SchedulingDisabled', '<none>', '<unknown>', ''],
  ],
  ['no status at all', { metadata: { name: 'foo9' } }, ['foo9', 'Unknown', '<none>', '<unknown>', '']],
  [
    'roles from both label forms, sorted',
    {
      metadata: {
        name: 'foo10',
        labels: {
          'node-role.kubernetes.io/master': '',
          'node-role.kubernetes.io/control-plane': '',
          'node-role.kubernetes.io/proxy': '',
          'kubernetes.io/role': 'node',
        },
      },
    },
    ['foo10', 'Unknown', 'control-plane,master,node,proxy', '<unknown>', ''],
  ],
  [
    'kubernetes.io/role only',
    { metadata: { name: 'foo11', labels: { 'kubernetes.io/role': 'node' } } },
    ['foo11', 'Unknown', 'node', '<unknown>', ''],
  ],
  [
    'an IP as the name',
    { metadata: { name: '127.0.0.1' }, status: {} },
    ['127.0.0.1', 'Unknown', '<none>', '<unknown>', ''],
  ],
  ['an empty name', { metadata: { name: '' }, status: {} }, ['', 'Unknown', '<none>', '<unknown>', '']],
];

const ext = (address: string) => ({ type: 'ExternalIP', address });
const int = (address: string) => ({ type: 'InternalIP', address });
const U = '<unknown>';

const wide: [string, object, string[]][] = [
  [
    'os image',
    { metadata: { name: 'foo1' }, status: { nodeInfo: { osImage: 'fake-os-image' }, addresses: [ext('1.1.1.1')] } },
    ['foo1', 'Unknown', '<none>', U, '', '<none>', '1.1.1.1', 'fake-os-image', U, U],
  ],
  [
    'kernel version',
    {
      metadata: { name: 'foo2' },
      status: { nodeInfo: { kernelVersion: 'fake-kernel-version' }, addresses: [ext('1.1.1.1')] },
    },
    ['foo2', 'Unknown', '<none>', U, '', '<none>', '1.1.1.1', U, 'fake-kernel-version', U],
  ],
  [
    'container runtime',
    {
      metadata: { name: 'foo1' },
      status: { nodeInfo: { containerRuntimeVersion: 'foo://1.2.3' }, addresses: [ext('1.1.1.1')] },
    },
    ['foo1', 'Unknown', '<none>', U, '', '<none>', '1.1.1.1', U, U, 'foo://1.2.3'],
  ],
  [
    'empty node info',
    { metadata: { name: 'foo2' }, status: { nodeInfo: {}, addresses: [ext('1.1.1.1')] } },
    ['foo2', 'Unknown', '<none>', U, '', '<none>', '1.1.1.1', U, U, U],
  ],
  [
    'internal IP only',
    { metadata: { name: 'foo2' }, status: { addresses: [int('1.1.1.1')] } },
    ['foo2', 'Unknown', '<none>', U, '', '1.1.1.1', '<none>', U, U, U],
  ],
  [
    'first address of each type wins (external)',
    { metadata: { name: 'foo3' }, status: { addresses: [ext('2.2.2.2'), int('3.3.3.3'), ext('4.4.4.4')] } },
    ['foo3', 'Unknown', '<none>', U, '', '3.3.3.3', '2.2.2.2', U, U, U],
  ],
  [
    'first address of each type wins (internal)',
    { metadata: { name: 'foo3' }, status: { addresses: [int('2.2.2.2'), ext('3.3.3.3'), int('4.4.4.4')] } },
    ['foo3', 'Unknown', '<none>', U, '', '2.2.2.2', '3.3.3.3', U, U, U],
  ],
];

describe('node columns', () => {
  it.each(narrow)('%s', (_name, node, expected) => {
    expect(cells(nodeColumns, node)).toEqual(expected);
  });
  it.each(wide)('%s (wide)', (_name, node, expected) => {
    expect(cells(nodeColumns, node, { wide: true })).toEqual(expected);
  });
});
