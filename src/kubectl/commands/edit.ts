import type { AnyObject, KObject, Stored } from '../../engine/api/types';
import { PatchError } from '../../engine/apiserver/patch/errors';
import { createMergePatch, createTwoWayMergePatch, requireKeyUnchanged, requireMetadataKeyUnchanged, schemaFor } from '../../engine/apiserver/patch';
import { apiVersionOf, type ResourceType } from '../../engine/apiserver/registry';
import { StatusError } from '../../engine/api/status';
import { writeOptions } from '../cmdutil';
import type { Command } from '../command';
import { CmdError, fatal } from '../errors';
import { help } from '../help/edit';
import { decodeJsonStream } from '../manifest/gojson';
import { yamlDocuments } from '../manifest/read';
import { yamlToJson } from '../manifest/goyaml';
import { parseFormat } from '../output/format';
import { ObjectPrinter } from '../output/print';
import { goJson, printJson } from '../printers/json';
import { printYaml } from '../printers/yaml';
import { buildTargets, throwIfAny, visitTargets } from '../resource/builder';

/** kubectl's editHeader for the normal edit mode. */
const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

/** Why the file is reopened: a head line and its details (editReason). */
interface Reason {
  head: string;
  other: string[];
}

const hashOnLineBreak = (s: string) => s.replace(/\n/g, '\n# ');

function header(reasons: Reason[]): string {
  let h = HEADER;
  for (const r of reasons) {
    h += `# ${hashOnLineBreak(r.head)}${r.other.length ? ':' : ''}\n`;
    for (const o of r.other) h += `# * ${hashOnLineBreak(o)}\n`;
    h += '#\n';
  }
  return h;
}

/** cmdutil.StripComments: drop every line starting with `#`. */
function stripComments(text: string): string {
  return text
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .join('\n');
}

/** cmdutil.ManualStrip: the leading comment lines only (the header kubectl wrote). */
function manualStrip(text: string): string {
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length && lines[i].startsWith('#')) i++;
  return lines.slice(i).join('\n');
}

/** The objects the edited text holds: one object, a List of them, or several YAML documents. */
function parseEdited(text: string, json: boolean): AnyObject[] {
  let values: unknown[];
  if (json) {
    const r = decodeJsonStream(text);
    if (r.error) throw r.error;
    values = r.values;
  } else values = yamlDocuments(text).map((d) => yamlToJson(d));
  const out: AnyObject[] = [];
  for (const v of values) {
    if (v === null || v === undefined) continue;
    if (typeof v !== 'object' || Array.isArray(v))
      throw new Error('error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}');
    const o = v as AnyObject;
    if (!o.kind) throw new Error(`Object 'Kind' is missing in '${JSON.stringify(o)}'`);
    if (o.kind === 'List' && Array.isArray((o as { items?: unknown }).items)) out.push(...((o as { items: AnyObject[] }).items ?? []));
    else out.push(o);
  }
  return out;
}

/** What kubectl shows for editing: managed fields left out unless asked for. */
function forEditing(obj: Stored, showManaged: boolean): AnyObject {
  const copy = structuredClone(obj) as AnyObject;
  if (!showManaged && copy.metadata) delete (copy.metadata as { managedFields?: unknown }).managedFields;
  return copy;
}

function render(objs: AnyObject[], json: boolean): string {
  const doc: AnyObject =
    objs.length === 1
      ? objs[0]
      : ({
          apiVersion: 'v1',
          items: objs,
          kind: 'List',
          metadata: { resourceVersion: '' },
        } as unknown as AnyObject);
  return json ? printJson(doc as KObject) : printYaml(doc as KObject);
}

/** `deployments.apps` as kubectl names a resource in its edit messages. */
const resourceString = (rt: ResourceType) => (rt.group ? `${rt.plural}.${rt.group}` : rt.plural);

const EDIT_PRECONDITIONS = [
  requireKeyUnchanged('apiVersion'),
  requireKeyUnchanged('kind'),
  requireMetadataKeyUnchanged('name'),
  requireKeyUnchanged('managedFields'),
];

export const editCommand: Command = {
  name: 'edit',
  help,
  async run(ctx) {
    const f = ctx.flags;
    if (f.string('kustomize')) throw fatal('kustomize is not available in this sandbox');
    const output = f.string('output');
    const json = output === 'json';
    const fileName = `/tmp/kubectl-edit-${String(2_000_000_000 + (ctx.now() % 1_000_000_000)).slice(0, 10)}.${json ? 'json' : 'yaml'}`;
    const built = buildTargets(ctx, ctx.args, {
      namespace: ctx.namespace,
      explicitNamespace: ctx.explicitNamespace,
      filenames: f.strings('filename'),
      recursive: f.bool('recursive'),
      allowEmptySelector: true,
    });
    const visited = visitTargets(ctx, built);
    throwIfAny(visited.errors);
    let originals = visited.visited.flatMap((v) => v.objects.map((obj) => ({ obj, rt: v.target.rt })));
    if (!originals.length) throw fatal('edit cancelled, no objects found');
    const openEditor = ctx.env.openEditor;
    if (!openEditor) throw fatal('unable to launch the editor "vi"');
    const printer = new ObjectPrinter(ctx, parseFormat(ctx));
    const showManaged = f.bool('show-managed-fields');
    let reasons: Reason[] = [];
    let containsError = false;
    let edited = '';
    for (;;) {
      const original = render(
        originals.map((o) => forEditing(o.obj, showManaged)),
        json,
      );
      const buffer = header(reasons) + (containsError ? manualStrip(edited) : original);
      const previous = edited;
      const saved = await openEditor(buffer, fileName);
      edited = saved ?? buffer;
      if (containsError && stripComments(previous) === stripComments(edited)) {
        ctx.io.err(`A copy of your changes has been stored to "${fileName}"\n`);
        throw fatal('Edit cancelled, no valid changes were saved.');
      }
      if (stripComments(original) === stripComments(edited)) {
        ctx.io.err('Edit cancelled, no changes made.\n');
        return;
      }
      if (!stripComments(edited).trim()) {
        ctx.io.err('Edit cancelled, saved file was empty.\n');
        return;
      }
      reasons = [];
      let updated: AnyObject[];
      try {
        updated = parseEdited(stripComments(edited), json);
      } catch (e) {
        containsError = true;
        reasons.push({
          head: `The edited file had a syntax error: ${(e as Error).message}`,
          other: [],
        });
        continue;
      }
      containsError = false;
      const again: typeof originals = [];
      let retryable = 0;
      let notFound = 0;
      for (const obj of updated) {
        const uid = obj.metadata?.uid;
        const orig = originals.find((o) => o.obj.metadata.uid === uid);
        if (!orig) {
          ctx.io.err(`A copy of your changes has been stored to "${fileName}"\n`);
          throw fatal(`no original object found for ${obj.kind ?? 'object'} "${obj.metadata?.name ?? ''}"`);
        }
        const ns = orig.obj.metadata.namespace;
        if (ctx.explicitNamespace && ns && obj.metadata?.namespace && obj.metadata.namespace !== ctx.namespace) {
          ctx.io.err(`A copy of your changes has been stored to "${fileName}"\n`);
          throw fatal(
            `the namespace from the provided object "${obj.metadata.namespace}" does not match the namespace "${ctx.namespace}". You must pass '--namespace=${obj.metadata.namespace}' to perform this operation.`,
          );
        }
        const rt = orig.rt;
        const before = forEditing(orig.obj, showManaged);
        if (JSON.stringify(before) === JSON.stringify(obj)) {
          printer.print(orig.obj, 'skipped');
          continue;
        }
        const schema = schemaFor(apiVersionOf(rt), rt.kind);
        let patch: unknown;
        try {
          patch = schema
            ? createTwoWayMergePatch(before, obj, schema, {
                preconditions: EDIT_PRECONDITIONS,
              })
            : createMergePatch(before, obj);
        } catch (e) {
          ctx.io.err(`A copy of your changes has been stored to "${fileName}"\n`);
          if (e instanceof PatchError && /precondition failed/.test(e.message)) throw fatal('At least one of apiVersion, kind and name was changed');
          throw e;
        }
        if (f.bool('output-patch')) ctx.io.out(`Patch: ${goJson(patch)}\n`);
        try {
          const result = ctx.api.patch(rt, ns ?? '', orig.obj.metadata.name, schema ? 'strategic' : 'merge', patch, {
            ...writeOptions(ctx),
            fieldManager: f.string('field-manager') || 'kubectl-edit',
          });
          printer.print(result, 'edited');
        } catch (e) {
          const name = orig.obj.metadata.name;
          if (e instanceof StatusError && e.reason === 'Invalid') {
            again.push(orig);
            const causes = e.status.details?.causes ?? [];
            reasons.push({
              head: `${resourceString(rt)} "${name}" was not valid`,
              other: causes.map((c) => `${c.field ?? ''}: ${c.message ?? ''}`),
            });
            ctx.io.err(`error: ${resourceString(rt)} "${name}" is invalid\n`);
          } else if (e instanceof StatusError && e.reason === 'NotFound') {
            notFound++;
            ctx.io.err(`error: ${resourceString(rt)} "${name}" could not be found on the server\n`);
          } else {
            retryable++;
            const message = e instanceof StatusError ? e.message : (e as Error).message;
            ctx.io.err(`error: ${resourceString(rt)} "${name}" could not be patched: ${message}\n`);
          }
        }
      }
      if (retryable) {
        ctx.io.err(`You can run \`kubectl replace -f ${fileName}\` to try this update again.\n`);
        throw new CmdError('', 1);
      }
      if (notFound) {
        ctx.io.err(`The edits you made on deleted resources have been saved to "${fileName}"\n`);
        throw new CmdError('', 1);
      }
      if (!again.length) return;
      // Only the objects the server refused are edited again, with the reasons on top.
      originals = again;
      containsError = true;
    }
  },
};

/** For tests: what the editor is first given for one object. */
export function editBuffer(obj: Stored, json = false): string {
  return HEADER + render([forEditing(obj, false)], json);
}
