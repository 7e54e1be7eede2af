import 'fake-indexeddb/auto';
import type { Pod } from 'kubernetes-types/core/v1';
import { ApiServer } from '../src/engine/apiserver/apiserver';
import { ResourceRegistry } from '../src/engine/apiserver/registry';
import { ObjectStore, type StoreSnapshot } from '../src/engine/apiserver/store';
import { Clock } from '../src/engine/sim/clock';
import { Random } from '../src/engine/sim/random';
import { indexedDbStore } from '../src/worker/persist';
import { type Figure, time } from './figures';

/** A store holding `n` pods shaped like a Deployment's (labels, owner, requests, a Running status). */
function storeWith(n: number): ObjectStore {
  const store = new ObjectStore(false);
  const api = new ApiServer(new ResourceRegistry(), store, new Clock(Date.UTC(2025, 0, 6, 9)), new Random(1));
  api.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  for (let i = 0; i < n; i++) {
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `web-7d4b9c8f5d-${i.toString(36).padStart(5, '0')}`,
        labels: { app: 'web', 'pod-template-hash': '7d4b9c8f5d' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9c8f5d', uid: '3f2c5a8e-0d1b-4c7e-9a6f-2b8d4e1c7a90', controller: true, blockOwnerDeletion: true }],
      },
      spec: {
        nodeName: `node-${i % 1000}`,
        containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '10m', memory: '16Mi' } } }],
      },
    };
    api.create('pods', 'default', pod);
  }
  return store;
}

async function sizes(n: number): Promise<Figure[]> {
  const store = storeWith(n);
  const tag = n >= 1000 ? `${n / 1000}k` : String(n);
  let snap: StoreSnapshot = store.snapshot();
  let text = '';
  const save = time(() => {
    snap = store.snapshot();
    text = JSON.stringify(snap);
  });
  const restored = new ObjectStore(false);
  const load = time(() => restored.restore(JSON.parse(text) as StoreSnapshot));
  if (restored.list('pods').length !== n) throw new Error('the restored store lost pods');

  const db = indexedDbStore(`bench-${n}`);
  const record = { engine: { cluster: { store: snap } }, speed: 1, simTime: 0, savedAt: 0 };
  const t0 = performance.now();
  await db.save(record);
  const dbSave = performance.now() - t0;
  const t1 = performance.now();
  const back = await db.load();
  const dbLoad = performance.now() - t1;
  const backStore = (back?.engine.cluster as { store?: StoreSnapshot } | undefined)?.store;
  if (backStore?.objects.pods?.length !== n) throw new Error('IndexedDB gave back a different snapshot');
  await db.clear();
  return [
    { name: `snapshot.${tag}.json-bytes`, value: +(text.length / 1024 / 1024).toFixed(1), unit: 'MiB' },
    { name: `snapshot.${tag}.json-save`, value: +save.toFixed(1), unit: 'ms' },
    { name: `snapshot.${tag}.json-restore`, value: +load.toFixed(1), unit: 'ms' },
    { name: `snapshot.${tag}.indexeddb-save`, value: +dbSave.toFixed(1), unit: 'ms' },
    { name: `snapshot.${tag}.indexeddb-load`, value: +dbLoad.toFixed(1), unit: 'ms' },
  ];
}

/** Saving and restoring a cluster's objects: JSON round trip, and through Dexie on fake-indexeddb. */
export async function snapshotBenchmarks(): Promise<Figure[]> {
  return [...(await sizes(10_000)), ...(await sizes(150_000))];
}
