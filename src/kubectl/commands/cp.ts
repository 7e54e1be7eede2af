import type { Pod } from 'kubernetes-types/core/v1';
import type { Stored } from '../../engine/api/types';
import type { Command, Ctx } from '../command';
import { CmdError, fatal } from '../errors';
import { help } from '../help/cp';
import { defaultContainer, type KubeletApi, kubeletOf } from './pods';

/** `[namespace/]pod:path` or a local path (kubectl's extractFileSpec). */
type FileSpec = { remote: true; namespace?: string; pod: string; path: string } | { remote: false; path: string };

function fileSpec(arg: string): FileSpec {
  const i = arg.indexOf(':');
  if (i < 0) {
    if (!arg) throw fatal('filepath can not be empty');
    return { remote: false, path: arg };
  }
  const target = arg.slice(0, i);
  const path = arg.slice(i + 1);
  if (!path) throw fatal('filepath can not be empty');
  const slash = target.indexOf('/');
  if (slash < 0) return { remote: true, pod: target, path };
  return { remote: true, namespace: target.slice(0, slash), pod: target.slice(slash + 1), path };
}

const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
const baseName = (p: string) => p.replace(/\/+$/, '').slice(p.replace(/\/+$/, '').lastIndexOf('/') + 1);
const joinPath = (dir: string, name: string) => (dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`);

/** The container kubectl execs tar in. */
interface Target {
  kubelet: KubeletApi;
  namespace: string;
  pod: string;
  container: string;
}

function target(ctx: Ctx, spec: Extract<FileSpec, { remote: true }>): Target {
  const namespace = spec.namespace ?? ctx.namespace;
  const pod = ctx.api.get(ctx.api.resource('pods'), namespace, spec.pod) as Stored<Pod>;
  // kubectl cp runs tar through exec, so it needs the exec permission.
  ctx.api.authorizeConnect('create', 'pods', namespace, spec.pod, 'exec');
  const container = defaultContainer(ctx, pod, ctx.flags.string('container'));
  return { kubelet: kubeletOf(ctx), namespace, pod: spec.pod, container };
}

function exec(t: Target, argv: string[], stdin = ''): { stdout: string; stderr: string; exitCode: number } {
  return t.kubelet.exec(t.namespace, t.pod, t.container, argv, stdin);
}

/**
 * kubectl cp runs `tar` in the container: an image without it (distroless) fails as the exec
 * does. Images with a userland have tar; the container's file model stands in for its work.
 */
function requireTar(t: Target): void {
  const probe = exec(t, ['tar', '--version']);
  if (probe.exitCode === 126) throw new CmdError(probe.stderr.trimEnd(), 1);
}

/** GNU tar (Debian-based images) and BusyBox tar word the leading-slash notice differently. */
function leadingSlashNotice(t: Target): string {
  const dash = /^sh: 1: /.test(exec(t, ['sh', '-c', 'no-such-command-here']).stderr);
  return dash ? "tar: Removing leading `/' from member names\n" : "tar: removing leading '/' from member names\n";
}

/** Every file under a folder in the container, as paths relative to it. */
function remoteTree(t: Target, dir: string, prefix = ''): { files: string[]; dirs: string[] } {
  const out = { files: [] as string[], dirs: [] as string[] };
  const listing = exec(t, ['ls', '-a', dir]);
  for (const name of listing.stdout.split('\n').filter((n) => n && n !== '.' && n !== '..')) {
    const full = joinPath(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    if (exec(t, ['sh', '-c', `test -d ${quote(full)}`]).exitCode === 0) {
      out.dirs.push(rel);
      const sub = remoteTree(t, full, rel);
      out.files.push(...sub.files);
      out.dirs.push(...sub.dirs);
    } else out.files.push(rel);
  }
  return out;
}

function copyFromPod(ctx: Ctx, src: Extract<FileSpec, { remote: true }>, dest: string): void {
  const t = target(ctx, src);
  requireTar(t);
  const write = ctx.env.writeFile;
  if (!write) throw fatal('kubectl cannot write local files here');
  const path = src.path;
  if (path.startsWith('/')) ctx.io.err(leadingSlashNotice(t));
  const isDir = exec(t, ['sh', '-c', `test -d ${quote(path)}`]).exitCode === 0;
  if (!isDir) {
    const read = exec(t, ['cat', path]);
    if (read.exitCode !== 0) {
      ctx.io.err(`tar: ${path}: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\n`);
      throw new CmdError('command terminated with exit code 2', 1);
    }
    // tar writes the one member at the destination itself: an existing folder there is an error.
    if (ctx.env.listDir?.(dest)) throw fatal(`open ${dest}: is a directory`);
    const error = write(dest, read.stdout);
    if (error) throw fatal(`open ${dest}: ${error.toLowerCase()}`);
    return;
  }
  const tree = remoteTree(t, path);
  for (const rel of tree.files) {
    const read = exec(t, ['cat', joinPath(path, rel)]);
    const error = write(joinPath(dest, rel), read.stdout);
    if (error) throw fatal(`open ${joinPath(dest, rel)}: ${error.toLowerCase()}`);
  }
}

/** Local files under `path` (itself when it is a file), relative to it. */
function localTree(ctx: Ctx, path: string, prefix = ''): string[] {
  const names = ctx.env.listDir?.(path);
  if (!names) return [prefix];
  return names.flatMap((n) => localTree(ctx, joinPath(path, n), prefix ? `${prefix}/${n}` : n));
}

function copyToPod(ctx: Ctx, src: string, dest: Extract<FileSpec, { remote: true }>): void {
  const isDir = !!ctx.env.listDir?.(src);
  const text = isDir ? '' : ctx.env.readFile?.(src);
  if (!isDir && text === undefined) throw fatal(`${src} doesn't exist in local filesystem`);
  const t = target(ctx, dest);
  requireTar(t);
  // `tar -xmf - -C DIR` in the container: the files land under the destination.
  const destIsDir = exec(t, ['sh', '-c', `test -d ${quote(dest.path)}`]).exitCode === 0;
  const root = destIsDir && !isDir ? joinPath(dest.path, baseName(src)) : dest.path;
  for (const rel of localTree(ctx, src)) {
    const to = rel ? joinPath(root, rel) : root;
    const from = rel ? joinPath(src, rel) : src;
    const parent = to.slice(0, to.lastIndexOf('/')) || '/';
    if (rel) exec(t, ['mkdir', '-p', parent]);
    const r = exec(t, ['tee', to], ctx.env.readFile?.(from) ?? '');
    if (r.exitCode !== 0) {
      ctx.io.err(
        `tar: ${to.replace(/^\/+/, '')}: Cannot open: ${/Read-only/i.test(r.stderr) ? 'Read-only file system' : 'No such file or directory'}\ntar: Exiting with failure status due to previous errors\n`,
      );
      throw new CmdError('command terminated with exit code 2', 1);
    }
  }
}

export const cpCommand: Command = {
  name: 'cp',
  help,
  run(ctx) {
    if (ctx.args.length !== 2) throw fatal('source and destination are required');
    const src = fileSpec(ctx.args[0]);
    const dest = fileSpec(ctx.args[1]);
    if (!src.remote && !dest.remote) throw fatal('one of src or dest must be a remote file specification');
    if (src.remote && dest.remote) throw fatal('one of src or dest must be a local file specification');
    if (src.remote && !dest.remote) copyFromPod(ctx, src, dest.path);
    else if (!src.remote && dest.remote) copyToPod(ctx, src.path, dest);
  },
};
