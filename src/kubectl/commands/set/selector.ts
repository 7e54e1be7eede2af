import type { Command } from '../../command';
import { help as selectorHelp } from '../../help/set-selector';
import { parseToLabelSelector } from '../create/labelselector';
import { runSet } from './run';

export const selectorCommand: Command = {
  name: 'selector',
  help: selectorHelp,
  run(ctx) {
    const args = ctx.args;
    const selector = args.length ? parseToLabelSelector(args[args.length - 1]) : undefined;
    if (!selector) throw new Error('one selector is required');
    const resourceVersion = ctx.flags.string('resource-version');
    runSet(ctx, args.slice(0, -1), {
      operation: 'selector updated',
      bareErrors: true,
      patchFailure: (m) => m,
      mutate(obj) {
        if (resourceVersion && obj.metadata) obj.metadata = { ...obj.metadata, resourceVersion };
        if (obj.kind !== 'Service') return new Error('setting a selector is only supported for Services');
        if (selector.matchExpressions?.length) {
          const shown = selector.matchExpressions.map((e) => `{${e.key} ${e.operator} [${(e.values ?? []).join(' ')}]}`).join(' ');
          return new Error(`match expression [${shown}] not supported on this object`);
        }
        (obj.spec as Record<string, unknown>).selector = { ...(selector.matchLabels ?? {}) };
        return undefined;
      },
    });
  },
};
