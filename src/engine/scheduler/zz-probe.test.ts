import { it } from 'vitest';
import { Cluster } from '../sim/cluster';
import { schedulerOf } from './install';
it('probe', () => {
  const t = Date.now();
  const c = Cluster.create();
  console.log('created in', Date.now() - t, 'ms', c.manager.failures);
  for (const p of c.api.list('pods').items) console.log(p.metadata.namespace, p.metadata.name, (p as any).spec?.nodeName, (p as any).status?.phase);
  for (const n of c.api.list('nodes').items) console.log(n.metadata.name, JSON.stringify((n as any).spec?.taints), JSON.stringify((n as any).status?.conditions?.find((x: any) => x.type === 'Ready')));
  for (const e of c.api.list('events').items as any[]) if (e.source?.component === 'default-scheduler') console.log(e.reason, e.message, e.count);
  console.log(JSON.stringify(schedulerOf(c).explain('kube-system', (c.api.list('pods', 'kube-system').items.find((p: any) => p.metadata.name.startsWith('coredns')) as any).metadata.name), null, 1).slice(0, 1500));
});
