import type { Command } from '../../command';
import { help } from '../../help/create-deployment';
import { commandArgs, createGenerated, nameArg } from './subcommand';

/** The container name kubectl derives from an image: its last path part, without tag or digest. */
export function containerNameFor(image: string, unique: () => string): string {
  let name = image.split('/').pop() ?? image;
  name = name.split(':')[0].split('@')[0];
  if (/[_.]/.test(name)) name = `${name.replace(/[_.]/g, '-')}-${unique()}`;
  return name;
}

export const createDeploymentCommand: Command = {
  name: 'deployment',
  help,
  required: ['image'],
  run(ctx) {
    const name = nameArg(ctx);
    const images = ctx.flags.strings('image');
    const command = commandArgs(ctx);
    if (images.length > 1 && command.length) throw new Error('cannot specify multiple --image options and command');
    const labels = { app: name };
    const stream = ctx.cluster.random.stream('kubectl');
    const unique = () => stream.chars(5, 'bcdfghjklmnpqrstvwxz2456789');
    const containers = images.map((image) => {
      const c: Record<string, unknown> = { name: containerNameFor(image, unique), image };
      if (command.length) c.command = command;
      c.resources = {};
      return c;
    });
    const port = ctx.flags.int('port');
    if (port >= 0 && containers.length) containers[0].ports = [{ containerPort: port }];
    createGenerated(
      ctx,
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { creationTimestamp: null as unknown as string, labels, name },
        spec: {
          replicas: ctx.flags.int('replicas'),
          selector: { matchLabels: { ...labels } },
          strategy: {},
          template: {
            metadata: { creationTimestamp: null, labels: { ...labels } },
            spec: { containers },
          },
        },
        status: {},
      },
      { resource: 'apps/deployments', failure: (m) => `failed to create deployment: ${m}` },
    );
  },
};
