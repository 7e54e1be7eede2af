import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import type { Event, Pod } from 'kubernetes-types/core/v1';
import type { Deployment } from 'kubernetes-types/apps/v1';
import { describe, expect, it } from 'vitest';
import type { Stored } from '../../api/types';
import { resourceKey } from '../../apiserver/registry';
import { POD_METRICS } from '../../metrics/resources';
import { controllerHarness } from '../harness';
import { HorizontalController, HPA_RESYNC_MS } from './controller';

/** The HPA against the real API server; metrics.k8s.io is served by a stand-in holding fixed PodMetrics. */
function setup(opts: { replicas?: number; usage?: Record<string, string>; metricsApi?: boolean; hpa?: Partial<HorizontalPodAutoscaler['spec']> } = {}) {
  const h = controllerHarness((ctx) => new HorizontalController(ctx));
  const { api, clock } = h;
  api.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  const replicas = opts.replicas ?? 1;
  api.create<Deployment>('apps/deployments', 'default', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', resources: { requests: { cpu: '100m' } } }] } },
    },
  });
  const usage = opts.usage ?? {};
  const started = new Date(clock.now() - 10 * 60_000).toISOString();
  for (let i = 0; i < replicas; i++) {
    const pod = api.create<Pod>('pods', 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `web-${i}`, labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx', resources: { requests: { cpu: '100m' } } }] },
    });
    api.updateStatus<Pod>('pods', 'default', {
      ...pod,
      status: { ...pod.status, phase: 'Running', startTime: started, conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: started }] },
    });
  }
  if (opts.metricsApi !== false) {
    api.registry.add(POD_METRICS);
    const list = () =>
      Object.entries(usage).map(
        ([name, cpu]) =>
          ({
            apiVersion: 'metrics.k8s.io/v1beta1',
            kind: 'PodMetrics',
            metadata: { name, namespace: 'default', labels: { app: 'web' } },
            timestamp: clock.timestamp(),
            'window': '15s',
            containers: [{ name: 'nginx', usage: { cpu, memory: '4Mi' } }],
          }) as unknown as Stored,
      );
    api.aggregated.set(resourceKey(POD_METRICS), { list, find: (_ns, n) => list().find((o) => o.metadata.name === n), get: (_ns, n) => list().find((o) => o.metadata.name === n) as Stored });
  }
  api.create<HorizontalPodAutoscaler>('autoscaling/horizontalpodautoscalers', 'default', {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 1,
      maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
      ...opts.hpa,
    },
  });
  const hpa = () => api.get<HorizontalPodAutoscaler>('autoscaling/horizontalpodautoscalers', 'default', 'web');
  const condition = (type: string) => hpa().status?.conditions?.find((c) => c.type === type);
  const events = () =>
    api
      .list<Event>('events', 'default')
      .items.filter((e) => e.involvedObject.kind === 'HorizontalPodAutoscaler')
      .map((e) => `${e.type} ${e.reason}: ${e.message}`);
  return { ...h, hpa, condition, events, controller: h.controllers[0] as HorizontalController };
}

describe('HorizontalController', () => {
  it('first looks at a new HPA one resync period after it was created', () => {
    const h = setup({ usage: { 'web-0': '150m' } });
    h.advance(HPA_RESYNC_MS - 1000);
    expect(h.hpa().status?.conditions).toBeUndefined();
    h.advance(1000);
    expect(h.hpa().status?.currentReplicas).toBe(1);
  });

  it('scales up by ceil(current × utilization / target), records the metric, conditions and SuccessfulRescale', () => {
    const h = setup({ usage: { 'web-0': '150m' } });
    h.advance(HPA_RESYNC_MS);
    expect(h.api.get<Deployment>('apps/deployments', 'default', 'web').spec?.replicas).toBe(3);
    const st = h.hpa().status;
    expect(st?.desiredReplicas).toBe(3);
    expect(st?.currentReplicas).toBe(1);
    expect(st?.lastScaleTime).toBe(h.clock.timestamp());
    expect(st?.currentMetrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 150, averageValue: '150m' } } }]);
    expect(h.condition('AbleToScale')).toMatchObject({ status: 'True', reason: 'SucceededRescale', message: 'the HPA controller was able to update the target scale to 3' });
    expect(h.condition('ScalingActive')).toMatchObject({
      status: 'True',
      reason: 'ValidMetricFound',
      message: 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
    });
    expect(h.condition('ScalingLimited')).toMatchObject({ status: 'False', reason: 'DesiredWithinRange' });
    expect(h.events()).toEqual(['Normal SuccessfulRescale: New size: 3; reason: cpu resource utilization (percentage of request) above target']);
  });

  it('writes nothing on a second reconcile of a settled HPA', () => {
    const h = setup({ replicas: 2, usage: { 'web-0': '50m', 'web-1': '50m' } });
    h.advance(HPA_RESYNC_MS);
    expect(h.hpa().status?.desiredReplicas).toBe(2);
    expect(h.writesOnResync(h.controller, ['default/web'])).toBe(false);
  });

  it('limits a scale-up to max(2×, 4) per step and reports ScalingLimited', () => {
    const h = setup({ usage: { 'web-0': '900m' } });
    h.advance(HPA_RESYNC_MS);
    expect(h.api.get<Deployment>('apps/deployments', 'default', 'web').spec?.replicas).toBe(4);
    expect(h.condition('ScalingLimited')).toMatchObject({
      status: 'True',
      reason: 'ScaleUpLimit',
      message: 'the desired replica count is increasing faster than the maximum scale rate',
    });
  });

  it('without the metrics API: FailedGetResourceMetric, FailedComputeMetricsReplicas and ScalingActive False', () => {
    const h = setup({ metricsApi: false });
    h.advance(HPA_RESYNC_MS);
    const why =
      'failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)';
    expect(h.events()).toEqual([
      `Warning FailedGetResourceMetric: ${why}`,
      `Warning FailedComputeMetricsReplicas: invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${why}`,
    ]);
    expect(h.condition('ScalingActive')).toMatchObject({ status: 'False', reason: 'FailedGetResourceMetric', message: `the HPA was unable to compute the replica count: ${why}` });
    expect(h.condition('AbleToScale')).toMatchObject({ status: 'True', reason: 'SucceededGetScale' });
    expect(h.api.get<Deployment>('apps/deployments', 'default', 'web').spec?.replicas).toBe(1);
  });

  it('a missing target: FailedGetScale', () => {
    const h = setup({ usage: {}, hpa: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'nope' } } });
    h.advance(HPA_RESYNC_MS);
    expect(h.events()).toEqual(['Warning FailedGetScale: deployments.apps "nope" not found']);
    expect(h.condition('AbleToScale')).toMatchObject({
      status: 'False',
      reason: 'FailedGetScale',
      message: `the HPA controller was unable to get the target's current scale: deployments.apps "nope" not found`,
    });
  });

  it('a target scaled to zero disables autoscaling', () => {
    const h = setup({ replicas: 0 });
    h.advance(HPA_RESYNC_MS);
    expect(h.condition('ScalingActive')).toMatchObject({
      status: 'False',
      reason: 'ScalingDisabled',
      message: 'scaling is disabled since the replica count of the target is zero',
    });
  });

  it('brings a target above maxReplicas back within bounds', () => {
    const h = setup({ replicas: 3, usage: { 'web-0': '50m', 'web-1': '50m', 'web-2': '50m' }, hpa: { maxReplicas: 2 } });
    h.advance(HPA_RESYNC_MS);
    expect(h.events()).toEqual(['Normal SuccessfulRescale: New size: 2; reason: Current number of replicas above Spec.MaxReplicas']);
  });

  it('Pods metrics report the custom metrics API missing', () => {
    const h = setup({
      usage: { 'web-0': '50m' },
      hpa: { metrics: [{ type: 'Pods', pods: { metric: { name: 'http_requests' }, target: { type: 'AverageValue', averageValue: '10' } } }] },
    });
    h.advance(HPA_RESYNC_MS);
    expect(h.condition('ScalingActive')).toMatchObject({
      status: 'False',
      reason: 'FailedGetPodsMetric',
      message:
        'the HPA was unable to compute the replica count: unable to get metric http_requests: unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered',
    });
  });

  it('two HPAs over the same pods: AmbiguousSelector on both', () => {
    const h = setup({ usage: { 'web-0': '50m' } });
    h.api.create<HorizontalPodAutoscaler>('autoscaling/horizontalpodautoscalers', 'default', {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web2' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 3 },
    });
    h.advance(2 * HPA_RESYNC_MS);
    const msg = 'pods by selector app=web are controlled by multiple HPAs: [default/web default/web2]';
    expect(h.condition('ScalingActive')).toMatchObject({ status: 'False', reason: 'AmbiguousSelector', message: msg });
    expect(h.events()).toContain(`Warning AmbiguousSelector: ${msg}`);
  });

  it('keeps its recommendations across a snapshot', () => {
    const h = setup({ usage: { 'web-0': '150m' } });
    h.advance(HPA_RESYNC_MS);
    const state = h.controller.snapshotState();
    expect(state['default/web'].recommendations.length).toBeGreaterThan(0);
    const other = setup({ usage: { 'web-0': '150m' } });
    other.controller.restoreState(state);
    expect(other.controller.snapshotState()).toEqual(state);
  });
});
