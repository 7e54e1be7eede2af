import { it } from 'vitest';
import { ApiServer } from '../apiserver/apiserver';
import { EventRecorder } from '../apiserver/events';
import { ResourceRegistry } from '../apiserver/registry';
import { ObjectStore } from '../apiserver/store';
import type { ControllerContext } from '../controllers/controller';
import { InformerFactory } from '../controllers/informer';
import { ControllerManager } from '../controllers/manager';
import { Clock } from '../sim/clock';
import { Random } from '../sim/random';
import { Scheduler } from './scheduler';

const NODES = Number(process.env.NODES ?? 5000);
const PODS = Number(process.env.PODS ?? 150000);
const OWNED = process.env.OWNED === '1';

it('bench', () => {
  const clock = new Clock(Date.UTC(2025, 0, 6, 9));
  const api = new ApiServer(new ResourceRegistry(), new ObjectStore(false), clock, new Random(1));
  const ctx: ControllerContext = { api, clock, random: api.random, informers: new InformerFactory(api), events: new EventRecorder(api) };
  const manager = new ControllerManager();
  const s = manager.add(new Scheduler(ctx));
  api.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  for (let i = 0; i < NODES; i++) {
    api.create('nodes', '', { apiVersion: 'v1', kind: 'Node', metadata: { name: `node-${i}`, labels: { 'kubernetes.io/hostname': `node-${i}`, 'topology.kubernetes.io/zone': `zone-${i % 3}` } }, status: { allocatable: { cpu: '32', memory: '128Gi', pods: '110' } } } as never);
  }
  const deployments = 1000;
  if (OWNED) {
    for (let d = 0; d < deployments; d++) api.create('apps/replicasets', 'default', { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: `rs-${d}` }, spec: { selector: { matchLabels: { app: `app-${d}` } }, template: { metadata: { labels: { app: `app-${d}` } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } } as never);
  }
  let t = Date.now();
  for (let i = 0; i < PODS; i++) {
    const d = i % deployments;
    api.create('pods', 'default', {
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: `pod-${i}`, labels: { app: `app-${d}` }, ...(OWNED ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `rs-${d}`, uid: 'x', controller: true }] } : {}) },
      spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '100m', memory: '128Mi' } } }] },
    } as never);
  }
  console.log('create', Date.now() - t, 'ms');
  t = Date.now();
  manager.settle();
  const dt = Date.now() - t;
  const bound = api.list('pods', 'default').items.filter((p: any) => p.spec.nodeName).length;
  console.log('schedule', dt, 'ms', 'bound', bound, 'failures', manager.failures.slice(0, 2));
  void s;
}, 600_000);
