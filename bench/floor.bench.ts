import { type Figure, time } from './figures';

/**
 * The floor: the least work a cluster must do per pod — store the object, fit it on a node with
 * room, bind it, mark it Running — in plain TypeScript with no API machinery, no events, no
 * simulated time. The ladder rungs divide their wall time by this program's for the same size.
 */
interface FloorNode {
  name: string;
  cpu: number;
  memory: number;
  pods: number;
}

interface FloorPod {
  metadata: { name: string; namespace: string; resourceVersion: string; labels: Record<string, string> };
  spec: { nodeName?: string; containers: { name: string; image: string; resources: { requests: { cpu: string; memory: string } } }[] };
  status: { phase: string; podIP?: string };
}

/** Wall ms to create, place, bind and start `pods` pods on `nodes` nodes (4 CPU, 16 GiB, 110 pods each). */
export function floorMs(nodes: number, pods: number): number {
  const machines: FloorNode[] = [];
  for (let i = 0; i < nodes; i++) machines.push({ name: `node-${i}`, cpu: 4000, memory: 16 * 1024, pods: 110 });
  const store = new Map<string, FloorPod>();
  let rv = 0;
  let cursor = 0;
  return time(() => {
    for (let i = 0; i < pods; i++) {
      const name = `scale-${i}`;
      const pod: FloorPod = {
        metadata: { name, namespace: 'default', resourceVersion: String(++rv), labels: { app: 'scale' } },
        spec: { containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
        status: { phase: 'Pending' },
      };
      store.set(`default/${name}`, pod);
      // Fit: the next node round the ring with room for 10m CPU, 16 MiB and one more pod.
      let placed: FloorNode | undefined;
      for (let k = 0; k < machines.length; k++) {
        const m = machines[(cursor + k) % machines.length];
        if (m.cpu >= 10 && m.memory >= 16 && m.pods >= 1) {
          placed = m;
          cursor = (cursor + k + 1) % machines.length;
          break;
        }
      }
      if (!placed) throw new Error('the floor ran out of room');
      placed.cpu -= 10;
      placed.memory -= 16;
      placed.pods -= 1;
      // Bind and start: two more writes of the stored object.
      store.set(`default/${name}`, { ...pod, metadata: { ...pod.metadata, resourceVersion: String(++rv) }, spec: { ...pod.spec, nodeName: placed.name } });
      const bound = store.get(`default/${name}`) as FloorPod;
      store.set(`default/${name}`, { ...bound, metadata: { ...bound.metadata, resourceVersion: String(++rv) }, status: { phase: 'Running', podIP: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` } });
    }
  });
}

export function floorBenchmarks(): Figure[] {
  const figures: Figure[] = [];
  for (const [nodes, pods] of [
    [100, 3_000],
    [1_000, 30_000],
    [5_000, 150_000],
  ]) {
    const runs = [0, 1, 2, 3, 4].map(() => floorMs(nodes, pods)).sort((a, b) => a - b);
    figures.push({ name: `floor.${nodes}n-${pods}p.wall`, value: +runs[2].toFixed(2), unit: 'ms' });
    figures.push({ name: `floor.${nodes}n-${pods}p.pods-per-second`, value: Math.round(pods / (runs[2] / 1000)), unit: 'pods/s' });
  }
  return figures;
}
