import type { Deployment } from 'kubernetes-types/apps/v1';
import { Cluster } from '../src/engine/sim/cluster';
import { type Figure, time } from './figures';
import { floorMs } from './floor.bench';

/** Simulated seconds per wall second for the idle default cluster over one simulated hour. */
export function idleHour(): Figure[] {
  const cluster = Cluster.create({ freezeObjects: false });
  const ms = time(() => cluster.advance(3_600_000));
  return [
    { name: 'cluster.idle-hour.wall', value: +(ms / 1000).toFixed(3), unit: 's' },
    { name: 'cluster.idle-hour.speed', value: Math.round(3_600_000 / ms), unit: 'sim-s/wall-s' },
  ];
}

function running(cluster: Cluster, app: string): number {
  let n = 0;
  for (const p of cluster.store.each('pods')) {
    const pod = p as { metadata: { labels?: Record<string, string> }; status?: { phase?: string } };
    if (pod.metadata.labels?.app === app && pod.status?.phase === 'Running') n++;
  }
  return n;
}

/**
 * `nodes` workers (4 CPU, 16Gi, 110 pods each) and one Deployment of `pods` replicas, from
 * `kubectl create` until every replica is Running; time advances in 1 s steps as a waitFor does.
 */
export function ladder(nodes: number, pods: number): Figure[] {
  // kind's 10.244.0.0/16 holds 256 node ranges; larger rungs use 10.128.0.0/9 (32,768 ranges, clear of the service range).
  const cluster = Cluster.create({ freezeObjects: false, ...(nodes > 250 ? { clusterCIDR: '10.128.0.0/9' } : {}) });
  const setup = time(() => {
    for (let i = 0; i < nodes; i++) cluster.machines.add({ name: `node-${i}`, cpu: '4', memory: '16Gi', zone: `zone-${i % 3}` });
    cluster.advance(30_000);
  });
  const deployment: Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'scale', namespace: 'default' },
    spec: {
      replicas: pods,
      selector: { matchLabels: { app: 'scale' } },
      template: {
        metadata: { labels: { app: 'scale' } },
        spec: { containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
      },
    },
  };
  let simMs = 0;
  let peak = process.memoryUsage().rss;
  const ms = time(() => {
    cluster.api.create('apps/deployments', 'default', deployment);
    const took = cluster.advanceUntil(() => {
      // Sampled once per simulated second, as the rung runs.
      peak = Math.max(peak, process.memoryUsage().rss);
      return running(cluster, 'scale') >= pods;
    }, 30 * 60_000);
    if (took === undefined) throw new Error(`only ${running(cluster, 'scale')} of ${pods} pods Running after 30 simulated minutes`);
    simMs = took;
  });
  const tag = `${nodes}n-${pods}p`;
  return [
    { name: `cluster.ladder.${tag}.nodes-join-wall`, value: +(setup / 1000).toFixed(2), unit: 's' },
    { name: `cluster.ladder.${tag}.all-running-wall`, value: +(ms / 1000).toFixed(2), unit: 's' },
    { name: `cluster.ladder.${tag}.pods-per-wall-second`, value: Math.round(pods / (ms / 1000)), unit: 'pods/s' },
    { name: `cluster.ladder.${tag}.all-running-sim`, value: +(simMs / 1000).toFixed(0), unit: 'sim-s' },
    { name: `cluster.ladder.${tag}.peak-rss`, value: Math.round(peak / 1024 / 1024), unit: 'MiB' },
    // Our wall time over the floor program's for the same nodes and pods (aim: at most 10×).
    { name: `cluster.ladder.${tag}.vs-floor`, value: Math.round(ms / floorMs(nodes, pods)), unit: '×' },
  ];
}
