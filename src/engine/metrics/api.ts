import type { Node, Pod } from 'kubernetes-types/core/v1';
import { StatusError } from '../api/status';
import type { Stored } from '../api/types';
import type { AggregatedResource } from '../apiserver/apiserver';
import type { Clock } from '../sim/clock';
import type { Informer } from '../controllers/informer';
import { cpuQuantity, memoryQuantity, METRICS_GROUP, METRICS_VERSION, windowText } from './resources';
import type { MetricsScraper, Scrape } from './scraper';

const API_VERSION = `${METRICS_GROUP}/${METRICS_VERSION}`;

/** The objects metrics-server builds per request: stamped now, labelled as the node or pod is. */
function meta(clock: Clock, name: string, labels: Record<string, string> | undefined, namespace?: string) {
  return {
    name,
    ...(namespace ? { namespace } : {}),
    creationTimestamp: clock.timestamp(),
    ...(labels ? { labels: { ...labels } } : {}),
  };
}

function stamp(clock: Clock, current: Scrape, previous: Scrape) {
  // The field is named `window`; a quoted key keeps the engine's no-DOM lint rule from reading it as the global.
  return { timestamp: clock.timestamp(current.time), 'window': windowText(current.time - previous.time) };
}

/** NotFound as metrics-server answers it: `podmetrics.metrics.k8s.io "ns/name"`, or the lister's `pods "name"` when there is no such pod. */
function notFound(kind: 'nodemetrics' | 'podmetrics' | 'pods' | 'nodes', name: string) {
  return new StatusError({
    apiVersion: 'v1',
    kind: 'Status',
    metadata: {},
    status: 'Failure',
    message: `${kind === 'pods' || kind === 'nodes' ? kind : `${kind}.${METRICS_GROUP}`} "${name}" not found`,
    reason: 'NotFound',
    details: { name, ...(kind === 'pods' || kind === 'nodes' ? {} : { group: METRICS_GROUP }), kind },
    code: 404,
  });
}

/** metrics.k8s.io NodeMetrics: a node's usage from the last two scrapes. */
export function nodeMetricsResource(scraper: MetricsScraper, nodes: Informer<Node>, clock: Clock): AggregatedResource {
  const build = (node: Stored<Node>): Stored | undefined => {
    const rounds = scraper.rounds();
    const now = rounds?.current.nodes[node.metadata.name];
    if (!rounds || !now || !rounds.previous.nodes[node.metadata.name]) return undefined;
    return {
      apiVersion: API_VERSION,
      kind: 'NodeMetrics',
      metadata: meta(clock, node.metadata.name, node.metadata.labels),
      ...stamp(clock, rounds.current, rounds.previous),
      usage: { cpu: cpuQuantity(now[0]), memory: memoryQuantity(now[1]) },
    } as unknown as Stored;
  };
  const find = (_ns: string, name: string) => {
    const node = nodes.get('', name);
    return node ? build(node) : undefined;
  };
  return {
    find,
    get(ns, name) {
      if (!nodes.get('', name)) throw notFound('nodes', name);
      const found = find(ns, name);
      if (!found) throw notFound('nodemetrics', name);
      return found;
    },
    list() {
      return nodes
        .list()
        .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))
        .map(build)
        .filter((o): o is Stored => !!o);
    },
  };
}

/** metrics.k8s.io PodMetrics: each running container seen in both of the last two scrapes. */
export function podMetricsResource(scraper: MetricsScraper, pods: Informer<Pod>, clock: Clock): AggregatedResource {
  const build = (pod: Stored<Pod>): Stored | undefined => {
    const rounds = scraper.rounds();
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const now = rounds?.current.pods[key];
    const before = rounds?.previous.pods[key];
    // Only Running pods are reported, as metrics-server does.
    if (pod.status?.phase !== 'Running') return undefined;
    if (!rounds || !now || !before || now.uid !== pod.metadata.uid || before.uid !== pod.metadata.uid) return undefined;
    const containers = Object.entries(now.containers)
      .filter(([name]) => before.containers[name])
      .map(([name, [cpu, memory]]) => ({ name, usage: { cpu: cpuQuantity(cpu), memory: memoryQuantity(memory) } }));
    if (!containers.length) return undefined;
    return {
      apiVersion: API_VERSION,
      kind: 'PodMetrics',
      metadata: meta(clock, pod.metadata.name, pod.metadata.labels, pod.metadata.namespace),
      ...stamp(clock, rounds.current, rounds.previous),
      containers,
    } as unknown as Stored;
  };
  const find = (ns: string, name: string) => {
    const pod = pods.get(ns, name);
    return pod ? build(pod) : undefined;
  };
  return {
    find,
    get(ns, name) {
      if (!pods.get(ns, name)) throw notFound('pods', name);
      const found = find(ns, name);
      if (!found) throw notFound('podmetrics', `${ns}/${name}`);
      return found;
    },
    list(ns) {
      return pods
        .list(ns)
        .sort((a, b) => (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || a.metadata.name.localeCompare(b.metadata.name))
        .map(build)
        .filter((o): o is Stored => !!o);
    },
  };
}
