import type { ResourceType } from '../apiserver/registry';

/**
 * The metrics.k8s.io/v1beta1 resources metrics-server serves, as discovery lists them
 * (`kubectl api-resources`: nodes and pods, kinds NodeMetrics and PodMetrics, get and list only).
 */
export const METRICS_GROUP = 'metrics.k8s.io';
export const METRICS_VERSION = 'v1beta1';
export const METRICS_API_SERVICE = `${METRICS_VERSION}.${METRICS_GROUP}`;

const base = { group: METRICS_GROUP, version: METRICS_VERSION, shortNames: [], verbs: ['get', 'list'], categories: [], subresources: [] };

export const NODE_METRICS: ResourceType = { ...base, kind: 'NodeMetrics', plural: 'nodes', singular: 'nodemetrics', namespaced: false };
export const POD_METRICS: ResourceType = { ...base, kind: 'PodMetrics', plural: 'pods', singular: 'podmetrics', namespaced: true };

/** metrics-server's --metric-resolution: how often it scrapes the kubelets. */
export const METRIC_RESOLUTION_MS = 15_000;

/** CPU as metrics-server reports it: nanocores (`12345678n`). */
export function cpuQuantity(milli: number): string {
  return milli ? `${Math.round(milli * 1_000_000)}n` : '0';
}

/** Memory as metrics-server reports it: kibibytes (`3584Ki`). */
export function memoryQuantity(bytes: number): string {
  return bytes ? `${Math.round(bytes / 1024)}Ki` : '0';
}

/** A window as Go prints a time.Duration (`15s`, `14.5s`). */
export function windowText(ms: number): string {
  return `${+(ms / 1000).toFixed(3)}s`;
}
