import { describe, expect, it } from 'vitest';
import { compactScores, DecisionLog, expandScores, type StoredDecision } from './decisions';
import type { ScoreTable } from './framework';
import { NodeInfo } from './nodeinfo';

function table(totals: number[]): ScoreTable {
  const nodes = totals.map((_, i) => new NodeInfo(`n${i}`));
  const raw = Float64Array.from(totals, (t) => t / 2);
  return { nodes, plugins: [{ plugin: 'P', weight: 2, raw, normalized: raw }], totals: Float64Array.from(totals) };
}

describe('decision records', () => {
  it('keeps the best nodes, the chosen one first among equals', () => {
    const c = compactScores(table([10, 30, 30, 20, 30]), 4, 3);
    expect(c.nodes).toEqual(['n4', 'n1', 'n2']);
    expect(c.selected).toBe(0);
    expect(expandScores(c)[1]).toEqual({ node: 'n1', scores: [{ plugin: 'P', raw: 15, normalized: 15, weighted: 30 }], total: 30, selected: false });
  });

  it('bounds the log, dropping the oldest records', () => {
    const log = new DecisionLog(2);
    const rec = (pod: string): StoredDecision => ({
      pod,
      uid: pod,
      time: 't',
      attempt: 1,
      result: 'Unschedulable',
      numAllNodes: 0,
      evaluatedNodes: 0,
      feasibleNodes: 0,
      reasons: [],
      nodes: [],
      omittedNodes: 0,
    });
    log.record(rec('a'));
    log.record(rec('b'));
    log.record(rec('a'));
    log.record(rec('c'));
    expect(log.get('b')).toBeUndefined();
    expect(log.get('a')?.pod).toBe('a');
    expect(JSON.parse(JSON.stringify(log.snapshot())).map((r: StoredDecision) => r.pod)).toEqual(['a', 'c']);
  });
});
