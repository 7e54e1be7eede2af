import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { LoadResult } from './loader';
import { loadLessonFiles, loadPack } from './loader';

/**
 * Lessons on disk, for the CLI: a lesson folder (holding lesson.yaml), a folder of lesson folders,
 * or a pack file (.json/.yaml).
 */
export function loadFromDisk(path: string): LoadResult {
  if (existsSync(path) && statSync(path).isDirectory()) {
    const own = ['lesson.yaml', 'lesson.yml'].find((f) => existsSync(join(path, f)));
    if (own) {
      const parent = dirname(path.replace(/\/$/, ''));
      return loadLessonFiles({ [`${basename(path)}/${own}`]: readFileSync(join(path, own), 'utf8') }, parent === '.' ? '' : `${parent}/`);
    }
    const files: Record<string, string> = {};
    for (const d of readdirSync(path).sort()) {
      for (const f of ['lesson.yaml', 'lesson.yml']) {
        const p = join(path, d, f);
        if (existsSync(p)) files[`${d}/${f}`] = readFileSync(p, 'utf8');
      }
    }
    return loadLessonFiles(files, `${path.replace(/\/$/, '')}/`);
  }
  return loadPack(readFileSync(path, 'utf8'), path);
}
