import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { Stored } from '../api/types';
import { Controller, type ControllerContext } from '../controllers/controller';
import type { Informer } from '../controllers/informer';
import { nodeUsage, podUsage, type UsageSource } from '../kubelet/usage';
import { METRIC_RESOLUTION_MS } from './resources';

/** [cpu millicores, memory bytes] */
type Sample = [number, number];

/** One round of kubelet scrapes: what every node and running container used at `time`. */
export interface Scrape {
  time: number;
  nodes: Record<string, Sample>;
  /** pod key (`ns/name`) → uid and container name → sample. */
  pods: Record<string, { uid: string; containers: Record<string, Sample> }>;
}

export interface ScraperState {
  /** The metrics-server pod doing the scraping (a new one starts with an empty store). */
  server?: string;
  previous?: Scrape;
  current?: Scrape;
}

const SERVER_LABEL = 'k8s-app';
const SERVER_NAMESPACE = 'kube-system';

function isReady(pod: Pod): boolean {
  return !pod.metadata?.deletionTimestamp && !!pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
}

/**
 * What metrics-server does between requests: every --metric-resolution (15 s) it scrapes each
 * kubelet's resource metrics and keeps the last two rounds. A CPU rate needs two points, so a
 * container appears only once it was seen in both; the window is the time between them.
 * It runs while a metrics-server pod is Ready, and a restarted one starts from nothing.
 */
export class MetricsScraper extends Controller {
  private state: ScraperState = {};
  private readonly pods: Informer<Pod>;
  private readonly nodes: Informer<Node>;

  constructor(
    ctx: ControllerContext,
    private readonly usage: UsageSource,
  ) {
    super('metrics-server', ctx);
    this.pods = ctx.informers.for<Pod>('pods');
    this.nodes = ctx.informers.for<Node>('nodes');
    const mine = (p: Pod) => p.metadata?.namespace === SERVER_NAMESPACE && p.metadata?.labels?.[SERVER_LABEL] === 'metrics-server';
    this.pods.addHandlers({
      add: (p) => mine(p) && this.queue.add('scrape'),
      update: (p) => mine(p) && this.queue.add('scrape'),
      delete: (p) => mine(p) && this.queue.add('scrape'),
    });
  }

  snapshotState(): ScraperState {
    return structuredClone(this.state);
  }

  restoreState(state: unknown): void {
    this.state = structuredClone((state ?? {}) as ScraperState);
  }

  /** The two latest scrapes, when metrics-server has made two. */
  rounds(): { previous: Scrape; current: Scrape } | undefined {
    const { previous, current } = this.state;
    return previous && current ? { previous, current } : undefined;
  }

  /** The Ready metrics-server pod, if any. */
  server(): Stored<Pod> | undefined {
    return this.pods
      .list(SERVER_NAMESPACE)
      .filter((p) => p.metadata?.labels?.[SERVER_LABEL] === 'metrics-server' && isReady(p))
      .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))[0];
  }

  reconcile(): number | undefined {
    const server = this.server();
    if (!server) {
      if (this.state.server) this.state = {};
      return undefined;
    }
    const now = this.ctx.clock.now();
    if (this.state.server !== server.metadata.uid) this.state = { server: server.metadata.uid };
    const last = this.state.current?.time;
    if (last !== undefined && now - last < METRIC_RESOLUTION_MS) return last + METRIC_RESOLUTION_MS - now;
    this.state.previous = this.state.current;
    this.state.current = this.scrape(now);
    return METRIC_RESOLUTION_MS;
  }

  private scrape(now: number): Scrape {
    const out: Scrape = { time: now, nodes: {}, pods: {} };
    for (const node of this.nodes.list()) {
      const u = nodeUsage(this.usage, node.metadata.name, now);
      if (u) out.nodes[node.metadata.name] = [u.cpuMilli, u.memoryBytes];
    }
    for (const pod of this.pods.list()) {
      const node = pod.spec?.nodeName;
      if (!node || !out.nodes[node]) continue;
      const u = podUsage(this.usage, pod, now);
      if (!u) continue;
      const containers: Record<string, Sample> = {};
      for (const c of u.containers) containers[c.name] = [c.cpuMilli, c.memoryBytes];
      out.pods[`${pod.metadata.namespace}/${pod.metadata.name}`] = { uid: pod.metadata.uid, containers };
    }
    return out;
  }
}
