import { beforeAll, describe, expect, it } from 'vitest';
import { runSim } from '../../engine/sim/commands';
import { Sandbox } from '../testing/harness';

// Layouts follow kubectl v1.32's metrics printer (pkg/cmd/top, pkg/metricsutil): tab-separated cells
// with a trailing tab (so lines keep their padding), CPU as `Nm`, memory as `NMi`, node percentages
// of allocatable truncated, `<unknown>` for nodes without metrics.
describe('kubectl top', () => {
  let s: Sandbox;
  beforeAll(async () => {
    s = new Sandbox();
    expect((await s.run('top node')).stderr).toBe('error: Metrics API not available\n');
    expect((await s.run('top pod')).stderr).toBe('error: Metrics API not available\n');
    runSim(s.cluster, ['addon', 'enable', 'metrics-server']);
    s.advance(90_000);
  });

  it('top node: columns, percentages of allocatable, sorted by name', async () => {
    const r = await s.run('top node');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('NAME            CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   ');
    expect(lines.slice(1, 5).map((l) => l.split(/\s+/)[0])).toEqual(['control-plane', 'worker-1', 'worker-2', 'worker-3']);
    for (const l of lines.slice(1, 5)) expect(l).toMatch(/^\S+\s+\d+m\s+\d+%\s+\d+Mi\s+\d+%\s+$/);
  });

  it('top node --sort-by=memory puts the control plane first; a bad --sort-by is refused', async () => {
    expect((await s.run('top node --sort-by=memory --no-headers')).stdout.split(/\s+/)[0]).toBe('control-plane');
    expect((await s.run('top node --sort-by=name')).stderr).toBe('error: --sort-by accepts only cpu or memory\n');
  });

  it('a node whose kubelet is not scraped shows <unknown>', async () => {
    runSim(s.cluster, ['partition', 'worker-3']);
    s.advance(30_000);
    const r = await s.run('top node --no-headers');
    expect(r.stdout).toMatch(/^worker-3\s+<unknown>\s+<unknown>\s+<unknown>\s+<unknown>\s+$/m);
    runSim(s.cluster, ['partition', 'worker-3', '--off']);
  });

  it('top pod: namespaces, containers and the sum line', async () => {
    const all = await s.run('top pod -A --no-headers');
    expect(all.stdout).toMatch(/^kube-system\s+coredns-\S+\s+\d+m\s+\d+Mi\s+$/m);
    const c = await s.run('top pod -n kube-system --containers -l k8s-app=kube-dns');
    expect(c.stdout.split('\n')[0]).toBe('POD                       NAME      CPU(cores)   MEMORY(bytes)   ');
    const sum = (await s.run('top pod -n kube-system --sum')).stdout.split('\n');
    expect(sum.at(-3)).toMatch(/^\s+________\s+________\s+$/);
    expect(sum.at(-2)).toMatch(/^\s+\d+m\s+\d+Mi\s+$/);
  });

  it('no pods with metrics: kubectl says so on stderr; a young pod is "not available yet"', async () => {
    const empty = await s.run('top pod');
    expect([empty.stdout, empty.stderr, empty.exitCode]).toEqual(['', 'No resources found in default namespace.\n', 0]);
    await s.run('run fresh --image=nginx');
    const young = await s.run('top pod');
    expect(young.stderr).toBe('error: metrics not available yet\n');
    const named = await s.run('top pod nope');
    expect(named.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    const noMetrics = await s.run('top pod fresh');
    expect(noMetrics.stderr).toBe('Error from server (NotFound): podmetrics.metrics.k8s.io "default/fresh" not found\n');
  });
});
