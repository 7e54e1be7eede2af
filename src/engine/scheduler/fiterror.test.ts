import { describe, expect, it } from 'vitest';
import { type Diagnosis, fitErrorMessage, newDiagnosis, truncateMessage } from './fiterror';
import { type Status, unresolvable, unschedulable } from './status';

function diag(nodes: Record<string, Status>, extra: Partial<Diagnosis> = {}): Diagnosis {
  const d = newDiagnosis();
  for (const [k, v] of Object.entries(nodes)) d.nodeToStatus.set(k, v);
  return Object.assign(d, extra);
}

const f1 = unschedulable('Node(s) failed Filter plugin FalseFilter-1');
const f2 = unschedulable('Node(s) failed Filter plugin FalseFilter-2');
const pre = 'Node(s) failed PreFilter plugin FalsePreFilter';

describe('FitError message', () => {
  const cases: { name: string; numAllNodes: number; d: Diagnosis; want: string }[] = [
    {
      name: 'a PreFilter message replaces the per-node reasons',
      numAllNodes: 3,
      d: diag({ node1: unschedulable(pre), node2: unschedulable(pre), node3: unschedulable(pre) }, { preFilterMsg: pre }),
      want: '0/3 nodes are available: Node(s) failed PreFilter plugin FalsePreFilter.',
    },
    {
      name: 'one filter on every node',
      numAllNodes: 3,
      d: diag({ node1: f1, node2: f1, node3: f1 }),
      want: '0/3 nodes are available: 3 Node(s) failed Filter plugin FalseFilter-1.',
    },
    {
      name: 'a PostFilter message follows after a space',
      numAllNodes: 3,
      d: diag({ node1: f1, node2: f1, node3: f1 }, { postFilterMsg: 'Error running PostFilter plugin FailedPostFilter' }),
      want: '0/3 nodes are available: 3 Node(s) failed Filter plugin FalseFilter-1. Error running PostFilter plugin FailedPostFilter',
    },
    {
      name: 'two filters: entries sorted as strings',
      numAllNodes: 3,
      d: diag({ node1: f1, node2: f1, node3: f2 }),
      want: '0/3 nodes are available: 1 Node(s) failed Filter plugin FalseFilter-2, 2 Node(s) failed Filter plugin FalseFilter-1.',
    },
    {
      name: 'PreFilter failure and a PostFilter message',
      numAllNodes: 3,
      d: diag({}, { preFilterMsg: pre, absentStatus: unschedulable(pre), postFilterMsg: 'Error running PostFilter plugin FailedPostFilter' }),
      want: '0/3 nodes are available: Node(s) failed PreFilter plugin FalsePreFilter. Error running PostFilter plugin FailedPostFilter',
    },
    {
      name: 'nodes absent from the map take the absent status',
      numAllNodes: 3,
      d: diag({ node1: f1 }, { absentStatus: unresolvable('Node(s) failed Filter plugin FalseFilter-2') }),
      want: '0/3 nodes are available: 1 Node(s) failed Filter plugin FalseFilter-1, 2 Node(s) failed Filter plugin FalseFilter-2.',
    },
    {
      name: 'the default cluster: control plane tainted, three workers full, preemption of no help',
      numAllNodes: 4,
      d: diag(
        {
          'control-plane': unresolvable('node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'),
          'worker-1': unschedulable('Insufficient cpu'),
          'worker-2': unschedulable('Insufficient cpu'),
          'worker-3': unschedulable('Insufficient cpu'),
        },
        {
          postFilterMsg:
            'preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
        },
      ),
      want: '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
    },
    {
      name: 'plain string sort puts "10 …" before "9 …"',
      numAllNodes: 19,
      d: diag({
        ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`a${i}`, unresolvable("node(s) didn't match Pod's node affinity/selector")])),
        ...Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`b${i}`, unschedulable('Insufficient memory')])),
      }),
      want: "0/19 nodes are available: 10 node(s) didn't match Pod's node affinity/selector, 9 Insufficient memory.",
    },
    {
      name: 'a node short of two resources counts under both',
      numAllNodes: 2,
      d: diag({ n1: unschedulable('Insufficient cpu', 'Insufficient memory'), n2: unschedulable('Insufficient cpu') }),
      want: '0/2 nodes are available: 1 Insufficient memory, 2 Insufficient cpu.',
    },
  ];
  for (const c of cases) {
    it(c.name, () => expect(fitErrorMessage(c.numAllNodes, c.d)).toBe(c.want));
  }

  it('truncates event notes at 1024 characters with " ..."', () => {
    const long = 'x'.repeat(2000);
    const t = truncateMessage(long);
    expect(t.length).toBe(1024);
    expect(t.endsWith('x ...')).toBe(true);
    expect(truncateMessage('short')).toBe('short');
  });
});
