import { fromStorageVersion, versionOf } from '../../engine/apiserver/conversion';
import type { AnyObject, KObject, Stored } from '../../engine/api/types';
import {
  createThreeWayJsonMergePatch,
  createThreeWayMergePatch,
  mergePatch,
  PatchError,
  schemaFor,
  strategicMergePatch,
} from '../../engine/apiserver/patch';
import { apiVersionOf, type ResourceType } from '../../engine/apiserver/registry';
import { type DryRun, dryRunOf, dryRunSuffix, writeOptions } from '../cmdutil';
import type { Command, Ctx } from '../command';
import { ErrorList } from '../errors';
import { help } from '../help/apply';
import { help as editLastAppliedHelp } from '../help/apply-edit-last-applied';
import { help as setLastAppliedHelp } from '../help/apply-set-last-applied';
import { help as viewLastAppliedHelp } from '../help/apply-view-last-applied';
import { parseFormat } from '../output/format';
import { ObjectPrinter } from '../output/print';
import { goJson } from '../printers/json';
import { listOf } from '../printers/list';
import { printYaml } from '../printers/yaml';
import { buildTargets, throwIfAny, visitTargets } from '../resource/builder';
import { fieldValidationOf, strictDecodingError, unknownFields } from '../manifest/strict';
import { withSource } from './create';
import { LAST_APPLIED } from './create/subcommand';
import { unavailable } from './unavailable';

/**
 * util.GetModifiedConfiguration: the object as given, with the last-applied annotation set to
 * the object's own JSON (annotations present, even if empty, and without that annotation).
 */
export function withLastApplied(obj: AnyObject): { modified: AnyObject; json: string } {
  const copy = structuredClone(obj);
  const annotations: Record<string, string> = { ...(copy.metadata?.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  copy.metadata = { ...copy.metadata, annotations };
  const json = `${goJson(copy)}\n`;
  const modified = structuredClone(copy);
  modified.metadata = { ...modified.metadata, annotations: { ...annotations, [LAST_APPLIED]: json } };
  return { modified, json };
}

/** `Resource: "apps/v1, Resource=deployments", GroupVersionKind: "apps/v1, Kind=Deployment"` and the name line (Info.String). */
function infoString(rt: ResourceType, name: string, namespace: string): string {
  const gv = rt.group ? `${rt.group}/${rt.version}` : `/${rt.version}`;
  return `Resource: "${gv}, Resource=${rt.plural}", GroupVersionKind: "${gv}, Kind=${rt.kind}"\nName: "${name}", Namespace: "${namespace}"`;
}

/** The patch client-side apply sends: strategic for built-in kinds, JSON merge for custom ones. */
function applyPatch(rt: ResourceType, original: unknown, modified: AnyObject, current: Stored): { type: 'strategic' | 'merge'; patch: Record<string, unknown> } {
  const schema = schemaFor(apiVersionOf(rt), rt.kind);
  if (schema) return { type: 'strategic', patch: createThreeWayMergePatch(original, modified, current, schema, { overwrite: true }) };
  return { type: 'merge', patch: createThreeWayJsonMergePatch(original, modified, current) };
}

function parseOriginal(live: KObject): unknown {
  const text = live.metadata?.annotations?.[LAST_APPLIED];
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Remove nulls as kubectl's pruneNullsFromMap does before creating. */
function pruneNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(pruneNulls);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v)) if (val !== null) out[k] = pruneNulls(val);
    return out;
  }
  return v;
}

/**
 * Apply one object: create it, or send the three-way patch against the live object. `quiet`
 * leaves out the missing-annotation warning (kubectl diff computes the same patch silently).
 */
export function applyOne(
  ctx: Ctx,
  rt: ResourceType,
  namespace: string,
  given: AnyObject,
  source: string,
  dryRun: DryRun,
  serverSide: boolean,
  quiet = false,
): { obj: KObject; operation: string } {
  const obj = structuredClone(given);
  const name = obj.metadata?.name ?? '';
  if (!name && obj.metadata?.generateName) throw new Error(`from ${obj.metadata.generateName}: cannot use generate name with apply`);
  if (rt.namespaced) obj.metadata = { ...obj.metadata, namespace };
  // The live object as the manifest's version shows it (an autoscaling/v1 HPA is stored as v2).
  const version = versionOf(obj.apiVersion);
  const opts = { ...writeOptions(ctx, dryRun), version };
  const stored = ctx.api.find(rt, namespace, name);
  const live = stored && fromStorageVersion(rt, stored, version);

  if (serverSide) {
    if (!live) {
      if (dryRun === 'client') return { obj, operation: 'serverside-applied' };
      return { obj: ctx.api.create(rt, namespace, pruneNulls(obj) as AnyObject, opts), operation: 'serverside-applied' };
    }
    const schema = schemaFor(apiVersionOf(rt), rt.kind);
    const merged = schema ? strategicMergePatch(structuredClone(live), obj, schema) : mergePatch(structuredClone(live), obj);
    if (dryRun === 'client') return { obj: merged as KObject, operation: 'serverside-applied' };
    const result = ctx.api.patch(rt, namespace, name, 'merge', obj, opts);
    return { obj: result, operation: 'serverside-applied' };
  }

  const { modified } = withLastApplied(obj);
  if (!live) {
    let created: KObject = pruneNulls(modified) as AnyObject;
    if (dryRun !== 'client') {
      try {
        created = ctx.api.create(rt, namespace, created as AnyObject, opts);
      } catch (e) {
        throw withSource('creating', source, e);
      }
    }
    return { obj: created, operation: 'created' };
  }
  if (dryRun === 'client') return { obj: modified, operation: 'configured' };
  if (!quiet && !live.metadata.annotations?.[LAST_APPLIED]) {
    ctx.io.err(
      `Warning: resource ${rt.plural}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
    );
  }
  let patch: Record<string, unknown>;
  let type: 'strategic' | 'merge';
  try {
    ({ patch, type } = applyPatch(rt, parseOriginal(live), modified, live));
  } catch (e) {
    if (e instanceof PatchError) throw new Error(e.message);
    throw e;
  }
  const patchText = goJson(patch);
  if (patchText === '{}') return { obj: live, operation: 'unchanged' };
  try {
    return { obj: ctx.api.patch(rt, namespace, name, type, patch, opts), operation: 'configured' };
  } catch (e) {
    throw withSource(`applying patch:\n${patchText}\nto:\n${infoString(rt, name, namespace)}\nfor:`, source, e);
  }
}

export const applyCommand: Command = {
  name: 'apply',
  help,
  subcommands: [
    unavailable('edit-last-applied', editLastAppliedHelp, 'needs an editor', 'apply edit-last-applied'),
    unavailable('set-last-applied', setLastAppliedHelp, undefined, 'apply set-last-applied'),
    {
      name: 'view-last-applied',
      help: viewLastAppliedHelp,
      run(ctx) {
        const output = ctx.flags.string('output') || 'yaml';
        if (output !== 'yaml' && output !== 'json') throw new Error(`unexpected -o output mode: ${output}, the flag 'output' must be one of yaml|json`);
        const built = buildTargets(ctx, ctx.args, {
          namespace: ctx.namespace,
          explicitNamespace: ctx.explicitNamespace,
          labelSelector: ctx.flags.string('selector'),
          allowEmptySelector: ctx.flags.bool('all'),
          filenames: ctx.flags.strings('filename'),
          recursive: ctx.flags.bool('recursive'),
        });
        const { visited, errors } = visitTargets(ctx, built);
        throwIfAny(errors);
        for (const obj of visited.flatMap((v) => v.objects)) {
          const text = obj.metadata.annotations?.[LAST_APPLIED];
          if (!text) {
            throw new Error(`no last-applied-configuration annotation found on resource: ${obj.metadata.name}\n`);
          }
          const parsed = JSON.parse(text);
          ctx.io.out(output === 'json' ? `${JSON.stringify(parsed, null, 2)}\n` : printYaml(parsed));
        }
      },
    },
  ],
  async run(ctx) {
    const f = ctx.flags;
    const filenames = f.strings('filename');
    if (!filenames.length && !f.string('kustomize')) throw new Error('must specify one of -f and -k');
    if (ctx.args.length) throw new Error(`Unexpected args: [${ctx.args.join(' ')}]`);
    const dryRun = dryRunOf(ctx);
    const serverSide = f.bool('server-side');
    if (f.bool('force') && serverSide) throw new Error('--force cannot be used with --server-side');
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
    const format = parseFormat(ctx);
    const printer = new ObjectPrinter(ctx, format);
    const errors: unknown[] = [...built.errors];
    const results: KObject[] = [];
    const suffix = serverSide && dryRun === 'server' ? ' (server dry run)' : dryRunSuffix(dryRun);
    for (const t of built.targets) {
      if (t.by !== 'file') continue;
      // A new object is created: the server decodes it with field validation as --validate asks.
      if (dryRun !== 'client' && fieldValidation !== 'Ignore' && !ctx.api.find(t.rt, t.namespace, t.object.metadata?.name ?? '')) {
        const unknown = await unknownFields(t.object);
        if (unknown.length && fieldValidation === 'Strict') {
          errors.push(withSource('creating', t.source, strictDecodingError(t.object, unknown)));
          continue;
        }
        for (const field of unknown) ctx.io.err(`Warning: unknown field "${field}"\n`);
      }
      try {
        const applied = applyOne(ctx, t.rt, t.namespace, t.object as AnyObject, t.source, dryRun, serverSide);
        // The server answers in the version the manifest was sent in.
        const obj = fromStorageVersion(t.rt, applied.obj, versionOf(t.object.apiVersion));
        const operation = applied.operation;
        results.push(obj);
        // -o yaml/json print everything together at the end; other formats print as they go.
        if (!printer.printsObjects) printer.print(obj, operation, suffix);
      } catch (e) {
        errors.push(e);
      }
    }
    if (!results.length && !errors.length) throw new Error('no objects passed to apply');
    if (printer.printsObjects && results.length) printer.print(results.length === 1 ? results[0] : listOf(results), '');
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new ErrorList(errors);
  },
};
