import type { PodSpec } from 'kubernetes-types/core/v1';
import { parseQuantity } from '../../../engine/api/quantity';
import type { Command } from '../../command';
import { help as resourcesHelp } from '../../help/set-resources';
import { podSpecChange, runSet, selectContainers } from './run';

function resourceList(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const statement of spec.split(',')) {
    if (!statement) continue;
    const parts = statement.split('=');
    if (parts.length !== 2) throw new Error(`Invalid argument syntax ${statement}, expected <resource>=<value>`);
    out[parts[0]] = parseQuantity(parts[1]).toString();
  }
  return out;
}

export const resourcesCommand: Command = {
  name: 'resources',
  help: resourcesHelp,
  run(ctx) {
    const limits = resourceList(ctx.flags.string('limits'));
    const requests = resourceList(ctx.flags.string('requests'));
    if (!Object.keys(limits).length && !Object.keys(requests).length) throw new Error('you must specify an update to requests or limits (in the form of --requests/--limits)');
    const only = ctx.flags.string('containers');
    const change = (spec: PodSpec) => {
      const selected = selectContainers(spec, only);
      if (!selected.length) return [new Error(`error: unable to find container named ${only}`)];
      for (const c of selected) {
        c.resources = {
          ...c.resources,
          ...(Object.keys(limits).length ? { limits: { ...(c.resources?.limits ?? {}), ...limits } } : {}),
          ...(Object.keys(requests).length ? { requests: { ...(c.resources?.requests ?? {}), ...requests } } : {}),
        };
      }
      return [];
    };
    runSet(ctx, ctx.args, podSpecChange('resource requirements updated', change, (m) => `failed to patch resources update to pod template ${m}`));
  },
};
