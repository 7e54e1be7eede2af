import type { HorizontalPodAutoscaler, MetricSpec, MetricStatus, MetricValueStatus } from 'kubernetes-types/autoscaling/v2';
import { quantityFromMilli, tryParseQuantity } from '../../api/quantity';
import type { Pod } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../../apiserver/apiserver';
import { getResourceMetric } from './metrics';
import { DEFAULT_CALCULATOR, getRawResourceReplicas, getResourceReplicas } from './replicas';

/**
 * One metric's replica proposal (horizontal.go computeReplicasForMetric): its status entry, the
 * name the SuccessfulRescale event gives it, or the failure with the condition reason and the
 * texts upstream puts in its event and its ScalingActive condition.
 */
export type Proposal =
  | { ok: true; replicas: number; status: MetricStatus; metricName: string; timestamp: number }
  | { ok: false; reason: string; eventMessage: string; error: string };

export interface MetricInput {
  api: ApiServer;
  hpa: HorizontalPodAutoscaler;
  pods: Pod[];
  selector: string;
  currentReplicas: number;
  now: number;
}

/** resource.NewMilliQuantity(v, DecimalSI).String() */
const milliQuantity = (milli: number): string => quantityFromMilli(milli, 'DecimalSI').toString();
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

const CUSTOM_METRICS_MISSING = 'unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered';

function fail(reason: string, inner: string, outer: string): Proposal {
  return { ok: false, reason, eventMessage: inner, error: outer };
}

function resourceProposal(m: MetricInput, spec: MetricSpec, container: string): Proposal {
  const source = spec.type === 'Resource' ? spec.resource : spec.containerResource;
  const name = source?.name ?? '';
  const target = source?.target;
  const reason = spec.type === 'Resource' ? 'FailedGetResourceMetric' : 'FailedGetContainerResourceMetric';
  const outer = (inner: string) =>
    spec.type === 'Resource' ? `failed to get ${name} resource metric value: ${inner}` : `failed to get ${container} container metric value: ${inner}`;
  const statusOf = (current: MetricValueStatus): MetricStatus =>
    spec.type === 'Resource' ? { type: 'Resource', resource: { name, current } } : { type: 'ContainerResource', containerResource: { name, container, current } };
  const averageValue = target?.averageValue != null ? tryParseQuantity(target.averageValue) : undefined;
  if (!averageValue && target?.averageUtilization == null) {
    const inner = 'invalid resource metric source: neither an average utilization target nor an average value (usage) target was set';
    return fail(reason, inner, outer(inner));
  }
  const what = averageValue ? `${name} usage` : `${name} utilization`;
  let fetched: ReturnType<typeof getResourceMetric>;
  try {
    fetched = getResourceMetric(m.api, name, m.hpa.metadata?.namespace ?? 'default', m.selector, container);
  } catch (e) {
    const inner = `failed to get ${what}: unable to get metrics for resource ${name}: ${messageOf(e)}`;
    return fail(reason, inner, outer(inner));
  }
  try {
    if (averageValue) {
      const r = getRawResourceReplicas(m.currentReplicas, averageValue.milliValue(), name, m.pods, fetched.metrics, m.now, DEFAULT_CALCULATOR);
      return { ok: true, replicas: r.replicas, status: statusOf({ averageValue: milliQuantity(r.usage) }), metricName: `${name} resource`, timestamp: fetched.timestamp };
    }
    const r = getResourceReplicas(m.currentReplicas, target?.averageUtilization ?? 0, name, m.pods, fetched.metrics, container, m.now, DEFAULT_CALCULATOR);
    return {
      ok: true,
      replicas: r.replicas,
      status: statusOf({ averageUtilization: r.utilization, averageValue: milliQuantity(r.rawUtilization) }),
      metricName:
        spec.type === 'Resource' ? `${name} resource utilization (percentage of request)` : `${name} container resource utilization (percentage of request)`,
      timestamp: fetched.timestamp,
    };
  } catch (e) {
    const inner = `failed to get ${what}: ${messageOf(e)}`;
    return fail(reason, inner, outer(inner));
  }
}

/** What one metric proposes. */
export function computeReplicasForMetric(m: MetricInput, spec: MetricSpec): Proposal {
  switch (spec.type) {
    case 'Resource':
      return resourceProposal(m, spec, '');
    case 'ContainerResource':
      return resourceProposal(m, spec, spec.containerResource?.container ?? '');
    case 'Pods': {
      const inner = `unable to get metric ${spec.pods?.metric?.name ?? ''}: ${CUSTOM_METRICS_MISSING}`;
      return fail('FailedGetPodsMetric', inner, `failed to get pods metric value: ${inner}`);
    }
    case 'Object': {
      const ref = spec.object?.describedObject;
      const inner = `unable to get metric ${spec.object?.metric?.name ?? ''}: ${ref?.kind ?? ''} on ${m.hpa.metadata?.namespace ?? 'default'} ${ref?.name ?? ''}/${CUSTOM_METRICS_MISSING}`;
      return fail('FailedGetObjectMetric', inner, `failed to get object metric value: ${inner}`);
    }
    case 'External': {
      const metric = spec.external?.metric;
      const inner = `unable to get external metric ${m.hpa.metadata?.namespace ?? 'default'}/${metric?.name ?? ''}/: unable to fetch metrics from external metrics API: the server could not find the requested resource (get ${metric?.name ?? ''}.external.metrics.k8s.io)`;
      return fail('FailedGetExternalMetric', inner, `failed to get ${metric?.name ?? ''} external metric value: ${inner}`);
    }
    default: {
      const inner = `unknown metric source type "${spec.type ?? ''}"`;
      return fail('InvalidMetricSourceType', inner, inner);
    }
  }
}
