import { quantityFromBytes, quantityFromMilli } from '../api/quantity';
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

/** CPU as metrics-server serializes it: a canonical DecimalSI quantity (`18m`, `1`). */
export function cpuQuantity(milli: number): string {
  return quantityFromMilli(Math.round(milli), 'DecimalSI').toString();
}

/** Memory as metrics-server serializes it: a canonical BinarySI quantity (`3584Ki`, `3Mi`). */
export function memoryQuantity(bytes: number): string {
  return quantityFromBytes(Math.round(bytes), 'BinarySI').toString();
}

/** A window as Go prints a time.Duration (`15s`, `14.5s`). */
export function windowText(ms: number): string {
  return `${+(ms / 1000).toFixed(3)}s`;
}
