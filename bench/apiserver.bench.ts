import type { ConfigMap, Pod } from 'kubernetes-types/core/v1';
import { ApiServer } from '../src/engine/apiserver/apiserver';
import { ResourceRegistry } from '../src/engine/apiserver/registry';
import { ObjectStore } from '../src/engine/apiserver/store';
import { Clock } from '../src/engine/sim/clock';
import { Random } from '../src/engine/sim/random';
import { type Figure, time } from './figures';

/** A bare API server with a `default` namespace: measures the API layer alone. */
function bareApi(): ApiServer {
  const api = new ApiServer(new ResourceRegistry(), new ObjectStore(false), new Clock(Date.UTC(2025, 0, 1)), new Random(1));
  api.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  return api;
}

function pod(i: number): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `pod-${i}`, labels: { app: `app-${i % 100}`, tier: i % 2 ? 'web' : 'db' } },
    spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
  };
}

export function apiserverBenchmarks(): Figure[] {
  const figures: Figure[] = [];

  {
    const api = bareApi();
    const n = 100_000;
    const ms = time(() => {
      for (let i = 0; i < n; i++) {
        api.create<ConfigMap>('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, labels: { i: String(i % 10) } }, data: { k: 'v' } });
      }
    });
    figures.push({ name: 'apiserver.create.100k-configmaps', value: +(ms / 1000).toFixed(2), unit: 's' });
    figures.push({ name: 'apiserver.create.rate', value: Math.round(n / (ms / 1000)), unit: 'objects/s' });
  }

  {
    const api = bareApi();
    for (let i = 0; i < 10_000; i++) api.create('pods', 'default', pod(i));
    const runs = 20;
    let matched = 0;
    const ms = time(() => {
      for (let r = 0; r < runs; r++) matched = api.list('pods', 'default', { labelSelector: 'app in (app-1,app-2),tier=web' }).items.length;
    });
    figures.push({ name: 'apiserver.list.10k-pods.label-selector', value: +(ms / runs).toFixed(2), unit: 'ms' });
    if (matched !== 100) throw new Error(`selector matched ${matched} pods, expected 100`);
  }

  {
    const api = bareApi();
    const watchers = 10;
    let delivered = 0;
    for (let w = 0; w < watchers; w++) api.watch('pods', 'default', { resourceVersion: String(api.store.resourceVersion()) }, () => delivered++);
    const n = 20_000;
    const ms = time(() => {
      for (let i = 0; i < n; i++) api.create('pods', 'default', pod(i));
    });
    if (delivered !== n * watchers) throw new Error(`delivered ${delivered}, expected ${n * watchers}`);
    figures.push({ name: 'apiserver.watch.fanout-10.events-delivered', value: Math.round(delivered / (ms / 1000)), unit: 'events/s' });
    figures.push({ name: 'apiserver.watch.fanout-10.create-rate', value: Math.round(n / (ms / 1000)), unit: 'pods/s' });
  }
  return figures;
}
