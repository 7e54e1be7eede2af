import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FileSource } from '../scenario/session';

/** kubectl -f paths read from the disk, relative to `base`. */
export function diskFiles(base: string): FileSource {
  return {
    resolve: (p) => resolve(base, p),
    readFile: (p) => (existsSync(p) && statSync(p).isFile() ? readFileSync(p, 'utf8') : undefined),
    listDir: (p) => (existsSync(p) && statSync(p).isDirectory() ? readdirSync(p).sort() : undefined),
  };
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
