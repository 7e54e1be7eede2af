import { StatusError } from '../../engine/api/status';
import { deepEqual } from '../../engine/apiserver/apiserver';
import { jsonPatch, mergePatch, schemaFor, strategicMergePatch } from '../../engine/apiserver/patch';
import type { KObject } from '../../engine/api/types';
import type { PatchType } from '../../engine/apiserver/types';
import { apiVersionOf } from '../../engine/apiserver/registry';
import { dryRunOf, dryRunSuffix, writeOptions } from '../cmdutil';
import type { Command } from '../command';
import { help } from '../help/patch';
import { yamlToJson } from '../manifest/goyaml';
import { parseFormat } from '../output/format';
import { ObjectPrinter } from '../output/print';
import { buildTargets, throwIfAny, visitTargets } from '../resource/builder';

const CONTENT_TYPES: Record<PatchType, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

export const patchCommand: Command = {
  name: 'patch',
  help,
  run(ctx) {
    const f = ctx.flags;
    const patchText = f.string('patch');
    const patchFile = f.string('patch-file');
    const local = f.bool('local');
    const dryRun = dryRunOf(ctx);
    if (patchText && patchFile) throw new Error('cannot specify --patch and --patch-file together');
    if (!patchText && !patchFile) throw new Error('must specify --patch or --patch-file containing the contents of the patch');
    if (local && ctx.args.length) throw new Error('cannot specify --local and server resources');
    if (local && dryRun === 'server') throw new Error('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    const typeFlag = f.string('type');
    const type = (typeFlag ? typeFlag.toLowerCase() : 'strategic') as PatchType;
    if (!(type in CONTENT_TYPES)) throw new Error(`--type must be one of [json merge strategic], not "${typeFlag}"`);

    let source = patchText;
    if (patchFile) {
      const text = ctx.env.readFile?.(patchFile);
      if (text === undefined) throw new Error(`unable to read patch file: open ${patchFile}: no such file or directory`);
      source = text;
    }
    let patch: unknown;
    try {
      patch = yamlToJson(source);
    } catch (e) {
      throw new Error(`unable to parse "${patchText}": ${(e as Error).message}`);
    }

    const built = buildTargets(ctx, ctx.args, {
      namespace: ctx.namespace,
      explicitNamespace: ctx.explicitNamespace,
      filenames: f.strings('filename'),
      recursive: f.bool('recursive'),
    });
    const { visited, errors } = visitTargets(ctx, built);
    const printer = new ObjectPrinter(ctx, parseFormat(ctx));
    const subresource = f.string('subresource');
    let count = 0;
    for (const v of visited) {
      for (const obj of v.objects) {
        count++;
        try {
          let result: KObject;
          if (!local && dryRun !== 'client') {
            try {
              result = ctx.api.patch(v.target.rt, obj.metadata.namespace ?? '', obj.metadata.name, type, patch, {
                ...writeOptions(ctx, dryRun),
                subresource: subresource === 'status' ? 'status' : undefined,
              });
            } catch (e) {
              if (e instanceof StatusError && e.reason === 'UnsupportedMediaType') {
                const rt = v.target.rt;
                throw new Error(`${CONTENT_TYPES[type]} is not supported by ${apiVersionOf(rt)}, Kind=${rt.kind}: ${e.message}`);
              }
              throw e;
            }
          } else {
            result = patchLocally(obj, type, patch);
          }
          printer.print(result, deepEqual(obj, result) ? 'patched (no change)' : 'patched', dryRunSuffix(dryRun));
        } catch (e) {
          errors.push(e);
        }
      }
    }
    throwIfAny(errors);
    if (count === 0) throw new Error('no objects passed to patch');
  },
};

/** --local and --dry-run=client apply the patch here instead of on the server. */
function patchLocally(obj: KObject, type: PatchType, patch: unknown): KObject {
  const copy = structuredClone(obj);
  if (type === 'json') return jsonPatch(copy, patch) as KObject;
  if (type === 'merge') return mergePatch(copy, patch) as KObject;
  const schema = schemaFor(obj.apiVersion ?? '', obj.kind ?? '');
  if (!schema) throw new Error(`strategic merge patch is not supported for ${obj.apiVersion}, Kind=${obj.kind} locally, try --type merge`);
  return strategicMergePatch(copy, patch, schema) as KObject;
}
