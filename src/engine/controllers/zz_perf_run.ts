import { Cluster } from '../sim/cluster';
const N = Number(process.env.NODES ?? 100);
const R = Number(process.env.REPLICAS ?? 3000);
const c = Cluster.create({ seed: 1, freezeObjects: false });
let t = performance.now();
for (let i = 0; i < N; i++) c.machines.add({ name: `n-${i}`, cpu: '64', memory: '256Gi', pods: 110 });
c.advance(30_000);
console.log('nodes', N, 'ms', Math.round(performance.now() - t));
t = performance.now();
c.api.create('apps/deployments', 'default', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'big' }, spec: { replicas: R, selector: { matchLabels: { app: 'big' } }, template: { metadata: { labels: { app: 'big' } }, spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '10m', memory: '10Mi' } } }] } } } } as any);
const prof = new Map<string, [number, number]>();
for (const ctl of c.manager.all()) {
  const r = ctl.reconcile.bind(ctl);
  (ctl as any).reconcile = (k: string) => { const s = performance.now(); try { return r(k); } finally { const p = prof.get(ctl.name) ?? [0, 0]; p[0] += performance.now() - s; p[1]++; prof.set(ctl.name, p); } };
}
const took = c.advanceUntil(() => ((c.api.get('apps/deployments', 'default', 'big') as any).status?.availableReplicas ?? 0) >= R, 30 * 60_000, 5000);
const wall = performance.now() - t;
console.log('sim ms', took, 'wall ms', Math.round(wall), 'pods/s', Math.round(R / (wall / 1000)));
console.log([...prof].sort((a, b) => b[1][0] - a[1][0]).map(([k, v]) => `${k}=${Math.round(v[0])}ms/${v[1]}`).join(' '));
