import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { FileSource } from '../scenario/session';

/**
 * kubectl -f paths read from the disk, relative to `base`. `writable`: `kubectl cp` writes
 * there too (the one-off CLI command; scenarios keep their writes in memory).
 */
export function diskFiles(base: string, writable = false): FileSource {
  const files: FileSource = {
    resolve: (p) => resolve(base, p),
    readFile: (p) => (existsSync(p) && statSync(p).isFile() ? readFileSync(p, 'utf8') : undefined),
    listDir: (p) => (existsSync(p) && statSync(p).isDirectory() ? readdirSync(p).sort() : undefined),
  };
  if (writable) {
    files.writeFile = (p, text) => {
      try {
        mkdirSync(dirname(p), { recursive: true });
        writeFileSync(p, text);
        return undefined;
      } catch (e) {
        return (e as { code?: string }).code === 'EACCES' ? 'permission denied' : (e as Error).message;
      }
    };
  }
  return files;
}

/** Scenario arguments: files as given, folders expanded to their *.yaml / *.yml files in name order. */
export function expandScenarioArgs(args: string[]): string[] {
  const out: string[] = [];
  for (const a of args) {
    if (existsSync(a) && statSync(a).isDirectory()) {
      for (const f of readdirSync(a).sort()) if (/\.ya?ml$/.test(f)) out.push(`${a.replace(/\/$/, '')}/${f}`);
    } else out.push(a);
  }
  return out;
}
