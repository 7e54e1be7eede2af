import { describe, expect, it } from 'vitest';
import { History, refuseInPast } from './history';

const snap = (n: number) => ({ cluster: { n } });

describe('History', () => {
  it('keeps a moment per interval of simulated time, and only takes a snapshot then', () => {
    const h = new History({ intervalMs: 30_000, capacity: 10 });
    expect(new History().intervalMs).toBe(60_000);
    let taken = 0;
    const take = () => snap(++taken);
    expect(h.maybeRecord(0, take)).toBe(true);
    expect(h.maybeRecord(10_000, take)).toBe(false);
    expect(h.maybeRecord(29_999, take)).toBe(false);
    expect(h.maybeRecord(30_000, take)).toBe(true);
    expect(h.maybeRecord(200_000, take)).toBe(true);
    expect(taken).toBe(3);
    expect(h.times()).toEqual([0, 30_000, 200_000]);
  });

  it('is bounded: older moments are thinned out, recent ones and the first stay', () => {
    const h = new History({ intervalMs: 1, capacity: 8 });
    for (let t = 0; t <= 8; t++) h.maybeRecord(t, () => snap(t));
    expect(h.times()).toEqual([0, 2, 4, 5, 6, 7, 8]);
    h.maybeRecord(9, () => snap(9));
    h.maybeRecord(10, () => snap(10));
    expect(h.times()).toEqual([0, 4, 6, 7, 8, 9, 10]);
    for (let t = 11; t < 1000; t++) h.maybeRecord(t, () => snap(t));
    expect(h.times().length).toBeLessThanOrEqual(8);
    expect(h.times()[0]).toBe(0);
    expect(h.times().at(-1)).toBe(999);
  });

  it('finds the moment at or before a time', () => {
    const h = new History({ intervalMs: 10 });
    for (const t of [100, 110, 120]) h.maybeRecord(t, () => snap(t));
    expect(h.at(115)?.at).toBe(110);
    expect(h.at(120)?.at).toBe(120);
    expect(h.at(5)?.at).toBe(100);
  });

  it('branching forgets the moments after the branch point; a new cluster starts over', () => {
    const h = new History({ intervalMs: 10 });
    for (const t of [100, 110, 120, 130]) h.maybeRecord(t, () => snap(t));
    h.truncateAfter(110);
    expect(h.times()).toEqual([100, 110]);
    h.maybeRecord(50, () => snap(50));
    expect(h.times()).toEqual([50]);
  });
});

describe('refuseInPast', () => {
  const AT = '2025-01-06T09:00:00Z';
  it('lets reads through', () => {
    for (const line of ['kubectl get pods -A', 'k describe node worker-1', 'kubectl -n kube-system get pods', 'kubectl logs web', 'kubectl config view', 'sim status'])
      expect(refuseInPast(line.split(' '), AT)).toBeUndefined();
  });
  it('refuses writes with a clear message', () => {
    for (const line of ['kubectl apply -f -', 'kubectl delete pod web', 'kubectl scale deploy/web --replicas=3', 'kubectl rollout restart deploy/web', 'kubectl config use-context x', 'sim node-down worker-1', 'sim advance 1m'])
      expect(refuseInPast(line.split(' '), AT)).toMatch(/^error: the cluster is shown as it was at 2025-01-06T09:00:00Z \(time travel\) and is read-only/);
  });
});
