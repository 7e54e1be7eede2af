import type { HorizontalPodAutoscaler, HPAScalingRules } from 'kubernetes-types/autoscaling/v2';
import type { LimitRange, ResourceQuota } from 'kubernetes-types/core/v1';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import type { Stored } from '../../../engine/api/types';
import type { Ctx } from '../../command';
import { formatLabels } from '../../printers/labels';
import { describeEvents, eventsFor, printAnnotationsMultiline, printLabelsMultiline, rfc1123z } from './common';
import { quantityString } from './podtemplate';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, PrefixWriter } from './writer';

const events = (ctx: Ctx, obj: Stored, show: boolean) => (show ? eventsFor(ctx, obj) : undefined);
const sortStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const SCOPE_HELP: Record<string, string> = {
  Terminating: 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating: 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort: 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

export function describeResourceQuota(_ctx: Ctx, q: Stored<ResourceQuota>): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${q.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${q.metadata.namespace ?? ''}\n`);
  const scopes = [...(q.spec?.scopes ?? [])].sort(sortStrings);
  if (scopes.length) {
    w.write(LEVEL_0, `Scopes:\t${scopes.join(', ')}\n`);
    for (const s of scopes) if (SCOPE_HELP[s]) w.write(LEVEL_0, ` * ${SCOPE_HELP[s]}\n`);
  }
  w.write(LEVEL_0, 'Resource\tUsed\tHard\n');
  w.write(LEVEL_0, '--------\t----\t----\n');
  for (const r of Object.keys(q.status?.hard ?? {}).sort(sortStrings)) {
    w.write(LEVEL_0, `${r}\t${quantityString(q.status?.used?.[r])}\t${quantityString(q.status?.hard?.[r])}\n`);
  }
  return w.toString();
}

export function describeLimitRange(_ctx: Ctx, lr: Stored<LimitRange>): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${lr.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${lr.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(LEVEL_0, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  for (const item of lr.spec?.limits ?? []) {
    const maps = [item.min, item.max, item.defaultRequest, item.default, item.maxLimitRequestRatio];
    // kubectl walks a Go map here (no fixed order); resource names are listed sorted.
    const names = [...new Set(maps.flatMap((m) => Object.keys(m ?? {})))].sort(sortStrings);
    for (const r of names) {
      const cells = maps.map((m) => (m?.[r] === undefined ? '-' : quantityString(m[r])));
      w.write(LEVEL_0, `${item.type}\t${r}\t${cells.join('\t')}\n`);
    }
  }
  return w.toString();
}

function writeBehavior(w: PrefixWriter, direction: string, rules: HPAScalingRules | undefined): void {
  if (!rules) return;
  w.write(LEVEL_1, `${direction}:\n`);
  if (rules.stabilizationWindowSeconds !== undefined) w.write(LEVEL_2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  if (rules.policies?.length) {
    w.write(LEVEL_2, `Select Policy: ${rules.selectPolicy ?? 'Max'}\n`);
    w.write(LEVEL_2, 'Policies:\n');
    for (const p of rules.policies) w.write(LEVEL_3, `- Type: ${p.type}\tValue: ${p.value}\tPeriod: ${p.periodSeconds} seconds\n`);
  }
}

export function describeHpa(ctx: Ctx, hpa: Stored<HorizontalPodAutoscaler>, show: boolean): string {
  const w = new PrefixWriter();
  const spec = hpa.spec;
  const current = hpa.status?.currentMetrics ?? [];
  w.write(LEVEL_0, `Name:\t${hpa.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${hpa.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', hpa.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', hpa.metadata.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(hpa.metadata.creationTimestamp)}\n`);
  w.write(LEVEL_0, `Reference:\t${spec?.scaleTargetRef.kind}/${spec?.scaleTargetRef.name}\n`);
  w.write(LEVEL_0, 'Metrics:\t( current / target )\n');
  (spec?.metrics ?? []).forEach((m, i) => {
    const cur = current[i];
    switch (m.type) {
      case 'Resource': {
        const r = m.resource;
        w.write(LEVEL_1, `resource ${r?.name} on pods`);
        if (r?.target.averageValue !== undefined) {
          const c = cur?.resource?.current.averageValue;
          w.write(LEVEL_0, `:\t${c === undefined ? '<unknown>' : quantityString(c)} / ${quantityString(r.target.averageValue)}\n`);
        } else {
          const c = cur?.resource?.current;
          const currentText = c?.averageUtilization !== undefined ? `${c.averageUtilization}% (${quantityString(c.averageValue)})` : '<unknown>';
          const target = r?.target.averageUtilization !== undefined ? `${r.target.averageUtilization}%` : '<auto>';
          w.write(LEVEL_1, `(as a percentage of request):\t${currentText} / ${target}\n`);
        }
        break;
      }
      case 'Pods': {
        const c = cur?.pods?.current.averageValue;
        w.write(LEVEL_1, `"${m.pods?.metric.name}" on pods:\t${c === undefined ? '<unknown>' : quantityString(c)} / ${quantityString(m.pods?.target.averageValue)}\n`);
        break;
      }
      default:
        w.write(LEVEL_1, `<unknown metric type "${m.type}">\n`);
    }
  });
  w.write(LEVEL_0, `Min replicas:\t${spec?.minReplicas ?? '<unset>'}\n`);
  w.write(LEVEL_0, `Max replicas:\t${spec?.maxReplicas ?? 0}\n`);
  if (spec?.behavior) {
    w.write(LEVEL_0, 'Behavior:\n');
    writeBehavior(w, 'Scale Up', spec.behavior.scaleUp);
    writeBehavior(w, 'Scale Down', spec.behavior.scaleDown);
  }
  w.write(LEVEL_0, `${spec?.scaleTargetRef.kind} pods:\t`);
  w.write(LEVEL_0, `${hpa.status?.currentReplicas ?? 0} current / ${hpa.status?.desiredReplicas ?? 0} desired\n`);
  const conditions = hpa.status?.conditions ?? [];
  if (conditions.length) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t------\t-------\n');
    for (const c of conditions) w.write(LEVEL_1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  describeEvents(ctx, w, events(ctx, hpa, show));
  return w.toString();
}

export function describePriorityClass(ctx: Ctx, pc: Stored<PriorityClass>, show: boolean): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${pc.metadata.name}\n`);
  w.write(LEVEL_0, `Value:\t${pc.value}\n`);
  w.write(LEVEL_0, `GlobalDefault:\t${pc.globalDefault ?? false}\n`);
  w.write(LEVEL_0, `PreemptionPolicy:\t${pc.preemptionPolicy ?? ''}\n`);
  w.write(LEVEL_0, `Description:\t${pc.description ?? ''}\n`);
  w.write(LEVEL_0, `Annotations:\t${formatLabels(pc.metadata.annotations)}\n`);
  describeEvents(ctx, w, events(ctx, pc, show));
  return w.toString();
}
