import type { Node } from 'kubernetes-types/core/v1';
import type { Stored } from '../../engine/api/types';
import { type DryRun, dryRunOf, dryRunSuffix, writeOptions } from '../cmdutil';
import type { Ctx } from '../command';
import { usageError } from '../errors';
import { parseFormat } from '../output/format';
import { ObjectPrinter } from '../output/print';
import { buildTargets, throwIfAny, visitTargets } from '../resource/builder';

/**
 * The nodes a node command (cordon, uncordon, drain) names: `NODE…` (or `node/NODE`), or
 * `--selector`. As kubectl, anything but nodes is refused.
 */
export function selectNodes(ctx: Ctx, use: string): Stored<Node>[] {
  const selector = ctx.flags.string('selector');
  if (ctx.args.length === 0 && !ctx.flags.changed('selector')) throw usageError(ctx.path, `USAGE: ${use} [flags]`);
  if (ctx.args.length > 0 && selector) throw usageError(ctx.path, 'error: cannot specify both a node name and a --selector option');
  const args = ctx.args.map((a) => (a.includes('/') ? a : `nodes/${a}`));
  const built = selector
    ? buildTargets(ctx, ['nodes'], { namespace: ctx.namespace, labelSelector: selector })
    : buildTargets(ctx, args, { namespace: ctx.namespace, singleResourceType: true });
  const { visited, errors } = visitTargets(ctx, built);
  throwIfAny(errors);
  const nodes: Stored<Node>[] = [];
  for (const v of visited) {
    if (v.target.rt.plural !== 'nodes' || v.target.rt.group !== '') {
      throw new Error(`error: expected resource of type node, got "${v.target.rt.group ? `${v.target.rt.group}/` : ''}${v.target.rt.version}, Resource=${v.target.rt.plural}"`);
    }
    nodes.push(...(v.objects as Stored<Node>[]));
  }
  return nodes;
}

/** Mark nodes (un)schedulable, printing `node/x cordoned` or `node/x already cordoned`. */
export function cordonOrUncordon(ctx: Ctx, nodes: Stored<Node>[], desired: boolean, dryRun: DryRun): void {
  const printer = new ObjectPrinter(ctx, parseFormat(ctx));
  const word = desired ? 'cordon' : 'uncordon';
  for (const node of nodes) {
    const current = !!node.spec?.unschedulable;
    if (current === desired) {
      printer.print(node, `already ${word}ed`, dryRunSuffix(dryRun));
      continue;
    }
    if (dryRun !== 'client') {
      try {
        ctx.api.patch('nodes', '', node.metadata.name, 'merge', { spec: { unschedulable: desired ? true : null } }, writeOptions(ctx, dryRun));
      } catch (e) {
        ctx.io.err(`error: unable to ${word} node "${node.metadata.name}": ${(e as Error).message}\n`);
        continue;
      }
    }
    printer.print(node, `${word}ed`, dryRunSuffix(dryRun));
  }
}

export function runCordon(ctx: Ctx, desired: boolean): void {
  const dryRun = dryRunOf(ctx);
  const nodes = selectNodes(ctx, desired ? 'cordon NODE' : 'uncordon NODE');
  cordonOrUncordon(ctx, nodes, desired, dryRun);
}
