import { describe, expect, it } from 'vitest';
import { Framework, nodeScores } from './framework';
import type { Plugin } from './plugin';
import { skip, unresolvable, unschedulable } from './status';
import { buildCache, info, makeNode, makePod, nodeOf, state } from './testing';

const names = (name: string, ...nodes: string[]): Plugin => ({ name, preFilter: () => ({ nodeNames: new Set(nodes) }) });

describe('Framework', () => {
  const cache = buildCache([makeNode('n1'), makeNode('n2'), makeNode('n3')]);
  const pod = info(makePod('p'));

  it('intersects PreFilter node sets and names the plugin that emptied them', () => {
    expect(new Framework([names('A', 'n1', 'n2'), names('B', 'n2')]).runPreFilter(state(), pod, cache).nodeNames).toEqual(new Set(['n2']));
    const one = new Framework([names('A')]).runPreFilter(state(), pod, cache);
    expect(one.status).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't satisfy plugin A"] });
    const two = new Framework([names('B', 'n1'), names('A', 'n2')]).runPreFilter(state(), pod, cache);
    expect(two.status?.reasons).toEqual(["node(s) didn't satisfy plugin(s) [A B] simultaneously"]);
    expect(Framework.absentNodesReason(['NodeAffinity'])).toBe("node(s) didn't satisfy plugin(s) [NodeAffinity]");
  });

  it('stops at an unresolvable PreFilter rejection but runs the rest after a plain one', () => {
    let ran = 0;
    const counter: Plugin = {
      name: 'C',
      preFilter: () => {
        ran += 1;
        return undefined;
      },
    };
    const hard = new Framework([{ name: 'A', preFilter: () => ({ status: unresolvable('no') }) }, counter]).runPreFilter(state(), pod, cache);
    expect(hard.status).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: ['no'], plugin: 'A' });
    expect(ran).toBe(0);
    const soft = new Framework([{ name: 'A', preFilter: () => ({ status: unschedulable('maybe') }) }, counter]).runPreFilter(state(), pod, cache);
    expect(soft.status).toEqual({ code: 'Unschedulable', reasons: ['maybe'], plugin: 'A' });
    expect(ran).toBe(1);
  });

  it('skips the Filter of a plugin whose PreFilter said Skip; the first rejection wins', () => {
    const fw = new Framework([
      { name: 'S', preFilter: () => ({ status: skip() }), filter: () => unresolvable('skipped filter ran') },
      { name: 'F1', filter: () => unschedulable('first') },
      { name: 'F2', filter: () => unschedulable('second') },
    ]);
    const st = state();
    fw.runPreFilter(st, pod, cache);
    expect(fw.runFilter(st, pod, nodeOf(cache, 'n1'), cache)).toEqual({ code: 'Unschedulable', reasons: ['first'], plugin: 'F1' });
  });

  it('weights normalised scores and sums them', () => {
    const fw = new Framework(
      [
        {
          name: 'A',
          score: (_s, _p, ns, _v, out) => out.set(ns.map((n) => (n.name === 'n1' ? 10 : 5))),
          normalizeScore: (_s, _p, scores) => scores.set(scores.map((x) => x * 10)),
        },
        { name: 'B', score: (_s, _p, _ns, _v, out) => void out.fill(7) },
      ],
      { A: 2, B: 1 },
    );
    const got = fw.runScore(state(), pod, [nodeOf(cache, 'n1'), nodeOf(cache, 'n2')], cache);
    expect([...got.totals]).toEqual([207, 107]);
    expect(nodeScores(got, 0).scores[0]).toEqual({ plugin: 'A', raw: 10, normalized: 100, weighted: 200 });
  });

  it('filters with higher-priority nominated pods as if they ran', () => {
    const small = buildCache([makeNode('n1', { cpu: '1' })]);
    const fw = new Framework();
    const p = info(makePod('p', { cpu: '600m', priority: 0 }));
    const st = state();
    fw.runPreFilter(st, p, small);
    const n1 = nodeOf(small, 'n1');
    expect(fw.runFilterWithNominatedPods(st, p, n1, small, [])).toBeUndefined();
    const high = info(makePod('high', { cpu: '600m', priority: 10 }));
    expect(fw.runFilterWithNominatedPods(st, p, n1, small, [high])?.reasons).toEqual(['Insufficient cpu']);
    // A lower-priority nomination does not hold the room.
    const low = info(makePod('low', { cpu: '600m', priority: -1 }));
    expect(fw.runFilterWithNominatedPods(st, p, n1, small, [low])).toBeUndefined();
  });
});
