import { isStatusError } from '../../engine/api/status';
import type { PropagationPolicy } from '../../engine/apiserver/types';
import { dryRunOf, writeOptions } from '../cmdutil';
import type { Command } from '../command';
import { ErrorList, fatal } from '../errors';
import { help } from '../help/delete';
import { pollUntil } from '../poll';
import { buildTargets } from '../resource/builder';
import { kindPrefix } from '../resource/mapping';
import { withSource } from './create';

/** --cascade, with the deprecated boolean spellings kubectl still accepts. */
function cascadeOf(value: string, warn: (s: string) => void): PropagationPolicy {
  switch (value) {
    case 'background':
      return 'Background';
    case 'foreground':
      return 'Foreground';
    case 'orphan':
      return 'Orphan';
    case 'true':
      warn('warning: --cascade=true is deprecated (boolean value) and can be replaced with --cascade=background.\n');
      return 'Background';
    case 'false':
      warn('warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n');
      return 'Orphan';
    default:
      throw fatal(`invalid cascade value (${value}). Must be "background", "foreground", or "orphan".`);
  }
}

interface Deleted {
  rtKey: string;
  namespace: string;
  name: string;
  uid?: string;
  label: string;
}

export const deleteCommand: Command = {
  name: 'delete',
  help,
  async run(ctx) {
    const f = ctx.flags;
    const output = f.string('output');
    const selectAll = f.bool('all');
    const labelSelector = f.string('selector');
    const fieldSelector = f.string('field-selector');
    let ignoreNotFound = f.bool('ignore-not-found');
    if ((selectAll || labelSelector || fieldSelector) && !f.changed('ignore-not-found')) ignoreNotFound = true;
    let grace = f.int('grace-period');
    const force = f.bool('force');
    if (f.bool('now')) {
      if (grace !== -1) throw new Error('--now and --grace-period cannot be specified together');
      grace = 1;
    }
    if (grace === 0 && !force) grace = 1;
    if (force && grace < 0) grace = 0;
    const dryRun = dryRunOf(ctx);
    const cascade = cascadeOf(f.string('cascade'), (s) => ctx.io.err(s));

    const allNamespaces = f.bool('all-namespaces');
    const built = buildTargets(ctx, ctx.args, {
      namespace: ctx.namespace,
      explicitNamespace: ctx.explicitNamespace,
      allNamespaces,
      labelSelector,
      fieldSelector,
      selectAll,
      filenames: f.strings('filename'),
      recursive: f.bool('recursive'),
    });

    if (output !== '' && output !== 'name') throw new Error(`unexpected -o output mode: ${output}. We only support '-o name'`);
    if (selectAll && labelSelector) throw new Error('cannot set --all and --selector at the same time');
    if (selectAll && fieldSelector) throw new Error('cannot set --all and --field-selector at the same time');
    if (grace === 0 && force) {
      ctx.io.err(
        'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
      );
    } else if (grace > 0 && force) throw new Error('--force and --grace-period greater than 0 cannot be specified together');

    let operation = grace === 0 ? 'force deleted' : 'deleted';
    if (dryRun === 'client') operation += ' (dry run)';
    if (dryRun === 'server') operation += ' (server dry run)';

    const errors: unknown[] = [...built.errors];
    const deleted: Deleted[] = [];
    let warnClusterScope = ctx.explicitNamespace && !allNamespaces;
    const print = (label: string, name: string) => ctx.io.out(output === 'name' ? `${label}/${name}\n` : `${label} "${name}" ${operation}\n`);

    for (const t of built.targets) {
      // Names are deleted without reading them first; selectors list what to delete.
      let names: { namespace: string; name: string }[] = [];
      if (t.by === 'selector') {
        try {
          names = ctx.api
            .list(t.rt, t.namespace, { labelSelector: t.labelSelector || undefined, fieldSelector: t.fieldSelector || undefined })
            .items.map((o) => ({ namespace: o.metadata.namespace ?? '', name: o.metadata.name }));
        } catch (e) {
          errors.push(e);
          continue;
        }
      } else names = [{ namespace: t.namespace, name: t.name }];
      for (const { namespace, name } of names) {
        const label = kindPrefix(t.rt);
        if (warnClusterScope && !t.rt.namespaced) {
          ctx.io.err('Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n');
          warnClusterScope = false;
        }
        if (dryRun === 'client') {
          deleted.push({ rtKey: t.rt.plural, namespace, name, label });
          print(label, name);
          continue;
        }
        try {
          const result = ctx.api.delete(t.rt, namespace, name, {
            ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}),
            propagationPolicy: cascade,
            ...writeOptions(ctx, dryRun),
          });
          deleted.push({ rtKey: `${t.rt.group}/${t.rt.plural}`, namespace, name, uid: result.object.metadata.uid, label });
          print(label, name);
        } catch (e) {
          if (ignoreNotFound && isStatusError(e, 'NotFound')) continue;
          errors.push(t.by === 'file' ? withSource('deleting', t.source, e) : e);
        }
      }
    }
    if (errors.length) throw errors.length === 1 ? errors[0] : new ErrorList(errors);
    if (deleted.length === 0) {
      ctx.io.out('No resources found\n');
      return;
    }
    if (!f.bool('wait') || dryRun !== 'none') return;
    await waitForDeletion(ctx, deleted, f.duration('timeout'));
  },
};

/** --wait: poll until every deleted object is gone (or replaced by a new one of the same name). */
async function waitForDeletion(ctx: Parameters<NonNullable<Command['run']>>[0], deleted: Deleted[], timeoutMs: number): Promise<void> {
  const gone = (d: Deleted) => {
    const [group, plural] = d.rtKey.split('/');
    const rt = ctx.cluster.registry.get(group, plural);
    if (!rt) return true;
    const live = ctx.api.find(rt, d.namespace, d.name);
    return !live || (d.uid !== undefined && live.metadata.uid !== d.uid);
  };
  const done = await pollUntil(ctx, 1000, timeoutMs, () => deleted.every(gone));
  if (!done) {
    const left = deleted.filter((d) => !gone(d));
    const first = left[0];
    const plural = first.rtKey.split('/')[1];
    const group = first.rtKey.split('/')[0];
    throw fatal(`timed out waiting for the condition on ${group ? `${plural}.${group}` : plural}/${first.name}`);
  }
}
