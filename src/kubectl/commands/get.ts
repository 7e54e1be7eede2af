import { fromStorageVersion, versionOf } from '../../engine/apiserver/conversion';
import { isStatusError } from '../../engine/api/status';
import type { KObject, Stored } from '../../engine/api/types';
import type { ResourceType } from '../../engine/apiserver/registry';
import type { Command, Ctx } from '../command';
import { CmdError, ErrorList, usageError } from '../errors';
import { help } from '../help/get';
import { tableColumns } from '../output/columns';
import { type Format, parseFormat } from '../output/format';
import { ObjectPrinter } from '../output/print';
import { sortObjects } from '../output/sort';
import { printCustomColumns } from '../printers/customcolumns';
import { listOf } from '../printers/list';
import { printTable } from '../printers/table';
import { buildTargets, type Visited, visitTargets } from '../resource/builder';
import { kindPrefix } from '../resource/mapping';
import { watchGet } from './getwatch';
import { rawGet } from './raw';

/** One printed table group: objects of one resource type, in order. */
interface Group {
  rt: ResourceType;
  objects: Stored[];
}

/** Consecutive visits of the same type print as one table (one header, aligned together). */
function groupsOf(visited: Visited[], sortBy: string): Group[] {
  const groups: Group[] = [];
  for (const v of visited) {
    // --sort-by sorts within each list kubectl received, not across separately fetched objects.
    const objects = sortBy && v.target.by === 'selector' ? sortObjects(v.objects, sortBy) : v.objects;
    const last = groups[groups.length - 1];
    if (last && last.rt === v.target.rt) last.objects.push(...objects);
    else groups.push({ rt: v.target.rt, objects: [...objects] });
  }
  return groups;
}

function printHumanReadable(ctx: Ctx, visited: Visited[], errors: unknown[], format: Format): void {
  const f = ctx.flags;
  const allNamespaces = f.bool('all-namespaces');
  const groups = groupsOf(visited, f.string('sort-by'));
  // kubectl shows `kind/name` when more than one kind was asked for (`get all`, `get deploy,svc`).
  const withKind = f.bool('show-kind') || new Set(visited.map((v) => v.target.rt)).size > 1;
  let written = '';
  for (const g of groups) {
    const text = printTable(g.objects, tableColumns(ctx, g.rt), {
      now: ctx.now(),
      wide: format.type === 'wide',
      noHeaders: f.bool('no-headers'),
      withNamespace: allNamespaces && g.rt.namespaced,
      showLabels: f.bool('show-labels'),
      labelColumns: f.strings('label-columns'),
      kindPrefix: withKind ? kindPrefix(g.rt) : undefined,
    });
    if (!text) continue;
    if (written && !f.bool('no-headers')) ctx.io.out('\n');
    ctx.io.out(text);
    written += text;
  }
  if (!written && !f.bool('ignore-not-found') && errors.length === 0) {
    const allNamespaced = !allNamespaces && visited.every((v) => v.target.rt.namespaced);
    ctx.io.err(allNamespaced ? `No resources found in ${ctx.namespace} namespace.\n` : 'No resources found\n');
  }
}

/**
 * Versions the user asked for by name (`hpa.v1.autoscaling`) or by a file's apiVersion: kubectl
 * requests that version and the server converts (the others print in the preferred version).
 */
function requestedVersions(ctx: Ctx): Map<ResourceType, string> {
  const asked = new Map<ResourceType, string>();
  for (const word of ctx.args.flatMap((a) => a.split('/')[0].split(','))) {
    const version = /^[^.]+\.(v\d+(?:(?:alpha|beta)\d+)?)(?:\.|$)/.exec(word)?.[1];
    const rt = version ? ctx.cluster.registry.resolve(word) : undefined;
    if (rt && version) asked.set(rt, version);
  }
  return asked;
}

function printGeneric(ctx: Ctx, visited: Visited[], errors: unknown[], single: boolean, format: Format): void {
  const f = ctx.flags;
  if (single && errors.length) throw errors[0];
  const asked = requestedVersions(ctx);
  let items: KObject[] = visited.flatMap((v) => {
    const version = v.target.by === 'file' ? versionOf(v.target.object.apiVersion) : asked.get(v.target.rt);
    return v.objects.map((o) => fromStorageVersion(v.target.rt, o, version));
  });
  if (items.length === 0 && f.bool('ignore-not-found')) return;
  const sortBy = f.string('sort-by');
  if (sortBy) items = sortObjects(items, sortBy);
  if (format.type === 'custom-columns') {
    const result = printCustomColumns(format.spec, items, { noHeaders: f.bool('no-headers') });
    ctx.io.out(result.output);
    if (result.error) throw new CmdError(`error: ${result.error}`);
    return;
  }
  const printer = new ObjectPrinter(ctx, format);
  if (single && items.length === 1) printer.print(items[0], '');
  else if (format.type === 'name') for (const item of items) printer.print(item, '');
  // Several objects (a list request too: kubectl flattens it) print as one List.
  else printer.print(listOf(items), '');
}

export const getCommand: Command = {
  name: 'get',
  help,
  async run(ctx) {
    const f = ctx.flags;
    if (f.string('raw')) {
      if (ctx.args.length) throw new Error('arguments may not be passed when --raw is specified');
      return rawGet(ctx, f.string('raw'));
    }
    const format = parseFormat(ctx, true);
    const filenames = f.strings('filename');
    if (ctx.args.length === 0 && filenames.length === 0 && !f.string('kustomize')) {
      ctx.io.err('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n');
      throw usageError(
        ctx.path,
        'Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).',
      );
    }
    const output = f.string('output');
    if (f.bool('show-labels') && output && output !== 'wide') throw new Error(`--show-labels option cannot be used with ${output} printer`);
    if (f.bool('output-watch-events') && !f.bool('watch') && !f.bool('watch-only')) {
      throw new Error('--output-watch-events option can only be used with --watch or --watch-only');
    }
    if (f.bool('watch') || f.bool('watch-only')) return watchGet(ctx, format);
    const allNamespaces = f.bool('all-namespaces');
    const built = buildTargets(ctx, ctx.args, {
      namespace: ctx.namespace,
      explicitNamespace: ctx.explicitNamespace && !allNamespaces,
      allNamespaces,
      labelSelector: f.string('selector'),
      fieldSelector: f.string('field-selector'),
      allowEmptySelector: true,
      filenames,
      recursive: f.bool('recursive'),
    });
    const { visited, errors: all } = visitTargets(ctx, built);
    const errors = f.bool('ignore-not-found') ? all.filter((e) => !isStatusError(e, 'NotFound')) : all;
    if (format.type === 'default' || format.type === 'wide') printHumanReadable(ctx, visited, errors, format);
    else printGeneric(ctx, visited, errors, built.singleItemImplied, format);
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new ErrorList(errors);
  },
};
