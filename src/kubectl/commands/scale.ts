import { StatusError } from '../../engine/api/status';
import { dryRunOf, dryRunSuffix, writeOptions } from '../cmdutil';
import type { Command } from '../command';
import { help } from '../help/scale';
import { parseFormat } from '../output/format';
import { ObjectPrinter } from '../output/print';
import { buildTargets, throwIfAny, visitTargets } from '../resource/builder';

/** What the API server answers for a subresource a kind does not have. */
function noSuchSubresource(): StatusError {
  return new StatusError({
    apiVersion: 'v1',
    kind: 'Status',
    metadata: {},
    status: 'Failure',
    reason: 'NotFound',
    code: 404,
    message: 'the server could not find the requested resource',
  });
}

export const scaleCommand: Command = {
  name: 'scale',
  help,
  required: ['replicas'],
  run(ctx) {
    const f = ctx.flags;
    const replicas = f.int('replicas');
    const currentReplicas = f.int('current-replicas');
    if (replicas < 0) throw new Error('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
    if (currentReplicas < -1) throw new Error('The --current-replicas must specify an integer of -1 or greater');
    const dryRun = dryRunOf(ctx);
    const built = buildTargets(ctx, ctx.args, {
      namespace: ctx.namespace,
      explicitNamespace: ctx.explicitNamespace,
      allowEmptySelector: f.bool('all'),
      labelSelector: f.string('selector'),
      filenames: f.strings('filename'),
      recursive: f.bool('recursive'),
    });
    const { visited, errors } = visitTargets(ctx, built);
    const objects = visited.flatMap((v) => v.objects.map((o) => ({ rt: v.target.rt, obj: o })));
    const resourceVersion = f.string('resource-version');
    if (resourceVersion && objects.length > 1) throw new Error('cannot use --resource-version with multiple resources');
    if (!objects.length) {
      if (errors.length) throw new Error(`no objects passed to scale ${(errors[0] as Error).message}`);
      throw new Error('no objects passed to scale');
    }
    const printer = new ObjectPrinter(ctx, parseFormat(ctx));
    for (const { rt, obj } of objects) {
      const ns = obj.metadata.namespace ?? '';
      if (dryRun !== 'client') {
        if (!rt.subresources.includes('scale')) throw noSuchSubresource();
        const scale = ctx.api.getScale(rt, ns, obj.metadata.name) as { spec?: { replicas?: number }; metadata: { resourceVersion: string } };
        if (currentReplicas !== -1 && (scale.spec?.replicas ?? 0) !== currentReplicas) {
          throw new Error(`Expected replicas to be ${currentReplicas}, was ${scale.spec?.replicas ?? 0}`);
        }
        if (resourceVersion && scale.metadata.resourceVersion !== resourceVersion) {
          throw new Error(`Expected resource version to be ${resourceVersion}, was ${scale.metadata.resourceVersion}`);
        }
        ctx.api.updateScale(rt, ns, obj.metadata.name, replicas, writeOptions(ctx, dryRun));
      }
      printer.print(obj, 'scaled', dryRunSuffix(dryRun));
    }
    throwIfAny(errors);
  },
};
