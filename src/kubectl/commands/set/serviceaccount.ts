import type { Command } from '../../command';
import { help as serviceAccountHelp } from '../../help/set-serviceaccount';
import { goType, podSpecOf, runSet } from './run';

export const serviceAccountCommand: Command = {
  name: 'serviceaccount',
  help: serviceAccountHelp,
  run(ctx) {
    if (!ctx.args.length) throw new Error('serviceaccount is required');
    const name = ctx.args[ctx.args.length - 1];
    runSet(ctx, ctx.args.slice(0, -1), {
      operation: 'serviceaccount updated',
      localIgnoresArgs: true,
      patchFailure: (m) => `failed to patch ServiceAccountName ${m}`,
      mutate(obj, rt) {
        const spec = podSpecOf(obj);
        if (!spec) return new Error(`the object is not a pod or does not have a pod template: ${goType(rt)}`);
        spec.serviceAccountName = name;
        return undefined;
      },
    });
  },
};
