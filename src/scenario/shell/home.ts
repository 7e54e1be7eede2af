import type { LocalFiles } from './shell';

/** Where the learner's shell starts, as on a typical laptop. */
export const HOME = '/home/learner';

/** `a/./b/../c` → `a/c`, absolute from the home folder (`~` and relative paths start there). */
export function normalizePath(path: string): string {
  let p = path;
  if (p === '~' || p.startsWith('~/')) p = HOME + p.slice(1);
  if (!p.startsWith('/')) p = `${HOME}/${p}`;
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return `/${parts.join('/')}`;
}

/**
 * The learner's own machine in the browser: a folder of text files that `>` redirections,
 * `kubectl cp` and `kubectl apply -f` share. Plain JSON, so it can be saved with the sandbox.
 */
export class HomeFolder implements LocalFiles {
  constructor(readonly files: Record<string, string> = {}) {}

  read(path: string): string | undefined {
    const p = normalizePath(path);
    return Object.hasOwn(this.files, p) ? this.files[p] : undefined;
  }

  write(path: string, text: string): string | undefined {
    const p = normalizePath(path);
    if (this.list(p)) return 'Is a directory';
    const parent = p.slice(0, p.lastIndexOf('/')) || '/';
    if (!this.list(parent)) return 'No such file or directory';
    this.files[p] = text;
    return undefined;
  }

  /** A folder exists when it is the home folder, above it, or holds a file. */
  list(path: string): string[] | undefined {
    const p = normalizePath(path);
    const prefix = p === '/' ? '/' : `${p}/`;
    const names = new Set<string>();
    for (const f of Object.keys(this.files)) {
      if (f.startsWith(prefix)) names.add(f.slice(prefix.length).split('/')[0]);
    }
    if (!names.size && !(`${HOME}/`.startsWith(prefix) || p === HOME) && !this.dirs.has(p)) return undefined;
    if (`${HOME}/`.startsWith(prefix) && p !== HOME) names.add(HOME.slice(prefix.length).split('/')[0]);
    for (const d of this.dirs) if (d.startsWith(prefix)) names.add(d.slice(prefix.length).split('/')[0]);
    return [...names].sort();
  }

  /** Folders made empty (`mkdir`, or `kubectl cp` of an empty folder). */
  private readonly dirs = new Set<string>();

  mkdir(path: string): void {
    this.dirs.add(normalizePath(path));
  }
}
