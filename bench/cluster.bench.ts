import type { Deployment } from 'kubernetes-types/apps/v1';
import { Cluster } from '../src/engine/sim/cluster';
import { type Figure, time } from './figures';
import { floorMs } from './floor.bench';

/** Simulated seconds per wall second for the idle default cluster over one simulated hour. */
export function idleHour(): Figure[] {
  const cluster = Cluster.create({ freezeObjects: false });
  const cpuStart = process.cpuUsage();
  const ms = time(() => cluster.advance(3_600_000));
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return [
    { name: 'cluster.idle-hour.cpu', value: +(cpuMs / 1000).toFixed(3), unit: 's' },
    { name: 'cluster.idle-hour.speed-per-cpu-second', value: Math.round(3_600_000 / cpuMs), unit: 'sim-s/cpu-s' },
    { name: 'cluster.idle-hour.wall', value: +(ms / 1000).toFixed(3), unit: 's' },
    { name: 'cluster.idle-hour.speed', value: Math.round(3_600_000 / ms), unit: 'sim-s/wall-s' },
  ];
}

function medianFloorMs(nodes: number, pods: number): number {
  const runs = [0, 1, 2, 3, 4].map(() => floorMs(nodes, pods)).sort((a, b) => a - b);
  return runs[2];
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
  // CPU time as well as wall: on a shared machine the wall clock also counts other people's work.
  const cpuStart = process.cpuUsage();
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
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const tag = `${nodes}n-${pods}p`;
  return [
    { name: `cluster.ladder.${tag}.nodes-join-wall`, value: +(setup / 1000).toFixed(2), unit: 's' },
    { name: `cluster.ladder.${tag}.all-running-wall`, value: +(ms / 1000).toFixed(2), unit: 's' },
    { name: `cluster.ladder.${tag}.pods-per-wall-second`, value: Math.round(pods / (ms / 1000)), unit: 'pods/s' },
    { name: `cluster.ladder.${tag}.all-running-cpu`, value: +(cpuMs / 1000).toFixed(2), unit: 's' },
    { name: `cluster.ladder.${tag}.pods-per-cpu-second`, value: Math.round(pods / (cpuMs / 1000)), unit: 'pods/s' },
    { name: `cluster.ladder.${tag}.all-running-sim`, value: +(simMs / 1000).toFixed(0), unit: 'sim-s' },
    { name: `cluster.ladder.${tag}.peak-rss`, value: Math.round(peak / 1024 / 1024), unit: 'MiB' },
    // Our CPU time over the floor program's (median of 5 runs) for the same nodes and pods (aim: at most 10×).
    { name: `cluster.ladder.${tag}.vs-floor`, value: Math.round(cpuMs / medianFloorMs(nodes, pods)), unit: '×' },
  ];
}
