import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFromDisk } from './disk';
import { loadPack, parseLesson } from './loader';
import { selfCheck } from './selfcheck';
import { LANGS, type Localized } from './types';

const ROOT = join(__dirname, '../../lessons');
const folders = readdirSync(ROOT).filter((f) => statSync(join(ROOT, f)).isDirectory());
const { lessons, errors } = loadFromDisk(ROOT);

/** Every text of a lesson a learner reads, with where it is. */
function texts(l: (typeof lessons)[number]): [string, Localized][] {
  const out: [string, Localized][] = [
    ['title', l.title],
    ['intro', l.intro],
  ];
  if (l.outro) out.push(['outro', l.outro]);
  for (const t of l.tasks) {
    out.push([`${t.id}.title`, t.title], [`${t.id}.prose`, t.prose], [`${t.id}.explanation`, t.explanation]);
    for (const [i, h] of t.hints.entries()) out.push([`${t.id}.hints.${i}`, h]);
  }
  for (const [i, e] of l.events.entries()) if (e.note) out.push([`events.${i}.note`, e.note]);
  return out;
}

describe('the lessons in lessons/', () => {
  it('are all valid against the schema and the step language', () => {
    expect(errors.map((e) => e.message)).toEqual([]);
    expect(lessons.map((l) => l.id).sort()).toEqual(folders.sort());
  });

  it.each(lessons.map((l) => [l.id, l]))('%s is complete in English and Japanese', (_id, l) => {
    for (const [where, text] of texts(l)) {
      for (const lang of LANGS) expect(text[lang]?.trim(), `${where}.${lang}`).toBeTruthy();
      // Japanese prose written as Japanese, not an English copy.
      if (!/hints|title/.test(where)) expect(/[\u3040-\u30ff\u4e00-\u9fff]/.test(text.ja), `${where}.ja has no Japanese`).toBe(true);
    }
  });

  it('name only prerequisites that exist', () => {
    const ids = new Set(lessons.map((l) => l.id));
    for (const l of lessons) for (const p of l.prerequisites) expect(ids.has(p), `${l.id} needs ${p}`).toBe(true);
  });
});

describe('the authoring guide (lessons/README.md)', () => {
  const guide = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const yamlBlocks = [...guide.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
  const example = yamlBlocks.find((b) => b.startsWith('id: first-label')) as string;

  it('has a complete example lesson that passes lesson check', async () => {
    const lesson = parseLesson(example, 'README.md', 'first-label');
    const report = await selfCheck(lesson);
    expect(report.problem).toBeUndefined();
    expect(report.passed).toBe(true);
  });

  it('shows events and a pack in the format the loader accepts', () => {
    const events = yamlBlocks.find((b) => b.startsWith('events:')) as string;
    expect(() => parseLesson(`${example}\n${events}`, 'README.md')).not.toThrow();
    const pack = yamlBlocks.find((b) => b.startsWith('format: kube-sandbox/lesson-pack')) as string;
    const body = example.replace(/^/gm, '    ').replace(/^ {4}id:/, '  - id:');
    const result = loadPack(`${pack.split('lessons:')[0]}lessons:\n${body}`, 'pack.yaml');
    expect(result.errors.map((e) => e.message)).toEqual([]);
    expect(result.lessons.map((l) => l.id)).toEqual(['first-label']);
  });
});
