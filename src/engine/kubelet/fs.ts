import type { ShellFs } from './shell/host';

/** Files of one container layer or volume, as plain JSON (paths relative to its root, starting with `/`). */
export interface FsState {
  files: Record<string, string>;
  dirs: Record<string, true>;
  /** Symbolic links: path → target as stored (relative targets are relative to the link's directory). */
  links?: Record<string, string>;
}

/** Symlinks followed for one path before giving up (the kernel's ELOOP limit). */
const MAX_LINK_HOPS = 40;

export interface Mount {
  /** Where the volume appears in the container (`/usr/share/nginx/html`). */
  path: string;
  vol: FsState;
  readOnly: boolean;
}

const STANDARD_DIRS = [
  '/',
  '/bin',
  '/dev',
  '/etc',
  '/home',
  '/lib',
  '/mnt',
  '/opt',
  '/proc',
  '/root',
  '/run',
  '/sbin',
  '/srv',
  '/sys',
  '/tmp',
  '/usr',
  '/usr/bin',
  '/usr/local',
  '/usr/local/bin',
  '/usr/share',
  '/var',
  '/var/log',
  '/var/run',
  '/var/tmp',
];

export function emptyFs(files: Record<string, string> = {}): FsState {
  return { files: { ...files }, dirs: {} };
}

function parentOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

/**
 * A container's view of files: its own writable layer plus mounted volumes (emptyDir shared by
 * the pod's containers, read-only ConfigMap/Secret volumes). Mutates the JSON states in place.
 */
export class MemoryFs implements ShellFs {
  private readonly root: FsState;
  constructor(
    root: FsState | Record<string, string>,
    private readonly mounts: Mount[] = [],
  ) {
    this.root = 'files' in root && 'dirs' in root ? (root as FsState) : emptyFs(root as Record<string, string>);
  }

  private locate(path: string): {
    st: FsState;
    rel: string;
    readOnly: boolean;
    mountRoot: boolean;
  } {
    let best: Mount | undefined;
    for (const m of this.mounts) {
      if ((path === m.path || path.startsWith(`${m.path}/`)) && (!best || m.path.length > best.path.length)) best = m;
    }
    if (!best) return { st: this.root, rel: path, readOnly: false, mountRoot: false };
    const rel = path.slice(best.path.length) || '/';
    return {
      st: best.vol,
      rel,
      readOnly: best.readOnly,
      mountRoot: rel === '/',
    };
  }

  /** The link stored at exactly this path (its last component is not followed). */
  readlink(path: string): string | undefined {
    const parent = parentOf(path);
    const name = path.slice(path.lastIndexOf('/') + 1);
    const dir = parent === '/' ? '' : this.resolve(parent);
    const { st, rel } = this.locate(`${dir}/${name}`);
    return st.links?.[rel];
  }

  /** The path with every symlink along it followed (as open(2) does). */
  resolve(path: string): string {
    let parts = path.split('/').filter(Boolean);
    let done = '';
    for (let hops = 0, i = 0; i < parts.length; ) {
      const next = `${done}/${parts[i]}`;
      const { st, rel } = this.locate(next);
      const target = st.links?.[rel];
      if (target === undefined || hops >= MAX_LINK_HOPS) {
        done = next;
        i++;
        continue;
      }
      hops++;
      const rest = parts.slice(i + 1);
      parts = [...(target.startsWith('/') ? [] : done.split('/').filter(Boolean)), ...target.split('/').filter(Boolean), ...rest];
      done = '';
      i = 0;
    }
    return done || '/';
  }

  read(path: string): string | undefined {
    const { st, rel } = this.locate(this.resolve(path));
    return st.files[rel];
  }

  stat(path: string): 'file' | 'dir' | undefined {
    const { st, rel, mountRoot } = this.locate(this.resolve(path));
    if (st.files[rel] !== undefined) return 'file';
    if (mountRoot || st.dirs[rel] || (st === this.root && STANDARD_DIRS.includes(rel))) return 'dir';
    const prefix = rel === '/' ? '/' : `${rel}/`;
    for (const f of Object.keys(st.files)) if (f.startsWith(prefix)) return 'dir';
    for (const d of Object.keys(st.dirs)) if (d.startsWith(prefix)) return 'dir';
    if (st === this.root) {
      for (const m of this.mounts) if (m.path.startsWith(prefix) || m.path === rel) return 'dir';
      for (const d of STANDARD_DIRS) if (d.startsWith(prefix)) return 'dir';
    }
    return undefined;
  }

  write(path: string, content: string, append: boolean): 'ENOENT' | 'EROFS' | 'EISDIR' | undefined {
    if (this.stat(path) === 'dir') return 'EISDIR';
    if (this.stat(parentOf(path)) !== 'dir') return 'ENOENT';
    const { st, rel, readOnly } = this.locate(path);
    if (readOnly) return 'EROFS';
    st.files[rel] = append ? (st.files[rel] ?? '') + content : content;
    return undefined;
  }

  remove(path: string, recursive: boolean): 'ENOENT' | 'EROFS' | 'EISDIR' | undefined {
    const kind = this.stat(path);
    if (!kind) return 'ENOENT';
    const { st, rel, readOnly } = this.locate(path);
    if (readOnly) return 'EROFS';
    if (kind === 'dir') {
      if (!recursive) return 'EISDIR';
      const prefix = `${rel}/`;
      for (const f of Object.keys(st.files)) if (f.startsWith(prefix)) delete st.files[f];
      for (const d of Object.keys(st.dirs)) if (d === rel || d.startsWith(prefix)) delete st.dirs[d];
      return undefined;
    }
    delete st.files[rel];
    return undefined;
  }

  mkdir(path: string, parents: boolean): 'ENOENT' | 'EEXIST' | 'EROFS' | undefined {
    const kind = this.stat(path);
    if (kind) return parents && kind === 'dir' ? undefined : 'EEXIST';
    const parent = parentOf(path);
    if (this.stat(parent) !== 'dir') {
      if (!parents) return 'ENOENT';
      const e = this.mkdir(parent, true);
      if (e) return e;
    }
    const { st, rel, readOnly } = this.locate(path);
    if (readOnly) return 'EROFS';
    st.dirs[rel] = true;
    return undefined;
  }

  list(dirPath: string): string[] {
    const path = this.resolve(dirPath);
    const names = new Set<string>();
    const add = (full: string) => {
      const prefix = path === '/' ? '/' : `${path}/`;
      if (!full.startsWith(prefix) || full === path) return;
      const rest = full.slice(prefix.length);
      const name = rest.split('/')[0];
      if (name) names.add(name);
    };
    const { st, rel } = this.locate(path);
    const base = path.slice(0, path.length - (rel === '/' ? 0 : rel.length));
    const mountPrefix = rel === '/' ? path.replace(/\/$/, '') : base;
    for (const f of Object.keys(st.files)) add(st === this.root ? f : `${mountPrefix}${f}`);
    for (const d of Object.keys(st.dirs)) add(st === this.root ? d : `${mountPrefix}${d}`);
    for (const l of Object.keys(st.links ?? {})) add(st === this.root ? l : `${mountPrefix}${l}`);
    if (st === this.root) {
      for (const m of this.mounts) add(m.path);
      for (const d of STANDARD_DIRS) add(d);
    }
    return [...names].sort();
  }
}
