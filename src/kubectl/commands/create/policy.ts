import { parseQuantity } from '../../../engine/api/quantity';
import type { Command } from '../../command';
import { help as pdbHelp } from '../../help/create-poddisruptionbudget';
import { help as priorityClassHelp } from '../../help/create-priorityclass';
import { help as quotaHelp } from '../../help/create-quota';
import { parseToLabelSelector } from './labelselector';
import { createGenerated, nameArg } from './subcommand';

/** intstr.Parse: a number when it is one, else the string. */
function intOrString(s: string): number | string {
  return /^-?\d+$/.test(s) ? Number(s) : s;
}

export const createPdbCommand: Command = {
  name: 'poddisruptionbudget',
  help: pdbHelp,
  run(ctx) {
    const name = nameArg(ctx);
    const f = ctx.flags;
    const selector = f.string('selector');
    const min = f.string('min-available');
    const max = f.string('max-unavailable');
    if (!selector) throw new Error('a selector must be specified');
    if (!min && !max) throw new Error('one of min-available or max-unavailable must be specified');
    if (min && max) throw new Error('min-available and max-unavailable cannot be both specified');
    if (min && !/^(\d+%?)$/.test(min)) throw new Error('invalid format specified for min-available');
    if (max && !/^(\d+%?)$/.test(max)) throw new Error('invalid format specified for max-unavailable');
    const spec: Record<string, unknown> = {};
    if (min) spec.minAvailable = intOrString(min);
    else spec.maxUnavailable = intOrString(max);
    spec.selector = parseToLabelSelector(selector);
    createGenerated(
      ctx,
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { creationTimestamp: null as unknown as string, name },
        spec,
        status: { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 },
      },
      { resource: 'policy/poddisruptionbudgets', failure: (m) => `failed to create poddisruptionbudgets: ${m}` },
    );
  },
};

/** `cpu=1,pods=2` as a ResourceList with canonical quantities. */
function resourceList(spec: string): Record<string, string> | undefined {
  if (!spec) return undefined;
  const out: Record<string, string> = {};
  for (const statement of spec.split(',')) {
    const parts = statement.split('=');
    if (parts.length !== 2) throw new Error(`Invalid argument syntax ${statement}, expected <resource>=<value>`);
    out[parts[0]] = parseQuantity(parts[1]).toString();
  }
  return out;
}

export const createQuotaCommand: Command = {
  name: 'quota',
  help: quotaHelp,
  run(ctx) {
    const name = nameArg(ctx);
    const spec: Record<string, unknown> = {};
    const hard = resourceList(ctx.flags.string('hard'));
    if (hard) spec.hard = hard;
    const scopes = ctx.flags.string('scopes');
    if (scopes) {
      const list = scopes.split(',');
      if (list.includes('')) throw new Error('invalid resource quota scope ""');
      spec.scopes = list;
    }
    createGenerated(
      ctx,
      { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { creationTimestamp: null as unknown as string, name }, spec, status: {} },
      { resource: 'resourcequotas', failure: (m) => `failed to create quota: ${m}` },
    );
  },
};

export const createPriorityClassCommand: Command = {
  name: 'priorityclass',
  help: priorityClassHelp,
  run(ctx) {
    const name = nameArg(ctx);
    const f = ctx.flags;
    const obj: Record<string, unknown> = { apiVersion: 'scheduling.k8s.io/v1' };
    if (f.string('description')) obj.description = f.string('description');
    if (f.bool('global-default')) obj.globalDefault = true;
    Object.assign(obj, {
      kind: 'PriorityClass',
      metadata: { creationTimestamp: null, name },
      preemptionPolicy: f.string('preemption-policy'),
      value: f.int('value'),
    });
    createGenerated(ctx, obj, { resource: 'scheduling.k8s.io/priorityclasses', failure: (m) => `failed to create priorityclass: ${m}` });
  },
};
