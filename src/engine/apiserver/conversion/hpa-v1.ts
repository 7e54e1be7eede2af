import type { HorizontalPodAutoscaler as V1, HorizontalPodAutoscalerSpec as V1Spec, HorizontalPodAutoscalerStatus as V1Status } from 'kubernetes-types/autoscaling/v1';
import type { HorizontalPodAutoscaler as V2, MetricSpec, MetricStatus } from 'kubernetes-types/autoscaling/v2';
import type { KObject } from '../../api/types';
import type { VersionConverter } from './index';

/**
 * autoscaling/v1 ↔ autoscaling/v2 HorizontalPodAutoscaler, as pkg/apis/autoscaling/v1's
 * conversion does it: v1 keeps only a CPU utilization target and current value; what v1 cannot
 * hold travels in annotations (other metrics, every current metric, conditions, behavior) and
 * comes back out of them when a v1 object is written.
 */
const METRICS = 'autoscaling.alpha.kubernetes.io/metrics';
const CURRENT_METRICS = 'autoscaling.alpha.kubernetes.io/current-metrics';
const CONDITIONS = 'autoscaling.alpha.kubernetes.io/conditions';
const BEHAVIOR = 'autoscaling.alpha.kubernetes.io/behavior';

type Json = Record<string, unknown>;

const isCpuUtilization = (m: MetricSpec) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.target?.averageUtilization !== undefined;

/** v2 MetricSpec → v1 MetricSpec (the v2beta1 shape, field order as Go marshals it). */
function specToV1(m: MetricSpec): Json {
  const t = (x: {
    target?: {
      averageUtilization?: number;
      averageValue?: string;
      value?: string;
    };
  }) => x.target ?? {};
  switch (m.type) {
    case 'Resource':
      return {
        type: m.type,
        resource: {
          name: m.resource?.name,
          targetAverageUtilization: t(m.resource ?? {}).averageUtilization,
          targetAverageValue: t(m.resource ?? {}).averageValue,
        },
      };
    case 'ContainerResource':
      return {
        type: m.type,
        containerResource: {
          name: m.containerResource?.name,
          targetAverageUtilization: t(m.containerResource ?? {}).averageUtilization,
          targetAverageValue: t(m.containerResource ?? {}).averageValue,
          container: m.containerResource?.container,
        },
      };
    case 'Pods':
      return {
        type: m.type,
        pods: {
          metricName: m.pods?.metric?.name,
          targetAverageValue: t(m.pods ?? {}).averageValue ?? '0',
          selector: m.pods?.metric?.selector,
        },
      };
    case 'Object':
      return {
        type: m.type,
        object: {
          target: m.object?.describedObject,
          metricName: m.object?.metric?.name,
          targetValue: t(m.object ?? {}).value ?? '0',
          selector: m.object?.metric?.selector,
          averageValue: t(m.object ?? {}).averageValue,
        },
      };
    default:
      return {
        type: m.type,
        external: {
          metricName: m.external?.metric?.name,
          metricSelector: m.external?.metric?.selector,
          targetValue: t(m.external ?? {}).value,
          targetAverageValue: t(m.external ?? {}).averageValue,
        },
      };
  }
}

function target(utilization: unknown, average: unknown, value?: unknown): Json {
  if (utilization !== undefined) return { type: 'Utilization', averageUtilization: utilization };
  if (average !== undefined) return { type: 'AverageValue', averageValue: average };
  return { type: 'Value', value };
}

/** v1 MetricSpec (from the annotation) → v2 MetricSpec. */
function specFromV1(m: Json): MetricSpec {
  const r = (m.resource ?? m.containerResource ?? m.pods ?? m.object ?? m.external ?? {}) as Json;
  switch (m.type) {
    case 'Resource':
      return {
        type: 'Resource',
        resource: {
          name: r.name as string,
          target: target(r.targetAverageUtilization, r.targetAverageValue),
        },
      } as unknown as MetricSpec;
    case 'ContainerResource':
      return {
        type: 'ContainerResource',
        containerResource: {
          name: r.name,
          container: r.container,
          target: target(r.targetAverageUtilization, r.targetAverageValue),
        },
      } as unknown as MetricSpec;
    case 'Pods':
      return {
        type: 'Pods',
        pods: {
          metric: { name: r.metricName, selector: r.selector },
          target: target(undefined, r.targetAverageValue),
        },
      } as unknown as MetricSpec;
    case 'Object':
      return {
        type: 'Object',
        object: {
          describedObject: r.target,
          metric: { name: r.metricName, selector: r.selector },
          target: r.averageValue !== undefined ? target(undefined, r.averageValue) : target(undefined, undefined, r.targetValue),
        },
      } as unknown as MetricSpec;
    default:
      return {
        type: 'External',
        external: {
          metric: { name: r.metricName, selector: r.metricSelector },
          target: r.targetAverageValue !== undefined ? target(undefined, r.targetAverageValue) : target(undefined, undefined, r.targetValue),
        },
      } as unknown as MetricSpec;
  }
}

/** v2 MetricStatus → v1 MetricStatus (only Resource carries a utilization; the value is always written). */
function statusToV1(m: MetricStatus): Json {
  const c = (x?: {
    current?: {
      averageUtilization?: number;
      averageValue?: string;
      value?: string;
    };
  }) => x?.current ?? {};
  switch (m.type) {
    case 'Resource':
      return {
        type: m.type,
        resource: {
          name: m.resource?.name,
          currentAverageUtilization: c(m.resource).averageUtilization,
          currentAverageValue: c(m.resource).averageValue ?? '0',
        },
      };
    case 'ContainerResource':
      return {
        type: m.type,
        containerResource: {
          name: m.containerResource?.name,
          currentAverageUtilization: c(m.containerResource).averageUtilization,
          currentAverageValue: c(m.containerResource).averageValue ?? '0',
          container: m.containerResource?.container,
        },
      };
    case 'Pods':
      return {
        type: m.type,
        pods: {
          metricName: m.pods?.metric?.name,
          currentAverageValue: c(m.pods).averageValue ?? '0',
          selector: m.pods?.metric?.selector,
        },
      };
    case 'Object':
      return {
        type: m.type,
        object: {
          target: m.object?.describedObject,
          metricName: m.object?.metric?.name,
          currentValue: c(m.object).value ?? '0',
          selector: m.object?.metric?.selector,
          averageValue: c(m.object).averageValue,
        },
      };
    default:
      return {
        type: m.type,
        external: {
          metricName: m.external?.metric?.name,
          metricSelector: m.external?.metric?.selector,
          currentValue: c(m.external).value ?? '0',
          currentAverageValue: c(m.external).averageValue,
        },
      };
  }
}

function statusFromV1(m: Json): MetricStatus {
  const r = (m.resource ?? m.containerResource ?? m.pods ?? m.object ?? m.external ?? {}) as Json;
  const current = (u: unknown, avg: unknown, value?: unknown) => ({
    ...(u !== undefined ? { averageUtilization: u } : {}),
    ...(avg !== undefined ? { averageValue: avg } : {}),
    ...(value !== undefined ? { value } : {}),
  });
  switch (m.type) {
    case 'Resource':
      return {
        type: 'Resource',
        resource: {
          name: r.name,
          current: current(r.currentAverageUtilization, r.currentAverageValue),
        },
      } as unknown as MetricStatus;
    case 'ContainerResource':
      return {
        type: 'ContainerResource',
        containerResource: {
          name: r.name,
          container: r.container,
          current: current(r.currentAverageUtilization, r.currentAverageValue),
        },
      } as unknown as MetricStatus;
    case 'Pods':
      return {
        type: 'Pods',
        pods: {
          metric: { name: r.metricName, selector: r.selector },
          current: current(undefined, r.currentAverageValue),
        },
      } as unknown as MetricStatus;
    case 'Object':
      return {
        type: 'Object',
        object: {
          describedObject: r.target,
          metric: { name: r.metricName, selector: r.selector },
          current: current(undefined, r.averageValue, r.currentValue),
        },
      } as unknown as MetricStatus;
    default:
      return {
        type: 'External',
        external: {
          metric: { name: r.metricName, selector: r.metricSelector },
          current: current(undefined, r.currentAverageValue, r.currentValue),
        },
      } as unknown as MetricStatus;
  }
}

/** The internal type has no JSON tags: the behavior annotation uses Go's field names, nil as null. */
function behaviorToGo(b: NonNullable<V2['spec']>['behavior']): Json {
  const rules = (r?: NonNullable<typeof b>['scaleUp']) =>
    r
      ? {
          StabilizationWindowSeconds: r.stabilizationWindowSeconds ?? null,
          SelectPolicy: r.selectPolicy ?? null,
          Policies: r.policies
            ? r.policies.map((p) => ({
                Type: p.type,
                Value: p.value,
                PeriodSeconds: p.periodSeconds,
              }))
            : null,
        }
      : null;
  return { ScaleUp: rules(b?.scaleUp), ScaleDown: rules(b?.scaleDown) };
}

function behaviorFromGo(g: Json): NonNullable<V2['spec']>['behavior'] {
  const rules = (r: unknown) => {
    if (!r || typeof r !== 'object') return undefined;
    const x = r as Json;
    const policies = Array.isArray(x.Policies)
      ? (x.Policies as Json[]).map((p) => ({
          type: p.Type as string,
          value: p.Value as number,
          periodSeconds: p.PeriodSeconds as number,
        }))
      : undefined;
    return dropUndefined({
      stabilizationWindowSeconds: (x.StabilizationWindowSeconds ?? undefined) as number | undefined,
      selectPolicy: (x.SelectPolicy ?? undefined) as string | undefined,
      policies,
    });
  };
  return dropUndefined({
    scaleUp: rules(g.ScaleUp),
    scaleDown: rules(g.ScaleDown),
  });
}

/** JSON.stringify drops undefined fields, as Go's omitempty does for nil pointers. */
function dropUndefined<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function parseAnnotation(annotations: Record<string, string>, key: string): unknown {
  const text = annotations[key];
  delete annotations[key];
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const hpaV1: VersionConverter = {
  fromStorage(obj: KObject): KObject {
    const v2 = obj as V2;
    const spec = v2.spec;
    const status = v2.status;
    const cpu = spec?.metrics?.find(isCpuUtilization);
    const others = (spec?.metrics ?? []).filter((m) => !isCpuUtilization(m));
    const annotations: Record<string, string> = {
      ...(v2.metadata?.annotations ?? {}),
    };
    if (others.length) annotations[METRICS] = JSON.stringify(dropUndefined(others.map(specToV1)));
    if (status?.currentMetrics?.length) annotations[CURRENT_METRICS] = JSON.stringify(dropUndefined(status.currentMetrics.map(statusToV1)));
    if (spec?.behavior) annotations[BEHAVIOR] = JSON.stringify(behaviorToGo(spec.behavior));
    if (status?.conditions?.length)
      annotations[CONDITIONS] = JSON.stringify(
        status.conditions.map((c) =>
          dropUndefined({
            type: c.type,
            status: c.status,
            lastTransitionTime: c.lastTransitionTime,
            reason: c.reason,
            message: c.message,
          }),
        ),
      );
    const cpuNow = status?.currentMetrics?.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.current?.averageUtilization !== undefined);
    const v1Spec: V1Spec = {
      scaleTargetRef: spec?.scaleTargetRef ?? { kind: '', name: '' },
      ...(spec?.minReplicas !== undefined ? { minReplicas: spec.minReplicas } : {}),
      maxReplicas: spec?.maxReplicas ?? 0,
      ...(cpu
        ? {
            targetCPUUtilizationPercentage: cpu.resource?.target.averageUtilization,
          }
        : {}),
    };
    const v1Status: V1Status | undefined = status
      ? dropUndefined({
          observedGeneration: status.observedGeneration,
          lastScaleTime: status.lastScaleTime,
          currentReplicas: status.currentReplicas ?? 0,
          desiredReplicas: status.desiredReplicas,
          currentCPUUtilizationPercentage: cpuNow?.resource?.current.averageUtilization,
        })
      : undefined;
    const metadata = {
      ...v2.metadata,
      ...(Object.keys(annotations).length ? { annotations } : {}),
    };
    const out: V1 = {
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata,
      spec: v1Spec,
      ...(v1Status ? { status: v1Status } : {}),
    };
    return out as KObject;
  },

  toStorage(obj: KObject): KObject {
    const v1 = obj as V1;
    const annotations: Record<string, string> = {
      ...(v1.metadata?.annotations ?? {}),
    };
    const otherMetrics = parseAnnotation(annotations, METRICS);
    const currentMetrics = parseAnnotation(annotations, CURRENT_METRICS);
    const conditions = parseAnnotation(annotations, CONDITIONS);
    const behavior = parseAnnotation(annotations, BEHAVIOR);
    const spec = v1.spec;
    // Other metrics come first, the CPU target last, as the upstream conversion orders them.
    const metrics: MetricSpec[] = Array.isArray(otherMetrics) ? (otherMetrics as Json[]).map(specFromV1) : [];
    if (spec?.targetCPUUtilizationPercentage !== undefined && spec.targetCPUUtilizationPercentage !== null)
      metrics.push({
        type: 'Resource',
        resource: {
          name: 'cpu',
          target: {
            type: 'Utilization',
            averageUtilization: spec.targetCPUUtilizationPercentage,
          },
        },
      });
    const v2Spec: Json = {
      ...(spec ?? {}),
      ...(metrics.length ? { metrics } : {}),
      ...(behavior && typeof behavior === 'object' ? { behavior: behaviorFromGo(behavior as Json) } : {}),
    };
    delete v2Spec.targetCPUUtilizationPercentage;
    const st = v1.status;
    let v2Status: Json | undefined;
    if (st || currentMetrics || conditions) {
      const current = Array.isArray(currentMetrics)
        ? (currentMetrics as Json[]).map(statusFromV1)
        : st?.currentCPUUtilizationPercentage !== undefined
          ? [
              {
                type: 'Resource',
                resource: {
                  name: 'cpu',
                  current: {
                    averageUtilization: st.currentCPUUtilizationPercentage,
                  },
                },
              },
            ]
          : undefined;
      v2Status = dropUndefined({
        observedGeneration: st?.observedGeneration,
        lastScaleTime: st?.lastScaleTime,
        currentReplicas: st?.currentReplicas,
        desiredReplicas: st?.desiredReplicas ?? 0,
        currentMetrics: current,
        conditions: Array.isArray(conditions) ? conditions : undefined,
      });
    }
    const metadata: Json = { ...(v1.metadata ?? {}) };
    if (Object.keys(annotations).length) metadata.annotations = annotations;
    else delete metadata.annotations;
    return {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata,
      spec: v2Spec,
      ...(v2Status ? { status: v2Status } : {}),
    } as KObject;
  },
};
