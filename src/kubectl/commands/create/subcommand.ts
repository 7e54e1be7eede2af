import type { AnyObject, KObject, WritableMeta } from '../../../engine/api/types';
import { type DryRun, dryRunOf, dryRunSuffix, writeOptions } from '../../cmdutil';
import type { Ctx } from '../../command';
import { usageError } from '../../errors';
import { parseFormat } from '../../output/format';
import { ObjectPrinter } from '../../output/print';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** NameFromCommandArgs: exactly one NAME before any `--`. */
export function nameArg(ctx: Ctx): string {
  const n = ctx.flags.argsLenAtDash === -1 ? ctx.args.length : ctx.flags.argsLenAtDash;
  if (n !== 1) throw usageError(ctx.path, `exactly one NAME is required, got ${n}`);
  return ctx.args[0];
}

/** The words after `--` (a container command). */
export function commandArgs(ctx: Ctx): string[] {
  return ctx.flags.argsLenAtDash === -1 ? [] : ctx.args.slice(ctx.flags.argsLenAtDash);
}

/**
 * --save-config: record the object itself in the last-applied annotation, as `kubectl apply`
 * would, so a later apply can compute its three-way patch.
 */
export function saveConfig(obj: AnyObject): void {
  if (!obj.metadata) obj.metadata = {};
  const meta = obj.metadata;
  const annotations = { ...(meta.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  const copy = structuredClone(obj);
  copy.metadata = { ...(copy.metadata ?? {}) };
  if (Object.keys(annotations).length) copy.metadata.annotations = annotations;
  else delete copy.metadata.annotations;
  meta.annotations = { ...annotations, [LAST_APPLIED]: `${JSON.stringify(stripForServer(copy))}\n` };
}

/** Drop what a typed Go object would serialize but the server ignores (`creationTimestamp: null`, `status: {}`). */
export function stripForServer(obj: AnyObject): AnyObject {
  const copy = structuredClone(obj);
  const meta = copy.metadata as WritableMeta | undefined;
  if (meta && meta.creationTimestamp === null) delete meta.creationTimestamp;
  if (copy.status && typeof copy.status === 'object' && Object.keys(copy.status).length === 0) delete copy.status;
  return copy;
}

export interface CreateSpec {
  /** The resource to create (`apps/deployments`). */
  resource: string;
  /** `failed to create deployment: …`: how this subcommand words a server error, if it rewords it. */
  failure?: (message: string) => string;
}

/**
 * What every `kubectl create <kind>` does with the object it generated: honour --save-config,
 * print it for --dry-run=client (with -n's namespace), else create it and print the result.
 */
export function createGenerated(ctx: Ctx, obj: AnyObject, spec: CreateSpec, dryRun: DryRun = dryRunOf(ctx)): void {
  const printer = new ObjectPrinter(ctx, parseFormat(ctx));
  const rt = ctx.api.resource(spec.resource);
  if (ctx.flags.spec('save-config') && ctx.flags.bool('save-config')) saveConfig(obj);
  if (rt.namespaced && ctx.explicitNamespace) obj.metadata = { ...obj.metadata, namespace: ctx.namespace };
  let result: KObject = obj;
  if (dryRun !== 'client') {
    try {
      result = ctx.api.create(rt, rt.namespaced ? ctx.namespace : '', stripForServer(obj), writeOptions(ctx, dryRun));
    } catch (e) {
      if (spec.failure && e instanceof Error) throw new Error(spec.failure(e.message));
      throw e;
    }
  }
  printer.print(result, 'created', dryRunSuffix(dryRun), dryRun === 'client');
}
