import { isValidLabelValue } from '../../engine/api/names';
import type { KObject, Stored } from '../../engine/api/types';
import { dryRunOf, dryRunSuffix, writeOptions } from '../cmdutil';
import type { Ctx } from '../command';
import { ErrorList } from '../errors';
import { parseFormat } from '../output/format';
import { ObjectPrinter } from '../output/print';
import { buildTargets, throwIfAny, visitTargets } from '../resource/builder';

/** kubectl's GetResourcesAndPairs: resource words first, then `k=v` / `k-` pairs. */
export function splitResourcesAndPairs(args: string[], pairType: string): { resources: string[]; pairs: string[] } {
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const s of args) {
    const isPair = (s.includes('=') && s[0] !== '=') || (s.endsWith('-') && s !== '-');
    if (isPair) pairs.push(s);
    else if (pairs.length) throw new Error(`all resources must be specified before ${pairType} changes: ${s}`);
    else resources.push(s);
  }
  return { resources, pairs };
}

function parseLabelPairs(specs: string[]): { set: Record<string, string>; remove: string[] } {
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const spec of specs) {
    if (spec.includes('=')) {
      const parts = spec.split('=');
      if (parts.length !== 2) throw new Error(`invalid label spec: ${spec}`);
      const errs = isValidLabelValue(parts[1]);
      if (errs.length) throw new Error(`invalid label value: "${spec}": ${errs.join(';')}`);
      set[parts[0]] = parts[1];
    } else if (spec.endsWith('-')) remove.push(spec.slice(0, -1));
    else throw new Error(`unknown label spec: ${spec}`);
  }
  if (remove.some((r) => r in set)) throw new Error('can not both modify and remove a label in the same command');
  return { set, remove };
}

function parseAnnotationPairs(specs: string[]): { set: Record<string, string>; remove: string[] } {
  const set: Record<string, string> = {};
  const remove: string[] = [];
  const invalid: string[] = [];
  for (const spec of specs) {
    if (spec.includes('=') && spec[0] !== '=') {
      const i = spec.indexOf('=');
      set[spec.slice(0, i)] = spec.slice(i + 1);
    } else if (spec.endsWith('-') && spec !== '-') remove.push(spec.slice(0, -1));
    else invalid.push(spec);
  }
  if (invalid.length) throw new Error(`invalid annotation format: ${invalid.join(', ')}`);
  const both = remove.filter((r) => r in set);
  if (both.length) throw new Error(`can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`);
  return { set, remove };
}

type Field = 'labels' | 'annotations';

const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/** What `kubectl label` and `kubectl annotate` share: select objects, change one metadata map, patch. */
export function runMetadataUpdate(ctx: Ctx, field: Field): void {
  const f = ctx.flags;
  const isLabel = field === 'labels';
  const noun = isLabel ? 'label' : 'annotation';
  const dryRun = dryRunOf(ctx);
  const { resources, pairs } = splitResourcesAndPairs(ctx.args, noun);
  const { set, remove } = isLabel ? parseLabelPairs(pairs) : parseAnnotationPairs(pairs);
  const list = f.bool('list');
  if (list && f.string('output')) throw new Error('--list and --output may not be specified together');
  const all = f.bool('all');
  if (all && f.string('selector')) throw new Error('cannot set --all and --selector at the same time');
  if (all && f.string('field-selector')) throw new Error('cannot set --all and --field-selector at the same time');
  const filenames = f.strings('filename');
  if (resources.length < 1 && filenames.length === 0) {
    throw new Error(`one or more resources must be specified as <resource> <name> or <resource>/<name>`);
  }
  if (Object.keys(set).length < 1 && remove.length < 1 && !list) throw new Error(`at least one ${noun} update is required`);

  const built = buildTargets(ctx, resources, {
    namespace: ctx.namespace,
    explicitNamespace: ctx.explicitNamespace,
    allNamespaces: f.bool('all-namespaces'),
    labelSelector: f.string('selector'),
    fieldSelector: f.string('field-selector'),
    allowEmptySelector: all,
    filenames,
    recursive: f.bool('recursive'),
  });
  const resourceVersion = f.string('resource-version');
  if (!built.singleItemImplied && resourceVersion) throw new Error('--resource-version may only be used with a single resource');
  const { visited, errors } = visitTargets(ctx, built);
  const printer = new ObjectPrinter(ctx, parseFormat(ctx));
  const overwrite = f.bool('overwrite');

  for (const v of visited) {
    for (const obj of v.objects) {
      try {
        const current = (obj.metadata[field] ?? undefined) as Record<string, string> | undefined;
        if (!overwrite) {
          const clashes = Object.entries(set).filter(([k, val]) => (isLabel || k !== CHANGE_CAUSE) && current?.[k] !== undefined && current[k] !== val);
          if (clashes.length) {
            if (isLabel) {
              const errs = clashes.map(([k]) => new Error(`'${k}' already has a value (${current?.[k]}), and --overwrite is false`));
              throw errs.length === 1 ? errs[0] : new ErrorList(errs);
            }
            throw new Error(
              `--overwrite is false but found the following declared annotation(s): ${clashes.map(([k]) => `'${k}' already has a value (${current?.[k]})`).join('; ')}`,
            );
          }
        }
        const next: Record<string, string> = { ...(current ?? {}), ...set };
        for (const r of remove) delete next[r];
        const updated = structuredClone(obj) as KObject & Stored;
        updated.metadata = { ...updated.metadata, [field]: next };
        if (resourceVersion) updated.metadata.resourceVersion = resourceVersion;
        const before = JSON.stringify(obj);
        const after = JSON.stringify(updated);
        let message = isLabel ? 'not labeled' : 'annotated';
        if (isLabel && before !== after) message = !overwrite && after.length < before.length ? 'unlabeled' : 'labeled';

        if (list) {
          const entries = Object.entries(next).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
          let indent = '';
          if (!built.singleItemImplied) {
            indent = ' ';
            const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '';
            ctx.io.out(`Listing ${noun}s for ${obj.kind}.${group}/${obj.metadata.name}:\n`);
          }
          for (const [k, val] of entries) ctx.io.out(`${indent}${k}=${val}\n`);
          continue;
        }
        let result: KObject = updated;
        if (dryRun !== 'client') {
          if (isLabel) {
            for (const r of remove) if (current?.[r] === undefined) ctx.io.out(`label "${r}" not found.\n`);
          }
          const patchMap: Record<string, string | null> = { ...set };
          for (const r of remove) if (current?.[r] !== undefined) patchMap[r] = null;
          const meta: Record<string, unknown> = { [field]: current === undefined && !Object.keys(set).length ? {} : patchMap };
          if (resourceVersion) meta.resourceVersion = resourceVersion;
          const stored = ctx.api.patch(v.target.rt, obj.metadata.namespace ?? '', obj.metadata.name, 'merge', { metadata: meta }, writeOptions(ctx, dryRun));
          if (!isLabel) result = stored;
        }
        printer.print(result, message, dryRunSuffix(dryRun));
      } catch (e) {
        errors.push(e);
      }
    }
  }
  throwIfAny(errors);
}
