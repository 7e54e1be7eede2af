import { parse as parseYaml } from 'yaml';
import { type Lesson, LessonFormatError } from './types';
import { validateLesson } from './validate';

/** Bigger than any honest lesson; a file past this is refused before it is parsed. */
export const MAX_LESSON_BYTES = 256 * 1024;
export const MAX_PACK_BYTES = 4 * 1024 * 1024;
export const MAX_PACK_LESSONS = 100;

export const PACK_FORMAT = 'kube-sandbox/lesson-pack';

/** A bundle of lessons in one JSON or YAML file: what a teacher shares by file or URL. */
export interface LessonPack {
  format: typeof PACK_FORMAT;
  version: 1;
  lessons: unknown[];
}

export interface LoadResult {
  lessons: Lesson[];
  /** Lessons that failed validation: never run, only reported. */
  errors: LessonFormatError[];
}

function readYaml(text: string, source: string, limit: number): unknown {
  if (text.length > limit) throw new LessonFormatError(source, [`file is ${text.length} bytes; the limit is ${limit}`]);
  try {
    // Few aliases and no custom tags: a document cannot expand into something huge or run anything.
    return parseYaml(text, { maxAliasCount: 50, schema: 'core', uniqueKeys: true, logLevel: 'error' });
  } catch (e) {
    throw new LessonFormatError(source, [`YAML: ${(e as Error).message.split('\n')[0]}`]);
  }
}

/** One lesson.yaml's text; `expectedId` is its folder's name, which the id must match. */
export function parseLesson(text: string, source: string, expectedId?: string): Lesson {
  return validateLesson(readYaml(text, source, MAX_LESSON_BYTES), source, expectedId);
}

/** Lessons from files by path (`<id>/lesson.yaml`, other files ignored): a folder on disk or bundled in the app. */
export function loadLessonFiles(files: Record<string, string>, base = ''): LoadResult {
  const result: LoadResult = { lessons: [], errors: [] };
  for (const path of Object.keys(files).sort()) {
    const m = /(?:^|\/)([^/]+)\/lesson\.ya?ml$/.exec(path);
    if (!m) continue;
    try {
      result.lessons.push(parseLesson(files[path], `${base}${path}`, m[1]));
    } catch (e) {
      if (!(e instanceof LessonFormatError)) throw e;
      result.errors.push(e);
    }
  }
  return result;
}

/** A pack's text (JSON or YAML, from a file or a URL): every lesson in it validated on its own. */
export function loadPack(text: string, source: string): LoadResult {
  const doc = readYaml(text, source, MAX_PACK_BYTES) as Partial<LessonPack> | null;
  if (typeof doc !== 'object' || doc === null || doc.format !== PACK_FORMAT || doc.version !== 1) {
    throw new LessonFormatError(source, [`not a lesson pack (format: ${PACK_FORMAT}, version: 1)`]);
  }
  if (!Array.isArray(doc.lessons) || doc.lessons.length === 0) throw new LessonFormatError(source, ['lessons: must be a non-empty list']);
  if (doc.lessons.length > MAX_PACK_LESSONS) throw new LessonFormatError(source, [`lessons: ${doc.lessons.length} lessons; the limit is ${MAX_PACK_LESSONS}`]);
  const result: LoadResult = { lessons: [], errors: [] };
  const ids = new Set<string>();
  doc.lessons.forEach((raw, i) => {
    const id = (raw as { id?: unknown } | null)?.id;
    const where = `${source} lessons.${i}${typeof id === 'string' ? ` (${id.slice(0, 64)})` : ''}`;
    try {
      const lesson = validateLesson(raw, where);
      if (ids.has(lesson.id)) throw new LessonFormatError(where, [`id: "${lesson.id}" appears twice in the pack`]);
      ids.add(lesson.id);
      result.lessons.push(lesson);
    } catch (e) {
      if (!(e instanceof LessonFormatError)) throw e;
      result.errors.push(e);
    }
  });
  return result;
}

/** Build a pack from lessons' source documents (for a teacher exporting a folder of lessons). */
export function makePack(docs: unknown[]): LessonPack {
  return { format: PACK_FORMAT, version: 1, lessons: docs };
}
