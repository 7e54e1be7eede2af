import type { AnyObject } from '../../engine/api/types';
import type { ResourceType } from '../../engine/apiserver/registry';
import { apiVersionOf } from '../../engine/apiserver/registry';
import { dryRunOf, dryRunSuffix, writeOptions } from '../cmdutil';
import type { Command } from '../command';
import { help } from '../help/autoscale';
import { parseFormat } from '../output/format';
import { ObjectPrinter } from '../output/print';
import { buildTargets, throwIfAny, visitTargets } from '../resource/builder';
import { saveConfig, stripForServer } from './create/subcommand';

/** discovery's name for a group/version/resource (`apps/v1, Resource=deployments`). */
function gvrString(rt: ResourceType): string {
  return `${rt.group}/${rt.version}, Resource=${rt.plural}`;
}

/**
 * The autoscaling/v1 HPA kubectl builds: a target CPU utilization at most. The sandbox's API
 * serves autoscaling/v2, so the object is sent in that form and shown back in the v1 form.
 */
function hpaV1(name: string, target: ResourceType, targetName: string, min: number, max: number, cpu: number): AnyObject {
  const spec: Record<string, unknown> = {
    scaleTargetRef: { kind: target.kind, name: targetName, apiVersion: apiVersionOf(target) },
  };
  if (min > 0) spec.minReplicas = min;
  spec.maxReplicas = max;
  if (cpu >= 0) spec.targetCPUUtilizationPercentage = cpu;
  return {
    kind: 'HorizontalPodAutoscaler',
    apiVersion: 'autoscaling/v1',
    metadata: { name, creationTimestamp: null as unknown as string },
    spec,
    status: { currentReplicas: 0, desiredReplicas: 0 },
  };
}

function toV2(v1: AnyObject): AnyObject {
  const { targetCPUUtilizationPercentage: cpu, ...spec } = v1.spec as Record<string, unknown>;
  if (typeof cpu === 'number') {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } }];
  }
  return { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: v1.metadata, spec };
}

/** The v1 view of a stored v2 HPA: its CPU utilization target and replica counts. */
function toV1(v2: AnyObject): AnyObject {
  const { metrics, behavior: _behavior, ...spec } = (v2.spec ?? {}) as Record<string, unknown>;
  const cpu = (metrics as AnyObject[] | undefined)?.find((m) => m.type === 'Resource' && (m.resource as AnyObject)?.name === 'cpu');
  const target = (cpu?.resource as { target?: { averageUtilization?: number } } | undefined)?.target;
  if (target?.averageUtilization !== undefined) spec.targetCPUUtilizationPercentage = target.averageUtilization;
  const status = (v2.status ?? {}) as Record<string, unknown>;
  return {
    ...v2,
    apiVersion: 'autoscaling/v1',
    spec,
    status: { currentReplicas: status.currentReplicas ?? 0, desiredReplicas: status.desiredReplicas ?? 0 },
  };
}

export const autoscaleCommand: Command = {
  name: 'autoscale',
  help,
  required: ['max'],
  run(ctx) {
    const f = ctx.flags;
    const max = f.int('max');
    const min = f.int('min');
    const cpu = f.int('cpu-percent');
    const dryRun = dryRunOf(ctx);
    if (max < 1) throw new Error(`--max=MAXPODS is required and must be at least 1, max: ${max}`);
    if (max < min) throw new Error(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
    const built = buildTargets(ctx, ctx.args, {
      namespace: ctx.namespace,
      explicitNamespace: ctx.explicitNamespace,
      filenames: f.strings('filename'),
      recursive: f.bool('recursive'),
    });
    const { visited, errors } = visitTargets(ctx, built);
    const printer = new ObjectPrinter(ctx, parseFormat(ctx));
    let count = 0;
    for (const { target, objects } of visited) {
      for (const obj of objects) {
        if (!target.rt.subresources.includes('scale')) {
          errors.push(new Error(`cannot autoscale a ${target.rt.kind}: could not find scale subresource for ${gvrString(target.rt)} in discovery information`));
          continue;
        }
        const hpa = hpaV1(f.string('name') || obj.metadata.name, target.rt, obj.metadata.name, min, max, cpu);
        if (dryRun === 'client') {
          count++;
          printer.print(hpa, 'created', dryRunSuffix(dryRun), true);
          continue;
        }
        if (f.bool('save-config')) saveConfig(hpa);
        try {
          const created = ctx.api.create('autoscaling/horizontalpodautoscalers', ctx.namespace, stripForServer(toV2(hpa)), writeOptions(ctx, dryRun));
          count++;
          printer.print(toV1(created as AnyObject), 'autoscaled', dryRunSuffix(dryRun));
        } catch (e) {
          errors.push(e);
        }
      }
    }
    throwIfAny(errors);
    if (count === 0) throw new Error('no objects passed to autoscale');
  },
};
