import type { HorizontalPodAutoscaler, HorizontalPodAutoscalerStatus, MetricStatus } from 'kubernetes-types/autoscaling/v2';
import type { Pod } from 'kubernetes-types/core/v1';
import { parseSelector } from '../../api/labels';
import { isStatusError } from '../../api/status';
import type { Stored } from '../../api/types';
import type { ResourceType } from '../../apiserver/registry';
import { Controller, type ControllerContext } from '../controller';
import { type Informer, keyOf, splitKey } from '../informer';
import {
  convertDesiredReplicasWithBehaviorRate,
  convertDesiredReplicasWithRules,
  type HPAMemory,
  newMemory,
  recordInitialRecommendation,
  stabilizeRecommendation,
  stabilizeRecommendationWithBehaviors,
  storeScaleEvent,
} from './behavior';
import { computeReplicasForMetric } from './compute';
import { setCondition, statusChanged, withStatus } from './status';

/** --horizontal-pod-autoscaler-sync-period */
export const HPA_RESYNC_MS = 15_000;
const COMPONENT = 'horizontal-pod-autoscaler';

interface Scale {
  spec?: { replicas?: number };
  status?: { replicas?: number; selector?: string };
}

/**
 * The HorizontalPodAutoscaler controller (kube-controller-manager, autoscaling/v2): every 15 s
 * per HPA it reads the target's scale subresource, asks each metric for a replica count, keeps
 * the highest, stabilises and rate-limits it (spec.behavior, or the legacy rules without one),
 * writes the new scale, and records conditions, metrics and events with upstream's texts.
 */
export class HorizontalController extends Controller {
  private readonly hpas: Informer<HorizontalPodAutoscaler>;
  private readonly pods: Informer<Pod>;
  private memory: Record<string, HPAMemory> = {};

  constructor(ctx: ControllerContext) {
    super('horizontal-pod-autoscaler', ctx);
    this.hpas = ctx.informers.for<HorizontalPodAutoscaler>('autoscaling/horizontalpodautoscalers');
    this.pods = ctx.informers.for<Pod>('pods');
    // Every request waits one resync period, so each HPA is processed every 15 s (not on every change).
    const enqueue = (h: HorizontalPodAutoscaler) => this.queue.addAfter(keyOf(h), HPA_RESYNC_MS);
    this.hpas.addHandlers({ add: enqueue, update: enqueue, delete: (h) => this.queue.add(keyOf(h)) });
  }

  snapshotState(): Record<string, HPAMemory> {
    return structuredClone(this.memory);
  }

  restoreState(state: unknown): void {
    this.memory = structuredClone((state ?? {}) as Record<string, HPAMemory>);
  }

  reconcile(key: string): number | undefined {
    const [ns, name] = splitKey(key);
    const hpa = this.hpas.get(ns, name);
    if (!hpa) {
      delete this.memory[key];
      return undefined;
    }
    this.reconcileAutoscaler(hpa, key);
    return HPA_RESYNC_MS;
  }

  private event(hpa: HorizontalPodAutoscaler, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.event(hpa, type, reason, message, { component: COMPONENT });
  }

  private now(): number {
    return this.ctx.clock.now();
  }

  private ts(): string {
    return this.ctx.clock.timestamp();
  }

  private targetResource(apiVersion: string | undefined, kind: string): ResourceType | string {
    const slash = (apiVersion ?? '').indexOf('/');
    const group = slash >= 0 ? (apiVersion ?? '').slice(0, slash) : '';
    const found = this.api.registry.all().find((rt) => rt.group === group && rt.kind === kind);
    return found ?? `no matches for kind "${kind}" in group "${group}"`;
  }

  private reconcileAutoscaler(hpa: Stored<HorizontalPodAutoscaler>, key: string): void {
    const status: HorizontalPodAutoscalerStatus = structuredClone(hpa.status ?? { desiredReplicas: 0 });
    const ref = hpa.spec?.scaleTargetRef;
    const rt = this.targetResource(ref?.apiVersion, ref?.kind ?? '');
    let scale: Scale;
    try {
      if (typeof rt === 'string') throw new Error(rt);
      if (!rt.subresources.includes('scale')) throw new Error('the server could not find the requested resource');
      scale = this.api.getScale(rt, hpa.metadata.namespace ?? 'default', ref?.name ?? '') as Scale;
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      this.event(hpa, 'Warning', 'FailedGetScale', msg);
      setCondition(status, 'AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${msg}`, this.ts());
      this.updateStatusIfNeeded(hpa, status);
      return;
    }
    const resource = rt as ResourceType;
    setCondition(status, 'AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale", this.ts());
    const currentReplicas = scale.spec?.replicas ?? 0;
    this.memory[key] ??= newMemory();
    const mem = this.memory[key];
    recordInitialRecommendation(mem, currentReplicas, this.now());

    const minReplicas = hpa.spec?.minReplicas ?? 1;
    const maxReplicas = hpa.spec?.maxReplicas ?? 0;
    let desiredReplicas = 0;
    let rescaleReason = '';
    let rescale = true;
    let metricStatuses: MetricStatus[] | undefined;

    if (currentReplicas === 0 && minReplicas !== 0) {
      desiredReplicas = 0;
      rescale = false;
      setCondition(status, 'ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero', this.ts());
    } else if (currentReplicas > maxReplicas) {
      rescaleReason = 'Current number of replicas above Spec.MaxReplicas';
      desiredReplicas = maxReplicas;
    } else if (currentReplicas < minReplicas) {
      rescaleReason = 'Current number of replicas below Spec.MinReplicas';
      desiredReplicas = minReplicas;
    } else {
      const computed = this.computeReplicasForMetrics(hpa, scale, status);
      metricStatuses = computed.statuses;
      if (computed.failed) {
        this.updateStatusIfNeeded(hpa, withStatus(status, currentReplicas, status.desiredReplicas ?? 0, metricStatuses, false, this.ts()));
        this.event(hpa, 'Warning', 'FailedComputeMetricsReplicas', computed.error ?? '');
        return;
      }
      let rescaleMetric = '';
      if (computed.replicas > desiredReplicas) {
        desiredReplicas = computed.replicas;
        rescaleMetric = computed.metric;
      }
      if (desiredReplicas > currentReplicas) rescaleReason = `${rescaleMetric} above target`;
      if (desiredReplicas < currentReplicas) rescaleReason = 'All metrics below target';
      desiredReplicas = hpa.spec?.behavior
        ? this.normalizeWithBehaviors(hpa, mem, status, currentReplicas, desiredReplicas, minReplicas)
        : this.normalize(mem, status, currentReplicas, desiredReplicas, minReplicas, maxReplicas);
      rescale = desiredReplicas !== currentReplicas;
    }

    if (rescale) {
      try {
        this.api.updateScale(resource, hpa.metadata.namespace ?? 'default', ref?.name ?? '', desiredReplicas);
      } catch (e) {
        if (!isStatusError(e)) throw e;
        this.event(hpa, 'Warning', 'FailedRescale', `New size: ${desiredReplicas}; reason: ${rescaleReason}; error: ${e.message}`);
        setCondition(status, 'AbleToScale', 'False', 'FailedUpdateScale', `the HPA controller was unable to update the target scale: ${e.message}`, this.ts());
        this.updateStatusIfNeeded(hpa, withStatus(status, currentReplicas, status.desiredReplicas ?? 0, metricStatuses, false, this.ts()));
        return;
      }
      setCondition(status, 'AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desiredReplicas}`, this.ts());
      this.event(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desiredReplicas}; reason: ${rescaleReason}`);
      storeScaleEvent(mem, hpa.spec?.behavior, currentReplicas, desiredReplicas, this.now());
    } else {
      desiredReplicas = currentReplicas;
    }
    this.updateStatusIfNeeded(hpa, withStatus(status, currentReplicas, desiredReplicas, metricStatuses, rescale, this.ts()));
  }

  /** Every metric's proposal; the highest wins. All failing, or some failing on a scale-down, is a failure. */
  private computeReplicasForMetrics(
    hpa: Stored<HorizontalPodAutoscaler>,
    scale: Scale,
    status: HorizontalPodAutoscalerStatus,
  ): { failed: boolean; replicas: number; metric: string; statuses: MetricStatus[]; error?: string } {
    const selectorText = scale.status?.selector ?? '';
    const specs = hpa.spec?.metrics ?? [];
    if (!selectorText) {
      this.event(hpa, 'Warning', 'SelectorRequired', 'selector is required');
      setCondition(status, 'ScalingActive', 'False', 'InvalidSelector', "the HPA target's scale is missing a selector", this.ts());
      return { failed: true, replicas: -1, metric: '', statuses: [], error: 'selector is required' };
    }
    let selector: ReturnType<typeof parseSelector>;
    try {
      selector = parseSelector(selectorText);
    } catch (e) {
      const msg = `couldn't convert selector into a corresponding internal selector object: ${e instanceof Error ? e.message : String(e)}`;
      this.event(hpa, 'Warning', 'InvalidSelector', msg);
      setCondition(status, 'ScalingActive', 'False', 'InvalidSelector', msg, this.ts());
      return { failed: true, replicas: -1, metric: '', statuses: [], error: msg };
    }
    const pods = this.pods.list(hpa.metadata.namespace).filter((p) => selector.matches(p.metadata.labels ?? {}));
    const key = `${hpa.metadata.namespace}/${hpa.metadata.name}`;
    const mem = this.memory[key];
    if (mem) mem.selector = selectorText;
    const selecting = this.hpasSelecting(hpa.metadata.namespace ?? 'default', pods);
    if (selecting.length > 1) {
      const msg = `pods by selector ${selectorText} are controlled by multiple HPAs: [${selecting.join(' ')}]`;
      this.event(hpa, 'Warning', 'AmbiguousSelector', msg);
      setCondition(status, 'ScalingActive', 'False', 'AmbiguousSelector', msg, this.ts());
      return { failed: true, replicas: -1, metric: '', statuses: [], error: msg };
    }
    const input = { api: this.api, hpa, pods, selector: selectorText, currentReplicas: scale.spec?.replicas ?? 0, now: this.now() };
    const statuses: MetricStatus[] = specs.map(() => ({ type: '' }) as unknown as MetricStatus);
    let replicas = 0;
    let metric = '';
    let invalid = 0;
    let firstError: { reason: string; message: string; error: string } | undefined;
    specs.forEach((spec, i) => {
      const p = computeReplicasForMetric(input, spec);
      if (!p.ok) {
        // Each failing metric is an event; the first one decides the condition.
        this.event(hpa, 'Warning', p.reason, p.eventMessage);
        if (!firstError) firstError = { reason: p.reason, message: `the HPA was unable to compute the replica count: ${p.eventMessage}`, error: p.error };
        invalid++;
        return;
      }
      statuses[i] = p.status;
      if (replicas === 0 || p.replicas > replicas) {
        replicas = p.replicas;
        metric = p.metricName;
      }
    });
    const error = firstError ? `invalid metrics (${invalid} invalid out of ${specs.length}), first error is: ${firstError.error}` : undefined;
    if (firstError && (invalid >= specs.length || replicas < (scale.spec?.replicas ?? 0))) {
      setCondition(status, 'ScalingActive', 'False', firstError.reason, firstError.message, this.ts());
      return { failed: true, replicas: -1, metric: '', statuses, error };
    }
    setCondition(status, 'ScalingActive', 'True', 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${metric}`, this.ts());
    return { failed: false, replicas, metric, statuses, error };
  }

  /** The HPAs (by their last seen target selector) that control any of these pods. */
  private hpasSelecting(namespace: string, pods: Stored<Pod>[]): string[] {
    const keys: string[] = [];
    for (const [key, mem] of Object.entries(this.memory)) {
      if (!key.startsWith(`${namespace}/`) || !mem.selector) continue;
      let sel: ReturnType<typeof parseSelector>;
      try {
        sel = parseSelector(mem.selector);
      } catch {
        continue;
      }
      if (pods.some((p) => sel.matches(p.metadata.labels ?? {}))) keys.push(key);
    }
    return keys.sort();
  }

  private normalize(mem: HPAMemory, status: HorizontalPodAutoscalerStatus, current: number, desired: number, min: number, max: number): number {
    const stabilized = stabilizeRecommendation(mem, desired, this.now());
    if (stabilized !== desired) {
      setCondition(status, 'AbleToScale', 'True', 'ScaleDownStabilized', 'recent recommendations were higher than current one, applying the highest recent recommendation', this.ts());
    } else {
      setCondition(status, 'AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size', this.ts());
    }
    const limited = convertDesiredReplicasWithRules(current, stabilized, min, max);
    setCondition(status, 'ScalingLimited', limited.replicas === stabilized ? 'False' : 'True', limited.reason, limited.message, this.ts());
    return limited.replicas;
  }

  private normalizeWithBehaviors(
    hpa: HorizontalPodAutoscaler,
    mem: HPAMemory,
    status: HorizontalPodAutoscalerStatus,
    current: number,
    desired: number,
    min: number,
  ): number {
    const behavior = hpa.spec?.behavior ?? {};
    const args = {
      scaleUp: behavior.scaleUp ?? {},
      scaleDown: behavior.scaleDown ?? {},
      minReplicas: min,
      maxReplicas: hpa.spec?.maxReplicas ?? 0,
      currentReplicas: current,
      desiredReplicas: desired,
    };
    const stabilized = stabilizeRecommendationWithBehaviors(mem, args, this.now());
    if (stabilized.replicas !== desired) setCondition(status, 'AbleToScale', 'True', stabilized.reason, stabilized.message, this.ts());
    else setCondition(status, 'AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size', this.ts());
    const limited = convertDesiredReplicasWithBehaviorRate(mem, { ...args, desiredReplicas: stabilized.replicas }, this.now());
    setCondition(status, 'ScalingLimited', limited.replicas === stabilized.replicas ? 'False' : 'True', limited.reason, limited.message, this.ts());
    return limited.replicas;
  }

  private updateStatusIfNeeded(hpa: Stored<HorizontalPodAutoscaler>, status: HorizontalPodAutoscalerStatus): void {
    if (!statusChanged(hpa, status)) return;
    try {
      this.api.updateStatus<HorizontalPodAutoscaler>('autoscaling/horizontalpodautoscalers', hpa.metadata.namespace ?? 'default', { ...hpa, status });
    } catch (e) {
      if (!isStatusError(e)) throw e;
      if (e.reason === 'NotFound') return;
      this.event(hpa, 'Warning', 'FailedUpdateStatus', e.message);
    }
  }
}
