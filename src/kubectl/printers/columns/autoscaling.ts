import type { HorizontalPodAutoscaler, MetricSpec, MetricStatus } from 'kubernetes-types/autoscaling/v2';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { canonicalQuantity } from '../quantity';
import { ageColumn, as, intOrString, nameColumn } from './common';
import type { ColumnDef } from './types';

const q = (v: string | number | undefined): string => canonicalQuantity(v);
const UNKNOWN = '<unknown>';

function metricText(spec: MetricSpec, status: MetricStatus | undefined): string {
  switch (spec.type) {
    case 'External': {
      const target = spec.external?.target;
      if (target?.averageValue != null) {
        const cur = status?.external?.current?.averageValue;
        return `${cur != null ? q(cur) : UNKNOWN}/${q(target.averageValue)} (avg)`;
      }
      const cur = status?.external ? q(status.external.current?.value) : UNKNOWN;
      return `${cur}/${q(target?.value)}`;
    }
    case 'Pods': {
      const cur = status?.pods ? q(status.pods.current?.averageValue) : UNKNOWN;
      return `${cur}/${q(spec.pods?.target?.averageValue)}`;
    }
    case 'Object': {
      const target = spec.object?.target;
      if (target?.averageValue != null) {
        const cur = status?.object?.current?.averageValue;
        return `${cur != null ? q(cur) : UNKNOWN}/${q(target.averageValue)} (avg)`;
      }
      const cur = status?.object ? q(status.object.current?.value) : UNKNOWN;
      return `${cur}/${q(target?.value)}`;
    }
    case 'Resource':
    case 'ContainerResource': {
      const source = spec.type === 'Resource' ? spec.resource : spec.containerResource;
      const current = spec.type === 'Resource' ? status?.resource : status?.containerResource;
      const name = source?.name ?? '';
      if (source?.target?.averageValue != null) {
        const cur = current ? q(current.current?.averageValue) : UNKNOWN;
        return `${name}: ${cur}/${q(source.target.averageValue)}`;
      }
      const util = current?.current?.averageUtilization;
      const cur = util != null ? `${util}%` : UNKNOWN;
      const targetUtil = source?.target?.averageUtilization;
      return `${name}: ${cur}/${targetUtil != null ? `${targetUtil}%` : '<auto>'}`;
    }
    default:
      return '<unknown type>';
  }
}

/** The TARGETS cell: the first two metrics as `current/target`, then ` + N more...`. */
export function hpaTargets(hpa: HorizontalPodAutoscaler): string {
  const specs = hpa.spec?.metrics ?? [];
  if (specs.length === 0) return '<none>';
  const statuses = hpa.status?.currentMetrics ?? [];
  const list = specs.map((spec, i) => metricText(spec, statuses[i]));
  if (list.length > 2) return `${list.slice(0, 2).join(', ')} + ${list.length - 2} more...`;
  return list.join(', ');
}

export const horizontalPodAutoscalerColumns: ColumnDef[] = [
  nameColumn,
  {
    name: 'Reference',
    cell: (o) => {
      const ref = as<HorizontalPodAutoscaler>(o).spec?.scaleTargetRef;
      return `${ref?.kind ?? ''}/${ref?.name ?? ''}`;
    },
  },
  { name: 'Targets', cell: (o) => hpaTargets(as<HorizontalPodAutoscaler>(o)) },
  {
    name: 'MinPods',
    cell: (o) => {
      const min = as<HorizontalPodAutoscaler>(o).spec?.minReplicas;
      return min == null ? '<unset>' : String(min);
    },
  },
  {
    name: 'MaxPods',
    cell: (o) => String(as<HorizontalPodAutoscaler>(o).spec?.maxReplicas ?? 0),
  },
  {
    name: 'Replicas',
    cell: (o) => String(as<HorizontalPodAutoscaler>(o).status?.currentReplicas ?? 0),
  },
  ageColumn,
];

export const podDisruptionBudgetColumns: ColumnDef[] = [
  nameColumn,
  {
    name: 'Min Available',
    cell: (o) => {
      const v = as<PodDisruptionBudget>(o).spec?.minAvailable;
      return v == null ? 'N/A' : intOrString(v);
    },
  },
  {
    name: 'Max Unavailable',
    cell: (o) => {
      const v = as<PodDisruptionBudget>(o).spec?.maxUnavailable;
      return v == null ? 'N/A' : intOrString(v);
    },
  },
  {
    name: 'Allowed Disruptions',
    cell: (o) => String(as<PodDisruptionBudget>(o).status?.disruptionsAllowed ?? 0),
  },
  ageColumn,
];
