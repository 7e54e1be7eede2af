import type { Deployment } from 'kubernetes-types/apps/v1';
import { Cluster } from '../src/engine/sim/cluster';

/**
 * One rung of the engine scale ladder, free of Node-only APIs so that both the Node bench and the
 * browser worker run exactly the same steps: `nodes` workers (4 CPU, 16Gi, 110 pods each) join and
 * 30 simulated seconds pass, then one Deployment of `pods` replicas is created and time advances
 * in 1 s steps (as a waitFor does) until every replica is Running. Wall times via performance.now().
 */
export interface RungResult {
  nodes: number;
  pods: number;
  /** Wall milliseconds for the machines to join (adding them and the first 30 simulated seconds). */
  joinMs: number;
  /** Wall milliseconds from `kubectl create` until every replica is Running. */
  runningMs: number;
  /** Simulated milliseconds the same took. */
  simMs: number;
}

function running(cluster: Cluster, app: string): number {
  let n = 0;
  for (const p of cluster.store.each('pods')) {
    const pod = p as { metadata: { labels?: Record<string, string> }; status?: { phase?: string } };
    if (pod.metadata.labels?.app === app && pod.status?.phase === 'Running') n++;
  }
  return n;
}

function deployment(pods: number): Deployment {
  return {
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
}

/**
 * Runs the rung. `phase` is called as the created Deployment starts to roll out (so a caller can
 * start its own CPU clock there), and `sample` once per simulated second while it does (for a peak
 * memory reading the caller knows how to take).
 */
export function runRung(nodes: number, pods: number, hooks: { phase?: () => void; sample?: () => void } = {}): RungResult {
  // kind's 10.244.0.0/16 holds 256 node ranges; larger rungs use 10.128.0.0/9 (32,768 ranges, clear of the service range).
  const cluster = Cluster.create({ freezeObjects: false, ...(nodes > 250 ? { clusterCIDR: '10.128.0.0/9' } : {}) });
  const joinStart = performance.now();
  for (let i = 0; i < nodes; i++) cluster.machines.add({ name: `node-${i}`, cpu: '4', memory: '16Gi', zone: `zone-${i % 3}` });
  cluster.advance(30_000);
  const joinMs = performance.now() - joinStart;
  hooks.phase?.();
  const start = performance.now();
  cluster.api.create('apps/deployments', 'default', deployment(pods));
  const took = cluster.advanceUntil(() => {
    hooks.sample?.();
    return running(cluster, 'scale') >= pods;
  }, 30 * 60_000);
  const runningMs = performance.now() - start;
  if (took === undefined) throw new Error(`only ${running(cluster, 'scale')} of ${pods} pods Running after 30 simulated minutes`);
  return { nodes, pods, joinMs, runningMs, simMs: took };
}

export const rungTag = (nodes: number, pods: number) => `${nodes}n-${pods}p`;
