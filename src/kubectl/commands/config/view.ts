import type { Command } from '../../command';
import { fatal } from '../../errors';
import { help } from '../../help/config-view';
import { parseFormat } from '../../output/format';
import { ObjectPrinter } from '../../output/print';
import type { KubeConfig } from '../../env';
import { viewOf } from './file';

/** `-o json` of a kubeconfig keeps the Go struct's field order, not sorted keys. */
function configJson(view: KubeConfig): string {
  const cluster = (c: Record<string, unknown>) => pick(c, ['server', 'certificate-authority-data']);
  const context = (c: Record<string, unknown>) => pick(c, ['cluster', 'user', 'namespace']);
  const user = (u: Record<string, unknown>) => pick(u, ['client-certificate-data', 'client-key-data', 'token']);
  const ordered = {
    kind: view.kind,
    apiVersion: view.apiVersion,
    preferences: {},
    clusters: view.clusters.map((c) => ({ name: c.name, cluster: cluster(c.cluster as unknown as Record<string, unknown>) })),
    users: view.users.map((u) => ({ name: u.name, user: user(u.user as unknown as Record<string, unknown>) })),
    contexts: view.contexts.map((c) => ({ name: c.name, context: context(c.context as unknown as Record<string, unknown>) })),
    'current-context': view['current-context'],
  };
  return `${JSON.stringify(ordered, null, 4)}\n`;
}

function pick(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

export const viewCommand: Command = {
  name: 'view',
  help,
  run(ctx) {
    let view: KubeConfig;
    try {
      view = viewOf(ctx.env.config, ctx.flags.bool('raw') || ctx.flags.bool('flatten'), ctx.flags.bool('minify'));
    } catch (e) {
      throw fatal((e as Error).message);
    }
    const format = parseFormat(ctx);
    if (format.type === 'json') {
      ctx.io.out(configJson(view));
      return;
    }
    if (format.type === 'name') {
      ctx.io.out('config/<unknown>\n');
      return;
    }
    new ObjectPrinter(ctx, format).print(view as never, '');
  },
};
