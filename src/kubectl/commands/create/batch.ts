import type { CronJob } from 'kubernetes-types/batch/v1';
import type { Command } from '../../command';
import { help as cronJobHelp } from '../../help/create-cronjob';
import { help as jobHelp } from '../../help/create-job';
import { commandArgs, createGenerated, nameArg } from './subcommand';

function container(name: string, image: string, command: string[]): Record<string, unknown> {
  const c: Record<string, unknown> = {};
  if (command.length) c.command = command;
  c.image = image;
  c.name = name;
  c.resources = {};
  return c;
}

export const createJobCommand: Command = {
  name: 'job',
  help: jobHelp,
  run(ctx) {
    const name = nameArg(ctx);
    const image = ctx.flags.string('image');
    const from = ctx.flags.string('from');
    const command = commandArgs(ctx);
    if (!image && !from) throw new Error('either --image or --from must be specified');
    if (from && command.length) throw new Error('cannot specify --from and command');
    let job: Record<string, unknown>;
    if (from) {
      const [type, cronName] = from.includes('/') ? from.split('/', 2) : ['', from];
      const rt = ctx.cluster.registry.resolve(type);
      if (rt?.kind !== 'CronJob') throw new Error('from must be an existing cronjob');
      const cj = ctx.api.get<CronJob>(rt, ctx.namespace, cronName);
      const tpl = cj.spec?.jobTemplate;
      job = {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: {
          annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', ...(tpl?.metadata?.annotations ?? {}) },
          creationTimestamp: null,
          ...(tpl?.metadata?.labels ? { labels: tpl.metadata.labels } : {}),
          name,
          ownerReferences: [{ apiVersion: 'batch/v1', controller: true, kind: 'CronJob', name: cj.metadata.name, uid: cj.metadata.uid }],
        },
        spec: structuredClone(tpl?.spec ?? {}),
        status: {},
      };
    } else {
      job = {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { creationTimestamp: null, name },
        spec: {
          template: {
            metadata: { creationTimestamp: null },
            spec: { containers: [container(name, image, command)], restartPolicy: 'Never' },
          },
        },
        status: {},
      };
    }
    createGenerated(ctx, job, { resource: 'batch/jobs', failure: (m) => `failed to create job: ${m}` });
  },
};

export const createCronJobCommand: Command = {
  name: 'cronjob',
  help: cronJobHelp,
  required: ['image', 'schedule'],
  run(ctx) {
    const name = nameArg(ctx);
    const restart = ctx.flags.string('restart') || 'OnFailure';
    createGenerated(
      ctx,
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { creationTimestamp: null as unknown as string, name },
        spec: {
          jobTemplate: {
            metadata: { creationTimestamp: null, name },
            spec: {
              template: {
                metadata: { creationTimestamp: null },
                spec: { containers: [container(name, ctx.flags.string('image'), commandArgs(ctx))], restartPolicy: restart },
              },
            },
          },
          schedule: ctx.flags.string('schedule'),
        },
        status: {},
      },
      { resource: 'batch/cronjobs', failure: (m) => `failed to create cronjob: ${m}` },
    );
  },
};
