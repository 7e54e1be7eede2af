import type { Node, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { Stored } from '../api/types';
import { Random } from '../sim/random';
import { type CycleOutcome, findPlacement } from './cycle';
import { Framework } from './framework';
import { defaultPlugins } from './plugins';
import { buildCache, info, makeNode, makePod, state } from './testing';
import type { ClusterView } from './view';

/**
 * Quick filters let a cycle take nodes that certainly pass from their rows of numbers. They
 * must never say yes where a filter says no, and a cycle with them must end exactly as one
 * without: the same node, the same nodes examined, the same reasons.
 */

function cluster(): { nodes: Stored<Node>[]; pods: Stored<Pod>[] } {
  const nodes: Stored<Node>[] = [];
  const pods: Stored<Pod>[] = [];
  for (let i = 0; i < 240; i++) {
    const name = `n${i}`;
    nodes.push(
      makeNode(name, {
        cpu: String(1 + (i % 4)),
        memory: `${2 + (i % 3)}Gi`,
        pods: i % 11 === 0 ? 3 : 110,
        unschedulable: i % 13 === 0,
        taints: i % 7 === 0 ? [{ key: 'dedicated', value: 'db', effect: i % 14 === 0 ? 'NoExecute' : 'NoSchedule' }] : i % 9 === 0 ? [{ key: 'soft', effect: 'PreferNoSchedule' }] : undefined,
        labels: { 'topology.kubernetes.io/zone': `z${i % 3}` },
      }),
    );
    for (let k = 0; k < i % 5; k++) pods.push(makePod(`p${i}-${k}`, { node: name, cpu: `${250 * (k + 1)}m`, memory: `${256 * (k + 1)}Mi` }));
  }
  return { nodes, pods };
}

const incoming = [
  makePod('small', { cpu: '100m', memory: '64Mi' }),
  makePod('big', { cpu: '2500m', memory: '3Gi' }),
  makePod('tolerant', { cpu: '500m', spec: { tolerations: [{ operator: 'Exists' }] } }),
  makePod('named', { cpu: '100m', spec: { nodeName: 'n5' } }),
  makePod('gpu', { containers: [{ name: 'c', image: 'x', resources: { requests: { 'nvidia.com/gpu': '1' } } }] }),
  makePod('none'),
];

/** The same cluster without rows: every node goes through the filters. */
function withoutRows(view: ClusterView): ClusterView {
  return new Proxy(view, { get: (t, k) => (k === 'nodeRows' ? undefined : Reflect.get(t, k, t)) });
}

function summary(o: CycleOutcome) {
  if (o.kind === 'error') return o;
  const reasons = [...o.diagnosis.nodeToStatus].map(([n, s]) => `${n}: ${s.plugin} ${s.reasons.join('; ')}`);
  return o.kind === 'scheduled' ? { node: o.node, evaluated: o.evaluated, feasible: o.feasible, reasons } : { unfit: true, evaluated: o.evaluated, reasons };
}

describe('quick filters', () => {
  it('never pass a node a filter rejects', () => {
    const { nodes, pods } = cluster();
    const cache = buildCache(nodes, pods);
    const { numbers, rows } = cache.nodeRows();
    let quickPasses = 0;
    for (const pod of incoming) {
      const p = info(pod);
      for (const plugin of defaultPlugins) {
        const quick = plugin.quickFilter?.(state(), p);
        if (!quick || !plugin.filter) continue;
        cache.nodeInfos().forEach((node, i) => {
          if (!quick(numbers, rows[i])) return;
          quickPasses++;
          expect(plugin.filter?.(state(), p, node, cache), `${plugin.name} on ${node.name} for ${pod.metadata.name}`).toBeUndefined();
        });
      }
    }
    // The checks did take nodes (the test would pass vacuously otherwise).
    expect(quickPasses).toBeGreaterThan(1000);
  });

  it('leave every cycle as it was: chosen node, nodes examined, reasons', () => {
    const { nodes, pods } = cluster();
    const cache = buildCache(nodes, pods);
    const framework = new Framework();
    for (const pod of incoming) {
      for (const percentage of [0, 30, 100]) {
        for (const startIndex of [0, 17, 239]) {
          const run = (view: ClusterView) => {
            const input = { framework, view, nominator: { hasNominations: () => false, nominatedPodsFor: () => [] }, rand: new Random(7).stream('s'), percentageOfNodesToScore: percentage, startIndex };
            const r = findPlacement(input, framework.newCycleState(), info(pod));
            return { outcome: summary(r.outcome), next: r.nextStartIndex };
          };
          expect(run(cache), `${pod.metadata.name} ${percentage}% from ${startIndex}`).toEqual(run(withoutRows(cache)));
        }
      }
    }
  });
});
