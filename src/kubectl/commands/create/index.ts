import { fromStorageVersion, versionOf } from '../../../engine/apiserver/conversion';
import { StatusError } from '../../../engine/api/status';
import type { AnyObject } from '../../../engine/api/types';
import { dryRunOf, dryRunSuffix, writeOptions } from '../../cmdutil';
import type { Command } from '../../command';
import { usageError } from '../../errors';
import { help } from '../../help/create';
import { parseFormat } from '../../output/format';
import { ObjectPrinter } from '../../output/print';
import { buildTargets, throwIfAny } from '../../resource/builder';
import { createCronJobCommand, createJobCommand } from './batch';
import { createConfigMapCommand } from './configmap';
import { createDeploymentCommand } from './deployment';
import { createIngressCommand } from './ingress';
import { createPdbCommand, createPriorityClassCommand, createQuotaCommand } from './policy';
import { createClusterRoleBindingCommand, createClusterRoleCommand, createRoleBindingCommand, createRoleCommand } from './rbac';
import { createSecretCommand } from './secret';
import { createServiceCommand } from './service';
import { createNamespaceCommand, createServiceAccountCommand } from './simple';
import { fieldValidationOf, strictDecodingError, unknownFields } from '../../manifest/strict';
import { saveConfig, stripForServer } from './subcommand';
import { createTokenCommand } from './token';

/** Errors from creating one object name the file it came from, as kubectl's AddSourceToErr does. */
export function withSource(verb: string, source: string, err: unknown): unknown {
  if (!source) return err;
  if (err instanceof StatusError) {
    return new StatusError({ ...err.status, message: `error when ${verb} "${source}": ${err.status.message ?? ''}` });
  }
  return new Error(`error when ${verb} "${source}": ${(err as Error).message}`);
}

export const createCommand: Command = {
  name: 'create',
  help,
  subcommands: [
    createClusterRoleCommand,
    createClusterRoleBindingCommand,
    createConfigMapCommand,
    createCronJobCommand,
    createDeploymentCommand,
    createIngressCommand,
    createJobCommand,
    createNamespaceCommand,
    createPdbCommand,
    createPriorityClassCommand,
    createQuotaCommand,
    createRoleCommand,
    createRoleBindingCommand,
    createSecretCommand,
    createServiceCommand,
    createServiceAccountCommand,
    createTokenCommand,
  ],
  async run(ctx) {
    const f = ctx.flags;
    const filenames = f.strings('filename');
    if (ctx.args.length) throw usageError(ctx.path, `Unexpected args: [${ctx.args.join(' ')}]`);
    if (!filenames.length && !f.string('kustomize')) throw new Error('must specify one of -f and -k');
    const dryRun = dryRunOf(ctx);
    const validate = f.string('validate');
    const fieldValidation = fieldValidationOf(validate);
    const built = buildTargets(ctx, [], {
      namespace: ctx.namespace,
      explicitNamespace: ctx.explicitNamespace,
      filenames,
      recursive: f.bool('recursive'),
      labelSelector: f.string('selector') || undefined,
      validate: !['false', 'ignore'].includes(validate),
    });
    const errors: unknown[] = [...built.errors];
    const printer = new ObjectPrinter(ctx, parseFormat(ctx));
    let count = 0;
    for (const t of built.targets) {
      if (t.by !== 'file') continue;
      const obj = structuredClone(t.object) as AnyObject;
      if (f.bool('save-config')) saveConfig(obj);
      let result = obj;
      if (dryRun !== 'client') {
        // The server decodes what it is sent with field validation as --validate asks.
        const unknown = fieldValidation === 'Ignore' ? [] : await unknownFields(obj);
        if (unknown.length && fieldValidation === 'Strict') {
          errors.push(withSource('creating', t.source, strictDecodingError(obj, unknown)));
          continue;
        }
        for (const field of unknown) ctx.io.err(`Warning: unknown field "${field}"\n`);
        try {
          // The server answers in the version the manifest was sent in (autoscaling/v1 stays v1).
          result = fromStorageVersion(t.rt, ctx.api.create(t.rt, t.namespace, stripForServer(obj), writeOptions(ctx, dryRun)), versionOf(obj.apiVersion));
        } catch (e) {
          errors.push(withSource('creating', t.source, e));
          continue;
        }
      }
      count++;
      printer.print(result, 'created', dryRunSuffix(dryRun));
    }
    throwIfAny(errors);
    if (count === 0) throw new Error('no objects passed to create');
  },
};
