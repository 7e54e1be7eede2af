import type { WriteOptions } from '../engine/apiserver/types';
import type { Ctx } from './command';
import { fatal, usageError } from './errors';

export type DryRun = 'none' | 'client' | 'server';

/** A klog-style warning line (`W0106 09:05:00.000000   12345 file.go:NN] msg`), dated in simulated time. */
export function klogWarning(ctx: Ctx, source: string, message: string): string {
  const d = new Date(ctx.now());
  const p2 = (n: number) => String(n).padStart(2, '0');
  const stamp = `${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds() * 1000).padStart(6, '0')}`;
  return `W${stamp}   12345 ${source}] ${message}\n`;
}

/** --dry-run as kubectl reads it; a bare `--dry-run` is the deprecated spelling of `client`. */
export function dryRunOf(ctx: Ctx): DryRun {
  if (!ctx.flags.spec('dry-run')) return 'none';
  const v = ctx.flags.string('dry-run');
  switch (v) {
    case 'client':
    case 'server':
    case 'none':
      return v;
    case 'unchanged':
      ctx.io.err(klogWarning(ctx, 'helpers.go:702', '--dry-run is deprecated and can be replaced with --dry-run=client.'));
      return 'client';
    default:
      throw fatal(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
  }
}

/** The suffix kubectl adds to its messages when nothing was persisted. */
export function dryRunSuffix(dryRun: DryRun): string {
  return dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
}

/** Options for an API write: who asks, and whether it is a server-side dry run. */
export function writeOptions(ctx: Ctx, dryRun: DryRun = 'none'): WriteOptions {
  return { user: ctx.user, dryRun: dryRun === 'server', fieldManager: `kubectl-${ctx.path.split(' ')[1] ?? ''}` };
}

/** cobra.ExactArgs-like checks kubectl commands do by hand. */
export function requireExactlyOneName(ctx: Ctx): string {
  if (ctx.args.length !== 1) throw usageError(ctx.path, `exactly one NAME is required, got ${ctx.args.length}`);
  return ctx.args[0];
}

/** Parse `key=value` pairs from `--labels a=b,c=d`. */
export function parseKeyValues(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of text.split(',')) {
    if (!pair) continue;
    const i = pair.indexOf('=');
    out[i < 0 ? pair : pair.slice(0, i)] = i < 0 ? '' : pair.slice(i + 1);
  }
  return out;
}
