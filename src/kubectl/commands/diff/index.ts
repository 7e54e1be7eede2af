import type { AnyObject, KObject } from '../../../engine/api/types';
import { fromStorageVersion, versionOf } from '../../../engine/apiserver/conversion';
import type { ResourceType } from '../../../engine/apiserver/registry';
import type { Command, Ctx } from '../../command';
import { CmdError, errorOutput, usageError } from '../../errors';
import { help } from '../../help/diff';
import { printYaml } from '../../printers/yaml';
import { buildTargets } from '../../resource/builder';
import { applyOne } from '../apply';
import { sha256Hex } from '../create/hash';
import { unifiedHunks } from './unified';

/** `apps.v1.Deployment.default.web`: the file each version of an object is written to. */
function fileName(rt: ResourceType, namespace: string, name: string): string {
  return `${rt.group ? `${rt.group}.` : ''}${rt.version}.${rt.kind}.${namespace}.${name}`;
}

function withoutManagedFields(obj: KObject | undefined): KObject | undefined {
  if (!obj?.metadata?.managedFields) return obj;
  const copy = structuredClone(obj) as AnyObject;
  delete (copy.metadata as Record<string, unknown>).managedFields;
  return copy;
}

/** Secret values never reach the diff: `***`, or `*** (before)`/`*** (after)` where they changed. */
function maskSecrets(from: AnyObject | undefined, to: AnyObject | undefined): void {
  const a = from?.data as Record<string, string> | undefined;
  const b = to?.data as Record<string, string> | undefined;
  for (const k of Object.keys(a ?? {})) {
    if (a && b && k in b) {
      if (a[k] !== b[k]) {
        a[k] = '*** (before)';
        b[k] = '*** (after)';
        continue;
      }
      b[k] = '***';
    }
    if (a) a[k] = '***';
  }
  for (const k of Object.keys(b ?? {})) if (b && !(a && k in a)) b[k] = '***';
}

/** A temporary directory name as Go's os.MkdirTemp makes one (`LIVE-1234567890`). */
function tempDir(prefix: string, seed: string): string {
  return `/tmp/${prefix}-${Number.parseInt(sha256Hex(new TextEncoder().encode(seed)).slice(0, 8), 16)}`;
}

/** A file time as diff prints it, from the simulated clock. */
function fileTime(ms: number, salt: number): string {
  const d = new Date(ms);
  const nanos = String((ms % 1000) * 1_000_000 + ((salt * 7919) % 1_000_000)).padStart(9, '0');
  return `${d.toISOString().slice(0, 19).replace('T', ' ')}.${nanos} +0000`;
}

function run(ctx: Ctx): void {
  const f = ctx.flags;
  if (ctx.args.length) throw usageError(ctx.path, `Unexpected args: [${ctx.args.join(' ')}]`);
  if (!f.strings('filename').length && !f.string('kustomize')) throw new Error('must specify one of -f and -k');
  const serverSide = f.bool('server-side');
  if (f.bool('force-conflicts') && !serverSide) throw new Error('--force-conflicts only works with --server-side');
  if (f.string('kustomize')) throw new Error('"kubectl diff -k" is not available in this sandbox');
  const built = buildTargets(ctx, [], {
    namespace: ctx.namespace,
    explicitNamespace: ctx.explicitNamespace,
    filenames: f.strings('filename'),
    recursive: f.bool('recursive'),
    labelSelector: f.string('selector') || undefined,
  });
  if (built.errors.length) throw built.errors[0];
  const now = ctx.now();
  const live = tempDir('LIVE', `live/${now}`);
  const merged = tempDir('MERGED', `merged/${now}`);
  const files: { name: string; from: string; to: string }[] = [];
  for (const t of built.targets) {
    if (t.by !== 'file') continue;
    // Both sides in the file's version (an autoscaling/v1 HPA is read and merged as v1).
    const version = versionOf(t.object.apiVersion);
    const stored = ctx.api.find(t.rt, t.namespace, t.name);
    const current = withoutManagedFields(stored && fromStorageVersion(t.rt, stored, version)) as AnyObject | undefined;
    const { obj } = applyOne(ctx, t.rt, t.namespace, t.object as AnyObject, t.source, 'server', serverSide, true);
    const result = structuredClone(withoutManagedFields(fromStorageVersion(t.rt, obj, version))) as AnyObject;
    const before = current ? structuredClone(current) : undefined;
    if (t.rt.kind === 'Secret' && t.rt.group === '') maskSecrets(before, result);
    if (current?.metadata?.deletionTimestamp) {
      ctx.io.err(`Warning: Detected changes to resource ${t.name} which is currently being deleted.\n`);
    }
    files.push({ name: fileName({ ...t.rt, version: version || t.rt.version }, t.namespace, t.name), from: before ? printYaml(before) : '', to: printYaml(result) });
  }
  // diff walks the two directories in name order and reports each file that differs.
  files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let differs = false;
  files.forEach(({ name, from, to }, i) => {
    const hunks = unifiedHunks(from, to);
    if (!hunks) return;
    differs = true;
    ctx.io.out(`diff -u -N ${live}/${name} ${merged}/${name}\n`);
    ctx.io.out(`--- ${live}/${name}\t${fileTime(now, 2 * i)}\n`);
    ctx.io.out(`+++ ${merged}/${name}\t${fileTime(now, 2 * i + 1)}\n`);
    ctx.io.out(hunks);
  });
  // diff's exit status 1 (differences found) becomes kubectl's, without a message.
  if (differs) throw new CmdError('', 1);
}

export const diffCommand: Command = {
  name: 'diff',
  help,
  run(ctx) {
    try {
      run(ctx);
    } catch (e) {
      if (e instanceof CmdError && e.text === '' && e.exitCode === 1) throw e;
      // kubectl diff keeps exit status 1 for "differences found": its errors exit with 2.
      const { text, exitCode } = errorOutput(e);
      throw new CmdError(text, exitCode + 1);
    }
  },
};
