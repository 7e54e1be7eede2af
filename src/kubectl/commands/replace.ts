import { isStatusError } from '../../engine/api/status';
import type { AnyObject } from '../../engine/api/types';
import { dryRunOf, dryRunSuffix, writeOptions } from '../cmdutil';
import type { Command, Ctx } from '../command';
import { help } from '../help/replace';
import { parseFormat } from '../output/format';
import { ObjectPrinter } from '../output/print';
import { pollUntil } from '../poll';
import { buildTargets, type Target, throwIfAny } from '../resource/builder';
import { kindPrefix } from '../resource/mapping';
import { withSource } from './create';
import { LAST_APPLIED, saveConfig, stripForServer } from './create/subcommand';

type FileTarget = Extract<Target, { by: 'file' }>;

/** --save-config adds the last-applied annotation; without it an annotation the file carries is refreshed. */
function annotate(obj: AnyObject, create: boolean): void {
  if (create || obj.metadata?.annotations?.[LAST_APPLIED]) saveConfig(obj);
}

function fileTargets(ctx: Ctx): { targets: FileTarget[]; errors: unknown[] } {
  const f = ctx.flags;
  const built = buildTargets(ctx, [], {
    namespace: ctx.namespace,
    explicitNamespace: ctx.explicitNamespace,
    filenames: f.strings('filename'),
    recursive: f.bool('recursive'),
    validate: !['false', 'ignore'].includes(f.string('validate')),
  });
  return { targets: built.targets.filter((t): t is FileTarget => t.by === 'file'), errors: [...built.errors] };
}

/**
 * `kubectl replace -f`: PUT each object of the files (taking the live resourceVersion when the
 * file has none). With --force: delete them, wait until they are gone, then create them again.
 */
export const replaceCommand: Command = {
  name: 'replace',
  help,
  async run(ctx) {
    const f = ctx.flags;
    let grace = f.int('grace-period');
    // kubectl turns --grace-period=0 into 1 and then waits for the deletion.
    let waitForDeletion = f.bool('wait');
    if (grace === 0) {
      grace = 1;
      waitForDeletion = true;
    }
    if (!f.strings('filename').length && !f.string('kustomize')) throw new Error('must specify one of -f and -k');
    const force = f.bool('force');
    const dryRun = dryRunOf(ctx);
    if (grace >= 0 && !force) throw new Error('--grace-period must have --force specified');
    if (f.duration('timeout') !== 0 && !force) throw new Error('--timeout must have --force specified');
    if (force && dryRun !== 'none') throw new Error('--dry-run can not be used when --force is set');
    if (f.string('raw')) throw new Error('"kubectl replace --raw" is not available in this sandbox');
    if (force) return forceReplace(ctx, grace, waitForDeletion);

    const { targets, errors } = fileTargets(ctx);
    const printer = new ObjectPrinter(ctx, parseFormat(ctx));
    for (const t of targets) {
      const obj = structuredClone(t.object) as AnyObject;
      annotate(obj, f.bool('save-config'));
      if (dryRun === 'client') {
        printer.print(obj, 'replaced', dryRunSuffix(dryRun));
        continue;
      }
      try {
        const body = stripForServer(obj);
        if (!body.metadata?.resourceVersion) {
          const live = ctx.api.find(t.rt, t.namespace, t.name);
          if (live) body.metadata = { ...body.metadata, resourceVersion: live.metadata.resourceVersion };
        }
        const result = ctx.api.update(t.rt, t.namespace, body, writeOptions(ctx, dryRun));
        printer.print(result, 'replaced', dryRunSuffix(dryRun));
      } catch (e) {
        errors.push(withSource('replacing', t.source, e));
      }
    }
    throwIfAny(errors);
  },
};

async function forceReplace(ctx: Ctx, grace: number, waitForDeletion: boolean): Promise<void> {
  const f = ctx.flags;
  const output = f.string('output');
  const { targets, errors } = fileTargets(ctx);
  throwIfAny(errors);
  const cascade = ({ background: 'Background', foreground: 'Foreground', orphan: 'Orphan' } as const)[f.string('cascade')] ?? 'Background';
  const deleted: { t: FileTarget; uid?: string }[] = [];
  const deleteErrors: unknown[] = [];
  for (const t of targets) {
    try {
      const result = ctx.api.delete(t.rt, t.namespace, t.name, {
        ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}),
        propagationPolicy: cascade,
        ...writeOptions(ctx),
      });
      deleted.push({ t, uid: result.object.metadata.uid });
      ctx.io.out(output === 'name' ? `${kindPrefix(t.rt)}/${t.name}\n` : `${kindPrefix(t.rt)} "${t.name}" deleted\n`);
    } catch (e) {
      // replace creates what does not exist yet
      if (!isStatusError(e, 'NotFound')) deleteErrors.push(withSource('deleting', t.source, e));
    }
  }
  throwIfAny(deleteErrors);
  if (targets.length === 0) ctx.io.out('No resources found\n');

  const gone = (t: FileTarget) => !ctx.api.find(t.rt, t.namespace, t.name);
  if (waitForDeletion && deleted.length) {
    const timeout = f.duration('timeout') || 168 * 3600_000;
    if (!(await pollUntil(ctx, 1000, timeout, () => deleted.every((d) => gone(d.t))))) {
      const left = deleted.find((d) => !gone(d.t));
      throw new Error(`timed out waiting for the condition on ${left ? `${left.t.rt.group ? `${left.t.rt.plural}.${left.t.rt.group}` : left.t.rt.plural}/${left.t.name}` : ''}`);
    }
  }
  const timeout = f.duration('timeout') || 5 * 60_000;
  for (const t of targets) {
    if (!(await pollUntil(ctx, 1000, timeout, () => gone(t)))) throw new Error('timed out waiting for the condition');
  }

  const printer = new ObjectPrinter(ctx, parseFormat(ctx));
  let count = 0;
  for (const t of targets) {
    const obj = structuredClone(t.object) as AnyObject;
    annotate(obj, f.bool('save-config'));
    const result = ctx.api.create(t.rt, t.namespace, stripForServer(obj), writeOptions(ctx));
    count++;
    printer.print(result, 'replaced', '');
  }
  if (count === 0) throw new Error('no objects passed to replace');
}
