import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { describe, expect, it } from 'vitest';
import { Random } from '../sim/random';
import { newDiagnosis } from './fiterror';
import { Framework } from './framework';
import { staticListers } from './listers';
import type { PodInfo } from './podinfo';
import { type Candidate, filterPodsWithPDBViolation, pickOneNodeForPreemption, preempt } from './preemption';
import { buildCache, info, makeNode, makePod, state } from './testing';
import type { ClusterView } from './view';

const NOW = Date.UTC(2025, 0, 6, 10, 0, 0);

/** Run filters for the pod on every node, as a scheduling cycle would, then PostFilter. */
function run(view: ClusterView, pod: PodInfo, nominated: Record<string, PodInfo[]> = {}) {
  const fw = new Framework();
  const st = state();
  const d = newDiagnosis();
  const pre = fw.runPreFilter(st, pod, view);
  if (pre.status) {
    d.absentStatus = pre.status;
    d.preFilterMsg = pre.status.reasons.join(', ');
  } else {
    for (const n of view.nodeInfos()) {
      const s = fw.runFilter(st, pod, n, view);
      if (s) d.nodeToStatus.set(n.name, s);
    }
  }
  return preempt({ framework: fw, view, state: st, pod, diagnosis: d, nominatedPodsFor: (n) => nominated[n] ?? [], random: new Random(1).stream('t'), now: NOW });
}

const low = (name: string, node: string, cpu: string, priority: number, extra = {}) => makePod(name, { node, cpu, priority, ...extra });

describe('preemption', () => {
  it('evicts the lowest-priority pods that make room, reprieving what it can', () => {
    const cache = buildCache([makeNode('n1', { cpu: '1' })], [low('p1', 'n1', '400m', 1), low('p2', 'n1', '400m', 2)]);
    const out = run(cache, info(makePod('hi', { cpu: '500m', priority: 10 })));
    expect(out.status.code).toBe('Success');
    expect(out.nominatedNode).toBe('n1');
    expect(out.candidate?.victims.map((v) => v.name)).toEqual(['p1']);
  });

  it('finds no victims among pods of equal or higher priority', () => {
    const cache = buildCache([makeNode('n1', { cpu: '1' }), makeNode('n2', { cpu: '1' })], [low('a', 'n1', '800m', 10), low('b', 'n2', '800m', 20)]);
    const out = run(cache, info(makePod('hi', { cpu: '500m', priority: 10 })));
    expect(out.status).toEqual({ code: 'Unschedulable', reasons: ['preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.'] });
    expect(out.nominatedNode).toBe('');
  });

  it('is not helpful on nodes rejected as unresolvable (taints)', () => {
    const cache = buildCache(
      [makeNode('cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }), makeNode('w', { cpu: '1' })],
      [low('a', 'w', '800m', 0)],
    );
    const out = run(cache, info(makePod('p', { cpu: '500m', priority: 0 })));
    expect(out.status.reasons).toEqual([
      'preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.',
    ]);
  });

  it('reports the filter reason for a node where even evicting everything is not enough', () => {
    const cache = buildCache([makeNode('n1', { cpu: '1' })], [low('a', 'n1', '800m', 0)]);
    const out = run(cache, info(makePod('huge', { cpu: '2', priority: 10 })));
    expect(out.status.reasons).toEqual(['preemption: 0/1 nodes are available: 1 Insufficient cpu.']);
  });

  it('does not preempt for a pod with preemptionPolicy Never', () => {
    const cache = buildCache([makeNode('n1', { cpu: '1' })], [low('a', 'n1', '800m', 0)]);
    const out = run(cache, info(makePod('hi', { cpu: '500m', priority: 10, spec: { preemptionPolicy: 'Never' } })));
    expect(out.status.reasons).toEqual(['preemption: not eligible due to preemptionPolicy=Never.']);
    expect(out.nominatedNode).toBeUndefined();
  });

  it('waits while a victim on the nominated node is still terminating', () => {
    const victim = low('a', 'n1', '800m', 0, {
      deleting: true,
      status: { phase: 'Running', conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler' }] },
    });
    const cache = buildCache([makeNode('n1', { cpu: '1' })], [victim]);
    const pod = makePod('hi', { cpu: '500m', priority: 10, status: { phase: 'Pending', nominatedNodeName: 'n1' } });
    expect(run(cache, info(pod)).status.reasons).toEqual(['preemption: not eligible due to a terminating pod on the nominated node.']);
  });

  it('prefers a node where no PodDisruptionBudget is violated', () => {
    const pdb: PodDisruptionBudget = {
      metadata: { name: 'pdb', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'db' } } },
      status: { disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 1, expectedPods: 1 },
    };
    const cache = buildCache(
      [makeNode('n1', { cpu: '1' }), makeNode('n2', { cpu: '1' })],
      [low('db', 'n1', '800m', 0, { labels: { app: 'db' } }), low('web', 'n2', '800m', 5, { labels: { app: 'web' } })],
      staticListers({ podDisruptionBudgets: [pdb] }),
    );
    const out = run(cache, info(makePod('hi', { cpu: '500m', priority: 10 })));
    expect(out.candidate).toMatchObject({ node: 'n2', numPDBViolations: 0 });
  });

  it('splits victims by PDB, counting already disrupted pods as allowed', () => {
    const pdb: PodDisruptionBudget = {
      metadata: { name: 'pdb', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'db' } } },
      status: { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, disruptedPods: { d0: '2025-01-06T09:00:00Z' } },
    };
    const pods = ['d0', 'd1', 'd2'].map((n) => info(makePod(n, { labels: { app: 'db' } })));
    const [violating, ok] = filterPodsWithPDBViolation(pods, [pdb]);
    expect(ok.map((p) => p.name)).toEqual(['d0', 'd1']);
    expect(violating.map((p) => p.name)).toEqual(['d2']);
  });
});

describe('pickOneNodeForPreemption', () => {
  const v = (name: string, priority: number, startTime?: string) => info(makePod(name, { priority, startTime }));
  const cases: { name: string; candidates: Candidate[]; want: string }[] = [
    {
      name: 'fewest PDB violations',
      candidates: [
        { node: 'a', victims: [v('x', 1)], numPDBViolations: 1 },
        { node: 'b', victims: [v('y', 5), v('z', 5)], numPDBViolations: 0 },
      ],
      want: 'b',
    },
    {
      name: 'lowest highest-priority victim',
      candidates: [
        { node: 'a', victims: [v('x', 5)], numPDBViolations: 0 },
        { node: 'b', victims: [v('y', 1), v('z', 1)], numPDBViolations: 0 },
      ],
      want: 'b',
    },
    {
      name: 'smallest sum of priorities',
      candidates: [
        { node: 'a', victims: [v('x', 5), v('y', 3)], numPDBViolations: 0 },
        { node: 'b', victims: [v('z', 5), v('w', 1)], numPDBViolations: 0 },
      ],
      want: 'b',
    },
    {
      name: 'fewest victims (negative priorities are lifted first)',
      candidates: [
        { node: 'a', victims: [v('x', -5), v('y', -5)], numPDBViolations: 0 },
        { node: 'b', victims: [v('z', -5)], numPDBViolations: 0 },
      ],
      want: 'b',
    },
    {
      name: 'latest start of the most important victims',
      candidates: [
        { node: 'a', victims: [v('x', 1, '2025-01-06T09:00:00Z')], numPDBViolations: 0 },
        { node: 'b', victims: [v('y', 1, '2025-01-06T09:30:00Z')], numPDBViolations: 0 },
      ],
      want: 'b',
    },
    {
      name: 'otherwise the first',
      candidates: [
        { node: 'a', victims: [v('x', 1)], numPDBViolations: 0 },
        { node: 'b', victims: [v('y', 1)], numPDBViolations: 0 },
      ],
      want: 'a',
    },
  ];
  for (const c of cases) it(c.name, () => expect(pickOneNodeForPreemption(c.candidates, NOW)?.node).toBe(c.want));
});
